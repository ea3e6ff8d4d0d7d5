/**
 * The system of record. Every backend (embedded SQLite, Neo4j) implements this
 * interface and passes the same contract suite (test/contracts/graph-store.contract.ts).
 * The engine never asks which backend it has; it reads `capabilities`.
 *
 * Reads take a `Viewer` and never return, traverse through, or count what that viewer
 * may not see: the filter sits inside the backend's query.
 */
import type { ChangePage, FeedRetention } from './feed.js';
import type { GraphNode, GraphRel, NodeKind, RelType } from './model.js';
import type { FullTextSearch } from './search.js';
import type { SharedReadModels } from './shared.js';
import type { Batch } from './validate.js';
import type { VectorSearch } from './vectors.js';
import type { Viewer } from './viewer.js';

export type { ChangePage, ChangeRecord, FeedRetention, NodeChange, RelChange } from './feed.js';
export type { Batch, Precondition } from './validate.js';

/** Where the change feed stands (for operators: `ileanet stats`). */
/** The feed's head and redaction mark at one moment (GraphStore.feedMarks). */
export interface FeedMarks {
  readonly head: number;
  /** Seq through which an erasure redacted the feed (0: never). */
  readonly redacted: number;
}

export interface FeedInfo {
  readonly epoch: string;
  /** Last committed seq (0: nothing written yet). */
  readonly head: number;
  /** Oldest seq still kept (head + 1 when none is); a reader that applied less than oldest − 1 must rebuild. */
  readonly oldest: number;
  /** Records kept. */
  readonly records: number;
  /** Seq through which an erasure redacted the feed (0: never); see `redactChanges`. */
  readonly redacted: number;
}

export interface RedactReport {
  /** Records dropped from the kept feed. */
  readonly records: number;
  /** Segments (one per write) rewritten. */
  readonly segments: number;
  /** The feed's redaction mark after the call (ChangePage.redacted). */
  readonly redacted: number;
}

export interface Capabilities {
  /** Batches are applied in one transaction (all or nothing). */
  readonly transactions: boolean;
  /**
   * The backend keeps and searches vectors itself: `GraphStore.vectors` is there, and the engine
   * keeps no vector files or indexes of its own.
   */
  readonly nativeVectorSearch: boolean;
  /** The backend has a full-text index of its own: `GraphStore.fullText` is there. */
  readonly nativeFullText: boolean;
  /**
   * Read models' saved copies are kept inside the store, shared by every process that opens it
   * (`GraphStore.shared` is there): a new app server starts from them with an empty data folder.
   */
  readonly sharedReadModels: boolean;
  /** Largest batch (nodes plus relationships) the backend takes in one `upsert` call; callers chunk above it. */
  readonly maxBatchSize: number;
}

export interface ChangeCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

export interface UpsertResult {
  readonly nodes: ChangeCounts;
  readonly relationships: ChangeCounts;
  /** The same counts per node kind and per relationship type (kinds and types absent from the batch are left out). */
  readonly byKind: Partial<Record<NodeKind, ChangeCounts>>;
  readonly byType: Partial<Record<RelType, ChangeCounts>>;
}

/** Comparison on one field. On an array field, equality and `in` mean "contains". */
export type Scalar = string | number | boolean;
export type FieldFilter =
  | Scalar
  | { readonly in: readonly Scalar[] }
  | { readonly gte?: Scalar; readonly lte?: Scalar; readonly gt?: Scalar; readonly lt?: Scalar }
  | { readonly exists: boolean };
/** Conditions on core fields (`id`, `visibility`, `owner`, `date`) or the kind's own fields, all of which must hold. */
export type Where = Readonly<Record<string, FieldFilter>>;

export interface ListQuery {
  readonly kind: NodeKind;
  readonly where?: Where;
  /** Page size, 1..10,000 (default 100). */
  readonly limit?: number;
  /** Opaque cursor from the previous page's `next`. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Cursor of the next page; absent on the last page. */
  readonly next?: string;
}

export type TimeUnit = 'year' | 'quarter' | 'month';

export interface CountQuery {
  readonly kind: NodeKind;
  readonly where?: Where;
  /**
   * What to group by: one of the kind's fields (array fields count once per element),
   * or the ids of nodes reached over one relationship (e.g. Challenge -ABOUT-> Topic).
   * Absent: one group.
   */
  readonly groupBy?: string | { readonly rel: RelType; readonly direction: 'out' | 'in'; readonly kind?: NodeKind };
  /** Time buckets on the node's `date` (or another date field of the kind). */
  readonly bucket?: { readonly unit: TimeUnit; readonly field?: string };
}

