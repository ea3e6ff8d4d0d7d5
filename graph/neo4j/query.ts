/**
 * Cypher builders for reads: the visibility predicate, `where` conditions, list/count/
 * relationship queries and the checks on every query input.
 *
 * Nothing a caller writes is spliced into Cypher unchecked: field names pass NODE_FIELDS
 * (graph/query.ts) and labels/types the model's closed lists before they become
 * identifiers, and every value travels as a parameter.
 */
import { GraphError } from '../errors.js';
import { isNodeKind, isRelType, NODE_KINDS, type NodeKind, REL_ENDPOINTS, REL_TYPES, type RelType } from '../model.js';
import { checkCount, checkWhere } from '../query.js';
import type { CountQuery, TimeUnit, Where } from '../store.js';
import { CLEARANCE_RANK, type Viewer } from '../viewer.js';

export type Params = Record<string, unknown>;

export const invalid = (message: string): GraphError => new GraphError('ERR_INVALID_QUERY', message);

/* ------------------------------------------------------------------ visibility */

/** Parameters of the visibility predicate; merge them into every read's parameters. */
export const viewerParams = (viewer: Viewer): Params => ({
  clr: CLEARANCE_RANK[viewer.clearance],
  orgs: [...viewer.orgs],
});

/** The need-to-know rule of graph/viewer.ts on one node variable (`vis` is VISIBILITY_RANK). */
export const visible = (v: string): string => `(${v}.vis <= $clr OR (${v}.vis = 2 AND ${v}.owner IN $orgs))`;

/* ------------------------------------------------------------------ input checks */

export function checkKind(kind: unknown, what = 'kind'): NodeKind {
  if (typeof kind !== 'string' || !isNodeKind(kind))
    throw invalid(`${what}: unknown node kind ${JSON.stringify(kind)}`);
  return kind;
}

export function checkRelType(type: unknown, what = 'type'): RelType {
  if (typeof type !== 'string' || !isRelType(type)) {
    throw invalid(`${what}: unknown relationship type ${JSON.stringify(type)}`);
  }
  return type;
}

/**
 * The `:A|B` part of a relationship pattern from checked types: `''` for any type (absent),
 * `null` when the list is empty and so nothing may be followed.
 */
export function relTypePattern(types: readonly unknown[] | undefined, what = 'relTypes'): string | null {
  if (types === undefined) return '';
  if (!Array.isArray(types)) throw invalid(`${what} must be an array of relationship types`);
  if (types.length === 0) return null;
  return `:${[...new Set(types.map((t) => checkRelType(t, what)))].join('|')}`;
}

/** Kinds a traversal may enter, checked, or null for any. */
export function checkKinds(kinds: readonly unknown[] | undefined): NodeKind[] | null {
  if (kinds === undefined) return null;
  if (!Array.isArray(kinds)) throw invalid('kinds must be an array of node kinds');
  return kinds.map((k) => checkKind(k, 'kinds'));
}

/* ------------------------------------------------------------------ where */

/** The stored property of a field: visibility is kept as its rank so that one index serves the rule. */
export const propOf = (field: string): string => (field === 'visibility' ? 'vis' : field);

const OPS = { eq: '=', gte: '>=', lte: '<=', gt: '>', lt: '<' } as const;

/**
 * Conditions for `where` on node variable `v`, checked by the shared rules of graph/query.ts
 * (same fields, operators and messages as every backend); values go into `params`.
 * On a list field, equality and `in` mean "contains", and `exists` means "is not empty".
 */
export function whereClauses(kind: NodeKind, where: Where | undefined, v: string, params: Params): string[] {
  return checkWhere(kind, where).map((c) => {
    const name = `w${Object.keys(params).length}`;
    const prop = `${v}.${propOf(c.field)}`;
    if (c.op === 'exists') {
      const present = c.shape === 'string[]' ? `size(coalesce(${prop}, [])) > 0` : `${prop} IS NOT NULL`;
      return c.value === true ? present : `NOT (${present})`;
    }
    params[name] = c.value;
    if (c.shape === 'string[]') return c.op === 'in' ? `any(x IN ${prop} WHERE x IN $${name})` : `$${name} IN ${prop}`;
    return c.op === 'in' ? `${prop} IN $${name}` : `${prop} ${OPS[c.op]} $${name}`;
  });
}

