/**
 * The real Embedder: a quantized BERT sentence model run by @huggingface/transformers on
 * onnxruntime-node, from a folder provisioned by `ileanet model fetch`. Never touches a hub:
 * remote loading is switched off and the model is addressed by its absolute folder path.
 */
import { availableParallelism } from 'node:os';
import type { Embedder, TextRole } from './embedder.js';
import { EmbedError } from './errors.js';
import { DEFAULT_MODEL, defaultModelsDir, type ModelSpec, resolveModel } from './models.js';
import { modelDir, verifyModel } from './provision.js';

export interface OnnxEmbedderOptions {
  /** Name, alias or model string (`minilm`, `e5-small`, `all-minilm-l6-v2-q@1.20.0-beta30`). */
  readonly model?: string;
  readonly modelsDir?: string;
  /** onnxruntime intra-op threads (default: all cores). */
  readonly threads?: number;
  /**
   * Texts per forward pass (default 1). The quantized models quantize activations dynamically,
   * with one scale per tensor: in a batch, a text's vector depends on its batch-mates (cosine to
   * the text embedded alone measured down to 0.990 for MiniLM at 32), which breaks "same text,
   * same vector" that the text-hash cache relies on. On 2 cores batching bought no throughput
   * either (test/bench/match-embed.ts), so one text per pass is the default; >1 is for benchmarks.
   */
  readonly batchSize?: number;
}

export interface OnnxEmbedder extends Embedder {
  readonly spec: ModelSpec;
  readonly threads: number;
}

/** The subset of transformers.js' FeatureExtractionPipeline used here. */
interface FeaturePipeline {
  (
    texts: string[],
    options: { pooling: 'mean' | 'cls'; normalize: boolean },
  ): Promise<{ data: ArrayLike<number>; dims: number[] }>;
  dispose(): Promise<void>;
}

/**
 * Loads the model (about 0.3 s for MiniLM). Throws ERR_MODEL_NOT_PROVISIONED, naming the command
 * to run, when the folder is missing, and ERR_CHECKSUM_MISMATCH when its files were altered.
 */
export async function createOnnxEmbedder(options: OnnxEmbedderOptions = {}): Promise<OnnxEmbedder> {
  const spec = resolveModel(options.model ?? DEFAULT_MODEL);
  const dir = modelDir(options.modelsDir ?? defaultModelsDir(), spec);
  const manifest = verifyModel(dir, spec);
  const requested = options.model?.split('@')[1];
  if (requested !== undefined && requested !== manifest.version) {
    throw new EmbedError(
      'ERR_MODEL_NOT_PROVISIONED',
      `${options.model} was asked for but ${dir} holds ${manifest.model}: fetch that version with \`ileanet model fetch --model ${spec.aliases[0]} --force\``,
    );
  }
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  if (spec.format === 'usem') {
    const { createUsemEmbedder } = await import('./usem/embedder.js');
    return createUsemEmbedder(spec, dir, manifest.model, threads);
  }
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1));

  const { env, pipeline } = await import('@huggingface/transformers');
  // Air-gapped by construction: no remote lookups, and no copy into the library's own cache
  // folder (inside node_modules) that could later shadow the provisioned files.
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFSCache = false;
  env.localModelPath = options.modelsDir ?? defaultModelsDir();
  let extractor: FeaturePipeline;
  try {
    extractor = (await pipeline('feature-extraction', dir, {
      dtype: 'q8', // → onnx/model_quantized.onnx
      device: 'cpu',
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
    })) as unknown as FeaturePipeline;
  } catch (e) {
    throw new EmbedError(
      'ERR_MODEL_NOT_PROVISIONED',
      `cannot load ${manifest.model} from ${dir}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }

  let closed = false;
  const runBatch = async (texts: string[]): Promise<Float32Array[]> => {
    const out = await extractor(texts, { pooling: spec.pooling, normalize: true });
    const dims = out.dims[1] ?? 0;
    if (out.dims[0] !== texts.length || dims !== spec.dimensions) {
      throw new EmbedError(
        'ERR_EMBED_FAILED',
        `model returned shape [${out.dims.join(', ')}], expected [${texts.length}, ${spec.dimensions}]`,
      );
    }
    const data = Float32Array.from(out.data);
    return texts.map((_, i) => data.slice(i * dims, (i + 1) * dims));
  };

  return {
    model: manifest.model,
    dimensions: spec.dimensions,
    spec,
    threads,
    async embed(texts: readonly string[], role: TextRole): Promise<Float32Array[]> {
      if (closed) throw new EmbedError('ERR_EMBED_FAILED', 'embedder is closed');
      if (texts.length === 0) return [];
      const prefix = spec.prefixes[role];
      // With batchSize > 1: batches of similar length waste little on padding (padded to the longest).
      const order = texts.map((t, i) => ({ i, len: t.length })).sort((a, b) => a.len - b.len);
      const result: Float32Array[] = new Array(texts.length);
      for (let s = 0; s < order.length; s += batchSize) {
        const chunk = order.slice(s, s + batchSize);
        const vectors = await runBatch(chunk.map((c) => prefix + (texts[c.i] ?? '')));
        chunk.forEach((c, k) => {
          result[c.i] = vectors[k] as Float32Array;
        });
      }
      return result;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await extractor.dispose();
    },
  };
}
