/** SQL fragments for the embedded backend: the viewer filter, `where` conditions, row decoding. */
import type { GraphNode, GraphRel, RelType } from '../model.js';
import type { Condition } from '../query.js';
import type { Scalar } from '../store.js';
import { CLEARANCE_RANK, type Viewer } from '../viewer.js';

export interface NodeRow {
  nid: number;
  id: string;
  kind: string;
  vis: number;
  owner: string | null;
  date: string | null;
  props: string;
}

const VIS_NAMES = ['public', 'network', 'restricted'] as const;

export const NODE_COLUMNS = 'n.nid, n.id, n.kind, n.vis, n.owner, n.date, n.props';

export function decodeNode(row: NodeRow): GraphNode {
  const node: Record<string, unknown> = { id: row.id, kind: row.kind, visibility: VIS_NAMES[row.vis] };
  if (row.owner !== null) node['owner'] = row.owner;
  if (row.date !== null) node['date'] = row.date;
  return Object.assign(node, JSON.parse(row.props) as Record<string, unknown>) as GraphNode;
}

export function decodeRel(type: string, from: string, to: string, props: string): GraphRel {
  return { type: type as RelType, from, to, ...(JSON.parse(props) as Record<string, unknown>) };
}

/**
 * The viewer's filter on the node alias `a`, as SQL with named parameters `@clear` and
 * `@orgs` (a JSON array). One comparison for most viewers; the org list only matters for
 * restricted nodes.
 */
export const visible = (a: string): string =>
  `(${a}.vis <= @clear OR (${a}.vis = 2 AND ${a}.owner IN (SELECT value FROM json_each(@orgs))))`;

export const viewerParams = (viewer: Viewer): { clear: number; orgs: string } => ({
  clear: CLEARANCE_RANK[viewer.clearance],
  orgs: JSON.stringify(viewer.orgs),
});

/** SQLite binds no booleans; JSON booleans read back as 1/0 from json_extract. */
export const bindable = (v: Scalar): string | number => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

const OPS = { eq: '=', gte: '>=', lte: '<=', gt: '>', lt: '<' } as const;

/** `where` conditions on node alias `n` as SQL; positional values are pushed to `args`. */
export function whereSql(conds: readonly Condition[], args: unknown[]): string {
  const parts: string[] = [];
  for (const c of conds) {
    const expr = c.column ? `n.${c.field === 'visibility' ? 'vis' : c.field}` : `json_extract(n.props, '$.${c.field}')`;
    if (c.op === 'exists') {
      // An empty list counts as absent, as it does on Neo4j where `size(x) > 0` is the test.
      const present =
        c.shape === 'string[]' ? `IFNULL(json_array_length(n.props, '$.${c.field}'), 0) > 0` : `${expr} IS NOT NULL`;
      parts.push(c.value ? present : `NOT (${present})`);
      continue;
    }
    const values = c.op === 'in' ? (c.value as readonly Scalar[]) : [c.value as Scalar];
    if (c.shape === 'string[]') {
      // List fields: equality and `in` mean "the list contains".
      parts.push(
        `EXISTS (SELECT 1 FROM json_each(n.props, '$.${c.field}') j WHERE j.value IN (${values.map(() => '?').join(', ')}))`,
      );
      args.push(...values.map(bindable));
    } else if (c.op === 'in') {
      parts.push(values.length === 0 ? '0' : `${expr} IN (${values.map(() => '?').join(', ')})`);
      args.push(...values.map(bindable));
    } else {
      parts.push(`${expr} ${OPS[c.op]} ?`);
      args.push(bindable(c.value as Scalar));
    }
  }
  return parts.length > 0 ? parts.join(' AND ') : '1';
}

export function bucketSql(expr: string, unit: 'year' | 'quarter' | 'month'): string {
  if (unit === 'year') return `substr(${expr}, 1, 4)`;
  if (unit === 'month') return `substr(${expr}, 1, 7)`;
  return `CASE WHEN ${expr} IS NULL THEN NULL ELSE substr(${expr}, 1, 4) || '-Q' || ((CAST(substr(${expr}, 6, 2) AS INTEGER) + 2) / 3) END`;
}
