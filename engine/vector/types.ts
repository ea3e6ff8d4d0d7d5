/** What every per-kind vector index offers, exact or approximate. */

export interface SearchHit {
  readonly id: string;
  /** Cosine similarity, 1 = same direction. */
  readonly score: number;
}

/** Keeps only ids for which it returns true (e.g. what a viewer may see). */
export type IdFilter = (id: string) => boolean;

export interface KindIndex {
  readonly type: 'exact' | 'hnsw';
  /** Live (not deleted) vectors. */
  readonly size: number;
  has(id: string): boolean;
  /** Adds a vector, or replaces the vector of an id already present. */
  upsert(id: string, vector: Float32Array): void;
  /** Removes an id; false when it was not there. */
  remove(id: string): boolean;
  /** Up to `k` nearest ids by cosine, best first; fewer when fewer pass the filter. */
  search(query: Float32Array, k: number, filter?: IdFilter): SearchHit[];
  ids(): IterableIterator<string>;
}

/** Unit-length copy (a zero vector stays zero), so that cosine is a dot product. */
export function normalised(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] ?? 0) ** 2;
  const n = Math.sqrt(s);
  const out = new Float32Array(v.length);
  if (n === 0) return out;
  for (let i = 0; i < v.length; i++) out[i] = (v[i] ?? 0) / n;
  return out;
}
