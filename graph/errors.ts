/** Errors of the graph layer, with stable codes that the API maps to HTTP statuses. */

export type GraphErrorCode =
  | 'ERR_INVALID_RECORD'
  | 'ERR_DANGLING_RELATIONSHIP'
  | 'ERR_INVALID_QUERY'
  | 'ERR_NOT_FOUND'
  | 'ERR_STORE_UNAVAILABLE'
  | 'ERR_STORE_SCHEMA'
  /** A batch's precondition (`Batch.expect`) did not hold under the write lock: nothing was written. */
  | 'ERR_CONFLICT';

/** One problem with one record of a batch: where it is and what is wrong. */
export interface RecordProblem {
  /** `nodes` or `relationships`, and the record's index in that array. */
  readonly section: 'nodes' | 'relationships';
  readonly index: number;
  /** The record's id (nodes) or `TYPE from->to` (relationships), when it has one. */
  readonly record: string | undefined;
  /** Dotted path of the field at fault, e.g. `visibility` or `to`. */
  readonly field: string;
  readonly message: string;
}

export class GraphError extends Error {
  override readonly name = 'GraphError';
  constructor(
    readonly code: GraphErrorCode,
    message: string,
    readonly problems: readonly RecordProblem[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const describeProblem = (p: RecordProblem): string =>
  `${p.section}[${p.index}]${p.record ? ` (${p.record})` : ''}: ${p.field} ${p.message}`;

/** Builds the batch error, naming up to `shown` problems in the message itself. */
export function batchError(code: GraphErrorCode, problems: readonly RecordProblem[], shown = 5): GraphError {
  const head = problems.slice(0, shown).map(describeProblem).join('; ');
  const more = problems.length > shown ? ` (and ${problems.length - shown} more)` : '';
  return new GraphError(code, `batch rejected, nothing written: ${head}${more}`, problems);
}

/** HTTP-like statuses of the graph layer's codes: bad queries and records are the caller's, the rest the operator's. */
export const GRAPH_ERROR_STATUS: Readonly<Record<GraphErrorCode, number>> = {
  ERR_INVALID_RECORD: 400,
  ERR_DANGLING_RELATIONSHIP: 400,
  ERR_INVALID_QUERY: 400,
  ERR_NOT_FOUND: 404,
  ERR_STORE_UNAVAILABLE: 503,
  ERR_STORE_SCHEMA: 500,
  ERR_CONFLICT: 409,
};
