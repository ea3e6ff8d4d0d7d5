/**
 * Traversals on Neo4j. Every expansion step tests the node it enters against the viewer,
 * so a walk never passes through a node the viewer may not see (testing only the ends
 * would leak the existence of hidden intermediaries).
 */
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { GraphNode, GraphRel } from '../model.js';
import { checkLimit } from '../query.js';
import type { Direction, ExpandOptions, Path, PathOptions, Subgraph } from '../store.js';
import type { Viewer } from '../viewer.js';
import { checkKinds, invalid, type Params, relTypePattern, viewerParams, visible } from './query.js';
import { recordOf, toNode, toRel } from './records.js';

type Props = Record<string, unknown>;

const PATTERN: Record<Direction, (types: string) => string> = {
  out: (t) => `(a)-[r${t}]->(b:Node)`,
  in: (t) => `(a)<-[r${t}]-(b:Node)`,
  both: (t) => `(a)-[r${t}]-(b:Node)`,
};

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function visibleNodes(
  tx: ManagedTransaction,
  ids: readonly string[],
  params: Params,
): Promise<Map<string, GraphNode>> {
  const res = await tx.run(
    `UNWIND $ids AS id MATCH (n:Node {id: id}) WHERE ${visible('n')} RETURN ${recordOf('n')} AS p`,
    { ...params, ids },
  );
  return new Map(
    res.records.map((r) => {
      const n = toNode(r.get('p') as Props);
      return [n.id, n];
    }),
  );
}

/**
 * One breadth-first hop from the whole frontier in one query and one expansion: relationships
 * back to nodes already visited, plus the new nodes reached, cut inside Neo4j to the first `$cap`
 * by id (with their properties and relationships). A hub on the way (a country, a popular topic)
 * thus costs an expansion in the database, not thousands of rows over the wire.
 */
const hopCypher = (direction: Direction, types: string, kinds: boolean): string => `
UNWIND $frontier AS fid MATCH (a:Node {id: fid}) MATCH ${PATTERN[direction](types)}
WITH b, r, b.id IN $visited AS old
WHERE ${kinds ? 'b.kind IN $kinds AND ' : ''}(old OR ${visible('b')})
WITH b, old, collect(r) AS rs ORDER BY b.id
WITH collect({b: b, old: old, rs: rs}) AS reached
UNWIND [x IN reached WHERE x.old] + [x IN reached WHERE NOT x.old][0..$cap] AS x
RETURN CASE WHEN x.old THEN null ELSE ${recordOf('x.b')} END AS p,
       [r IN x.rs | [type(r), startNode(r).id, endNode(r).id, properties(r)]] AS rs`;

/**
 * Breadth-first, one query per hop. Within a hop new nodes are admitted in id order until
 * `limit`, so the cut is "nearest first, then by id" and the same on every run. Nodes enter
 * the visited set only once seen visible (and of an allowed kind), so no walk passes a hidden node.
 */
export async function neighbourhood(
  tx: ManagedTransaction,
  id: string,
  options: ExpandOptions,
  viewer: Viewer,
): Promise<Subgraph> {
  const hops = checkLimit(options.hops, 1, 4, 'hops');
  const limit = checkLimit(options.limit, 1_000, 50_000);
  const direction = options.direction ?? 'both';
  if (!Object.hasOwn(PATTERN, direction))
    throw invalid(`direction must be out, in or both, got ${JSON.stringify(direction)}`);
  const types = relTypePattern(options.relTypes);
  const kinds = checkKinds(options.kinds);
  const params: Params = viewerParams(viewer);

  const start = (await visibleNodes(tx, [id], params)).get(id);
  if (start === undefined) return { nodes: [], relationships: [] };

  const found = new Map<string, GraphNode & { depth: number }>([[id, { ...start, depth: 0 }]]);
  const steps = new Map<string, GraphRel>();
  const step = types === null ? undefined : hopCypher(direction, types, kinds !== null);
  let frontier = [id];
  for (let d = 1; d <= hops && frontier.length > 0 && step !== undefined; d++) {
    const cap = Math.max(0, limit + 1 - found.size);
    const res = await tx.run(step, { ...params, frontier, kinds, visited: [...found.keys()], cap: neo4j.int(cap) });
    frontier = [];
    for (const r of res.records) {
      const props = r.get('p') as Props | null;
      if (props !== null) {
        const node = toNode(props);
        found.set(node.id, { ...node, depth: d });
        frontier.push(node.id);
      }
      for (const [type, from, to, p] of r.get('rs') as [string, string, string, Props][]) {
        steps.set(`${type} ${from} ${to}`, toRel(type, from, to, p));
      }
    }
  }
  const nodes = [...found.values()].sort((a, b) => a.depth - b.depth || byId(a, b));
  return { nodes, relationships: [...steps.values()] };
}

/**
 * All shortest undirected paths through visible nodes, `limit` of them in a stable order
 * (by the ids along the path, then the relationship types). The `all(... nodes(p) ...)`
 * predicate is one Neo4j evaluates during the breadth-first search itself, not afterwards.
 */
export async function shortestPaths(
  tx: ManagedTransaction,
  from: string,
  to: string,
  options: PathOptions,
  viewer: Viewer,
): Promise<Path[]> {
  const maxHops = checkLimit(options.maxHops, 4, 8, 'maxHops');
  const limit = checkLimit(options.limit, 1, 100);
  const types = relTypePattern(options.relTypes);
  const params: Params = viewerParams(viewer);
  if (from === to) {
    const node = (await visibleNodes(tx, [from], params)).get(from);
    return node === undefined ? [] : [{ nodes: [node], relationships: [] }];
  }
  if (types === null) return [];
  const res = await tx.run(
    `MATCH (a:Node {id: $from}) WHERE ${visible('a')}
     MATCH (b:Node {id: $to}) WHERE ${visible('b')}
     MATCH p = allShortestPaths((a)-[${types}*1..${maxHops}]-(b))
     WHERE all(x IN nodes(p) WHERE ${visible('x')})
     WITH p ORDER BY [x IN nodes(p) | x.id], [r IN relationships(p) | type(r)] LIMIT $limit
     RETURN [x IN nodes(p) | ${recordOf('x')}] AS ns,
            [r IN relationships(p) | [type(r), startNode(r).id, endNode(r).id, properties(r)]] AS rs`,
    { ...params, from, to, limit: neo4j.int(limit) },
  );
  return res.records.map((r) => ({
    nodes: (r.get('ns') as Props[]).map(toNode),
    relationships: (r.get('rs') as [string, string, string, Props][]).map(([t, s, e, p]) => toRel(t, s, e, p)),
  }));
}
