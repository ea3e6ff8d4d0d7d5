/** Errors of the embedding layer, with stable codes (the CLI prints `code: message`). */

export type EmbedErrorCode =
  | 'ERR_UNKNOWN_MODEL'
  /** The model folder is missing or incomplete: run `ileanet model fetch`. */
  | 'ERR_MODEL_NOT_PROVISIONED'
  | 'ERR_MVN_MISSING'
  | 'ERR_ARTIFACT_NOT_FOUND'
  | 'ERR_MVN_FAILED'
  | 'ERR_MVN_TIMEOUT'
  /** The jar is not a readable zip, lacks the model entries, or an entry fails its CRC. */
  | 'ERR_CORRUPT_JAR'
  /** A provisioned file no longer matches the checksum recorded when it was written. */
  | 'ERR_CHECKSUM_MISMATCH'
  | 'ERR_HUB_DOWNLOAD'
  /** USE-M provisioning: no Python 3 (with venv and pip) to convert the wheel. */
  | 'ERR_PYTHON_MISSING'
  /** USE-M provisioning: pip could not fetch the wheel or the conversion packages, or the conversion failed. */
  | 'ERR_PYPI_FAILED'
  /** Lexicon provisioning: no apt-get or dpkg-deb to fetch and unpack the dictionary packages. */
  | 'ERR_APT_MISSING'
  /** Lexicon provisioning: apt-get could not fetch a pinned package, or it lacks the dictionary files. */
  | 'ERR_APT_FAILED'
  | 'ERR_EMBED_FAILED';

export class EmbedError extends Error {
  override readonly name = 'EmbedError';
  constructor(
    readonly code: EmbedErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
