/**
 * How model records sit in Neo4j, and back.
 *
 * A node keeps its core fields as properties `id`, `kind`, `vis` (VISIBILITY_RANK, an
 * integer, so the visibility rule is a range test on one index), `owner`, `date`; each of
 * its own fields as a native property of the same name; and `_h`, a hash of the whole
 * record, by which an upsert tells `unchanged` from `updated` without reading the record back.
 * A relationship keeps its props natively, plus `_h` likewise.
 */
import { hash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import {
  type GraphNode,
  type GraphRel,
  NODE_SCHEMAS,
  type NodeKind,
  type RelType,
  relationshipSchema,
  VISIBILITIES,
} from '../model.js';
import { ownProps, relProps } from '../validate.js';
import { VISIBILITY_RANK } from '../viewer.js';

/** Property holding the record hash; never returned to callers. */
export const HASH = '_h';

/**
 * Hash of a record as JSON with its keys sorted, so that equal records hash equally whatever
 * their key order. Values are primitives or lists of primitives (graph/model.ts), so the key
 * list passed to JSON.stringify only ever applies at the top level.
 */
const hashOf = (record: object): string =>
  hash('sha1', JSON.stringify(record, Object.keys(record).sort()), 'base64url');

/** The full property map of a node as stored (`SET n = row` makes it exactly this). */
export function nodeRow(node: GraphNode): Record<string, unknown> {
  const row: Record<string, unknown> = {
    id: node.id,
    kind: node.kind,
    // An Integer, not a JS number (which Bolt sends as a float), so `vis` is an integer property.
    vis: neo4j.int(VISIBILITY_RANK[node.visibility]),
    ...ownProps(node),
    [HASH]: hashOf(node),
  };
  if (node.owner !== undefined) row['owner'] = node.owner;
  if (node.date !== undefined) row['date'] = node.date;
  return row;
}

export interface RelRow {
  readonly from: string;
  readonly to: string;
  readonly h: string;
  readonly p: Record<string, unknown>;
}

export function relRow(rel: GraphRel): RelRow {
  const props = relProps(rel);
  const h = hashOf({ type: rel.type, ...props });
  return { from: rel.from, to: rel.to, h, p: { ...props, [HASH]: h } };
}

/**
 * The model node from its stored properties, keys in the schema's order (as zod outputs them),
 * so that results deep-equal what was upserted on every backend. Properties the schema does
 * not name (internal ones, or fields a newer schema dropped) are left out.
 */
export function toNode(props: Record<string, unknown>): GraphNode {
  const kind = props['kind'] as NodeKind;
  const vis = Number(props['vis']);
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(NODE_SCHEMAS[kind].shape)) {
    const value = field === 'visibility' ? VISIBILITIES[vis] : props[field];
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out as GraphNode;
}

/**
 * The Cypher expression of a node's record as toNode reads it: its schema's fields (with `vis` for
 * `visibility`) and nothing else. `properties(n)` would also carry the search terms stored beside
 * each node (graph/neo4j/search.ts `_lx_`, `_ln_`) and its hash: 40 % more bytes for a Person
 * read (1,500 people: 991 KB against 558 KB), unpacked only to be dropped.
 */
export function recordOf(v: string): string {
  // A map projection takes a variable only: `x.b` is bound to one first.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/u.test(v)) return `head([rec IN [${v}] | ${recordOf('rec')}])`;
  const cases = Object.entries(NODE_SCHEMAS).map(([kind, schema]) => {
    const fields = Object.keys(schema.shape).map((f) => (f === 'visibility' ? 'vis' : f));
    return `WHEN '${kind}' THEN ${v} {${fields.map((f) => `.\`${f}\``).join(', ')}}`;
  });
  return `CASE ${v}.kind ${cases.join(' ')} END`;
}

const REL_PROPS = Object.keys(relationshipSchema.shape).filter((k) => k !== 'type' && k !== 'from' && k !== 'to');

/** The model relationship from its type, ends and stored properties, keys in the schema's order. */
export function toRel(type: string, from: string, to: string, props: Record<string, unknown>): GraphRel {
  const out: Record<string, unknown> = { type: type as RelType, from, to };
  for (const key of REL_PROPS) {
    const value = props[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out as GraphRel;
}
