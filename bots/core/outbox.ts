/**
 * The bots' side of the durable outbox (engine/notify): finds each recipient's chat identities in
 * the config (exact `platform:userId` keys naming their Person; patterns name nobody in particular),
 * renders their due notices as one reply, and sends it through every started adapter that has
 * direct messages. Every bots process runs it; the store's claims keep two of them from sending
 * the same notice.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { type DeliveryOutcome, type Notice, type OutboxPass, runOutbox } from '../../engine/notify/index.js';
import type { GraphStore } from '../../graph/index.js';
import type { Adapter } from './adapter.js';
import type { CommandLog } from './command.js';
import type { Identity } from './identity.js';
import { type Reply, type ReplyItem, reply } from './reply.js';

export interface OutboxRunnerOptions {
  readonly store: GraphStore;
  readonly adapters: readonly Adapter[];
  readonly identities: Readonly<Record<string, Identity>>;
  readonly log: Pick<CommandLog, 'info' | 'warn' | 'error'>;
  readonly intervalMs: number;
  readonly minIntervalMs: number;
  readonly retryMs: number;
  readonly now?: () => Date;
  readonly dashboardUrl?: string;
  /** Route notices to rooms (announcements, digests posted in a channel); a recipient none claims is a person. */
  readonly channels?: readonly ChannelRoutes[];
  /** Run before each pass (the alerts' catch-up with the feed), so a pass sends what the feed just brought. */
  readonly beforePass?: () => Promise<void>;
}

/** A recipient that is a room, not a person: where its notices are posted and how they read there. */
export interface ChannelPost {
  readonly platform: string;
  readonly conversationId: string;
  /** One message for the room's batch of notices. */
  render(notices: readonly Notice[], dashboardUrl?: string): Reply;
}

export interface ChannelRoutes {
  /** The room a notice recipient stands for (undefined: not one of these). */
  channelOf(recipient: string): ChannelPost | undefined;
}

export interface OutboxRunner {
  /** One pass now (tests, and the timer). Passes never overlap: a call during one waits for it. */
  pass(): Promise<OutboxPass>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/** The user id of the recipient on each platform (the first exact identity per platform, in key order). */
export function routesOf(identities: Readonly<Record<string, Identity>>, person: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of Object.keys(identities).sort()) {
    if (key.includes('*') || identities[key]?.person !== person) continue;
    const at = key.indexOf(':');
    const platform = key.slice(0, at);
    if (!out.has(platform)) out.set(platform, key.slice(at + 1));
  }
  return out;
}

/** One message for a recipient's batch: each notice an item with its reason and buttons. */
export function renderNotices(notices: readonly Notice[], dashboardUrl?: string): Reply {
  const items: ReplyItem[] = notices.map((n) => ({
    ...(n.refId === undefined ? {} : { id: n.refId }),
    title: n.title,
    facts: [n.noticeKind],
    why: n.reason,
    actions: n.actionLabels.map((label, i) => ({ label, command: n.actionValues[i] ?? '' })),
  }));
  const only = notices.length === 1 ? notices[0] : undefined;
  return reply({
    tone: 'notice',
    title: only === undefined ? `${notices.length} new notices` : only.title,
    text: only === undefined ? 'Since my last message:' : only.reason,
    sections: only === undefined ? [{ title: 'Notices', items }] : [],
    actions: only === undefined ? [] : (items[0]?.actions ?? []),
    links:
      dashboardUrl === undefined ? [] : [{ label: 'Your inbox', url: `${dashboardUrl.replace(/\/$/u, '')}/inbox` }],
    footer: 'These are also in your inbox. Manage what you get with `subscriptions`.',
    // A direct message is seen by its recipient only, and every notice was checked for them.
    visibility: 'restricted',
  });
}

/**
 * The key of one message: the same platform and notices give the same key, so the retry of a send
 * whose answer was lost is the same send to a platform that deduplicates (adapter.ts SendOptions).
 * A retry that carries one more notice is another message, and another key.
 */
export function messageKey(platform: string, notices: readonly Notice[]): string {
  const ids = notices.map((n) => n.id).sort();
  return `ileanet-${createHash('sha256')
    .update(`${platform}\n${ids.join('\n')}`)
    .digest('hex')
    .slice(0, 32)}`;
}

export function createOutboxRunner(o: OutboxRunnerOptions): OutboxRunner {
  const owner = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const byPlatform = new Map(o.adapters.filter((a) => a.sendDirect !== undefined).map((a) => [a.platform, a]));

  async function deliver(recipient: string, notices: readonly Notice[]): Promise<DeliveryOutcome> {
    const channel = o.channels?.map((c) => c.channelOf(recipient)).find((c) => c !== undefined);
    if (channel !== undefined) {
      const adapter = o.adapters.find((a) => a.platform === channel.platform);
      // A channel no longer configured or whose platform did not start: recorded as carried by none.
      if (adapter?.post === undefined) return { delivered: [], failed: [] };
      try {
        await adapter.post(channel.conversationId, channel.render(notices, o.dashboardUrl), {
          idempotencyKey: messageKey(channel.platform, notices),
        });
        return { delivered: [channel.platform], failed: [] };
      } catch (e) {
        o.log.warn(`${channel.platform}: could not post in ${channel.conversationId}; kept for a retry`);
        return { delivered: [], failed: [{ platform: channel.platform, error: (e as Error).message }] };
      }
    }
    const delivered: string[] = [];
    const failed: { platform: string; error: string }[] = [];
    for (const [platform, userId] of routesOf(o.identities, recipient)) {
      const adapter = byPlatform.get(platform);
      if (adapter?.sendDirect === undefined) continue;
      // After a partial success, a platform that already carried a notice does not carry it again.
      const todo = notices.filter((n) => !n.deliveredTo.includes(platform));
      if (todo.length === 0) continue;
      try {
        await adapter.sendDirect(userId, renderNotices(todo, o.dashboardUrl), {
          idempotencyKey: messageKey(platform, todo),
        });
        delivered.push(platform);
      } catch (e) {
        failed.push({ platform, error: (e as Error).message });
        o.log.warn(`${platform}: could not send ${todo.length} notice(s) by direct message; kept for a retry`);
      }
    }
    return { delivered, failed };
  }

  let running: Promise<OutboxPass> | undefined;
  let stopped = false;
  const pass = async (): Promise<OutboxPass> => {
    while (running !== undefined) await running.catch(() => undefined);
    const p = (o.beforePass?.() ?? Promise.resolve()).then(() =>
      runOutbox(o.store, {
        owner,
        deliver,
        minIntervalMs: o.minIntervalMs,
        backoffMs: o.retryMs,
        ...(o.now === undefined ? {} : { now: o.now }),
      }),
    );
    running = p;
    try {
      return await p;
    } finally {
      running = undefined;
    }
  };
  const timer = setInterval(() => {
    if (stopped || running !== undefined) return;
    pass().catch((e: unknown) => o.log.error('outbox: a pass failed; the next one tries again', e));
  }, o.intervalMs);
  timer.unref();
  return {
    pass,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
