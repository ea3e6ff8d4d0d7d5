/**
 * Batch validation shared by every backend, so that both reject the same records with
 * the same messages. A backend calls `prepareBatch` inside its write transaction, with a
 * lookup of the kinds of already-stored nodes that the batch refers to.
 */
import type { z } from 'zod';
import { batchError, GraphError, type RecordProblem } from './errors.js';
import {
  type GraphNode,
  type GraphRel,
  isNodeKind,
  type NodeInput,
  type NodeKind,
  nodeSchema,
  REL_ENDPOINTS,
  type RelInput,
  type RelType,
  relationshipSchema,
  relKey,
} from './model.js';

export interface Batch {
  readonly nodes?: readonly NodeInput[];
  readonly relationships?: readonly RelInput[];
  /**
   * Conditions on stored nodes, checked under the store's write lock (held to commit): the batch
   * is written only when every one holds, else ERR_CONFLICT and nothing is written. This is what
   * makes a read-decide-write (a status transition) safe against concurrent writers.
   */
  readonly expect?: readonly Precondition[];
}

/** The stored node `id` has `field` (a core field or the kind's own) equal to one of `in`; `null` stands for a missing node or field. */
export interface Precondition {
  readonly id: string;
  readonly field: string;
  readonly in: readonly (string | number | boolean | null)[];
}

/** Throws ERR_CONFLICT naming the first precondition that does not hold over the nodes read under the lock. */
export function checkPreconditions(
  expect: readonly Precondition[] | undefined,
  stored: ReadonlyMap<string, GraphNode>,
): void {
  for (const p of expect ?? []) {
    const node = stored.get(p.id);
    const value = node === undefined ? null : ((node as Record<string, unknown>)[p.field] ?? null);
    if (!p.in.some((v) => v === value)) {
      throw new GraphError(
        'ERR_CONFLICT',
        `${p.id}: ${p.field} is ${node === undefined ? '(no such node)' : JSON.stringify(value)}, expected ${p.in.map((v) => JSON.stringify(v)).join(' or ')}; nothing written`,
      );
    }
  }
}

export interface PreparedBatch {
  readonly nodes: readonly GraphNode[];
  readonly relationships: readonly GraphRel[];
}

/**
 * Records this process already parsed with the model's schemas. `prepareBatch` skips
 * re-parsing them: the ingest pipeline validates each record once, to reject it alone, and
 * the store then needs only the cross-record checks. Parsed records must not be mutated
 * (freezing them would guarantee it, but costs more than the parse it saves).
 */
const PARSED = new WeakSet<object>();

function trust<T extends object>(record: T): T {
  PARSED.add(record);
  return record;
}

/** Parses one node with its kind's schema; the parsed record is trusted by `prepareBatch`. */
export function parseNode(raw: unknown): z.ZodSafeParseResult<GraphNode> {
  const parsed = nodeSchema.safeParse(raw);
  if (parsed.success) trust(parsed.data);
  return parsed;
}

/** Parses one relationship; the parsed record is trusted by `prepareBatch`. */
export function parseRelationship(raw: unknown): z.ZodSafeParseResult<GraphRel> {
  const parsed = relationshipSchema.safeParse(raw);
  if (parsed.success) trust(parsed.data);
  return parsed;
}

/** Returns the stored kind of each id that exists; ids not stored are absent from the map. */
export type KindLookup = (ids: readonly string[]) => Promise<ReadonlyMap<string, NodeKind>>;

const issuesToProblems = (
  section: RecordProblem['section'],
  index: number,
  record: string | undefined,
  error: z.ZodError,
): RecordProblem[] =>
  error.issues.map((i) => ({
    section,
    index,
    record,
    field: i.path.length > 0 ? i.path.join('.') : '(record)',
    // zod says "Invalid input: expected string, received undefined" for a field left out.
    message: /received undefined$/u.test(i.message) ? 'is missing' : i.message,
  }));

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

function nodeLabel(raw: unknown): string | undefined {
  const id = asRecord(raw)['id'];
  return typeof id === 'string' ? id : undefined;
}

function relLabel(raw: unknown): string | undefined {
  const r = asRecord(raw);
  return `${String(r['type'])} ${String(r['from'])}->${String(r['to'])}`;
}

/**
 * Parses every record, then checks that relationship ends exist (in the batch or the
 * store), have kinds the type allows, and that no id changes kind.
 * Throws one `GraphError` listing every problem; the batch is then rejected whole.
 * Later duplicates of a node id or relationship key in the same batch win, as a
 * sequence of upserts would.
 */
