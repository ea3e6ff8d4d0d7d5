/** `gaps`: where the network asks most and has least that works: topics and open challenges. */
import { z } from 'zod';
import { defineCommand } from '../core/command.js';
import { shortChallengeId } from '../core/refs.js';
import { type ReplyItem, reply } from '../core/reply.js';
import { visibilityOf } from '../core/visibility.js';

export const gaps = defineCommand({
  name: 'gaps',
  summary: 'Where many ask and little mature exists: topics and open challenges without an answer.',
  help: 'A topic’s gap is its demand (challenges, and votes at a fifth of a challenge) over 1 + its mature results (TRL 6 or a prototype and up).',
  examples: ['', '--country PL'],
  args: z.object({
    country: z.string().optional().describe('only what is tied to this country (two letters)'),
  }),
  permission: 'read',
  phrases: [
    {
      pattern:
        /^(?:what(?:'s|’s| is| are)? (?:the )?gaps?|gaps?|where are the gaps)(?:\s+in\s+(?<country>[a-z]{2}))?$/iu,
      args: (m) => ({ country: m.groups?.['country']?.toUpperCase() }),
    },
  ],
  async handler({ args, engine, caller }) {
    const country = args.country?.toUpperCase();
    const answer = await engine.gaps({ limit: 5, ...(country === undefined ? {} : { country }) }, caller.viewer);
    const topics: ReplyItem[] = answer.topics.slice(0, 3).map((t) => ({
      id: t.topic,
      title: t.label,
      facts: [`gap ${t.gap.toFixed(1)}`],
      why: `${t.challenges} challenge${t.challenges === 1 ? '' : 's'}, ${t.votes} vote${t.votes === 1 ? '' : 's'}; ${t.matureResults} mature result${t.matureResults === 1 ? '' : 's'}`,
    }));
    const open: ReplyItem[] = answer.challenges.slice(0, 3).map((c) => ({
      id: c.id,
      title: c.title,
      facts: [shortChallengeId(c.id), ...(c.country === undefined ? [] : [c.country]), `${c.votes} votes`],
      why:
        c.addressedBy === 0
          ? 'nothing addresses it yet'
          : `${c.addressedBy} work${c.addressedBy === 1 ? '' : 's'} address it, none mature`,
      actions: [{ label: 'Who could answer it?', command: `match ${c.id}` }],
    }));
    return reply({
      title: `Gaps${country === undefined ? '' : ` in ${country}`}`,
      text: answer.empty ?? (topics.length === 0 ? 'No gap stands out.' : `Largest gap: ${topics[0]?.title}.`),
      sections: [
        ...(topics.length === 0 ? [] : [{ title: 'Topics', items: topics }]),
        ...(open.length === 0 ? [] : [{ title: 'Open challenges without a mature answer', items: open }]),
      ],
      visibility: await visibilityOf(
        engine.store,
        [...topics, ...open].map((i) => i.id ?? ''),
        caller.viewer,
      ),
    });
  },
});
