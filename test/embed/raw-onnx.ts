/**
 * An embedding path independent of transformers.js' pipeline: the tokenizer from
 * @huggingface/tokenizers, a bare onnxruntime-node InferenceSession on the same .onnx, and mean
 * pooling + L2 normalisation written out by hand. Used to compute the reference vectors pinned
 * in onnx-embedder.test.ts, and as the "raw onnxruntime" side of test/bench/match-embed.ts.
 *
 * Both packages come with @huggingface/transformers (onnxruntime-node is its dependency, the
 * tokenizer its tokenisation engine); nothing here is used at run time by the engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import * as ort from 'onnxruntime-node';
import type { BertSpec as ModelSpec } from '../../engine/embed/models.js';

export interface RawEmbedder {
  /** Token ids of a batch: [CLS] … [SEP], truncated to the model's window, padded to the longest. */
  tokenize(texts: readonly string[]): { ids: BigInt64Array; mask: BigInt64Array; rows: number; cols: number };
  /** Runs already tokenised input through the session and pools it. */
  run(batch: ReturnType<RawEmbedder['tokenize']>): Promise<Float32Array[]>;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

export async function createRawEmbedder(dir: string, spec: ModelSpec, threads: number): Promise<RawEmbedder> {
  const tokJson = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as object;
  const tokConfig = JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')) as object;
  const tokenizer = new Tokenizer(tokJson, tokConfig);
  const session = await ort.InferenceSession.create(join(dir, 'onnx', 'model_quantized.onnx'), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
  });
  const SEP = 102;

  const tokenize: RawEmbedder['tokenize'] = (texts) => {
    const seqs: number[][] = texts.map((t) => {
      const ids = tokenizer.encode(t).ids;
      return ids.length <= spec.maxTokens ? ids : [...ids.slice(0, spec.maxTokens - 1), SEP];
    });
    const cols = Math.max(...seqs.map((s) => s.length));
    const ids = new BigInt64Array(seqs.length * cols);
    const mask = new BigInt64Array(seqs.length * cols);
    seqs.forEach((s, r) => {
      s.forEach((id, c) => {
        ids[r * cols + c] = BigInt(id);
        mask[r * cols + c] = 1n;
      });
    });
    return { ids, mask, rows: seqs.length, cols };
  };

  const run: RawEmbedder['run'] = async ({ ids, mask, rows, cols }) => {
    const shape = [rows, cols];
    const out = await session.run({
      input_ids: new ort.Tensor('int64', ids, shape),
      attention_mask: new ort.Tensor('int64', mask, shape),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(rows * cols), shape),
    });
    const hidden = out.last_hidden_state?.data as Float32Array;
    const d = spec.dimensions;
    const vectors: Float32Array[] = [];
    for (let r = 0; r < rows; r++) {
      const v = new Float32Array(d);
      let n = 0;
      for (let c = 0; c < cols; c++) {
        if (mask[r * cols + c] === 0n) continue;
        // CLS pooling (BGE): the first token's vector alone.
        if (spec.pooling === 'cls' && c > 0) break;
        n++;
        const base = (r * cols + c) * d;
        for (let k = 0; k < d; k++) v[k] = (v[k] ?? 0) + (hidden[base + k] ?? 0);
      }
      let norm = 0;
      for (let k = 0; k < d; k++) {
        v[k] = (v[k] ?? 0) / n;
        norm += (v[k] ?? 0) ** 2;
      }
      norm = Math.sqrt(norm);
      for (let k = 0; k < d; k++) v[k] = (v[k] ?? 0) / norm;
      vectors.push(v);
    }
    return vectors;
  };

  return {
    tokenize,
    run,
    embed: (texts) => run(tokenize(texts)),
    close: () => session.release(),
  };
}
