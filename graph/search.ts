/**
 * Search inside the store (GraphStore.fullText), for backends that have a full-text index of their
 * own (`capabilities.nativeFullText`). The engine (engine/match/native-lexical.ts) analyses each
 * node's text fields into terms with the same code as its in-process index (so both backends see
 * the same terms) and hands them here; the store keeps them beside the node, indexed, and answers
 * BM25+ top-k queries over them with the viewer's visibility applied inside its query.
 *
 * Scoring is BM25+ with the caller's parameters and per-field boosts, its statistics (document
 * count, average field length, each term's document frequency) taken over exactly the documents of
 * the kind that the viewer may see: the same figures the in-process index gives (engine/match/bm25.ts),
 * so a hidden document moves no one's score and both backends rank alike.
 */
import type { GraphNode, NodeKind } from './model.js';
import type { Viewer } from './viewer.js';

/** A node's analysed text: per text field, its terms in order (repeats kept); an absent field has none. */
export interface NodeTerms {
  readonly id: string;
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

export interface FullTextQuery {
  readonly kind: NodeKind;
  /** Fields searched, each with its boost. */
  readonly fields: readonly { readonly field: string; readonly boost: number }[];
  /** Query terms, analysed as the stored ones were. */
  readonly terms: readonly string[];
  readonly k: number;
  /** BM25+ parameters: k1, b and the lower bound delta. */
  readonly bm25: { readonly k: number; readonly b: number; readonly d: number };
  /**
   * How the store finds the documents it scores (default `auto`): `exact` scores every visible
   * document holding a query term; `candidates` scores the best-matching ones its own index ranks
   * first (over-fetched, then scored exactly); `auto` takes exact while the matches are few. A
   * backend with one way only ignores it. For tests and benchmarks.
   */
  readonly strategy?: FullTextStrategy;
}

export type FullTextStrategy = 'auto' | 'exact' | 'candidates';

export interface FullTextHit {
  readonly id: string;
  readonly score: number;
  /** Query terms the document holds. */
  readonly terms: readonly string[];
}

/** The engine's analysis of a node into its stored terms; undefined for a node that is not searched. */
export type Analyzer = (node: GraphNode) => NodeTerms | undefined;

export interface FullTextSearch {
  /**
   * Stores the analysed terms of these nodes (replacing what was there; unknown ids are ignored).
   * Not a write of the record: no change-feed record, no revision change. A later upsert of the
   * node rewrites them in its own transaction with the analyzer given to `analyzeWith`; through a
   * store without one, it clears them until they are set again (the engine re-sets them from the feed).
   */
  setTerms(kind: NodeKind, nodes: readonly NodeTerms[]): Promise<void>;
  /**
   * From now on every upsert through this store writes the terms of the nodes it writes (or
   * changes) in the same transaction, so another process searching right after the commit finds
   * them. The engine passes the analysis it gives `setTerms`, so both write the same terms.
   */
  analyzeWith(analyze: Analyzer): void;
  /** The `k` best visible documents of one kind, best first, ties by id; never a hidden one. */
  search(query: FullTextQuery, viewer: Viewer): Promise<FullTextHit[]>;
  /** Visible index terms of a kind within `maxDistance` edits of `word`, sharing its first letter. */
  similarTerms(kind: NodeKind, word: string, maxDistance: number, viewer: Viewer): Promise<string[]>;
  /** Where the stored terms stand in the change feed (undefined: never set), shared by every process. */
  position(): Promise<{ epoch: string; seq: number } | undefined>;
  setPosition(epoch: string, seq: number): Promise<void>;
}