/**
 * `MATCH (n:Node:Kind) WHERE <visible> AND <where>`: the head of every node read. With `after`,
 * also `n.id > $after`, walked through the kind's id index in id order: left to itself the planner
 * splits the visibility OR into seeks on the vis and owner indexes, then sorts everything they find.
 */
export function matchVisible(
  kind: NodeKind,
  where: Where | undefined,
  viewer: Viewer,
  params: Params,
  after?: string,
): string {
  Object.assign(params, viewerParams(viewer));
  const conds = [visible('n'), ...whereClauses(kind, where, 'n', params)];
  if (after === undefined) return `MATCH (n:Node:${kind}) WHERE ${conds.join(' AND ')}`;
  params['after'] = after;
  return `MATCH (n:Node:${kind}) USING INDEX n:${kind}(id) WHERE n.id > $after AND ${conds.join(' AND ')}`;
}

/* ------------------------------------------------------------------ relationship pages */

const REL_PAGE_RETURN = 'RETURN a.id AS a, b.id AS b, properties(r) AS p ORDER BY a, b LIMIT $limit';

/** A page of `type` after ($ca, $cb): every relationship of the type matched, then sorted. */
export const relPageByScan = (type: RelType, ends: readonly string[]): string =>
  `MATCH (a:Node)-[r:${type}]->(b:Node)
WHERE ${[visible('a'), visible('b'), ...ends, '(a.id > $ca OR (a.id = $ca AND b.id > $cb))'].join(' AND ')}
${REL_PAGE_RETURN}`;

/**
 * The same page, walking each kind that may start the type through its id index, in order, so
 * that each branch stops after one page (Neo4j sorts only within a start node: PartialTop).
 */
export const relPageByIndex = (type: RelType): string => {
  const branch = (kind: NodeKind): string =>
    `MATCH (a:Node:${kind}) USING INDEX a:${kind}(id) WHERE a.id >= $ca AND ${visible('a')}
  MATCH (a)-[r:${type}]->(b:Node) WHERE ${visible('b')} AND (a.id > $ca OR b.id > $cb)
  RETURN a, b, r ORDER BY a.id, b.id LIMIT $limit`;
  return `CALL {
  ${REL_ENDPOINTS[type].from.map(branch).join('\n  UNION ALL\n  ')}
}
WITH a, b, r ${REL_PAGE_RETURN}`;
};

/* ------------------------------------------------------------------ stats */

/**
 * Null-safe negation of `visible`: an unowned restricted node is hidden, where `visible` yields
 * null for it (which a WHERE treats as false, but NOT would not).
 */
const hidden = (v: string): string => `(${v}.vis > $clr AND NOT coalesce(${v}.vis = 2 AND ${v}.owner IN $orgs, false))`;

/** Label and type tokens the database has; the count store can only answer for those. */
export interface Tokens {
  readonly labels: ReadonlySet<string>;
  readonly types: ReadonlySet<string>;
}

export const TOKENS_CYPHER =
  'CALL db.labels() YIELD label WITH collect(label) AS labels ' +
  'CALL db.relationshipTypes() YIELD relationshipType RETURN labels, collect(relationshipType) AS types';

/**
 * Count-store reads for the kinds and types that exist. A label or type the database has never
 * seen has no token, and Neo4j then plans its count as a scan of every node; so does a count
 * grouped by a literal, hence the count comes first and the name after.
 */
function countStore(tokens: Tokens): { nodes: string; relationships: string } {
  const union = (parts: string[]): string =>
    parts.length === 0 ? 'RETURN null AS k, 0 AS c' : parts.join(' UNION ALL ');
  return {
    nodes: union(
      NODE_KINDS.filter((k) => tokens.labels.has(k)).map(
        (k) => `MATCH (n:${k}) WITH count(n) AS c RETURN '${k}' AS k, c`,
      ),
    ),
    relationships: union(
      REL_TYPES.filter((t) => tokens.types.has(t)).map(
        (t) => `MATCH ()-[r:${t}]->() WITH count(r) AS c RETURN '${t}' AS k, c`,
      ),
    ),
  };
}

