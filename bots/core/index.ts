/**
 * The plugin API and the platform-neutral core, as plugin authors and adapters import it.
 * A plugin needs only `defineCommand`, the reply builders and the types; see docs/bots.md.
 */

export type { Adapter } from './adapter.js';
export { type ArgField, argFields, usage, validateArgs } from './args.js';
export type { AuditEntry, AuditLog, AuditOutcome, DeliveryEntry, DeliveryPlace, DeliveryReport } from './audit.js';
export { createAuditLog } from './audit.js';
export {
  type ArgsSchema,
  type Caller,
  type Command,
  type CommandContext,
  type CommandLog,
  type CommandSettings,
  type Conversation,
  defineCommand,
  type Phrase,
  type Scratch,
} from './command.js';
export { type CoreConfig, type CoreConfigInput, coreConfigSchema } from './config.js';
export { BotError, type BotErrorCode, CommandError, isBotError } from './errors.js';
export { CommandRegistry } from './registry.js';
export {
  clip,
  errorReply,
  notice,
  type Reply,
  type ReplyAction,
  type ReplyItem,
  type ReplyLink,
  type ReplySection,
  reply,
  toPlainText,
} from './reply.js';
export {
  type BotRuntime,
  createRuntime,
  type Delivery,
  type Incoming,
  type Outcome,
  type RuntimeHandle,
} from './runtime.js';
export { visibilityOf } from './visibility.js';
