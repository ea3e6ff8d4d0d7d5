/**
 * Query checks shared by every backend: field names come from the model (never from
 * free text into SQL or Cypher), limits stay in range, cursors are opaque.
 */
import { z } from 'zod';
import { GraphError } from './errors.js';
import {
  type FieldShape,
  isNodeKind,
  isoDate,
  isRelType,
  NODE_FIELDS,
  NODE_SCHEMAS,
  type NodeKind,
  type RelType,
  VISIBILITIES,
} from './model.js';
import type { CountQuery, FieldFilter, Scalar, Where } from './store.js';
import { VISIBILITY_RANK } from './viewer.js';

export type Op = 'eq' | 'in' | 'gte' | 'lte' | 'gt' | 'lt' | 'exists';

/** One checked condition. `column` is true for the core fields every backend keeps natively. */
export interface Condition {
  readonly field: string;
  readonly shape: FieldShape;
  readonly column: boolean;
  readonly op: Op;
  /** Scalar for comparisons, array for `in`, boolean for `exists`. `visibility` values are ranks. */
  readonly value: Scalar | readonly Scalar[];
}

const CORE_COLUMNS = new Set(['id', 'visibility', 'owner', 'date']);

export function fieldShape(kind: NodeKind, field: string): { shape: FieldShape; column: boolean } {
  if (!isNodeKind(kind)) throw new GraphError('ERR_INVALID_QUERY', `unknown node kind "${String(kind)}"`);
  if (CORE_COLUMNS.has(field)) return { shape: 'string', column: true };
  const shape = NODE_FIELDS[kind][field];
  if (shape === undefined || field === 'kind') {
    const known = Object.keys(NODE_FIELDS[kind]).filter((f) => f !== 'kind');
    throw new GraphError('ERR_INVALID_QUERY', `${kind} has no field "${field}" (fields: ${known.join(', ')})`);
  }
  return { shape, column: false };
}

const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';

function visRank(field: string, v: Scalar): Scalar {
  if (field !== 'visibility') return v;
  if (typeof v !== 'string' || !(VISIBILITIES as readonly string[]).includes(v)) {
    throw new GraphError('ERR_INVALID_QUERY', `visibility filter must be one of ${VISIBILITIES.join(', ')}`);
  }
  return VISIBILITY_RANK[v as (typeof VISIBILITIES)[number]];
}

export function checkWhere(kind: NodeKind, where: Where | undefined): Condition[] {
  const out: Condition[] = [];
  for (const [field, filter] of Object.entries(where ?? {})) {
    const { shape, column } = fieldShape(kind, field);
    const bad = (why: string) => new GraphError('ERR_INVALID_QUERY', `filter on ${kind}.${field}: ${why}`);
    const f = filter as FieldFilter;
    if (isScalar(f)) {
      out.push({ field, shape, column, op: 'eq', value: visRank(field, f) });
      continue;
    }
    if (typeof f !== 'object' || f === null) throw bad('must be a value or an object of operators');
    const ops = Object.entries(f);
    if (ops.length === 0) throw bad('has no operator');
    for (const [op, value] of ops) {
      if (op === 'in') {
        if (!Array.isArray(value) || !value.every(isScalar)) throw bad('`in` takes an array of values');
        if (value.length > 10_000) throw bad('`in` takes at most 10,000 values');
        out.push({ field, shape, column, op, value: value.map((v) => visRank(field, v)) });
      } else if (op === 'exists') {
        if (typeof value !== 'boolean') throw bad('`exists` takes true or false');
        out.push({ field, shape, column, op, value });
      } else if (op === 'gte' || op === 'lte' || op === 'gt' || op === 'lt') {
        if (!isScalar(value)) throw bad(`\`${op}\` takes a value`);
        if (shape === 'string[]') throw bad('range operators do not apply to a list field');
        out.push({ field, shape, column, op, value: visRank(field, value) });
      } else {
        throw bad(`unknown operator "${op}" (use in, gte, lte, gt, lt, exists)`);
      }
    }
  }
  return out;
}

const unwrap = (s: z.ZodType): z.ZodType => {
  let t = s;
  while (t instanceof z.ZodOptional || t instanceof z.ZodDefault) t = t.unwrap() as z.ZodType;
  return t;
};

/** Fields of a kind that hold ISO dates (the ones time buckets may use). */
export function isDateField(kind: NodeKind, field: string): boolean {
  const schema = (NODE_SCHEMAS[kind].shape as Record<string, z.ZodType | undefined>)[field];
  return schema !== undefined && unwrap(schema) === isoDate;
}

export function checkLimit(value: number | undefined, fallback: number, max: number, what = 'limit'): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new GraphError('ERR_INVALID_QUERY', `${what} must be a whole number from 1 to ${max}, got ${value}`);
  }
  return value;
}

/** Most starts one `neighbourhoodsOf` call takes. */
export const MAX_STARTS = 10_000;

/** The checks `neighbourhoodsOf` makes before any read, the same on every backend. */
export function checkStarts(ids: readonly unknown[], hops: number | undefined): void {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string'))
    throw new GraphError('ERR_INVALID_QUERY', 'ids must be an array of node ids (strings)');
  if (ids.length > MAX_STARTS)
    throw new GraphError('ERR_INVALID_QUERY', `at most ${MAX_STARTS} ids per call, got ${ids.length}`);
  if (hops !== undefined && hops !== 1)
    throw new GraphError('ERR_INVALID_QUERY', `neighbourhoodsOf reads one hop only, got hops ${hops}`);
}

export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parts) &&
      parts.length === arity &&
      parts.every((p) => typeof p === 'string' || typeof p === 'number')
    ) {
      return parts as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new GraphError('ERR_INVALID_QUERY', 'cursor is not one this store issued');
}

/** The checked parts of a count query: what to group by and which date field to bucket. */
export function checkCount(q: CountQuery): {
  group:
    | { field: string; shape: FieldShape; column: boolean }
    | { rel: RelType; direction: 'out' | 'in'; kind?: NodeKind }
    | undefined;
  bucketField: { field: string; column: boolean } | undefined;
} {
  let group: ReturnType<typeof checkCount>['group'];
  if (typeof q.groupBy === 'string') group = { field: q.groupBy, ...fieldShape(q.kind, q.groupBy) };
  else if (q.groupBy !== undefined) {
    const { rel, direction, kind } = q.groupBy;
    if (!isRelType(rel)) throw new GraphError('ERR_INVALID_QUERY', `groupBy: unknown relationship type "${rel}"`);
    if (direction !== 'out' && direction !== 'in') {
      throw new GraphError('ERR_INVALID_QUERY', 'groupBy: direction must be out or in');
    }
    if (kind !== undefined && !isNodeKind(kind))
      throw new GraphError('ERR_INVALID_QUERY', `groupBy: unknown kind "${kind}"`);
    group = kind === undefined ? { rel, direction } : { rel, direction, kind };
  }
  let bucketField: ReturnType<typeof checkCount>['bucketField'];
  if (q.bucket !== undefined) {
    if (!['year', 'quarter', 'month'].includes(q.bucket.unit)) {
      throw new GraphError('ERR_INVALID_QUERY', `bucket unit must be year, quarter or month, got ${q.bucket.unit}`);
    }
    const field = q.bucket.field ?? 'date';
    const { column } = fieldShape(q.kind, field);
    if (!isDateField(q.kind, field)) {
      throw new GraphError('ERR_INVALID_QUERY', `bucket: ${q.kind}.${field} is not a date field`);
    }
    bucketField = { field, column };
  }
  return { group, bucketField };
}
