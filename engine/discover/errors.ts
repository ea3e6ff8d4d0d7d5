/**
 * Errors of hit/no-hit (marking restricted work discoverable, resolving a handle), with stable
 * codes mapped to HTTP statuses by engine/errors. A work the caller may not see answers exactly
 * like a missing one (ERR_WORK_NOT_FOUND), so an error never confirms that a hidden id exists.
 */

export type DiscoverErrorCode =
  /** No work with that id, or the caller may not see it (the two are not told apart). */
  | 'ERR_WORK_NOT_FOUND'
  /** The id names a node that is not a project, result or document. */
  | 'ERR_NOT_A_WORK'
  /** Only restricted work can be discoverable: other work is seen in full by those it is for. */
  | 'ERR_NOT_RESTRICTED'
  /** The caller sees the work but is not a member of its owning organisation. */
  | 'ERR_NOT_OWNER'
  /** The handle was not issued to this caller for a discoverable work that still exists. */
  | 'ERR_HANDLE_UNKNOWN'
  /** The request is malformed (a handle or flag of the wrong shape). */
  | 'ERR_INVALID_DISCOVERY';

export const DISCOVER_ERROR_STATUS: Readonly<Record<DiscoverErrorCode, number>> = {
  ERR_WORK_NOT_FOUND: 404,
  ERR_NOT_A_WORK: 400,
  ERR_NOT_RESTRICTED: 400,
  ERR_NOT_OWNER: 403,
  ERR_HANDLE_UNKNOWN: 404,
  ERR_INVALID_DISCOVERY: 400,
};

export class DiscoverError extends Error {
  override readonly name = 'DiscoverError';
  constructor(
    readonly code: DiscoverErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const isDiscoverError = (e: unknown): e is DiscoverError => e instanceof DiscoverError;
