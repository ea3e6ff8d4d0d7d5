/**
 * Who is asking. Every read of the store runs for a viewer, and the backend filters
 * inside its query (SQL WHERE / Cypher WHERE), before anything is ranked or counted.
 *
 * Rule (need-to-know):
 *  - `public` nodes: everyone, anonymous included;
 *  - `network` nodes: any vetted member of the network (clearance `network` or `all`);
 *  - `restricted` nodes: members of the owning organisation, and viewers with clearance `all`
 *    (auditors, administrators).
 * A relationship is visible when both of its ends are.
 */
import type { Visibility } from './model.js';

export type Clearance = 'public' | 'network' | 'all';

export interface Viewer {
  /** Who, for audit logs; never shown to other users. */
  readonly id: string;
  readonly clearance: Clearance;
  /** Organisation ids the viewer belongs to: their `restricted` nodes are visible. */
  readonly orgs: readonly string[];
}

export const ANONYMOUS: Viewer = Object.freeze({ id: 'anonymous', clearance: 'public', orgs: [] });
/** Ingest, migrations and maintenance: sees everything. Never hand it to a user request. */
export const SYSTEM: Viewer = Object.freeze({ id: 'system', clearance: 'all', orgs: [] });

/** Numeric ranks used by both backends' filters: a node is visible when rank(visibility) <= rank(clearance), or when restricted and owned by one of the viewer's orgs. */
export const VISIBILITY_RANK: Record<Visibility, number> = { public: 0, network: 1, restricted: 2 };
export const CLEARANCE_RANK: Record<Clearance, number> = { public: 0, network: 1, all: 2 };

/** The rule on one node: for the analytics masks, tests, and data that never touched a store. */
export function canSee(viewer: Viewer, node: { visibility: Visibility; owner?: string | undefined }): boolean {
  if (VISIBILITY_RANK[node.visibility] <= CLEARANCE_RANK[viewer.clearance]) return true;
  return node.visibility === 'restricted' && node.owner !== undefined && viewer.orgs.includes(node.owner);
}

/**
 * The same rule on ranks, for code that keeps a node's visibility as its VISIBILITY_RANK (the
 * lexical index, the traversal projection): built once per viewer, then one comparison per node
 * in their inner loops. `canSee` stays the node form because mapping each node's visibility to
 * its rank first made the analytics masks about 1.4 times slower; test/graph/model.test.ts checks
 * that the two agree on every visibility, owner and viewer. The SQL and Cypher filters compare the
 * same ranks inside the query.
 */
export type VisibilityGate = (visibilityRank: number, owner: string | undefined) => boolean;

export function visibilityGate(viewer: Viewer): VisibilityGate {
  const clear = CLEARANCE_RANK[viewer.clearance];
  if (viewer.orgs.length === 0 || clear >= VISIBILITY_RANK.restricted) return (v) => v <= clear;
  const orgs = new Set(viewer.orgs);
  return (v, owner) => v <= clear || (v === VISIBILITY_RANK.restricted && owner !== undefined && orgs.has(owner));
}

/**
 * Viewers with the same key see the same nodes: what caches of derived data (analytics facts,
 * answer caches, calibrations) are keyed by. Clearance `all` sees everything whatever its
 * organisations; below it, the organisations decide which restricted nodes are seen.
 */
export function viewerClass(viewer: Viewer): string {
  return viewer.clearance === 'all' ? 'all' : `${viewer.clearance}|${[...new Set(viewer.orgs)].sort().join(',')}`;
}

/**
 * A viewer who sees only what every one of `viewers` sees: the lowest clearance, and the
 * organisations all of them share. Clearance `all` sees every restricted node whatever its
 * organisations, so it counts as belonging to every organisation here. Used for anything read once
 * for several readers (a shared room, a digest posted there); an empty list sees only public nodes.
 */
export function commonViewer(id: string, viewers: readonly Viewer[]): Viewer {
  if (viewers.length === 0) return { id, clearance: 'public', orgs: [] };
  let clearance: Clearance = 'all';
  let orgs: Set<string> | undefined;
  for (const v of viewers) {
    if (CLEARANCE_RANK[v.clearance] < CLEARANCE_RANK[clearance]) clearance = v.clearance;
    if (v.clearance === 'all') continue;
    orgs = orgs === undefined ? new Set(v.orgs) : new Set(v.orgs.filter((o) => orgs?.has(o)));
  }
  return { id, clearance, orgs: [...(orgs ?? [])].sort() };
}
