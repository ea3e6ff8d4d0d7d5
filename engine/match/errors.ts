/**
 * Errors of matching (who-solved, match-need), with stable codes that the CLI prints and the
 * API maps to HTTP statuses. Bad input is the caller's to fix (4xx); an unavailable model or
 * index is the operator's (503); nothing here is a crash.
 */

export type MatchErrorCode =
  /** The query text is empty or only white space. */
  | 'ERR_QUERY_EMPTY'
  /** The query text is longer than the limit (see MAX_QUERY_CHARS). */
  | 'ERR_QUERY_TOO_LONG'
  /** A filter is unknown or its value is malformed (`--kind police`, `--country FRA`, `--min-trl 12`). */
  | 'ERR_INVALID_FILTER'
  /** No challenge with that id exists, or the viewer may not see it (the two are not told apart). */
  | 'ERR_CHALLENGE_NOT_FOUND'
  /** The id names a node of another kind. */
  | 'ERR_NOT_A_CHALLENGE'
  /** Dense retrieval was asked for but the model or its vector index cannot be used. */
  | 'ERR_DENSE_UNAVAILABLE'
  /** The lexical index could neither be read nor rebuilt and written, or the installed minisearch cannot be scored. */
  | 'ERR_LEXICAL_INDEX'
  /** A provisioned bilingual lexicon (engine/match/lexicon.ts) no longer matches its manifest's checksum. */
  | 'ERR_LEXICON_CORRUPT';

/** HTTP status for each code, used by the API's single error handler. */
export const MATCH_ERROR_STATUS: Readonly<Record<MatchErrorCode, number>> = {
  ERR_QUERY_EMPTY: 400,
  ERR_QUERY_TOO_LONG: 400,
  ERR_INVALID_FILTER: 400,
  ERR_CHALLENGE_NOT_FOUND: 404,
  ERR_NOT_A_CHALLENGE: 400,
  ERR_DENSE_UNAVAILABLE: 503,
  ERR_LEXICAL_INDEX: 503,
  ERR_LEXICON_CORRUPT: 503,
};

export class MatchError extends Error {
  override readonly name = 'MatchError';
  constructor(
    readonly code: MatchErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const isMatchError = (e: unknown): e is MatchError => e instanceof MatchError;
