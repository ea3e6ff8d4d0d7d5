/** What every per-kind vector index offers, exact or approximate. */
import type { NodeKind, Viewer } from '../../graph/index.js';

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

/**
 * One model's vectors per node kind, written and searched together: the in-process
 * `VectorIndexes` (a vector store file and HNSW/exact indexes per kind) or `StoreVectorIndexes`
 * (the store's own, GraphStore.vectors). What embedding (engine/embed) and matching need of either.
 */
export interface VectorIndexSet {
  readonly model: string;
  readonly dims: number;
  /** Stores vectors (replacing those of the same ids) and makes them searchable. Atomic. */
  upsert(kind: NodeKind, rows: readonly { id: string; textHash: string; vector: Float32Array }[]): Promise<void>;
  /** Removes vectors; unknown ids are ignored. Returns how many went. */
  delete(kind: NodeKind, ids: readonly string[]): Promise<number>;
  has(kind: NodeKind, id: string): Promise<boolean>;
  /** Stored text hashes by id (all of the kind without `ids`); ids without a vector are absent. */
  hashes(kind: NodeKind, ids?: readonly string[]): Promise<Map<string, string>>;
  count(kind: NodeKind): Promise<number>;
  /** The `k` nearest vectors of a kind by cosine, best first, of every visibility unless `filter` drops them. */
  search(kind: NodeKind, query: Float32Array, k: number, filter?: IdFilter): Promise<SearchHit[]>;
  /**
   * The `k` nearest vectors of a kind the viewer may see, the visibility applied inside the store's
   * query; present only where the vectors live in the store (engine/match/dense-keep.ts uses it).
   */
  searchVisible?(kind: NodeKind, query: Float32Array, k: number, viewer: Viewer): Promise<SearchHit[]>;
  /** Picks up what other processes stored (nothing to do where the store is the index). */
  refresh(kind: NodeKind): Promise<void>;
  /** Writes what the process keeps on disk, if anything. */
  save(): Promise<void>;
  /** Where the vectors stand in the graph's change feed (engine/embed/dense-feed.ts); undefined: never set. */
  feedPosition(): Promise<{ epoch: string; seq: number } | undefined>;
  setFeedPosition(epoch: string, seq: number): Promise<void>;
  close(): Promise<void>;
}
