/**
 * Errors of introductions, with stable codes that the API maps to HTTP statuses and the bots show
 * as a reply. Nothing was written when one is thrown.
 */

export type IntroductionErrorCode =
  /** A field is missing or malformed; `field` names it. */
  | 'ERR_INVALID_INTRODUCTION'
  /** The requester asked to be introduced to themselves (or to their own organisation). */
  | 'ERR_INTRODUCTION_SELF'
  /** No person, organisation or handle by that reference that the requester may see (hidden reads exactly like missing). */
  | 'ERR_INTRODUCTION_TARGET'
  /** The challenge named as the need does not exist or the requester may not see it. */
  | 'ERR_INTRODUCTION_NEED'
  /** The same requester already has a pending request for the same target. */
  | 'ERR_INTRODUCTION_DUPLICATE'
  /** No INC of the countries concerned to broker it. */
  | 'ERR_INTRODUCTION_NO_INC'
  /** No introduction by that id among those the caller is a party to. */
  | 'ERR_INTRODUCTION_NOT_FOUND'
  /** The caller is a party but not a coordinator of an INC concerned (deciding), or not the requester (withdrawing). */
  | 'ERR_INTRODUCTION_FORBIDDEN'
  /** It was already approved, declined or withdrawn. */
  | 'ERR_INTRODUCTION_DECIDED'
  /** The caller names no person: introductions are between people. */
  | 'ERR_NO_PERSON';

export const INTRODUCTION_ERROR_STATUS: Readonly<Record<IntroductionErrorCode, number>> = {
  ERR_INVALID_INTRODUCTION: 400,
  ERR_INTRODUCTION_SELF: 400,
  ERR_INTRODUCTION_TARGET: 404,
  ERR_INTRODUCTION_NEED: 400,
  ERR_INTRODUCTION_DUPLICATE: 409,
  ERR_INTRODUCTION_NO_INC: 409,
  ERR_INTRODUCTION_NOT_FOUND: 404,
  ERR_INTRODUCTION_FORBIDDEN: 403,
  ERR_INTRODUCTION_DECIDED: 409,
  ERR_NO_PERSON: 403,
};

export class IntroductionError extends Error {
  override readonly name = 'IntroductionError';
  constructor(
    readonly code: IntroductionErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const isIntroductionError = (e: unknown): e is IntroductionError => e instanceof IntroductionError;
