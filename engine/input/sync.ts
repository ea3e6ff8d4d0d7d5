/**
 * After a write made through this process (a challenge raised from the API or a bot): every read
 * model of the engine catches up with the change feed at once (engine/feed/follower.ts), the
 * same way it picks up writes of other processes, so the new node is findable by words and, with
 * a dense side, by meaning before the answer goes out. Engine.afterWrite is this function.
 */
import type { GraphNode, NodeKind } from '../../graph/index.js';
import { isEmbedKind } from '../embed/index.js';
import type { Follower } from '../feed/index.js';
import type { LexicalSearch } from '../match/index.js';
import type { VectorIndexSet } from '../vector/index.js';

export interface WriteSyncParts {
  readonly follower: Follower;
  readonly lexical: LexicalSearch;
  readonly vectors?: VectorIndexSet;
  readonly log: (line: string) => void;
}

export interface AfterWriteReport {
  /** Written nodes of indexed kinds now in the lexical index. */
  readonly indexed: number;
  /** Written nodes that have their vector in the dense index (0 without a dense side). */
  readonly embedded: number;
  /** Why catching up failed, when it did: the write stands, and the next catch-up retries. */
  readonly problem?: string;
}

export function createAfterWrite(
  parts: WriteSyncParts,
): (nodes: readonly GraphNode[], removedIds?: readonly string[]) => Promise<AfterWriteReport> {
  return async (nodes) => {
    let problem: string | undefined;
    try {
      await parts.follower.catchUp();
    } catch (e) {
      // The write itself succeeded; the read models follow at the next catch-up (any process's).
      problem = `catching up after a write failed: ${(e as Error).message}`;
      parts.log(problem);
    }
    const kinds: readonly string[] = parts.lexical.kinds;
    const indexed = nodes.filter((n) => kinds.includes(n.kind)).length;
    let embedded = 0;
    if (parts.vectors !== undefined) {
      for (const n of nodes) {
        if (isEmbedKind(n.kind) && (await parts.vectors.has(n.kind as NodeKind, n.id))) embedded++;
      }
    }
    return { indexed, embedded, ...(problem === undefined ? {} : { problem }) };
  };
}
