/**
 * Embeds the graph's searchable nodes and keeps the vector indexes in step.
 *
 * Resumable by construction: vectors are committed batch by batch with the hash of the text
 * they came from, and a node whose text hash is already stored for this model is skipped. A run
 * killed midway and started again embeds only what is left (and what changed since). A complete
 * pass records the change-feed position it covered (engine/embed/dense-feed.ts follows from there).
 */
import type { GraphStore, NodeKind } from '../../graph/index.js';
import { SYSTEM } from '../../graph/index.js';
import type { VectorIndexSet } from '../vector/index.js';
import type { Embedder } from './embedder.js';
import { EMBED_KINDS, type EmbedKind, nodeText, relatedTitles, textHash } from './node-text.js';

export interface EmbedProgress {
  readonly kind: EmbedKind;
  /** Nodes of this kind looked at so far, and in all. */
  readonly done: number;
  readonly total: number;
  readonly embedded: number;
  readonly skipped: number;
}

export interface EmbedGraphOptions {
  /** Default: every kind in EMBED_KINDS. */
  readonly kinds?: readonly EmbedKind[];
  /** Texts per call to the embedder (default 32). */
  readonly batchSize?: number;
  /** Nodes read from the store per page (default 500). */
  readonly pageSize?: number;
  /** Text cap in characters (default 1,024; see node-text.ts maxCharsFor). */
  readonly maxChars?: number;
  readonly onProgress?: (p: EmbedProgress) => void;
  /** Stops between batches; what was embedded so far stays stored. */
  readonly signal?: AbortSignal;
}

export interface KindReport {
  readonly nodes: number;
  readonly embedded: number;
  /** Text unchanged since the stored vector: not embedded again. */
  readonly skipped: number;
  /** Nodes with no text at all: no vector. */
  readonly empty: number;
  /** Vectors of nodes gone from the graph (or now without text), removed. */
  readonly removed: number;
}

export interface EmbedReport {
  readonly model: string;
  readonly kinds: Partial<Record<EmbedKind, KindReport>>;
  readonly seconds: number;
}

/**
 * Pages through the store's nodes of each kind, embeds those whose text changed, writes their
 * vectors (store and index together, through `indexes`), removes vectors of nodes that left the
 * graph, and saves the indexes. Throws if `indexes` belongs to another model than `embedder`.
 */
export async function embedGraph(
  store: GraphStore,
  embedder: Embedder,
  indexes: VectorIndexSet,
  options: EmbedGraphOptions = {},
): Promise<EmbedReport> {
  if (indexes.model !== embedder.model || indexes.dims !== embedder.dimensions) {
    throw new Error(
      `vector indexes are for ${indexes.model} (${indexes.dims}), the embedder is ${embedder.model} (${embedder.dimensions})`,
    );
  }
  const started = performance.now();
  const kinds = options.kinds ?? EMBED_KINDS;
  const batchSize = Math.max(1, options.batchSize ?? 32);
  const pageSize = Math.max(1, options.pageSize ?? 500);
  const maxChars = options.maxChars ?? 1_024;
  // Read before the pass: every write up to it is covered when the pass is complete.
  const feed = await store.feedInfo();
  const totals = (await store.stats(SYSTEM)).nodes;
  const report: Partial<Record<EmbedKind, KindReport>> = {};

  try {
    for (const kind of kinds) {
      const total = totals[kind as NodeKind] ?? 0;
      const seen = new Set<string>();
      let embedded = 0;
      let skipped = 0;
      let empty = 0;
      let done = 0;
      options.onProgress?.({ kind, done, total, embedded, skipped });
      let cursor: string | undefined;
      do {
        options.signal?.throwIfAborted();
        const page = await store.list({ kind, limit: pageSize, ...(cursor ? { cursor } : {}) }, SYSTEM);
        cursor = page.next;
        const related = await relatedTitles(store, kind, page.items);
        const stored = await indexes.hashes(
          kind,
          page.items.map((n) => n.id),
        );
        const todo: { id: string; text: string; hash: string }[] = [];
        for (const node of page.items) {
          const text = nodeText(node, related.get(node.id) ?? [], maxChars);
          if (text === '') {
            empty++;
            continue; // no `seen`: a stored vector from when it had text is removed below
          }
          seen.add(node.id);
          const hash = textHash(text);
          if (stored.get(node.id) === hash) skipped++;
          else todo.push({ id: node.id, text, hash });
        }
        done += page.items.length - todo.length;
        for (let i = 0; i < todo.length; i += batchSize) {
          options.signal?.throwIfAborted();
          const batch = todo.slice(i, i + batchSize);
          const vectors = await embedder.embed(
            batch.map((t) => t.text),
            'passage',
          );
          await indexes.upsert(
            kind,
            batch.map((t, k) => ({ id: t.id, textHash: t.hash, vector: vectors[k] as Float32Array })),
          );
          embedded += batch.length;
          done += batch.length;
          options.onProgress?.({ kind, done, total, embedded, skipped });
        }
        options.onProgress?.({ kind, done, total, embedded, skipped });
      } while (cursor);

      // The pass was complete, so whatever is stored but was not seen has left the graph.
      const gone = [...(await indexes.hashes(kind)).keys()].filter((id) => !seen.has(id));
      const removed = await indexes.delete(kind, gone);
      await indexes.save();
      report[kind] = { nodes: done, embedded, skipped, empty, removed };
    }
    // A pass over every embedded kind: processes following the change feed start from here.
    if (EMBED_KINDS.every((k) => kinds.includes(k))) {
      await indexes.setFeedPosition(feed.epoch, feed.head);
    }
  } finally {
    // Interrupted or not, the indexes on disk reflect every vector committed so far.
    await indexes.save();
  }
  return { model: embedder.model, kinds: report, seconds: (performance.now() - started) / 1000 };
}
