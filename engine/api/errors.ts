/**
 * The API's errors and the one place engine errors become HTTP answers. Every error body is
 * `{ statusCode, error, code, message, field?, requestId }` with a stable `ERR_…` code; a 5xx
 * says only that something failed and which request it was (the log has the rest).
 */
import { STATUS_CODES } from 'node:http';
import { GraphError, type GraphErrorCode } from '../../graph/errors.js';
import { ANALYTICS_ERROR_STATUS, AnalyticsError } from '../analytics/errors.js';
import { INPUT_ERROR_STATUS, InputError } from '../input/errors.js';
import { MATCH_ERROR_STATUS, MatchError } from '../match/errors.js';

export type ApiErrorCode =
  /** A query parameter, path parameter or body field is missing, unknown or malformed; `field` names it. */
  | 'ERR_VALIDATION'
  /** The body is not valid JSON, or is empty while declared JSON. */
  | 'ERR_MALFORMED_BODY'
  | 'ERR_UNSUPPORTED_MEDIA_TYPE'
  | 'ERR_BODY_TOO_LARGE'
  /** No token, or one the server does not know. */
  | 'ERR_UNAUTHENTICATED'
  /** The token's role may not do this. */
  | 'ERR_FORBIDDEN'
  | 'ERR_ROUTE_NOT_FOUND'
  | 'ERR_RATE_LIMITED'
  /** The dashboard was not built (`npm run build`). */
  | 'ERR_DASHBOARD_MISSING'
  | 'ERR_INTERNAL';

export const API_ERROR_STATUS: Readonly<Record<ApiErrorCode, number>> = {
  ERR_VALIDATION: 400,
  ERR_MALFORMED_BODY: 400,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_BODY_TOO_LARGE: 413,
  ERR_UNAUTHENTICATED: 401,
  ERR_FORBIDDEN: 403,
  ERR_ROUTE_NOT_FOUND: 404,
  ERR_RATE_LIMITED: 429,
  ERR_DASHBOARD_MISSING: 503,
  ERR_INTERNAL: 500,
};

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly statusCode: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.statusCode = API_ERROR_STATUS[code];
  }
}

/** Statuses of the graph layer's codes: bad queries and records are the caller's, the rest the operator's. */
export const GRAPH_ERROR_STATUS: Readonly<Record<GraphErrorCode, number>> = {
  ERR_INVALID_RECORD: 400,
  ERR_DANGLING_RELATIONSHIP: 400,
  ERR_INVALID_QUERY: 400,
  ERR_NOT_FOUND: 404,
  ERR_STORE_UNAVAILABLE: 503,
  ERR_STORE_SCHEMA: 500,
};

export interface Problem {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

interface FastifyValidationIssue {
  readonly instancePath?: string;
  readonly keyword?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

const WHERE: Readonly<Record<string, string>> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'body field',
  headers: 'header',
};

/** `"query parameter limit must be <= 100"`: where, which field, what is wrong; never the value sent. */
function validationProblem(issues: readonly FastifyValidationIssue[], context: string | undefined): Problem {
  const issue = issues[0] ?? {};
  const where = WHERE[context ?? ''] ?? 'input';
  const path = (issue.instancePath ?? '')
    .split('/')
    .filter((p) => p !== '')
    .map((p, i) => (/^\d+$/u.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
  const params = issue.params ?? {};
  let field = path;
  let message = issue.message ?? 'is invalid';
  if (issue.keyword === 'required' && typeof params['missingProperty'] === 'string') {
    field = path === '' ? params['missingProperty'] : `${path}.${params['missingProperty']}`;
    message = 'is required';
  } else if (issue.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
    field = path === '' ? params['additionalProperty'] : `${path}.${params['additionalProperty']}`;
    message = 'is not a known field';
  } else if (issue.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    message = `must be one of ${params['allowedValues'].join(', ')}`;
  }
  if (field === '' && context === 'body')
    return { statusCode: 400, code: 'ERR_VALIDATION', message: `body ${message}` };
  return {
    statusCode: 400,
    code: 'ERR_VALIDATION',
    message: `${where} ${field === '' ? '' : `${field} `}${message}`,
    ...(field === '' ? {} : { field }),
  };
}

const FASTIFY_CODES: Readonly<Record<string, ApiErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'ERR_MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'ERR_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'ERR_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'ERR_BODY_TOO_LARGE',
};

const withField = (field: string | undefined) => (field === undefined || field === '' ? {} : { field });

/** The answer for any error thrown while handling a request. */
export function toProblem(e: unknown): Problem {
  if (e instanceof ApiError)
    return { statusCode: e.statusCode, code: e.code, message: e.message, ...withField(e.field) };
  if (e instanceof MatchError) {
    // The matcher speaks of "the query"; over HTTP it is the `text` parameter, so the message names it.
    const field = e.code === 'ERR_QUERY_EMPTY' || e.code === 'ERR_QUERY_TOO_LONG' ? 'text' : undefined;
    const message = field === undefined ? e.message : `${field}: ${e.message}`;
    return { statusCode: MATCH_ERROR_STATUS[e.code], code: e.code, message, ...withField(field) };
  }
  if (e instanceof InputError) {
    return { statusCode: INPUT_ERROR_STATUS[e.code], code: e.code, message: e.message, ...withField(e.field) };
  }
  if (e instanceof AnalyticsError) {
    return { statusCode: ANALYTICS_ERROR_STATUS[e.code], code: e.code, message: e.message, ...withField(e.field) };
  }
  if (e instanceof GraphError) {
    const statusCode = GRAPH_ERROR_STATUS[e.code];
    // Store failures can name hosts and files: the operator reads them in the log, the client gets the code.
    const message =
      statusCode >= 500 ? 'the graph store failed; the request id finds the details in the log' : e.message;
    return { statusCode, code: e.code, message };
  }
  const f = e as { code?: unknown; statusCode?: unknown; validation?: unknown; validationContext?: unknown };
  if (Array.isArray(f.validation)) {
    return validationProblem(f.validation as FastifyValidationIssue[], f.validationContext as string | undefined);
  }
  if (typeof f.code === 'string' && FASTIFY_CODES[f.code] !== undefined) {
    const code = FASTIFY_CODES[f.code] as ApiErrorCode;
    const message =
      code === 'ERR_MALFORMED_BODY'
        ? 'the body is not valid JSON'
        : code === 'ERR_UNSUPPORTED_MEDIA_TYPE'
          ? 'send the body as application/json'
          : 'the body is too large';
    return { statusCode: API_ERROR_STATUS[code], code, message };
  }
  if (f.statusCode === 429) {
    return { statusCode: 429, code: 'ERR_RATE_LIMITED', message: 'too many requests; slow down and retry later' };
  }
  return {
    statusCode: 500,
    code: 'ERR_INTERNAL',
    message: 'internal error; the request id finds the details in the log',
  };
}

export const statusText = (statusCode: number): string => STATUS_CODES[statusCode] ?? 'Error';
