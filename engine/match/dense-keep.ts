/**
 * Dense hits the viewer may see: the one filter every nearest-vector search of the matcher goes
 * through (retrieval, abstention's calibration, a need's neighbours).
 */
import type { GraphStore, Viewer } from '../../graph/index.js';
import type { LexicalKind } from './lexical.js';
import type { LexicalSearch } from './ports.js';

/** Extra dense candidates fetched per kind to make up for hidden ones dropped after the search. */
export const DENSE_SLACK = 10;

/**
 * Which dense hits a viewer may see. The vector indexes hold no visibility: the in-process lexical
 * index can tell at once (it keeps each document's visibility), the store's own full-text index
 * cannot, and then the store is asked. Every dense search filters through this before a hit takes
 * a place, a rank or a count: a hidden vector let through to be dropped at the later store re-read
 * would still push a visible one out of the top k and move the counts (on Neo4j it did).
 */
export interface DenseKeep {
  /** Whose visibility: a store that searches its own vectors applies it inside its query. */
  readonly viewer: Viewer;
  /** Ids that never pass (a need's own challenge). */
  readonly exclude: ReadonlySet<string>;
  /** true or false when known at once; undefined when only the store can tell. */
  now(id: string): boolean | undefined;
  /** The ids among `ids` the viewer may see (one store read). */
  resolve(ids: readonly string[]): Promise<ReadonlySet<string>>;
}

/** The viewer's filter for dense hits of a kind (`exclude`d ids never pass). */
export function denseKeep(
  lexical: Pick<LexicalSearch, 'visible'>,
  store: Pick<GraphStore, 'getNodes'>,
  kind: LexicalKind,
  viewer: Viewer,
  exclude: ReadonlySet<string> = new Set(),
): DenseKeep {
  return {
    viewer,
    exclude,
    now: (id) => (exclude.has(id) ? false : lexical.visible(kind, id, viewer)),
    async resolve(ids) {
      return new Set((await store.getNodes(ids, viewer)).filter((n) => n.kind === kind).map((n) => n.id));
    },
  };
}

/**
 * The `k` nearest vectors of a kind that pass `keep` (visible to the viewer, not excluded) and
 * the floor, computed as over an index holding only those: hidden vectors take no place.
 * Where the vectors live in the store (`searchVisible`, capabilities.nativeVectorSearch), the store
 * applies the viewer's visibility inside its query (graph/neo4j/vectors.ts: over-fetching from its
 * vector index, or scoring every visible vector) and only the excluded ids are dropped here.
 * Otherwise, first an unfiltered search a little past k, enough when k of its hits pass or the floor or
 * the index's end is reached (the usual case: a JS filter call per visited node costs ~12 ms a
 * request on the 100,000-person graph); otherwise, when `keep` decides every id at once, the
 * search again with the filter inside the index walk (hnswlib's filter callback, or the exact
 * index's), so the k it returns all pass; when it needs the store, a search four times wider.
 */
export async function denseTopK(
  index: {
    search(
      kind: LexicalKind,
      q: Float32Array,
      k: number,
      filter?: (id: string) => boolean,
    ): Promise<{ id: string; score: number }[]>;
    searchVisible?(
      kind: LexicalKind,
      q: Float32Array,
      k: number,
      viewer: Viewer,
    ): Promise<{ id: string; score: number }[]>;
  },
  kind: LexicalKind,
  vector: Float32Array,
  k: number,
  keep: DenseKeep,
  floor: number,
): Promise<{ id: string; score: number }[]> {
  // Equal cosines by id: which of two tied vectors ranks first must not depend on the index's history.
  const finish = (hits: { id: string; score: number }[]) =>
    hits
      .filter((h) => h.score > floor)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, k);
  if (index.searchVisible !== undefined) {
    const hits = await index.searchVisible(kind, vector, k + keep.exclude.size, keep.viewer);
    return finish(hits.filter((h) => !keep.exclude.has(h.id)));
  }
  let want = k + DENSE_SLACK;
  for (;;) {
    const first = await index.search(kind, vector, want);
    const unknown = first.filter((h) => keep.now(h.id) === undefined).map((h) => h.id);
    const seen = unknown.length === 0 ? new Set<string>() : await keep.resolve(unknown);
    const passing = first.filter((h) => keep.now(h.id) ?? seen.has(h.id));
    const last = first[first.length - 1];
    if (passing.length >= k || first.length < want || last === undefined || last.score <= floor) return finish(passing);
    if (unknown.length === 0) return finish(await index.search(kind, vector, k, (id) => keep.now(id) === true));
    want *= 4;
  }
}
