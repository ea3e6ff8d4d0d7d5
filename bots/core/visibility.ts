/** How sensitive a reply is: the highest visibility among the nodes it shows, read for the asking viewer. */
import type { GraphStore, Visibility } from '../../graph/index.js';
import { VISIBILITY_RANK, type Viewer } from '../../graph/index.js';

/** `public` when `ids` is empty; ids the viewer cannot see are not shown, so they do not count. */
export async function visibilityOf(
  store: Pick<GraphStore, 'getNodes'>,
  ids: Iterable<string>,
  viewer: Viewer,
): Promise<Visibility> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return 'public';
  let highest: Visibility = 'public';
  for (const node of await store.getNodes(unique, viewer)) {
    if (VISIBILITY_RANK[node.visibility] > VISIBILITY_RANK[highest]) highest = node.visibility;
  }
  return highest;
}
