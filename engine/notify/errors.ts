/**
 * Errors of notices, the inbox and subscriptions, with stable codes that the API maps to HTTP
 * statuses and the bots show as a reply. Nothing was written when one is thrown.
 */

export type NotifyErrorCode =
  /** A notice or subscription field is missing or malformed; `field` names it (`notices[2].title`). */
  | 'ERR_INVALID_NOTICE'
  /** A notice's recipient is not a Person in the store. */
  | 'ERR_UNKNOWN_RECIPIENT'
  /** No notice with that id in the reader's inbox (a notice of someone else is not told apart). */
  | 'ERR_NOTICE_NOT_FOUND'
  /** A subscription field is missing or malformed; `field` names it. */
  | 'ERR_INVALID_SUBSCRIPTION'
  /** The topic, country or INC named does not exist or the reader may not see it. */
  | 'ERR_SUBSCRIPTION_TARGET'
  /** No subscription with that id among the reader's (someone else's is not told apart). */
  | 'ERR_SUBSCRIPTION_NOT_FOUND'
  /** The reader names no person: notices and subscriptions belong to a person. */
  | 'ERR_NO_PERSON'
  /** Subscribing for an INC takes a person who coordinates it. */
  | 'ERR_NOT_INC_MEMBER';

export const NOTIFY_ERROR_STATUS: Readonly<Record<NotifyErrorCode, number>> = {
  ERR_INVALID_NOTICE: 400,
  ERR_UNKNOWN_RECIPIENT: 400,
  ERR_NOTICE_NOT_FOUND: 404,
  ERR_INVALID_SUBSCRIPTION: 400,
  ERR_SUBSCRIPTION_TARGET: 400,
  ERR_SUBSCRIPTION_NOT_FOUND: 404,
  ERR_NO_PERSON: 403,
  ERR_NOT_INC_MEMBER: 403,
};

export class NotifyError extends Error {
  override readonly name = 'NotifyError';
  constructor(
    readonly code: NotifyErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const isNotifyError = (e: unknown): e is NotifyError => e instanceof NotifyError;
