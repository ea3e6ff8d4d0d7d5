/**
 * Errors of the bots, with stable codes. Two families: what the asker must fix (bad arguments,
 * an unknown poll option), shown to them as one sentence; and what the operator must fix (a bad
 * config, a plugin that does not load, a missing native binding), which stops `ileanet bots`
 * at start with a message naming the fix. Nothing here is meant to crash a running bot.
 */

export type BotErrorCode =
  /** The bots config file or environment is invalid, or an adapter is only half configured. */
  | 'ERR_BOT_CONFIG'
  /** A plugin module cannot be imported or does not export a valid command. */
  | 'ERR_BOT_PLUGIN'
  /** Two commands (or a command and an alias) claim the same name. */
  | 'ERR_BOT_DUPLICATE_COMMAND'
  /** The asker's arguments are malformed (shown to them with the usage). */
  | 'ERR_BOT_ARGS'
  /** The asker asked for something that is not there or not allowed (a poll, an option); shown to them. */
  | 'ERR_BOT_REQUEST'
  /** Matrix is configured but matrix-bot-sdk's native crypto binding is missing. */
  | 'ERR_BOT_MATRIX_CRYPTO'
  /** An adapter could not start (platform unreachable, token refused). */
  | 'ERR_BOT_PLATFORM';

export class BotError extends Error {
  override readonly name = 'BotError';
  constructor(
    readonly code: BotErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** An error whose message is for the asker: their input or their request is the problem. */
export class CommandError extends BotError {
  constructor(message: string, options?: ErrorOptions) {
    super('ERR_BOT_REQUEST', message, options);
  }
}

export const isBotError = (e: unknown): e is BotError => e instanceof BotError;
