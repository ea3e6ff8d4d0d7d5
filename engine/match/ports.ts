/**
 * What matching needs from the outside, as small ports: a dense (vector) search per node
 * kind and a query embedder. The vector code (engine/vector) is adapted to these in
 * ./dense-adapter.ts; tests plug in stand-ins. Keeping the port this small lets the index
 * behind it change (HNSW files, a backend's native vector search) without touching ranking.
 */

import type { NodeKind, Viewer } from '../../graph/index.js';
import type { Embedder } from '../embed/index.js';
import type { LexicalHit, LexicalKind } from './lexical.js';

export interface DenseHit {
  readonly id: string;
  /** Cosine similarity, higher is closer. */
  readonly score: number;
}

export interface DenseSearch {
  /**
   * The `k` nearest stored vectors of one kind, nearest first. Ids of every visibility come
   * back unless `filter` drops them (the caller still re-reads them through the store with
   * its viewer). Empty when the kind has no vectors. engine/vector's VectorIndexes fits as is.
   */
  search(kind: NodeKind, vector: Float32Array, k: number, filter?: (id: string) => boolean): Promise<DenseHit[]>;
  /**
   * The `k` nearest vectors of one kind the viewer may see, the visibility applied inside the
   * store's own query; present where the store keeps the vectors (engine/vector StoreVectorIndexes).
   * The matcher then uses it instead of `search` (engine/match/dense-keep.ts).
   */
  searchVisible?(kind: NodeKind, vector: Float32Array, k: number, viewer: Viewer): Promise<DenseHit[]>;
}

/** The dense side of retrieval: the model that embeds the query and the index it searches. */
export interface DenseSide {
  readonly embedder: Embedder;
  readonly index: DenseSearch;
  /**
   * ISO 639-1 codes of the languages the model places in one space with the (English) content;
   * absent means English only. A question in another language does not use this side.
   */
  readonly languages?: readonly string[];
}

/** Where matching writes operational lines (index rebuilt, model missing); one line per call. */
export type MatchLog = (line: string) => void;

/**
 * The lexical side of retrieval: BM25+ over the searchable kinds' text fields, visibility applied
 * by the search itself. Two adapters: the in-process index (./lexical.ts, the embedded backend's)
 * and the store's own full-text index (./native-lexical.ts), chosen by the store's capability.
 */
export interface LexicalSearch {
  /** Kinds searched. */
  readonly kinds: readonly LexicalKind[];
  /** The `k` best documents of one kind the viewer may see, best first, ties by id. */
  search(kind: LexicalKind, terms: readonly string[], k: number, viewer: Viewer): LexicalHit[] | Promise<LexicalHit[]>;
  /**
   * Whether the viewer may see document `id`, when the index can tell at once (a pre-filter for
   * dense hits); undefined when it cannot (the store re-read decides).
   */
  visible(kind: LexicalKind, id: string, viewer: Viewer): boolean | undefined;
  /** Index terms spelt like `word` in documents the viewer may see, closest first (cognates). */
  similarTerms(kind: LexicalKind, word: string, maxDistance: number, viewer: Viewer): string[] | Promise<string[]>;
  /**
   * How many documents of a kind the viewer may see hold `term`, where the index keeps that count
   * in the process (the in-process index); absent when it lives in the store. Used only by the
   * measured "corpus order" option of dictionary translation, which falls back to the
   * dictionary's order without it.
   */
  frequency?(kind: LexicalKind, term: string, viewer: Viewer): number;
}