export async function prepareBatch(batch: Batch, lookup: KindLookup): Promise<PreparedBatch> {
  const problems: RecordProblem[] = [];
  const nodes = new Map<string, GraphNode>();
  const nodeIndex = new Map<string, number>();

  (batch.nodes ?? []).forEach((raw, index) => {
    const kind = asRecord(raw)['kind'];
    if (typeof kind !== 'string' || !isNodeKind(kind)) {
      problems.push({
        section: 'nodes',
        index,
        record: nodeLabel(raw),
        field: 'kind',
        message: kind === undefined ? 'is missing' : `is not a known node kind: ${JSON.stringify(kind)}`,
      });
      return;
    }
    const parsed = PARSED.has(raw) ? { success: true as const, data: raw as GraphNode } : nodeSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...issuesToProblems('nodes', index, nodeLabel(raw), parsed.error));
      return;
    }
    nodes.delete(parsed.data.id);
    nodes.set(parsed.data.id, parsed.data);
    nodeIndex.set(parsed.data.id, index);
  });

  const rels = new Map<string, GraphRel>();
  const relIndex = new Map<string, number>();
  (batch.relationships ?? []).forEach((raw, index) => {
    const parsed = PARSED.has(raw)
      ? { success: true as const, data: raw as GraphRel }
      : relationshipSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...issuesToProblems('relationships', index, relLabel(raw), parsed.error));
      return;
    }
    const key = relKey(parsed.data);
    rels.delete(key);
    rels.set(key, parsed.data);
    relIndex.set(key, index);
  });

  const referenced = new Set<string>(nodes.keys());
  for (const r of rels.values()) {
    referenced.add(r.from);
    referenced.add(r.to);
  }
  const stored = referenced.size > 0 ? await lookup([...referenced]) : new Map<string, NodeKind>();

  for (const n of nodes.values()) {
    const was = stored.get(n.id);
    if (was !== undefined && was !== n.kind) {
      problems.push({
        section: 'nodes',
        index: nodeIndex.get(n.id) ?? -1,
        record: n.id,
        field: 'kind',
        message: `is ${n.kind} but the stored node with this id is a ${was}; delete it first to change its kind`,
      });
    }
  }

  let dangling = false;
  for (const [key, r] of rels) {
    const index = relIndex.get(key) ?? -1;
    const record = `${r.type} ${r.from}->${r.to}`;
    const allowed = REL_ENDPOINTS[r.type];
    for (const end of ['from', 'to'] as const) {
      const id = r[end];
      const kind = nodes.get(id)?.kind ?? stored.get(id);
      if (kind === undefined) {
        dangling = true;
        problems.push({ section: 'relationships', index, record, field: end, message: `names no stored node: ${id}` });
      } else if (!allowed[end].includes(kind)) {
        problems.push({
          section: 'relationships',
          index,
          record,
          field: end,
          message: `is a ${kind}; ${r.type} takes ${allowed[end].join(' | ')} there`,
        });
      }
    }
  }

  if (problems.length > 0) {
    const onlyDangling = dangling && problems.every((p) => p.message.startsWith('names no stored node'));
    throw batchError(onlyDangling ? 'ERR_DANGLING_RELATIONSHIP' : 'ERR_INVALID_RECORD', problems);
  }
  return { nodes: [...nodes.values()], relationships: [...rels.values()] };
}

/** The node's own properties (everything but the core columns), in a stable key order. */
export function ownProps(node: GraphNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    if (key === 'id' || key === 'kind' || key === 'visibility' || key === 'owner' || key === 'date') continue;
    const v = (node as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A relationship's properties (everything but type/from/to), in a stable key order. */
export function relProps(rel: GraphRel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(rel).sort()) {
    if (key === 'type' || key === 'from' || key === 'to') continue;
    const v = (rel as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

type MutableCounts = { created: number; updated: number; unchanged: number };
type MutableResult = {
  nodes: MutableCounts;
  relationships: MutableCounts;
  byKind: Partial<Record<NodeKind, MutableCounts>>;
  byType: Partial<Record<RelType, MutableCounts>>;
};

/** An all-zero upsert result for a backend to count into with `tally`. */
export const newUpsertResult = (): MutableResult => ({
  nodes: { created: 0, updated: 0, unchanged: 0 },
  relationships: { created: 0, updated: 0, unchanged: 0 },
  byKind: {},
  byType: {},
});

/** Counts one record's outcome, in the totals and under its kind or type. */
export function tally(
  result: MutableResult,
  what: 'node' | 'rel',
  key: NodeKind | RelType,
  outcome: keyof MutableCounts,
  n = 1,
): void {
  if (what === 'node') {
    result.nodes[outcome] += n;
    const k = key as NodeKind;
    result.byKind[k] ??= { created: 0, updated: 0, unchanged: 0 };
    result.byKind[k][outcome] += n;
  } else {
    result.relationships[outcome] += n;
    const t = key as RelType;
    result.byType[t] ??= { created: 0, updated: 0, unchanged: 0 };
    result.byType[t][outcome] += n;
  }
}
