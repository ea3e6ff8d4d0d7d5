/**
 * The durable outbox: notices waiting for their direct message. Any number of processes may run it
 * over one store; each claims a recipient's due notices in the store (a conditional write under the
 * store's write lock, so one claim wins), sends them as one message, and marks them delivered. A send
 * that fails leaves them pending with a backoff; a claim whose process died lapses after `leaseMs`.
 * Delivery is once per notice and platform, except when a process dies between a platform accepting
 * the message and the store recording it (the lapsed claim is then sent again): the one window no
 * outbox over an outside API without idempotency keys can close.
 */
import { GraphError, type GraphStore, type NodeInput, SYSTEM } from '../../graph/index.js';
import { type Notice, unchangedSince } from './notice.js';

/** What the surface (the bots) does with one recipient's batch. */
export type Deliver = (recipient: string, notices: readonly Notice[]) => Promise<DeliveryOutcome>;

export interface DeliveryOutcome {
  /** Platforms that took the message. */
  readonly delivered: readonly string[];
  /** Platforms that failed (down, refused); retried later with backoff. */
  readonly failed: readonly { readonly platform: string; readonly error: string }[];
}

export interface OutboxOptions {
  /** Names this process in claims (host:pid:random). */
  readonly owner: string;
  readonly deliver: Deliver;
  readonly now?: () => Date;
  /** A claim lapses after this long (default 60 s): longer than any send takes. */
  readonly leaseMs?: number;
  /** Per recipient, at most one message per this interval (default 60 s): later notices wait and go together. */
  readonly minIntervalMs?: number;
  /** First retry after a failed send (default 5 s), doubling up to `maxBackoffMs` (default 15 min). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
}

export interface OutboxPass {
  /** Messages sent (one per recipient and platform). */
  readonly messages: number;
  readonly delivered: number;
  readonly failed: number;
  /** Notices left for the next pass: rate-limited, backing off, or claimed by another process. */
  readonly waiting: number;
}

export function backoff(attempts: number, first: number, max: number): number {
  return Math.min(max, first * 2 ** Math.max(0, attempts - 1));
}

/** Pending notices of every recipient (as SYSTEM: the outbox is the system's). */
async function pending(store: GraphStore): Promise<Notice[]> {
  const out: Notice[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(
      { kind: 'Notice', where: { delivery: 'pending' }, limit: 10_000, ...(cursor ? { cursor } : {}) },
      SYSTEM,
    );
    for (const n of page.items) if (n.kind === 'Notice') out.push(n);
    cursor = page.next;
  } while (cursor !== undefined);
  return out;
}

/** When the recipient last got a message (their latest delivered notice), or undefined. */
async function lastSent(store: GraphStore, recipient: string, since: string): Promise<string | undefined> {
  const page = await store.list(
    { kind: 'Notice', where: { recipient, deliveredAt: { gte: since } }, limit: 10_000 },
    SYSTEM,
  );
  let last: string | undefined;
  for (const n of page.items)
    if (n.kind === 'Notice' && n.deliveredAt && (!last || n.deliveredAt > last)) last = n.deliveredAt;
  return last;
}

/** Rewrites notices only if nobody changed them since they were read; false when someone did. */
async function swap(store: GraphStore, from: readonly Notice[], to: readonly Notice[]): Promise<boolean> {
  try {
    await store.upsert({ nodes: to as NodeInput[], expect: from.flatMap(unchangedSince) });
    return true;
  } catch (e) {
    if (e instanceof GraphError && e.code === 'ERR_CONFLICT') return false;
    throw e;
  }
}

const strip = (n: Notice): Notice => {
  const { claimedBy: _c, claimUntil: _u, ...rest } = n;
  return rest as Notice;
};

/**
 * One pass: every recipient with due notices gets at most one message per platform holding all of
 * them (batched), unless they got one within `minIntervalMs` (rate limit). Returns what happened.
 */
