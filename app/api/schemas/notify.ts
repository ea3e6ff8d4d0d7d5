/** Subscriptions and the inbox (engine/notify). */
import { subscriptionInputSchema } from '../../../engine/notify/index.js';
import { id } from './common.js';
import { arr, bool, describe, fromZod, int, obj, type Schema, str, strictObj } from './json.js';

export const subscriptionBody: Schema = describe(fromZod(subscriptionInputSchema), {
  subject: 'What to follow: a query (as who-solved reads it), a topic, a country, or your own challenges',
  value: 'The query text, the topic id or the two-letter country code; left out for `challenges`',
  inc: 'Subscribe for this INC (you must coordinate it): its coordinators get the alerts',
});

export const subscriptionView: Schema = obj(
  {
    id: str(),
    subject: str({ enum: ['query', 'topic', 'country', 'challenges'] }),
    value: str(),
    subscriber: str(),
    createdAt: str(),
  },
  ['id', 'subject', 'value', 'subscriber', 'createdAt'],
);
export const subscriptionList: Schema = obj({ subscriptions: arr(subscriptionView) }, ['subscriptions']);

export const inboxQuery: Schema = strictObj({
  unread: bool({ description: 'Only notices not yet marked read' }),
  limit: int({ minimum: 1, maximum: 200, default: 20 }),
  cursor: str({ minLength: 1, maxLength: 2_000, description: "The previous page's `next`" }),
});

const inboxItem: Schema = obj(
  {
    id: str(),
    kind: str({ description: 'alert, introduction, digest, …' }),
    title: str(),
    reason: str(),
    ref: obj({ kind: str(), id: str() }, ['kind', 'id']),
    actions: arr(obj({ label: str(), value: str() }, ['label', 'value'])),
    createdAt: str(),
    readAt: str(),
    delivery: str({ enum: ['pending', 'delivered', 'none'] }),
  },
  ['id', 'kind', 'title', 'reason', 'actions', 'createdAt', 'delivery'],
);
export const inboxPage: Schema = obj({ items: arr(inboxItem), unread: int(), next: str() }, ['items', 'unread']);

export const markReadBody: Schema = strictObj({ ids: arr(id, { minItems: 1, maxItems: 200 }) }, ['ids']);
export const markReadAnswer: Schema = obj({ marked: int() }, ['marked']);
