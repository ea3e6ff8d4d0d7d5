/**
 * Errors of erasure, export and retention, with stable codes that the API maps to HTTP statuses
 * and the CLI prints. Each is thrown before anything is changed.
 */
export type PrivacyErrorCode =
  /** No person with that id (or the id names a node of another kind): nothing was changed. */
  | 'ERR_PERSON_NOT_FOUND'
  /** The erasure has no reason, or one too long. */
  | 'ERR_ERASURE_REASON'
  /** The retention file is not valid JSON or a field is out of range; `field` names it. */
  | 'ERR_RETENTION_CONFIG'
  /** An export format other than json. */
  | 'ERR_EXPORT_FORMAT';

export const PRIVACY_ERROR_STATUS: Readonly<Record<PrivacyErrorCode, number>> = {
  ERR_PERSON_NOT_FOUND: 404,
  ERR_ERASURE_REASON: 400,
  ERR_RETENTION_CONFIG: 400,
  ERR_EXPORT_FORMAT: 400,
};

export class PrivacyError extends Error {
  override readonly name = 'PrivacyError';
  constructor(
    readonly code: PrivacyErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const isPrivacyError = (e: unknown): e is PrivacyError => e instanceof PrivacyError;
