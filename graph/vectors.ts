/**
 * Vectors kept and searched inside the store (GraphStore.vectors), for backends with a vector
 * index of their own (`capabilities.nativeVectorSearch`). The engine (engine/embed) decides what
 * is embedded and with which model; the store keeps each node's vector of a model beside the node,
 * indexed per kind (cosine), and answers nearest-neighbour queries with the viewer's visibility
 * applied inside its query, so a hidden node neither comes back nor takes a place among the k.
 *
 * Vectors are read models, not records: writing one appends no change-feed record and does not move
 * the revision. A node's vectors go with the node (deleteNodes, erasure); replacing the record
 * keeps them (its text may be the same; the engine re-embeds by text hash when it changed).
 */
import type { NodeKind } from './model.js';
import type { Viewer } from './viewer.js';

export interface StoredVectorRow {
  readonly id: string;
  /** Hash of the exact text embedded: the same hash means the same vector (engine/embed/node-text.ts). */
  readonly textHash: string;
  readonly vector: Float32Array;
}

/**
 * How a search finds its k: `index` asks the vector index (approximate) for more than k and keeps
 * the visible ones, widening until k pass; `exact` scores every visible vector; `auto` (default)
 * takes `exact` when the viewer sees few vectors (or a small share of them), else `index`.
 */
export type VectorStrategy = 'auto' | 'index' | 'exact';

export interface VectorQuery {
  readonly kind: NodeKind;
  readonly model: string;
  readonly vector: Float32Array;
  readonly k: number;
  readonly strategy?: VectorStrategy;
}

export interface VectorHit {
  readonly id: string;
  /** Cosine similarity, 1 = same direction. */
  readonly score: number;
}

/** How a search went, for benchmarks and tests (`searchExplained`). */
export interface VectorSearchTrace {
  readonly strategy: 'index' | 'exact';
  /** Index queries run (0 for exact) and the widest one asked for. */
  readonly rounds: number;
  readonly fetched: number;
}

export interface VectorSearch {
  /**
   * Makes ready the vector index of each kind for `model` (cosine, `dims` dimensions) and waits
   * until it is online. Idempotent; throws GraphError `ERR_INVALID_QUERY` when the model's index
   * exists with other dimensions.
   */
  prepare(model: string, dims: number, kinds: readonly NodeKind[]): Promise<void>;
  /**
   * Stores (replacing) the vectors of these nodes of `kind` for `model`; ids of no node of that kind
   * are ignored. Atomic. A vector of the wrong length is `ERR_INVALID_QUERY` and nothing is stored.
   */
  put(kind: NodeKind, model: string, rows: readonly StoredVectorRow[]): Promise<void>;
  /** Removes the vectors of `model` of these ids (unknown ids ignored); returns how many went. Atomic. */
  remove(kind: NodeKind, model: string, ids: readonly string[]): Promise<number>;
  /** Stored text hashes of `model`'s vectors of `kind`, by id (all of them without `ids`); ids without one are absent. */
  hashes(kind: NodeKind, model: string, ids?: readonly string[]): Promise<Map<string, string>>;
  /** How many vectors of `model` the nodes of `kind` hold. */
  count(kind: NodeKind, model: string): Promise<number>;
  /**
   * The `k` nearest vectors of the kind the viewer may see, nearest first, equal scores by id;
   * never a hidden one, and a hidden one takes no place (the filter is inside the store's query).
   */
  search(query: VectorQuery, viewer: Viewer): Promise<VectorHit[]>;
  /** `search`, with how it went. */
  searchExplained(query: VectorQuery, viewer: Viewer): Promise<{ hits: VectorHit[]; trace: VectorSearchTrace }>;
  /** Where `model`'s stored vectors stand in the change feed (undefined: never set), shared by every process. */
  position(model: string): Promise<{ epoch: string; seq: number } | undefined>;
  /** Records a position; within one epoch it only moves forward (processes catch up in any order). */
  setPosition(model: string, epoch: string, seq: number): Promise<void>;
}
