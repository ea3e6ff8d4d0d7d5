/**
 * What every platform adapter is: built by `createXAdapter(config)`, started with the runtime
 * it calls back into (and nothing else of the app), stopped on shutdown.
 */
import type { BotRuntime } from './runtime.js';

export interface Adapter {
  readonly platform: string;
  /** Connects to the platform and starts taking commands; rejects when the platform refuses (bad token) or is unreachable. */
  start(runtime: BotRuntime): Promise<void>;
  /** Disconnects; idempotent. */
  stop(): Promise<void>;
}
