/** `match <challengeId>`: experts and mature results for a stored challenge. */
import { z } from 'zod';
import { ANSWER_KINDS } from '../../engine/match/index.js';
import { idSchema } from '../../graph/index.js';
import { defineCommand } from '../core/command.js';
import { reply } from '../core/reply.js';
import {
  answerFooter,
  answerSections,
  answerSummary,
  answerVisibility,
  noGoodMatch,
  restrictedSections,
  withoutAsker,
} from './answer-reply.js';
import { introduceOffer } from './introduce-actions.js';

export const match = defineCommand({
  name: 'match',
  summary: 'Experts and mature results for a challenge in the network (by its id).',
  help: 'Uses the challenge’s text as the question and its topics and addressing works as evidence.',
  examples: ['demo:challenge:prison-drone-drops'],
  args: z.object({
    challenge: idSchema.describe('the challenge id, e.g. demo:challenge:prison-drone-drops'),
    limit: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(10, 'must be at most 10 in chat')
      .default(3)
      .describe('answers of each kind (1-10, default 3)'),
  }),
  positional: ['challenge'],
  refs: ['challenge'],
  permission: 'read',
  phrases: [
    {
      pattern: /^(?:match|who can answer|who could answer|answer)\s+(?:challenge\s+)?(?<id>\S+:\S+)$/iu,
      args: (m) => ({ challenge: m.groups?.['id'] }),
    },
  ],
  async handler({ args, engine, caller, settings, conversation }) {
    const asked = await engine.matchNeed(args.challenge, caller.viewer, {
      mode: settings.matchMode,
      // Chat shows one section per kind, `limit` in each (one more while the asker may be among the
      // people, since withoutAsker drops him): the engine's total is all kinds' worth.
      limit: ANSWER_KINDS.length * (args.limit + (caller.person === undefined ? 0 : 1)),
      perKind: args.limit + (caller.person === undefined ? 0 : 1),
    });
    const answer = withoutAsker(asked, caller.person, args.limit);
    const node = await engine.store.getNode(args.challenge, caller.viewer);
    const title = node?.kind === 'Challenge' ? node.title : args.challenge;
    // "Introduce me" on each person and organisation, about this challenge.
    const offer = await introduceOffer(engine.store, caller, { challenge: args.challenge });
    return reply({
      title: `Who could answer “${title}”`,
      text: noGoodMatch(answer) ? 'No good match in the network yet.' : `Found ${answerSummary(answer)}.`,
      sections: [...answerSections(answer, offer), ...restrictedSections(answer, conversation, offer)],
      actions: [{ label: 'Vote for this challenge', command: `vote ${args.challenge} up`, style: 'primary' }],
      footer: answerFooter(answer),
      visibility: await answerVisibility(engine, answer, caller.viewer, [args.challenge]),
    });
  },
});
