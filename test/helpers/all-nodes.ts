/** Every node in a store, as the system sees it: kind by kind (in NODE_KINDS order), each kind in the store's page order. */
import { type GraphNode, NODE_KINDS } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM } from '../../graph/viewer.js';

export async function allNodes(store: GraphStore): Promise<GraphNode[]> {
  const out: GraphNode[] = [];
  for (const kind of NODE_KINDS) {
    let cursor: string | undefined;
    do {
      const page = await store.list({ kind, limit: 10_000, ...(cursor === undefined ? {} : { cursor }) }, SYSTEM);
      out.push(...page.items);
      cursor = page.next;
    } while (cursor !== undefined);
  }
  return out;
}
