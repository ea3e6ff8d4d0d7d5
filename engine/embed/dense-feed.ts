/**
 * The vector side as a read model of the change feed (engine/feed/follower.ts): a node of an
 * embedded kind that was written is embedded again when its text changed (same text, same hash:
 * no work), one that was removed loses its vector, and a person or organisation whose projects
 * or results changed (PARTICIPATED_IN, PRODUCED) gets its text, which names them, embedded again.
 *
 * Its feed position lives in the vector store beside the vectors (vector-store.ts
 * `feedPosition`) and moves only after the vectors of every record up to it are stored, so a
 * process killed between a write and its embedding leaves the position before that write: the
 * next catch-up, in any process, embeds it. With no position recorded (a data folder from before
 * the feed, or the feed no longer reaching back), a full pass like `ileanet embed` runs in the
 * background (text hashes skip what is current): nodes stored without a vector are embedded at
 * start-up, never left behind.
 */
import type { ChangeRecord, GraphNode, GraphStore, NodeKind } from '../../graph/index.js';
import { SYSTEM } from '../../graph/index.js';
import type { FeedPosition, ReadModel } from '../feed/index.js';
import type { VectorIndexSet } from '../vector/index.js';
import { embedGraph } from './embed-graph.js';
import type { Embedder } from './embedder.js';
import { EMBED_KINDS, type EmbedKind, isEmbedKind, nodeText, relatedTitles, textHash } from './node-text.js';

export interface DenseParts {
  readonly embedder: Embedder;
  readonly indexes: VectorIndexSet;
  readonly maxChars: number;
}

/** Relationship types whose change alters the text of their `from` end (node-text.ts relatedTitles). */
const TEXT_RELS = new Set(['PARTICIPATED_IN', 'PRODUCED']);

const LOOKUP = 1_000;
const EMBED_BATCH = 32;

/**
 * Embeds the current version of these nodes where their stored vector is missing or of another
 * text, and drops the vectors of those gone or now without text. Returns how many were embedded.
 */
export async function embedIds(
  store: GraphStore,
  parts: DenseParts,
  ids: ReadonlyMap<string, EmbedKind>,
): Promise<{ embedded: number; removed: number }> {
  let embedded = 0;
  let removed = 0;
  const all = [...ids.keys()];
  const found = new Map<string, GraphNode>();
  for (let i = 0; i < all.length; i += LOOKUP) {
    for (const n of await store.getNodes(all.slice(i, i + LOOKUP), SYSTEM)) found.set(n.id, n);
  }
  const gone = new Map<EmbedKind, string[]>();
  const byKind = new Map<EmbedKind, GraphNode[]>();
  for (const [id, kind] of ids) {
    const n = found.get(id);
    if (n === undefined || n.kind !== kind) {
      gone.set(kind, [...(gone.get(kind) ?? []), id]);
      continue;
    }
    byKind.set(kind, [...(byKind.get(kind) ?? []), n]);
  }
  for (const [kind, list] of gone) removed += await parts.indexes.delete(kind, list);
  for (const [kind, list] of byKind) {
    for (let i = 0; i < list.length; i += LOOKUP) {
      const page = list.slice(i, i + LOOKUP);
      const related = await relatedTitles(store, kind as NodeKind, page);
      const stored = await parts.indexes.hashes(
        kind,
        page.map((n) => n.id),
      );
      const texts = page.map((n) => ({ id: n.id, text: nodeText(n, related.get(n.id) ?? [], parts.maxChars) }));
      const empty = texts.filter((t) => t.text === '').map((t) => t.id);
      if (empty.length > 0) removed += await parts.indexes.delete(kind, empty);
      const todo = texts
        .filter((t) => t.text !== '')
        .map((t) => ({ ...t, hash: textHash(t.text) }))
        .filter((t) => stored.get(t.id) !== t.hash);
      for (let j = 0; j < todo.length; j += EMBED_BATCH) {
        const batch = todo.slice(j, j + EMBED_BATCH);
        const vectors = await parts.embedder.embed(
          batch.map((t) => t.text),
          'passage',
        );
        await parts.indexes.upsert(
          kind,
          batch.map((t, k) => {
            const vector = vectors[k];
            if (vector === undefined) throw new Error('the embedder returned fewer vectors than texts');
            return { id: t.id, textHash: t.hash, vector };
          }),
        );
        embedded += batch.length;
      }
    }
  }
  return { embedded, removed };
}

