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

/** Error responses a route can give besides its own: every route validates, authenticates and is rate limited. */
export const errors = (...statuses: number[]): Record<number, Schema> =>
  Object.fromEntries([400, 401, 403, 429, 500, ...statuses].map((s) => [s, errorBody]));

/** For routes that take no query parameters: any given is a 400 naming it. */
export const noQuery: Schema = strictObj({});

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
