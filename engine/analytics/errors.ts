/**
 * Errors of analytics and suggestions, with stable codes the CLI prints and the API maps to
 * HTTP statuses. Unknown ids and malformed parameters are the caller's to fix (4xx).
 */
import type { z } from 'zod';

export type AnalyticsErrorCode =
  /** A parameter is unknown or malformed; `field` names it. */
  | 'ERR_INVALID_QUERY'
  /** The id names no node the viewer may see (the two are not told apart). */
  | 'ERR_NOT_FOUND'
  /** The id names a node of another kind than the operation needs. */
  | 'ERR_WRONG_KIND';

export const ANALYTICS_ERROR_STATUS: Readonly<Record<AnalyticsErrorCode, number>> = {
  ERR_INVALID_QUERY: 400,
  ERR_NOT_FOUND: 404,
  ERR_WRONG_KIND: 400,
};

export class AnalyticsError extends Error {
  override readonly name = 'AnalyticsError';
  constructor(
    readonly code: AnalyticsErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const isAnalyticsError = (e: unknown): e is AnalyticsError => e instanceof AnalyticsError;

/** Parses with a zod schema; the first problem becomes ERR_INVALID_QUERY naming its field. */
export function parseQuery<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new AnalyticsError(
    'ERR_INVALID_QUERY',
    `${what}: ${field === '' ? '' : `${field} `}${issue?.message ?? 'is invalid'}`,
    field === '' ? undefined : field,
  );
}
