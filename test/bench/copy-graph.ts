/** Copies every node and relationship (read as SYSTEM) from one store into another: benchmarks compare backends on the same data. */
import { NODE_KINDS, REL_TYPES } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM } from '../../graph/viewer.js';

export async function copyGraph(from: GraphStore, to: GraphStore): Promise<void> {
  for (const kind of NODE_KINDS) {
    let cursor: string | undefined;
    do {
      const page = await from.list({ kind, limit: 5_000, ...(cursor === undefined ? {} : { cursor }) }, SYSTEM);
      if (page.items.length > 0) await to.upsert({ nodes: page.items });
      cursor = page.next;
    } while (cursor !== undefined);
  }
  for (const type of REL_TYPES) {
    let cursor: string | undefined;
    do {
      const page = await from.relationships(
        { type, limit: 10_000, ...(cursor === undefined ? {} : { cursor }) },
        SYSTEM,
      );
      if (page.items.length > 0) await to.upsert({ relationships: page.items });
      cursor = page.next;
    } while (cursor !== undefined);
  }
}