export interface CountRow {
  /**
   * Group key. Nodes with no value for the grouped field (missing, an empty list, nothing
   * visible across the relationship) count once under `null`; without `groupBy` the single
   * row's key is `null`. Where `null` rows sort among the others is the backend's choice.
   */
  readonly key: string | number | boolean | null;
  /** `2024`, `2024-Q3` or `2024-07`; absent without `bucket`, `null` for nodes without a date. */
  readonly bucket?: string | null;
  readonly count: number;
}

export type Direction = 'out' | 'in' | 'both';

export interface ExpandOptions {
  /** 1..4 (default 1); out of range is `ERR_INVALID_QUERY`, as for every limit here. */
  readonly hops?: number;
  /** Follow only these relationship types (default all). */
  readonly relTypes?: readonly RelType[];
  /** Visit and return only nodes of these kinds (the start node is always returned). */
  readonly kinds?: readonly NodeKind[];
  readonly direction?: Direction;
  /** At most this many nodes besides the start (default 1,000, max 50,000): nearest first. */
  readonly limit?: number;
}

export interface Subgraph {
  /** Start node first, then by distance, then id. `depth` is the hop distance from the start. */
  readonly nodes: readonly (GraphNode & { readonly depth: number })[];
  /** Relationships traversed between returned nodes, each once. */
  readonly relationships: readonly GraphRel[];
}

export interface PathOptions {
  /** 1..8 (default 4). */
  readonly maxHops?: number;
  readonly relTypes?: readonly RelType[];
  /** Number of shortest paths returned, all of the same minimal length (default 1, max 100). */
  readonly limit?: number;
}

export interface Path {
  /** From the first to the last node, in order. */
  readonly nodes: readonly GraphNode[];
  /** `relationships[i]` joins `nodes[i]` and `nodes[i+1]`, in its stored direction. */
  readonly relationships: readonly GraphRel[];
}

export interface RelQuery {
  readonly type: RelType;
  /** Relationships whose `from` (or `to`) is one of these ids. */
  readonly from?: readonly string[];
  readonly to?: readonly string[];
  readonly limit?: number;
  readonly cursor?: string;
}

export interface GraphStore {
  /** A name for logs and benchmark output; the engine must not branch on it. */
  readonly backend: string;
  readonly capabilities: Capabilities;
  /**
   * Lexical search inside the store (graph/search.ts), present exactly when
   * `capabilities.nativeFullText`: the engine then keeps no lexical index of its own.
   */
  readonly fullText?: FullTextSearch;
  /** Saved copies of read models inside the store (graph/shared.ts), present exactly when `capabilities.sharedReadModels`. */
  readonly shared?: SharedReadModels;
  /**
   * Vectors kept and searched inside the store (graph/vectors.ts), present exactly when
   * `capabilities.nativeVectorSearch`: the engine then keeps no vector store or index of its own.
   */
  readonly vectors?: VectorSearch;

  /** Opens the store and brings its schema (tables, constraints, indexes) up to date. Idempotent. */
  init(): Promise<void>;

  /**
   * Creates or replaces nodes and relationships, keyed by node id and by
   * (type, from, to). Replacing means the stored record becomes exactly the given one.
   * Atomic: on any invalid record, dangling end or storage failure the whole batch is
   * rejected with a `GraphError` naming every bad record and field, and nothing is written.
   * Re-sending the same batch changes nothing and reports it as `unchanged`.
   * `batch.expect` conditions are checked under the write lock, held to commit: when one fails,
   * `ERR_CONFLICT` and nothing is written (so two read-decide-write callers never both win).
   */
  upsert(batch: Batch): Promise<UpsertResult>;

  /** The node, or `undefined` when it does not exist or the viewer may not see it. */
  getNode(id: string, viewer: Viewer): Promise<GraphNode | undefined>;

  /** The visible nodes among `ids`, in the order of `ids`; missing and hidden ids are left out. */
  getNodes(ids: readonly string[], viewer: Viewer): Promise<GraphNode[]>;

  /**
   * Erases nodes and every relationship touching them (GDPR erasure). Atomic.
   * Ids that do not exist are ignored. Returns how many nodes and relationships went.
   */
  deleteNodes(ids: readonly string[]): Promise<{ nodes: number; relationships: number }>;

  /** Removes relationships by key; unknown keys are ignored. Atomic. */
  deleteRelationships(keys: readonly Pick<GraphRel, 'type' | 'from' | 'to'>[]): Promise<number>;

