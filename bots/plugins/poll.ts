/** `poll [pollId]`: the network's polls with their results; one poll with a button per option. */
import { z } from 'zod';
import type { PollAnswer } from '../../engine/analytics/index.js';
import { idSchema } from '../../graph/index.js';
import { defineCommand } from '../core/command.js';
import { type ReplyItem, reply } from '../core/reply.js';
import { visibilityOf } from '../core/visibility.js';

const isOpen = (p: PollAnswer, now: Date) =>
  p.closesAt === undefined ||
  Date.parse(p.closesAt.length <= 10 ? `${p.closesAt}T23:59:59.999Z` : p.closesAt) >= now.getTime();

const pct = (share: number) => `${Math.round(share * 100)} %`;

export const poll = defineCommand({
  name: 'poll',
  aliases: ['polls'],
  summary: 'The network’s polls and their results; one poll with buttons to vote.',
  examples: ['', 'demo:poll:emerging-threats-2024'],
  args: z.object({
    poll: idSchema.optional().describe('a poll id: show it with its options'),
  }),
  positional: ['poll'],
  refs: ['poll'],
  permission: 'read',
  phrases: [{ pattern: /^(?:show (?:me )?(?:the )?|list (?:the )?|any (?:open )?)?polls?$/iu, args: () => ({}) }],
  async handler({ args, engine, caller }) {
    const now = new Date();
    const polls = await engine.polls(caller.viewer, args.poll);
    if (args.poll !== undefined) {
      const p = polls[0];
      if (p === undefined) return reply({ text: `No poll ${args.poll}.` });
      const open = isOpen(p, now);
      const items: ReplyItem[] = p.options.map((o, i) => ({
        title: o.option,
        facts: [`${o.votes} vote${o.votes === 1 ? '' : 's'}`, pct(o.share)],
        ...(open ? { actions: [{ label: `Vote ${i + 1}`, command: `vote ${p.id} ${i + 1}` }] } : {}),
      }));
      return reply({
        title: p.question,
        text: `${p.votes} vote${p.votes === 1 ? '' : 's'}${p.event === undefined ? '' : ` · at ${p.event.title}`}${p.closesAt === undefined ? '' : ` · ${open ? 'closes' : 'closed'} ${p.closesAt}`}`,
        sections: [{ title: 'Options', items }],
        visibility: await visibilityOf(
          engine.store,
          [p.id, ...(p.event === undefined ? [] : [p.event.id])],
          caller.viewer,
        ),
      });
    }
    const items: ReplyItem[] = polls.slice(0, 10).map((p) => {
      const top = [...p.options].sort((a, b) => b.votes - a.votes)[0];
      return {
        id: p.id,
        title: p.question,
        facts: [`${p.votes} votes`, isOpen(p, now) ? 'open' : `closed ${p.closesAt}`],
        ...(top === undefined || p.votes === 0 ? {} : { why: `leading: ${top.option} (${pct(top.share)})` }),
        actions: [{ label: 'Show', command: `poll ${p.id}` }],
      };
    });
    return reply({
      title: 'Polls',
      text:
        polls.length === 0
          ? 'There are no polls you may see.'
          : `${polls.length} poll${polls.length === 1 ? '' : 's'}, most voted first.`,
      sections: items.length === 0 ? [] : [{ title: 'Polls', items }],
      visibility: await visibilityOf(
        engine.store,
        polls.map((p) => p.id),
        caller.viewer,
      ),
    });
  },
});
