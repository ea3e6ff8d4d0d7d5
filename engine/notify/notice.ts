/**
 * Notices: a message for one person, stored durably in the graph (their inbox) and queued for
 * delivery by direct message (outbox.ts). Any producer (alerts, introductions, digests) calls
 * `notify`; the same (recipient, dedupeKey) twice is one notice, however many processes ask.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  GraphError,
  type GraphStore,
  idSchema,
  type NodeInput,
  type NodeOf,
  type Precondition,
  SYSTEM,
} from '../../graph/index.js';
import { NotifyError } from './errors.js';

export interface NoticeInput {
  /** Person id, or a channel recipient (`channelRecipient`) for an announcement in a shared room. */
  recipientId: string;
  kind: 'alert' | 'introduction' | 'digest' | string;
  title: string;
  reason: string;
  ref?: { kind: string; id: string };
  actions?: { label: string; value: string }[];
  /** With the recipient, what makes the notice unique: sending it again is a duplicate, never a second notice. */
  dedupeKey: string;
}

export type Notice = NodeOf<'Notice'>;

export interface NotifyOptions {
  /** The clock (tests inject one). */
  readonly now?: () => Date;
}

const noticeInputSchema = z.strictObject({
  recipientId: idSchema,
  kind: z.string().min(1, 'is empty').max(50),
  title: z.string().min(1, 'is empty').max(1_000),
  reason: z.string().max(4_000),
  ref: z.strictObject({ kind: z.string().min(1).max(50), id: idSchema }).optional(),
  actions: z
    .array(z.strictObject({ label: z.string().min(1).max(200), value: z.string().min(1).max(500) }))
    .max(10)
    .optional(),
  dedupeKey: z.string().min(1, 'is empty').max(500),
});

/** The notice's id: a digest of recipient and key, so the id itself says whether it exists. */
export function noticeId(recipientId: string, dedupeKey: string): string {
  return `notice:${createHash('sha256').update(`${recipientId}\u0000${dedupeKey}`, 'utf8').digest('hex').slice(0, 32)}`;
}

function validate(notices: readonly NoticeInput[]): NoticeInput[] {
  return notices.map((raw, index) => {
    const parsed = noticeInputSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = `notices[${index}]${issue?.path.length ? `.${issue.path.join('.')}` : ''}`;
      throw new NotifyError('ERR_INVALID_NOTICE', `${field} ${issue?.message ?? 'is invalid'}`, field);
    }
    return parsed.data as NoticeInput;
  });
}

function toNode(n: NoticeInput, now: string): NodeInput {
  return {
    kind: 'Notice',
    id: noticeId(n.recipientId, n.dedupeKey),
    visibility: 'restricted',
    owner: n.recipientId,
    date: now,
    recipient: n.recipientId,
    noticeKind: n.kind,
    title: n.title,
    reason: n.reason,
    ...(n.ref === undefined ? {} : { refKind: n.ref.kind, refId: n.ref.id }),
    actionLabels: (n.actions ?? []).map((a) => a.label),
    actionValues: (n.actions ?? []).map((a) => a.value),
    dedupeKey: n.dedupeKey,
    createdAt: now,
    delivery: 'pending',
    deliveredTo: [],
    attempts: 0,
  };
}

/** Recipients that are chat channels, not people: announcements (polls, surveys) posted in a shared room. */
export const CHANNEL_RECIPIENT = 'channel:';

/**
 * The recipient id of a configured channel (`platform:conversationId`): a digest, because room ids
 * (`!abc:server`) are no graph ids. Notices to it use the outbox's claims, batching and backoff
 * like anyone's; the bots route them to the channel.
 */
export function channelRecipient(channelKey: string): string {
  return `${CHANNEL_RECIPIENT}${createHash('sha256').update(channelKey, 'utf8').digest('hex').slice(0, 32)}`;
}

const isChannel = (id: string): boolean => id.startsWith(CHANNEL_RECIPIENT);

/** How often a batch is re-read and re-tried after another process stored one of its notices first. */
const MAX_RACES = 5;

/**
 * Stores each notice (visible to its recipient and administrators only) and queues it for delivery.
 * Idempotent per (recipient, dedupeKey): a notice already stored, or repeated in the batch, counts as
 * a duplicate and is left as it is (read or delivered stays so). Atomic per call: an invalid notice or
 * a recipient that is not a Person rejects the call with nothing written; two processes storing the
 * same notice at once store it once (the write is conditional on the id being free, under the
 * store's write lock).
 */
export async function notify(
  store: GraphStore,
  notices: NoticeInput[],
  options: NotifyOptions = {},
): Promise<{ queued: number; duplicates: number }> {
  const valid = validate(notices);
  if (valid.length === 0) return { queued: 0, duplicates: 0 };
  const recipients = [...new Set(valid.map((n) => n.recipientId).filter((id) => !isChannel(id)))];
  const people = new Map((await store.getNodes(recipients, SYSTEM)).map((p) => [p.id, p.kind]));
  valid.forEach((n, index) => {
    if (!isChannel(n.recipientId) && people.get(n.recipientId) !== 'Person') {
      throw new NotifyError(
        'ERR_UNKNOWN_RECIPIENT',
        `notices[${index}].recipientId ${n.recipientId} is not a person in the store`,
        `notices[${index}].recipientId`,
      );
    }
  });
  const now = (options.now?.() ?? new Date()).toISOString();
  const byId = new Map<string, NodeInput>();
  for (const n of valid) {
    const node = toNode(n, now);
    if (!byId.has(node.id)) byId.set(node.id, node);
  }
  for (let race = 0; ; race++) {
    const stored = new Set((await store.getNodes([...byId.keys()], SYSTEM)).map((n) => n.id));
    const fresh = [...byId.values()].filter((n) => !stored.has(n.id));
    if (fresh.length === 0) return { queued: 0, duplicates: valid.length };
    try {
      // The condition is what makes two processes storing the same notice store it once.
      await store.upsert({ nodes: fresh, expect: fresh.map((n) => ({ id: n.id, field: 'id', in: [null] })) });
      return { queued: fresh.length, duplicates: valid.length - fresh.length };
    } catch (e) {
      if (!(e instanceof GraphError && e.code === 'ERR_CONFLICT') || race >= MAX_RACES) throw e;
    }
  }
}

/**
 * Conditions that hold while nobody else rewrote the notice since `n` was read: readers (read marks)
 * and the outbox (claims, deliveries) rewrite the whole node, so each checks the fields the other writes.
 */
export function unchangedSince(n: Notice): Precondition[] {
  return [
    { id: n.id, field: 'readAt', in: [n.readAt ?? null] },
    { id: n.id, field: 'delivery', in: [n.delivery] },
    { id: n.id, field: 'attempts', in: [n.attempts] },
    { id: n.id, field: 'claimUntil', in: [n.claimUntil ?? null] },
  ];
}