  /**
   * Nodes within `hops` of `id`, never entering nodes the viewer may not see.
   * Empty subgraph when the start does not exist or is hidden.
   */
  neighbourhood(id: string, options: ExpandOptions, viewer: Viewer): Promise<Subgraph>;

  /**
   * The one-hop neighbourhood of each of `ids`, in the order of `ids`: element i is exactly what
   * `neighbourhood(ids[i], { ...options, hops: 1 })` returns (empty for a hidden or missing start;
   * `limit` applies per start). One call, so a server backend answers in one round trip: the
   * evidence walks of who-solved read the neighbours of all their candidates at once.
   * `hops` other than 1 and more than 10,000 ids are `ERR_INVALID_QUERY`.
   */
  neighbourhoodsOf(ids: readonly string[], options: ExpandOptions, viewer: Viewer): Promise<Subgraph[]>;

  /**
   * Shortest paths (ignoring direction) from one node to another through visible nodes
   * only, up to `maxHops`. Empty when there is none, or either end is hidden or missing.
   */
  shortestPaths(from: string, to: string, options: PathOptions, viewer: Viewer): Promise<Path[]>;

  /** Visible nodes of one kind matching `where`, ordered by id, a page at a time. */
  list(query: ListQuery, viewer: Viewer): Promise<Page<GraphNode>>;

  /** Visible relationships of one type, ordered by (from, to), a page at a time. Both ends must be visible. */
  relationships(query: RelQuery, viewer: Viewer): Promise<Page<GraphRel>>;

  /** Counts of visible nodes per group and time bucket, ordered by bucket then key. */
  count(query: CountQuery, viewer: Viewer): Promise<CountRow[]>;

  /**
   * An opaque token that changes whenever stored data changes, through this handle or another
   * (a second process, a CLI ingest beside a server). Equal tokens mean nothing changed in
   * between, so a cache of derived data (analytics snapshots) stays valid. Cheap: one read.
   * It is the feed's epoch and head seq: it moves exactly when the feed gains records.
   */
  revision(): Promise<string>;

  /**
   * The change feed (graph/feed.ts). Every committed write appends, in its own transaction, one
   * record per node or relationship it created, changed or removed (deleteNodes also lists the
   * relationships it cascaded to); an `unchanged` record and a rejected batch append nothing.
   * Returns the records with seq > `afterSeq`, in order, at most `limit` (default 10,000, at most
   * 100,000; whole pages end at a write's boundary only when they can). Read as SYSTEM: ids of
   * every visibility come back, so this is for the engine's read models, never for a viewer.
   * `gap` says the reader fell behind the retention window (or the feed was reset) and must rebuild.
   */
  changes(afterSeq: number, limit?: number): Promise<ChangePage>;

  /** The last committed seq (0 on an empty feed). Cheap: one read; readers poll it. */
  headSeq(): Promise<number>;

  /**
   * The head and the redaction mark (ChangePage.redacted) read together, in one read: what a
   * follower polls, so that it learns of new writes and of an erasure in one round trip.
   */
  feedMarks(): Promise<FeedMarks>;

  /** Epoch, head, oldest kept seq and size of the feed. */
  feedInfo(): Promise<FeedInfo>;

  /**
   * Drops records by the retention rule (graph/feed.ts DEFAULT_RETENTION unless given): older than
   * `days` or beyond the newest `records`. Returns how many records went. Stores also run it by
   * themselves after writes, at most once a minute.
   */
  pruneChanges(retention?: FeedRetention): Promise<number>;

  /**
   * Erasure: rewrites the kept change feed so that no record names any of `ids` (node records of
   * those ids, relationship records with either end among them go), then makes what the backend
   * keeps on disk forget the old bytes where it can (embedded: secure_delete is on, and the WAL is
   * checkpointed and truncated). Moves the redaction mark to the last rewritten seq: a reader that
   * had applied less gets `gap: true` and rebuilds from the store, so none is ever served a
   * redacted page. Atomic. Ids named nowhere change nothing (the report counts zero).
   */
  redactChanges(ids: readonly string[]): Promise<RedactReport>;

  /** Number of visible nodes per kind (kinds with none are 0) and of relationships per type. */
  stats(viewer: Viewer): Promise<{ nodes: Record<NodeKind, number>; relationships: Record<RelType, number> }>;

  /** Releases connections and file handles. Further calls fail. */
  close(): Promise<void>;
}
