/**
 * Errors of contact routes, with stable codes mapped to HTTP statuses by engine/errors. A person
 * or route the caller may not see answers exactly like a missing one (ERR_CONTACT_NOT_FOUND).
 */

export type ContactErrorCode =
  /** No such person, no route set, or the caller may not see it (guests never do): not told apart. */
  | 'ERR_CONTACT_NOT_FOUND'
  /** The caller is not a person in the graph, so has no route to set. */
  | 'ERR_CONTACT_NO_PERSON'
  /** The route is malformed: unknown route or platform, a handle that is not one on that platform. */
  | 'ERR_INVALID_CONTACT';

export const CONTACT_ERROR_STATUS: Readonly<Record<ContactErrorCode, number>> = {
  ERR_CONTACT_NOT_FOUND: 404,
  ERR_CONTACT_NO_PERSON: 400,
  ERR_INVALID_CONTACT: 400,
};

export class ContactError extends Error {
  override readonly name = 'ContactError';
  constructor(
    readonly code: ContactErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const isContactError = (e: unknown): e is ContactError => e instanceof ContactError;
