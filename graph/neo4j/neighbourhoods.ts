/**
 * One-hop neighbourhoods of many starts in one Cypher query (GraphStore.neighbourhoodsOf). Who-solved's
 * evidence walks read the neighbours of up to ~30 works, projects, organisations and people per
 * phase; one `neighbourhood` call per start cost two round trips each (~99 ms a request on the
 * CORDIS data), this costs one per phase.
 *
 * Each start's answer is the one `neighbourhood(id, { hops: 1 })` (./traverse.ts) gives: the start
 * only when visible, neighbours only when visible and of an allowed kind, the start's own loops
 * kept, the new neighbours cut inside Neo4j to the first `limit` by id.
 */
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { GraphNode, GraphRel } from '../model.js';
import { checkLimit, checkStarts } from '../query.js';
import type { Direction, ExpandOptions, Subgraph } from '../store.js';
import type { Viewer } from '../viewer.js';
import { checkKinds, invalid, relTypePattern, viewerParams, visible } from './query.js';
import { recordOf, toNode, toRel } from './records.js';

type Props = Record<string, unknown>;

const PATTERN: Record<Direction, (types: string) => string> = {
  out: (t) => `(a)-[r${t}]->(b:Node)`,
  in: (t) => `(a)<-[r${t}]-(b:Node)`,
  both: (t) => `(a)-[r${t}]-(b:Node)`,
};

/**
 * Per start (by its index in $ids, so repeated ids each get their answer): the start's properties
 * and its reached neighbours, loops back to the start first, then new nodes by id up to $cap.
 * `types` null means nothing may be followed: the starts alone come back.
 */
const cypher = (direction: Direction, types: string | null, kinds: boolean): string => `
UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Node {id: $ids[i]}) WHERE ${visible('a')}
${
  types === null
    ? 'WITH i, a, [] AS xs'
    : `CALL {
  WITH a
  OPTIONAL MATCH ${PATTERN[direction](types)}
  WHERE ${kinds ? 'b.kind IN $kinds AND ' : ''}(b = a OR ${visible('b')})
  WITH b, b = a AS old, collect(r) AS rs ORDER BY b.id
  WITH collect(CASE WHEN b IS NULL THEN null ELSE {b: b, old: old, rs: rs} END) AS reached
  UNWIND [x IN reached WHERE x.old] + [x IN reached WHERE NOT x.old][0..$cap] AS x
  WITH x, x.b AS b
  RETURN collect([CASE WHEN x.old THEN null ELSE ${recordOf('b')} END,
                  [r IN x.rs | [type(r), startNode(r).id, endNode(r).id, properties(r)]]]) AS xs
}`
}
RETURN i, ${recordOf('a')} AS start, xs AS reached`;

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function neighbourhoodsOf(
  tx: ManagedTransaction,
  ids: readonly string[],
  options: ExpandOptions,
  viewer: Viewer,
): Promise<Subgraph[]> {
  checkStarts(ids, options.hops);
  const limit = checkLimit(options.limit, 1_000, 50_000);
  const direction = options.direction ?? 'both';
  if (!Object.hasOwn(PATTERN, direction))
    throw invalid(`direction must be out, in or both, got ${JSON.stringify(direction)}`);
  const types = relTypePattern(options.relTypes);
  const kinds = checkKinds(options.kinds);
  const out: Subgraph[] = ids.map(() => ({ nodes: [], relationships: [] }));
  if (ids.length === 0) return out;
  const res = await tx.run(cypher(direction, types, kinds !== null), {
    ...viewerParams(viewer),
    ids: [...ids],
    kinds,
    cap: neo4j.int(limit),
  });
  for (const r of res.records) {
    const i = Number(r.get('i'));
    const nodes: (GraphNode & { depth: number })[] = [];
    const steps = new Map<string, GraphRel>();
    for (const [props, rels] of r.get('reached') as [Props | null, [string, string, string, Props][]][]) {
      if (props !== null) nodes.push({ ...toNode(props), depth: 1 });
      for (const [type, from, to, p] of rels) steps.set(`${type} ${from} ${to}`, toRel(type, from, to, p));
    }
    out[i] = {
      nodes: [{ ...toNode(r.get('start') as Props), depth: 0 }, ...nodes.sort(byId)],
      relationships: [...steps.values()],
    };
  }
  return out;
}
