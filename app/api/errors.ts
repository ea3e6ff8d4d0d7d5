/**
 * The API's errors and the one place engine errors become HTTP answers. Every error body is
 * `{ statusCode, error, code, message, field?, requestId }` with a stable `ERR_…` code; a 5xx
 * says only that something failed and which request it was (the log has the rest).
 */
import { STATUS_CODES } from 'node:http';
import { userFacingError } from '../../engine/errors/index.js';
import { MatchError } from '../../engine/match/index.js';
import { GraphError } from '../../graph/index.js';

export type ApiErrorCode =
  /** A query parameter, path parameter or body field is missing, unknown or malformed; `field` names it. */
  | 'ERR_VALIDATION'
  /** The body is not valid JSON, or is empty while declared JSON. */
  | 'ERR_MALFORMED_BODY'
  /** A body that is not JSON, JSON declared in a charset other than UTF-8, or a compressed body. */
  | 'ERR_UNSUPPORTED_MEDIA_TYPE'
  | 'ERR_BODY_TOO_LARGE'
  /** The URL cannot be decoded (a stray `%`), or the request is malformed in a way no field names. */
  | 'ERR_BAD_REQUEST'
  /** A path segment longer than the router takes (ids are at most 300 characters). */
  | 'ERR_URI_TOO_LONG'
  /** The path exists, the method does not; `Allow` lists the ones that do. */
  | 'ERR_METHOD_NOT_ALLOWED'
  /** Nothing at that path (a static file, a docs asset). */
  | 'ERR_NOT_FOUND_PATH'
  /** The request line and headers together pass the server's limit (64 KiB). */
  | 'ERR_HEADERS_TOO_LARGE'
  | 'ERR_REQUEST_TIMEOUT'
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
  ERR_BAD_REQUEST: 400,
  ERR_URI_TOO_LONG: 414,
  ERR_METHOD_NOT_ALLOWED: 405,
  ERR_NOT_FOUND_PATH: 404,
  ERR_HEADERS_TOO_LARGE: 431,
  ERR_REQUEST_TIMEOUT: 408,
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

/**
 * Fastify's and its plugins' own errors that are the client's doing, with a fixed message each:
 * their own messages echo the URL or header sent, which the answer must not.
 */
const FASTIFY_CODES: Readonly<Record<string, readonly [ApiErrorCode, string]>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['ERR_MALFORMED_BODY', 'the body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['ERR_MALFORMED_BODY', 'the body is not valid JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['ERR_MALFORMED_BODY', 'the body does not have the length declared'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['ERR_UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json'],
  FST_ERR_CTP_INVALID_TYPE: ['ERR_UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['ERR_BODY_TOO_LARGE', 'the body is too large'],
  FST_ERR_BAD_URL: ['ERR_BAD_REQUEST', 'the URL is not valid: a % must start an escape such as %2F'],
  FST_ERR_MAX_PARAM_LENGTH: ['ERR_URI_TOO_LONG', 'a path segment is too long (ids are at most 300 characters)'],
  FST_ERR_ROUTE_MISSING_CONTENT_TYPE: ['ERR_BAD_REQUEST', 'a request with a body must declare its Content-Type'],
  FST_STATIC_FORBIDDEN_PATH: ['ERR_NOT_FOUND_PATH', 'no such file'],
};

/** Any other client error Fastify or a plugin raises keeps its 4xx under one of our codes. */
const BY_STATUS: Readonly<Record<number, readonly [ApiErrorCode, string]>> = {
  403: ['ERR_NOT_FOUND_PATH', 'no such file'],
  404: ['ERR_NOT_FOUND_PATH', 'no such file'],
  405: ['ERR_METHOD_NOT_ALLOWED', 'the method is not allowed here'],
  413: ['ERR_BODY_TOO_LARGE', 'the body is too large'],
  414: ['ERR_URI_TOO_LONG', 'the URL is too long'],
  415: ['ERR_UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json'],
  429: ['ERR_RATE_LIMITED', 'too many requests; slow down and retry later'],
};

const withField = (field: string | undefined) => (field === undefined || field === '' ? {} : { field });

/** The answer for any error thrown while handling a request. */
export function toProblem(e: unknown): Problem {
  if (e instanceof ApiError)
    return { statusCode: e.statusCode, code: e.code, message: e.message, ...withField(e.field) };
  const engineError = userFacingError(e);
  if (engineError !== undefined) {
    const { status: statusCode, code } = engineError;
    if (e instanceof MatchError && (code === 'ERR_QUERY_EMPTY' || code === 'ERR_QUERY_TOO_LONG')) {
      // The matcher speaks of "the query"; over HTTP it is the `text` parameter, so the message names it.
      return { statusCode, code, message: `text: ${engineError.message}`, field: 'text' };
    }
    // Store failures can name hosts and files: the operator reads them in the log, the client gets the code.
    const message =
      e instanceof GraphError && statusCode >= 500
        ? 'the graph store failed; the request id finds the details in the log'
        : engineError.message;
    return { statusCode, code, message, ...withField(engineError.field) };
  }
  const f = e as { code?: unknown; statusCode?: unknown; validation?: unknown; validationContext?: unknown };
  if (Array.isArray(f.validation)) {
    return validationProblem(f.validation as FastifyValidationIssue[], f.validationContext as string | undefined);
  }
  const known = typeof f.code === 'string' ? FASTIFY_CODES[f.code] : undefined;
  if (known !== undefined) {
    const [code, message] = known;
    return { statusCode: API_ERROR_STATUS[code], code, message };
  }
  const status = typeof f.statusCode === 'number' ? f.statusCode : 500;
  if (status >= 400 && status < 500) {
    // A 403 or 404 from a file server says the same thing: the path names nothing served.
    const [code, message] = BY_STATUS[status] ?? ['ERR_BAD_REQUEST', 'the request is malformed'];
    return { statusCode: status === 403 ? 404 : status, code, message };
  }
  return {
    statusCode: 500,
    code: 'ERR_INTERNAL',
    message: 'internal error; the request id finds the details in the log',
  };
}

export const statusText = (statusCode: number): string => STATUS_CODES[statusCode] ?? 'Error';
