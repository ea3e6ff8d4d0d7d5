/**
 * Keeping the read side current after a write made through this process (a challenge raised
 * from the API or a bot): the lexical index takes the node at once, the dense side embeds it
 * into the same vector store and index `ileanet embed` fills, and the analytics snapshot is
 * dropped. Engine.afterWrite is this function, wired to the engine's own indexes.
 *
 * The persisted lexical index is not rewritten here: its stamp no longer matches the store's
 * counts, so the next process to open it rebuilds it (engine/match/lexical.ts).
 */
import type { GraphNode, NodeKind } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import { EMBED_KINDS, type EmbedKind, isEmbedKind, nodeText, relatedTitles, textHash } from '../embed/node-text.js';
import type { LexicalIndex } from '../match/lexical.js';
import type { DenseWriter } from '../match/open.js';

export interface WriteSyncParts {
  readonly store: GraphStore;
  readonly lexical: LexicalIndex;
  readonly denseWriter?: DenseWriter;
  readonly invalidate: () => void;
  readonly log: (line: string) => void;
}

export interface AfterWriteReport {
  /** Nodes now in (or replaced in) the lexical index. */
  readonly indexed: number;
  /** Nodes embedded into the dense index (0 without a dense side). */
  readonly embedded: number;
  /** Why embedding failed, when it did: the write stands, and `ileanet embed` catches up later. */
  readonly problem?: string;
}

export function createAfterWrite(
  parts: WriteSyncParts,
): (nodes: readonly GraphNode[], removedIds?: readonly string[]) => Promise<AfterWriteReport> {
  return async (nodes, removedIds = []) => {
    parts.lexical.remove(removedIds);
    parts.lexical.upsert(nodes);
    const kinds: readonly string[] = parts.lexical.kinds;
    const indexed = nodes.filter((n) => kinds.includes(n.kind)).length;
    let embedded = 0;
    let problem: string | undefined;
    const writer = parts.denseWriter;
    if (writer !== undefined) {
      try {
        embedded = await embedNodes(parts.store, writer, nodes);
        for (const kind of EMBED_KINDS) await writer.indexes.delete(kind, removedIds);
      } catch (e) {
        // The write itself succeeded and is findable by words; the vector follows at the next `ileanet embed`.
        problem = `embedding ${nodes.length} written node(s) failed: ${(e as Error).message}`;
        parts.log(problem);
      }
    }
    parts.invalidate();
    return { indexed, embedded, ...(problem === undefined ? {} : { problem }) };
  };
}

/** Embeds nodes of the embedded kinds as `ileanet embed` would (same text, same hash), by kind. */
async function embedNodes(store: GraphStore, writer: DenseWriter, nodes: readonly GraphNode[]): Promise<number> {
  const byKind = new Map<EmbedKind, GraphNode[]>();
  for (const n of nodes) {
    if (!isEmbedKind(n.kind)) continue;
    const list = byKind.get(n.kind) ?? [];
    list.push(n);
    byKind.set(n.kind, list);
  }
  let embedded = 0;
  for (const [kind, list] of byKind) {
    const related = await relatedTitles(store, kind as NodeKind, list);
    const texts = list.map((n) => ({ id: n.id, text: nodeText(n, related.get(n.id) ?? [], writer.maxChars) }));
    const empty = texts.filter((t) => t.text === '').map((t) => t.id);
    const todo = texts.filter((t) => t.text !== '');
    if (empty.length > 0) await writer.indexes.delete(kind, empty);
    if (todo.length === 0) continue;
    const vectors = await writer.embedder.embed(
      todo.map((t) => t.text),
      'passage',
    );
    await writer.indexes.upsert(
      kind,
      todo.map((t, i) => {
        const vector = vectors[i];
        if (vector === undefined) throw new Error('the embedder returned fewer vectors than texts');
        return { id: t.id, textHash: textHash(t.text), vector };
      }),
    );
    embedded += todo.length;
  }
  return embedded;
}
