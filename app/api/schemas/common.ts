/** Shapes shared by several routes: errors, ids, node references, stored nodes and relationships. */
import { arr, int, num, obj, type Schema, str, strictObj } from './json.js';

export const errorBody: Schema = obj(
  {
    statusCode: int(),
    error: str({ description: 'HTTP status text' }),
    code: str({ description: 'Stable error code (ERR_…)', examples: ['ERR_VALIDATION'] }),
    message: str(),
    field: str({ description: 'The input field at fault, when one is' }),
    requestId: str({ description: 'Quote it to the operator: the log line of this request carries it' }),
  },
  ['statusCode', 'error', 'code', 'message', 'requestId'],
);

/**
 * Error responses a route can give besides its own: every route validates (400), authenticates
 * (401, 403), is rate limited (429), refuses a request line and headers past MAX_HEADER_BYTES
 * (431), and may find the store unavailable (503) or fail (500).
 * Routes add theirs: 404 for a named node, 409 for a closed one, `PATH_ERRORS` for a path
 * parameter, `BODY_ERRORS` for a body.
 */
export const errors = (...statuses: number[]): Record<number, Schema> =>
  Object.fromEntries(
    [...new Set([400, 401, 403, 429, 431, 500, 503, ...statuses])].sort((a, b) => a - b).map((s) => [s, errorBody]),
  );

/** A path segment past the router's length (MAX_PARAM_LENGTH) is a 414. */
export const PATH_ERRORS = [414] as const;
/** A body over the size limit is a 413; one not JSON in UTF-8, or compressed, a 415. */
export const BODY_ERRORS = [413, 415] as const;

/** For routes that take no query parameters: any given is a 400 naming it. */
export const noQuery: Schema = strictObj({});

/** Request line and headers the server reads (Node's default is 16 KiB). */
export const MAX_HEADER_BYTES = 64 * 1024;

/** Longest path segment the router takes: an id of 300 characters of up to 4 UTF-8 bytes, %-encoded. */
export const MAX_PARAM_LENGTH = 300 * 12;

export const id = str({ minLength: 1, maxLength: 300, pattern: '^\\S+$' });
export const idParams: Schema = strictObj(
  { id: { ...id, description: 'Node id, e.g. demo:challenge:prison-drone-drops' } },
  ['id'],
);
/** Two letters, either case (stored upper case, CORDIS style: EL, UK). */
export const countryParam = str({ pattern: '^[A-Za-z]{2}$', description: 'Two-letter country code (e.g. FR, EL)' });

export const nodeRef: Schema = obj({ id: str(), kind: str(), label: str() }, ['id', 'kind', 'label']);

export const graphRel: Schema = obj(
  {
    type: str(),
    from: str(),
    to: str(),
    role: str(),
    value: num(),
    option: str(),
    weight: num(),
    date: str(),
  },
  ['type', 'from', 'to'],
);

/** A stored node as graph/model.ts defines it; the fields beyond the core depend on `kind`. */
export const graphNode: Schema = obj(
  {
    id: str(),
    kind: str(),
    visibility: str({ enum: ['public', 'network', 'restricted'] }),
    owner: str(),
    date: str(),
  },
  ['id', 'kind', 'visibility'],
);

export const strings = arr(str());
