/**
 * Universal Sentence Encoder Multilingual v3 as an Embedder: the SentencePiece tokenizer through
 * transformers.js (a Unigram tokenizer.json written at provision time from the model's own
 * sp.model), the network through onnxruntime-node (the graph convert.py built from the numpy
 * reference). One sentence per run, like the BERT models: a sentence's vector never depends
 * on what else is embedded with it.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '../embedder.js';
import { EmbedError } from '../errors.js';
import type { UsemSpec } from '../models.js';

/** SentencePiece ids of the sentence start and end pieces (<s>, </s>) in the model's vocabulary. */
const BOS = 1;
const EOS = 2;

export interface UsemRunner {
  /** Piece ids of a text with BOS and EOS, as the reference tokenizer gives them. */
  ids(text: string): number[];
  /** The unit-length vector of one sentence's ids. */
  run(ids: readonly number[]): Promise<Float32Array>;
  close(): Promise<void>;
}

/** Loads the tokenizer and the ONNX session of a USE-M folder (checked or not: the caller decides). */
export async function loadUsem(dir: string, threads: number): Promise<UsemRunner> {
  const { AutoTokenizer, env } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFSCache = false;
  const ort = await import('onnxruntime-node');
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(dir);
    session = await ort.InferenceSession.create(join(dir, 'onnx', 'model.onnx'), {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
    });
  } catch (e) {
    throw new EmbedError(
      'ERR_MODEL_NOT_PROVISIONED',
      `cannot load the USE-M model from ${dir}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
  return {
    ids: (text) => [BOS, ...tokenizer.encode(text, { add_special_tokens: false }), EOS],
    async run(ids) {
      const input = new ort.Tensor(
        'int64',
        BigInt64Array.from(ids, (i) => BigInt(i)),
        [ids.length],
      );
      const out = await session.run({ ids: input });
      const v = out['embedding'];
      if (v === undefined || v.dims[1] !== 512) {
        throw new EmbedError(
          'ERR_EMBED_FAILED',
          `the USE-M graph returned shape [${v?.dims.join(', ') ?? ''}], expected [1, 512]`,
        );
      }
      return Float32Array.from(v.data as Float32Array);
    },
    close: () => session.release(),
  };
}

export interface ReferenceCheck {
  readonly sentences: number;
  /** Sentences whose piece ids differ from the reference tokenizer's. */
  readonly idMismatches: readonly string[];
  readonly minCosine: number;
}

/** Cosine at or above which a vector counts as the reference's (float32 rounding differs between numpy and onnxruntime). */
export const REFERENCE_COSINE = 0.999;

/** Compares ids and vectors of the folder's reference.json (written by the wheel's own code) with ours. */
export async function checkReference(
  runner: UsemRunner,
  reference: {
    sentences: string[];
    ids: number[][];
    vectors: number[][];
  },
): Promise<ReferenceCheck> {
  const idMismatches: string[] = [];
  let minCosine = 1;
  for (const [i, sentence] of reference.sentences.entries()) {
    const want = reference.ids[i] ?? [];
    const got = runner.ids(sentence);
    if (got.length !== want.length || got.some((x, k) => x !== want[k])) idMismatches.push(sentence);
    const v = await runner.run(want);
    const r = reference.vectors[i] ?? [];
    let dot = 0;
    let a = 0;
    let b = 0;
    for (let k = 0; k < v.length; k++) {
      const x = v[k] as number;
      const y = r[k] ?? 0;
      dot += x * y;
      a += x * x;
      b += y * y;
    }
    minCosine = Math.min(minCosine, dot / Math.sqrt(a * b || 1));
  }
  return { sentences: reference.sentences.length, idMismatches, minCosine };
}

export interface UsemEmbedder extends Embedder {
  readonly spec: UsemSpec;
  readonly threads: number;
}

export async function createUsemEmbedder(
  spec: UsemSpec,
  dir: string,
  model: string,
  threads = availableParallelism(),
): Promise<UsemEmbedder> {
  const t = Math.max(1, Math.floor(threads));
  const runner = await loadUsem(dir, t);
  let closed = false;
  return {
    model,
    dimensions: spec.dimensions,
    spec,
    threads: t,
    async embed(texts) {
      if (closed) throw new EmbedError('ERR_EMBED_FAILED', 'embedder is closed');
      const out: Float32Array[] = [];
      for (const text of texts) out.push(await runner.run(runner.ids(text)));
      return out;
    },
    async close() {
      if (closed) return;
      closed = true;
      await runner.close();
    },
  };
}
