/**
 * Subscriptions: a person's (or their INC's) standing interest in a query, a topic, a country or
 * their own challenges. Stored as the creator's personal records (restricted, owned by their Person
 * id, like notices); alerts (alerts.ts) read them from the store.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  countryCode,
  type GraphStore,
  idSchema,
  type NodeInput,
  type NodeOf,
  SUBSCRIPTION_SUBJECTS,
  SYSTEM,
  type Viewer,
} from '../../graph/index.js';
import { parseQueryText } from '../match/index.js';
import { NotifyError } from './errors.js';
import type { NotifyOptions } from './notice.js';
import { personalViewer, type Reader } from './reader.js';

export type Subscription = NodeOf<'Subscription'>;

export const subscriptionInputSchema = z.strictObject({
  subject: z.enum(SUBSCRIPTION_SUBJECTS, { error: () => `must be one of ${SUBSCRIPTION_SUBJECTS.join(', ')}` }),
  /** The query text, topic id or country code; left out for `challenges`. */
  // Bounded loosely: a query's own limit is the matcher's to tell, in who-solved's words.
  value: z.string().max(10_000).optional(),
  /** Subscribe for this INC (its coordinators get the alerts) instead of for yourself. */
  inc: idSchema.optional(),
});
export type SubscriptionInput = z.input<typeof subscriptionInputSchema>;

export interface SubscriptionView {
  readonly id: string;
  readonly subject: Subscription['subject'];
  readonly value: string;
  /** The Person or INC the alerts are for. */
  readonly subscriber: string;
  readonly createdAt: string;
}

export const subscriptionView = (s: Subscription): SubscriptionView => ({
  id: s.id,
  subject: s.subject,
  value: s.value,
  subscriber: s.subscriber,
  createdAt: s.createdAt,
});

const subscriptionId = (subscriber: string, subject: string, value: string) =>
  `subscription:${createHash('sha256').update(`${subscriber}\u0000${subject}\u0000${value}`, 'utf8').digest('hex').slice(0, 32)}`;

/** The viewer alerts are computed as: what the subscriber sees, never more than a network member. */
export function subscriberViewer(s: Subscription): Viewer {
  return { id: `subscription:${s.createdBy}`, clearance: s.clearance, orgs: s.orgs };
}

async function checkValue(
  store: GraphStore,
  reader: Reader,
  subject: Subscription['subject'],
  raw: string | undefined,
) {
  switch (subject) {
    case 'query':
      // The very check who-solved makes: the same ERR_QUERY_EMPTY / ERR_QUERY_TOO_LONG.
      return parseQueryText(raw ?? '');
    case 'topic': {
      const id = (raw ?? '').trim();
      const node = id === '' ? undefined : await store.getNode(id, reader.viewer);
      if (node?.kind !== 'Topic') {
        throw new NotifyError(
          'ERR_SUBSCRIPTION_TARGET',
          `value: no topic ${JSON.stringify(id)} (or you may not see it)`,
          'value',
        );
      }
      return id;
    }
    case 'country': {
      const code = (raw ?? '').trim().toUpperCase();
      if (!countryCode.safeParse(code).success) {
        throw new NotifyError(
          'ERR_INVALID_SUBSCRIPTION',
          'value must be a two-letter country code (e.g. FR, EL)',
          'value',
        );
      }
      return code;
    }
    case 'challenges':
      if (raw !== undefined && raw.trim() !== '') {
        throw new NotifyError(
          'ERR_INVALID_SUBSCRIPTION',
          'value: `challenges` means your own challenges and takes none',
          'value',
        );
      }
      return '';
  }
}

/**
 * Subscribes the reader (or, with `inc`, an INC they coordinate). The same subscription again is
 * returned as it is (`created: false`). Bad input: ERR_INVALID_SUBSCRIPTION naming the field, the
 * matcher's own error for a query it rejects, ERR_SUBSCRIPTION_TARGET for a topic not seen.
 */
export async function subscribe(
  store: GraphStore,
  reader: Reader,
  input: unknown,
  options: NotifyOptions = {},
): Promise<{ subscription: SubscriptionView; created: boolean }> {
  const parsed = subscriptionInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new NotifyError('ERR_INVALID_SUBSCRIPTION', `${field} ${issue?.message ?? 'is invalid'}`, field);
  }
  const { subject, value: raw, inc } = parsed.data;
  const value = await checkValue(store, reader, subject, raw);
  let subscriber = reader.person;
  if (inc !== undefined) {
    const coordinates = await store.relationships(
      { type: 'COORDINATES', from: [reader.person], to: [inc] },
      reader.viewer,
    );
    if (coordinates.items.length === 0) {
      throw new NotifyError('ERR_NOT_INC_MEMBER', `inc: you do not coordinate ${inc} (or it does not exist)`, 'inc');
    }
    subscriber = inc;
  }
  const id = subscriptionId(subscriber, subject, value);
  const existing = await store.getNode(id, SYSTEM);
  if (existing?.kind === 'Subscription') return { subscription: subscriptionView(existing), created: false };
  const now = (options.now?.() ?? new Date()).toISOString();
  const node: NodeInput = {
    kind: 'Subscription',
    id,
    visibility: 'restricted',
    owner: reader.person,
    date: now,
    subscriber,
    createdBy: reader.person,
    subject,
    value,
    createdAt: now,
    clearance: reader.viewer.clearance === 'public' ? 'public' : 'network',
    orgs: [...reader.viewer.orgs].filter((o) => o !== reader.person).sort(),
  };
  await store.upsert({ nodes: [node] });
  const stored = await store.getNode(id, SYSTEM);
  if (stored?.kind !== 'Subscription') throw new Error(`subscription ${id} was not stored`);
  return { subscription: subscriptionView(stored), created: true };
}

/** The reader's subscriptions (theirs and those they made for an INC), oldest first. */
export async function listSubscriptions(store: GraphStore, reader: Reader): Promise<SubscriptionView[]> {
  const page = await store.list(
    { kind: 'Subscription', where: { createdBy: reader.person }, limit: 10_000 },
    personalViewer(reader.viewer, reader.person),
  );
  return page.items
    .filter((n): n is Subscription => n.kind === 'Subscription')
    .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))
    .map(subscriptionView);
}

/** Removes one of the reader's subscriptions; ERR_SUBSCRIPTION_NOT_FOUND when it is not theirs or not there. */
export async function unsubscribe(store: GraphStore, reader: Reader, id: string): Promise<void> {
  const node = await store.getNode(id, personalViewer(reader.viewer, reader.person));
  if (node?.kind !== 'Subscription' || node.createdBy !== reader.person) {
    throw new NotifyError('ERR_SUBSCRIPTION_NOT_FOUND', `no subscription ${id} of yours`, 'id');
  }
  await store.deleteNodes([id]);
}

/** Every subscription in the store (as SYSTEM: the alerts' own reading). */
export async function allSubscriptions(store: GraphStore): Promise<Subscription[]> {
  const out: Subscription[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ kind: 'Subscription', limit: 10_000, ...(cursor ? { cursor } : {}) }, SYSTEM);
    for (const n of page.items) if (n.kind === 'Subscription') out.push(n);
    cursor = page.next;
  } while (cursor !== undefined);
  return out;
}
