/** Errors of the dataset sources (generator, demo dataset), with stable codes. */

export type DatasetErrorCode = 'ERR_INVALID_OPTIONS' | 'ERR_DEMO_DATASET';

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  constructor(
    readonly code: DatasetErrorCode,
    message: string,
    readonly problems: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
