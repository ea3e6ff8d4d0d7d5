/**
 * A deterministic Embedder for unit tests: hashed bag of words (each lower-cased word adds ±1
 * to one of `dimensions` buckets), L2-normalised. Texts sharing words get a positive cosine,
 * so ranking tests can be written by hand; no model, no threads, no files.
 */
import type { Embedder, TextRole } from '../../engine/embed/embedder.js';

export interface FakeEmbedderOptions {
  readonly dimensions?: number;
  /** Part of the model string, so tests can simulate a model change. */
  readonly version?: string;
}

export interface FakeEmbedder extends Embedder {
  /** How many texts were embedded so far (tests assert that unchanged texts are skipped). */
  readonly calls: number;
  readonly texts: number;
}

/** FNV-1a, 32 bits: stable across runs and platforms. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function fakeVector(text: string, dimensions: number): Float32Array {
  const v = new Float32Array(dimensions);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const h = fnv1a(word);
    const i = h % dimensions;
    v[i] = (v[i] ?? 0) + (h & 0x80000000 ? -1 : 1);
  }
  let norm = Math.hypot(...v);
  if (norm === 0) {
    // No words: still a unit vector, as the Embedder contract promises.
    v[0] = 1;
    norm = 1;
  }
  for (let i = 0; i < dimensions; i++) v[i] = (v[i] ?? 0) / norm;
  return v;
}

export function createFakeEmbedder(options: FakeEmbedderOptions = {}): FakeEmbedder {
  const dimensions = options.dimensions ?? 384;
  let calls = 0;
  let texts = 0;
  let closed = false;
  return {
    model: `fake-bow-${dimensions}@${options.version ?? '1'}`,
    dimensions,
    get calls() {
      return calls;
    },
    get texts() {
      return texts;
    },
    async embed(input: readonly string[], _role: TextRole): Promise<Float32Array[]> {
      if (closed) throw new Error('embedder is closed');
      calls++;
      texts += input.length;
      return input.map((t) => fakeVector(t, dimensions));
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}
