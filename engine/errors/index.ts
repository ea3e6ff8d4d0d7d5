/**
 * What a user is told about an error, decided in one place for every surface (the HTTP API, the
 * bots, the CLI). Each area has its own `errors.ts` with stable `ERR_…` codes and an HTTP-like
 * status per code; this maps any of their errors to that code, status and message, and anything
 * else to `undefined`: a bug or an outage the surface apologises for and logs, never explains.
 * How to show it stays with the surface (a problem body, a chat message, a line on stderr and
 * an exit code).
 */

import { GRAPH_ERROR_STATUS, GraphError } from '../../graph/index.js';
import { ANALYTICS_ERROR_STATUS, isAnalyticsError } from '../analytics/index.js';
import { CONTACT_ERROR_STATUS, isContactError } from '../contact/index.js';
import { DISCOVER_ERROR_STATUS, isDiscoverError } from '../discover/index.js';
import { INPUT_ERROR_STATUS, isInputError } from '../input/index.js';
import { INTRODUCTION_ERROR_STATUS, isIntroductionError } from '../introductions/index.js';
import { isMatchError, MATCH_ERROR_STATUS } from '../match/index.js';
import { isNotifyError, NOTIFY_ERROR_STATUS } from '../notify/index.js';
import { isPrivacyError, PRIVACY_ERROR_STATUS } from '../privacy/index.js';

export interface UserFacingError {
  readonly code: string;
  /** Below 500 the request was wrong and the user can fix it; 500 and up the service failed. */
  readonly status: number;
  /** The error's own message. A store failure's (status 500 and up) can name hosts and files. */
  readonly message: string;
  /** The parameter or field at fault, when the error names one. */
  readonly field?: string;
}

const withField = (field: string | undefined) => (field === undefined || field === '' ? {} : { field });

/** The code, status and message of an engine or store error; undefined for any other error. */
export function userFacingError(e: unknown): UserFacingError | undefined {
  if (isMatchError(e)) return { code: e.code, status: MATCH_ERROR_STATUS[e.code], message: e.message };
  if (isInputError(e))
    return { code: e.code, status: INPUT_ERROR_STATUS[e.code], message: e.message, ...withField(e.field) };
  if (isAnalyticsError(e))
    return { code: e.code, status: ANALYTICS_ERROR_STATUS[e.code], message: e.message, ...withField(e.field) };
  if (isNotifyError(e))
    return { code: e.code, status: NOTIFY_ERROR_STATUS[e.code], message: e.message, ...withField(e.field) };
  if (isPrivacyError(e))
    return { code: e.code, status: PRIVACY_ERROR_STATUS[e.code], message: e.message, ...withField(e.field) };
  if (isContactError(e))
    return { code: e.code, status: CONTACT_ERROR_STATUS[e.code], message: e.message, ...withField(e.field) };
  if (isDiscoverError(e))
    return { code: e.code, status: DISCOVER_ERROR_STATUS[e.code], message: e.message, ...withField(e.field) };
  if (isIntroductionError(e))
    return { code: e.code, status: INTRODUCTION_ERROR_STATUS[e.code], message: e.message, ...withField(e.field) };
  if (e instanceof GraphError) return { code: e.code, status: GRAPH_ERROR_STATUS[e.code], message: e.message };
  return undefined;
}
