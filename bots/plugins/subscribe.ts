/**
 * `subscribe`, `unsubscribe`, `subscriptions`: standing interests whose alerts come by direct
 * message (engine/notify). The same rules and errors as the API: a query who-solved would reject
 * is rejected in its words, and a chat account not linked to a person is told how to get linked.
 */
import { z } from 'zod';
import {
  subscribe as addSubscription,
  listSubscriptions,
  unsubscribe as removeSubscription,
} from '../../engine/notify/index.js';
import { idSchema, SUBSCRIPTION_SUBJECTS } from '../../graph/index.js';
import { type Caller, defineCommand } from '../core/command.js';
import { notice, reply } from '../core/reply.js';
import { requirePerson } from './actor.js';

const reader = (caller: Caller) => {
  requirePerson(caller, 'subscribe');
  return { person: caller.person ?? '', viewer: caller.viewer };
};

const describeSubject = (s: { subject: string; value: string }) =>
  s.subject === 'challenges' ? 'your own challenges' : `${s.subject} '${s.value}'`;

export const subscribe = defineCommand({
  name: 'subscribe',
  summary: 'Get alerts by direct message: on a query, a topic, a country, or your own challenges.',
  help: 'New results matching a query (as who-solved reads it), new challenges, status changes, polls and events of a topic or a country, status changes of challenges you raised. Alerts are batched: at most one message a minute. With --inc, for an INC you coordinate.',
  examples: ['query drones at prisons', 'topic area:counter-uas', 'country BE', 'challenges'],
  args: z.object({
    subject: z.enum(SUBSCRIPTION_SUBJECTS).describe('query, topic, country or challenges'),
    value: z.string().optional().describe('the query, topic id or country code'),
    inc: idSchema.optional().describe('subscribe for this INC (you must coordinate it)'),
  }),
  positional: ['subject', 'value'],
  permission: 'subscribe',
  replyPrivately: true,
  writes: true,
  async handler({ args, engine, caller }) {
    const r = await addSubscription(engine.store, reader(caller), {
      subject: args.subject,
      ...(args.value === undefined ? {} : { value: args.value }),
      ...(args.inc === undefined ? {} : { inc: args.inc }),
    });
    return notice(
      r.created
        ? `Subscribed to ${describeSubject(r.subscription)}: alerts will come by direct message.`
        : `You were already subscribed to ${describeSubject(r.subscription)}.`,
      { actions: [{ label: 'Unsubscribe', command: `unsubscribe ${r.subscription.id}` }] },
    );
  },
});

export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  summary: 'Stop the alerts of one of your subscriptions.',
  examples: ['subscription:3f2a…'],
  args: z.object({ id: idSchema.describe('the subscription id, as `subscriptions` lists it') }),
  positional: ['id'],
  permission: 'subscribe',
  replyPrivately: true,
  writes: true,
  async handler({ args, engine, caller }) {
    await removeSubscription(engine.store, reader(caller), args.id);
    return notice(`Unsubscribed (${args.id}).`);
  },
});

export const subscriptions = defineCommand({
  name: 'subscriptions',
  summary: 'List your subscriptions.',
  examples: [''],
  args: z.object({}),
  positional: [],
  permission: 'subscribe',
  replyPrivately: true,
  async handler({ engine, caller }) {
    const list = await listSubscriptions(engine.store, reader(caller));
    if (list.length === 0) return notice('You have no subscriptions. Try `subscribe query drones at prisons`.');
    return reply({
      tone: 'answer',
      title: 'Your subscriptions',
      text: `${list.length} subscription${list.length === 1 ? '' : 's'}; alerts come by direct message.`,
      sections: [
        {
          title: 'Subscriptions',
          items: list.map((s) => ({
            id: s.id,
            title: describeSubject(s),
            facts: [
              s.subscriber === caller.person ? 'for you' : `for ${s.subscriber}`,
              `since ${s.createdAt.slice(0, 10)}`,
            ],
            actions: [{ label: 'Unsubscribe', command: `unsubscribe ${s.id}` }],
          })),
        },
      ],
      // Shown to the asker only (replyPrivately); the subscriptions name no node of the graph.
      visibility: 'network',
    });
  },
});
