/**
 * What every platform adapter is: built by `createXAdapter(config)`, started with the runtime
 * it calls back into (and nothing else of the app), stopped on shutdown.
 */
import type { Reply } from './reply.js';
import type { BotRuntime } from './runtime.js';

/**
 * `idempotencyKey`: the same key for a retry of the same message (the outbox derives it from the
 * notices it carries). A platform that deduplicates sends by a client key (Matrix transaction ids,
 * Discord's enforced nonce) gets it, so a send the platform took but whose answer was lost is not
 * posted twice; on one that cannot (Slack) the key is unused.
 */
export interface SendOptions {
  readonly idempotencyKey?: string;
}

export interface Adapter {
  readonly platform: string;
  /** Connects to the platform and starts taking commands; rejects when the platform refuses (bad token) or is unreachable. */
  start(runtime: BotRuntime): Promise<void>;
  /** Disconnects; idempotent. */
  stop(): Promise<void>;
  /**
   * Sends `reply` to the user's direct conversation with the bot (opened when there is none), with
   * its buttons where the platform has them. Resolves once the platform took it; rejects when the
   * platform refuses or is unreachable (the outbox keeps the notice and tries again), or before
   * `start`. Adapters without direct messages leave it out.
   */
  sendDirect?(userId: string, reply: Reply, options?: SendOptions): Promise<void>;
  /**
   * Posts `reply` in a conversation the bot is in (an announcement in a shared room), with its
   * buttons where the platform has them. Resolves once the platform took it; rejects like sendDirect.
   */
  post?(conversationId: string, reply: Reply, options?: SendOptions): Promise<void>;
  /** Platform user ids who may read the conversation, the bot left out (the audience rule's input). */
  readers?(conversationId: string): Promise<readonly string[]>;
}