export async function runOutbox(store: GraphStore, options: OutboxOptions): Promise<OutboxPass> {
  const clock = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 60_000;
  const minInterval = options.minIntervalMs ?? 60_000;
  const first = options.backoffMs ?? 5_000;
  const max = options.maxBackoffMs ?? 15 * 60_000;
  const now = clock();
  const iso = now.toISOString();
  const due = (await pending(store)).filter(
    (n) =>
      (n.nextAttemptAt === undefined || n.nextAttemptAt <= iso) && (n.claimUntil === undefined || n.claimUntil <= iso),
  );
  const byRecipient = new Map<string, Notice[]>();
  for (const n of due) {
    const list = byRecipient.get(n.recipient);
    if (list === undefined) byRecipient.set(n.recipient, [n]);
    else list.push(n);
  }
  let messages = 0;
  let delivered = 0;
  let failed = 0;
  let waiting = 0;
  for (const [recipient, notices] of [...byRecipient].sort(([a], [b]) => (a < b ? -1 : 1))) {
    notices.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
    const last = await lastSent(store, recipient, new Date(now.getTime() - minInterval).toISOString());
    if (last !== undefined) {
      waiting += notices.length;
      continue;
    }
    const claimUntil = new Date(now.getTime() + leaseMs).toISOString();
    const claimed: Notice[] = notices.map((n) => ({ ...n, claimedBy: options.owner, claimUntil }));
    if (!(await swap(store, notices, claimed))) {
      waiting += notices.length;
      continue;
    }
    // Platforms already done for a notice are not sent again (a partial success of an earlier try).
    const outcome = await options.deliver(recipient, claimed).catch((e: unknown) => ({
      delivered: [] as string[],
      failed: [{ platform: '*', error: e instanceof Error ? e.message : String(e) }],
    }));
    messages += outcome.delivered.length;
    const doneAt = clock().toISOString();
    const next = claimed.map((n): Notice => {
      const deliveredTo = [...new Set([...n.deliveredTo, ...outcome.delivered])].sort();
      if (outcome.failed.length > 0) {
        const attempts = n.attempts + 1;
        return {
          ...strip(n),
          deliveredTo,
          attempts,
          nextAttemptAt: new Date(now.getTime() + backoff(attempts, first, max)).toISOString(),
          lastError: outcome.failed
            .map((f) => `${f.platform}: ${f.error}`)
            .join('; ')
            .slice(0, 1_000),
        };
      }
      const { nextAttemptAt: _n, lastError: _l, ...rest } = strip(n);
      return {
        ...rest,
        deliveredTo,
        attempts: n.attempts + 1,
        delivery: deliveredTo.length > 0 ? 'delivered' : 'none',
        deliveredAt: doneAt,
      } as Notice;
    });
    // A read mark written meanwhile moves readAt: keep it and record the delivery over it.
    for (let race = 0; ; race++) {
      if (await swap(store, claimed, next)) break;
      const fresh = new Map(
        (
          await store.getNodes(
            claimed.map((n) => n.id),
            SYSTEM,
          )
        )
          .filter((n): n is Notice => n.kind === 'Notice')
          .map((n) => [n.id, n]),
      );
      const stillMine = claimed.every((n) => fresh.get(n.id)?.claimedBy === options.owner);
      if (!stillMine || race >= 5) throw new Error(`outbox: lost the claim on notices of ${recipient} while sending`);
      claimed.forEach((n, i) => {
        const f = fresh.get(n.id);
        const planned = next[i];
        if (f === undefined || planned === undefined) throw new Error(`outbox: notice ${n.id} vanished while sending`);
        claimed[i] = f;
        next[i] = { ...planned, ...(f.readAt === undefined ? {} : { readAt: f.readAt }) };
      });
    }
    if (outcome.failed.length > 0) failed += notices.length;
    else delivered += notices.length;
  }
  return { messages, delivered, failed, waiting };
}