export class DenseReadModel implements ReadModel {
  readonly name: string;
  #position: FeedPosition;
  #reconciling: Promise<void> | undefined;
  readonly #abort = new AbortController();
  /** Nodes embedded by this process's catch-ups (Engine.afterWrite reports from it). */
  embedded = 0;

  private constructor(
    private readonly store: GraphStore,
    private readonly parts: DenseParts,
    private readonly log: (line: string) => void,
    position: FeedPosition,
  ) {
    this.name = `vectors (${parts.indexes.model})`;
    this.#position = position;
  }

  static async open(store: GraphStore, parts: DenseParts, log: (line: string) => void): Promise<DenseReadModel> {
    const p = await parts.indexes.feedPosition();
    return new DenseReadModel(store, parts, log, p === undefined ? { epoch: undefined, seq: 0 } : p);
  }

  position(): FeedPosition {
    return this.#position;
  }

  async apply(changes: readonly ChangeRecord[], epoch: string): Promise<void> {
    const ids = new Map<string, EmbedKind>();
    const ends = new Set<string>();
    for (const c of changes) {
      if (c.entity === 'node') {
        if (isEmbedKind(c.kind)) ids.set(c.id, c.kind);
      } else if (TEXT_RELS.has(c.type)) ends.add(c.from);
    }
    const unknown = [...ends].filter((id) => !ids.has(id));
    for (let i = 0; i < unknown.length; i += LOOKUP) {
      for (const n of await this.store.getNodes(unknown.slice(i, i + LOOKUP), SYSTEM)) {
        if (n.kind === 'Person' || n.kind === 'Organisation') ids.set(n.id, n.kind);
      }
    }
    const r = await embedIds(this.store, this.parts, ids);
    this.embedded += r.embedded;
    // Vectors other processes stored meanwhile (their own catch-ups of the same records) come in too.
    for (const kind of EMBED_KINDS) await this.parts.indexes.refresh(kind);
    const last = changes[changes.length - 1];
    if (last === undefined) return;
    this.#position = { epoch, seq: last.seq };
    // Only during a background pass is the stored position left alone (that pass sets it when done).
    if (this.#reconciling === undefined) await this.parts.indexes.setFeedPosition(epoch, last.seq);
  }

  /**
   * A full pass in the background (the dense side keeps answering with what it has); records
   * from now on are applied as usual meanwhile. The stored position is set when the pass is done.
   */
  async rebuild(epoch: string, head: number, why: string): Promise<void> {
    this.#position = { epoch, seq: head };
    if (this.#reconciling !== undefined) return;
    const started = performance.now();
    this.log(`${this.name}: checking every node's vector in the background (${why})`);
    this.#reconciling = embedGraph(this.store, this.parts.embedder, this.parts.indexes, {
      maxChars: this.parts.maxChars,
      signal: this.#abort.signal,
    })
      .then(async (report) => {
        const n = Object.values(report.kinds).reduce((s, k) => s + (k?.embedded ?? 0), 0);
        await this.parts.indexes.setFeedPosition(epoch, head);
        this.log(
          `${this.name}: every node checked in ${Math.round(performance.now() - started)} ms, ${n} embedded; following the feed from seq ${head}`,
        );
      })
      .catch((e: unknown) => {
        if (!this.#abort.signal.aborted) this.log(`${this.name}: the background pass failed: ${(e as Error).message}`);
      })
      .finally(() => {
        this.#reconciling = undefined;
      });
  }

  /** Resolves when no background pass runs (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.#reconciling;
  }

  async persist(): Promise<void> {
    await this.parts.indexes.save();
  }

  async close(): Promise<void> {
    this.#abort.abort();
    await this.#reconciling;
  }
}

export { EMBED_KINDS };