/**
 * Queries for `stats`: `count` gives k → c; `hidden`, when present, gives what to subtract.
 * Clearance `all` reads Neo4j's count store (constant time per label and type). A network member
 * misses only restricted nodes of other organisations, few by design: everything minus what
 * touches those (found through the vis index) beats filtering a million relationships.
 * A public viewer sees the smaller part, so that part is counted directly.
 */
export function statsCypher(
  viewer: Viewer,
  tokens: Tokens,
): Record<'nodes' | 'relationships', { count: string; hidden?: string }> {
  const clearance = CLEARANCE_RANK[viewer.clearance];
  const stored = countStore(tokens);
  if (clearance >= CLEARANCE_RANK.all)
    return { nodes: { count: stored.nodes }, relationships: { count: stored.relationships } };
  if (clearance >= CLEARANCE_RANK.network) {
    return {
      nodes: {
        count: stored.nodes,
        hidden: `MATCH (n:Node) WHERE ${hidden('n')} RETURN n.kind AS k, count(*) AS c`,
      },
      relationships: {
        count: stored.relationships,
        hidden: `MATCH (n:Node) WHERE ${hidden('n')} MATCH (n)-[r]-() RETURN type(r) AS k, count(DISTINCT r) AS c`,
      },
    };
  }
  return {
    nodes: { count: `MATCH (n:Node) WHERE ${visible('n')} RETURN n.kind AS k, count(*) AS c` },
    relationships: {
      // From the visible start nodes outwards (as one pattern the planner expanded every relationship);
      // `b` skips the label test: only our nodes carry our relationships.
      count: `MATCH (a:Node) WHERE ${visible('a')} MATCH (a)-[r]->(b) WHERE ${visible('b')} RETURN type(r) AS k, count(*) AS c`,
    },
  };
}

/* ------------------------------------------------------------------ count */

const BUCKET_EXPR: Record<TimeUnit, (d: string) => string> = {
  year: (d) => `substring(${d}, 0, 4)`,
  month: (d) => `substring(${d}, 0, 7)`,
  // Integer division in Cypher: months 1-3 -> Q1 ... 10-12 -> Q4.
  quarter: (d) => `substring(${d}, 0, 4) + '-Q' + toString((toInteger(substring(${d}, 5, 2)) + 2) / 3)`,
};

/** The whole count query; rows carry `key`, `bucket` and `count` (nodes, each once per group). */
export function countCypher(query: CountQuery, viewer: Viewer): { cypher: string; params: Params } {
  const kind = checkKind(query.kind);
  const { group, bucketField } = checkCount(query);
  const params: Params = {};
  const lines = [matchVisible(kind, query.where, viewer, params)];

  let bucket = 'null';
  if (bucketField !== undefined && query.bucket !== undefined) {
    bucket = BUCKET_EXPR[query.bucket.unit](`n.${bucketField.field}`);
  }

  let key = 'null';
  if (group !== undefined && 'field' in group) {
    if (group.shape === 'string[]') {
      // Once per distinct element; a node with none counts under the null key, as a left join would.
      lines.push(
        `UNWIND CASE WHEN size(coalesce(n.${group.field}, [])) = 0 THEN [null] ELSE n.${group.field} END AS k`,
      );
      lines.push('WITH DISTINCT n, k');
      key = 'k';
    } else {
      key = group.field === 'visibility' ? `['public', 'network', 'restricted'][n.vis]` : `n.${group.field}`;
    }
  } else if (group !== undefined) {
    const label = group.kind === undefined ? '' : `:${group.kind}`;
    const pattern =
      group.direction === 'out' ? `(n)-[:${group.rel}]->(m:Node${label})` : `(n)<-[:${group.rel}]-(m:Node${label})`;
    lines.push(`OPTIONAL MATCH ${pattern} WHERE ${visible('m')}`);
    key = 'm.id';
  }
  lines.push(`RETURN ${key} AS key, ${bucket} AS bucket, count(*) AS count`);
  return { cypher: lines.join('\n'), params };
}

type Key = string | number | boolean | null;

/**
 * Nulls first, then values in natural order: the order SQL gives `ORDER BY bucket, key`, so that
 * both backends list groups alike.
 */
export function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
  if (typeof a === 'string') return 1;
  if (typeof b === 'string') return -1;
  return Number(a) - Number(b);
}
