/**
 * The outbox runner as the bot e2e tests drive it: no timer of its own to speak of (an hour), each
 * test calling `pass()` itself; no per-person pause and a one-second first retry unless the test
 * is about them; a log that says nothing unless given one.
 */
import { createOutboxRunner, type OutboxRunner, type OutboxRunnerOptions } from '../../../bots/core/outbox.js';

export const QUIET_LOG = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function startTestOutbox(
  o: Pick<OutboxRunnerOptions, 'store' | 'adapters' | 'identities'> & Partial<OutboxRunnerOptions>,
): OutboxRunner {
  return createOutboxRunner({ log: QUIET_LOG, intervalMs: 3_600_000, minIntervalMs: 0, retryMs: 1_000, ...o });
}
