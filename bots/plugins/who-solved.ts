/** `who-solved <text>`: who has solved a need, with the evidence for each answer. */
import { z } from 'zod';
import { ANSWER_KINDS } from '../../engine/match/query.js';
import { ORG_KINDS } from '../../graph/model.js';
import { defineCommand } from '../core/command.js';
import { reply } from '../core/reply.js';
import { answerFooter, answerSections, answerSummary, answerVisibility } from './answer-reply.js';

export const whoSolved = defineCommand({
  name: 'who-solved',
  aliases: ['solved'],
  summary: 'Who has solved a need: experts, organisations and results, with the evidence for each.',
  help: 'Ranks people, organisations and mature results by what they produced or took part in, and says why each one is there.',
  examples: [
    'drone detection at prisons',
    'crypto wallets during searches --country EE',
    'cloned voices --kind industry --min-trl 6',
  ],
  args: z.object({
    text: z.string().describe('the need, in a few words'),
    country: z.string().optional().describe('only answers from this country (two letters, e.g. FR)'),
    kind: z.enum(ORG_KINDS).optional().describe('only organisations of this kind, and people and works tied to one'),
    minTrl: z.number().int().optional().describe('only results at this technology readiness level (1-9) or above'),
    limit: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(10, 'must be at most 10 in chat (the dashboard shows more)')
      .default(3)
      .describe('answers of each kind (1-10, default 3)'),
  }),
  positional: ['text'],
  permission: 'read',
  phrases: [
    {
      // "who has solved X", "who already solved X", "who has worked on X", "who has tackled X"
      pattern:
        /^(?:who|anyone|anybody|has anyone|has anybody)\s+(?:(?:has|have|had|already|ever)\s+)*(?:solved|addressed|tackled|worked on|dealt with|fixed|handled|cracked)\s+(?<text>.+)$/iu,
      args: (m) => ({ text: m.groups?.['text'] }),
    },
    {
      pattern:
        /^(?:who|which organisations?|which experts?)\s+(?:knows?|can help|could help|works?)\s+(?:about|with|on)\s+(?<text>.+)$/iu,
      args: (m) => ({ text: m.groups?.['text'] }),
    },
  ],
  async handler({ args, engine, caller, settings }) {
    const answer = await engine.whoSolved(
      args.text,
      {
        mode: settings.matchMode,
        // Chat shows one section per kind, `limit` in each: the engine's total is all kinds' worth.
        limit: ANSWER_KINDS.length * args.limit,
        perKind: args.limit,
        ...(args.country === undefined ? {} : { country: args.country }),
        ...(args.kind === undefined ? {} : { orgKind: args.kind }),
        ...(args.minTrl === undefined ? {} : { minTrl: args.minTrl }),
      },
      caller.viewer,
    );
    const summary = answerSummary(answer);
    return reply({
      title: `Who has solved “${answer.query}”`,
      text: answer.hits.length === 0 ? (answer.empty ?? 'No answer.') : `Found ${summary}.`,
      sections: answerSections(answer),
      footer: answerFooter(answer),
      visibility: await answerVisibility(engine, answer, caller.viewer),
    });
  },
});
