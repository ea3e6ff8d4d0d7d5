/** `who-solved <text>`: who has solved a need, with the evidence for each answer. */
import { z } from 'zod';
import { ANSWER_KINDS } from '../../engine/match/index.js';
import { ORG_KINDS } from '../../graph/index.js';
import { defineCommand } from '../core/command.js';
import { clip, reply } from '../core/reply.js';
import {
  answerFooter,
  answerSections,
  answerSummary,
  answerVisibility,
  noGoodMatch,
  noGoodMatchText,
  restrictedSections,
  searchLink,
  shortItems,
  withoutAsker,
} from './answer-reply.js';
import { introduceOffer } from './introduce-actions.js';

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
    text: z
      .string()
      .max(1_000, {
        error: (issue) =>
          `is ${String(issue.input).length.toLocaleString('en')} characters long; I match questions of up to 1,000. Ask in a sentence or two, or raise the whole case with submit-challenge <title> --description <the rest>`,
      })
      .describe('the need, in a few words'),
    country: z.string().optional().describe('only answers from this country (two letters, e.g. FR)'),
    kind: z.enum(ORG_KINDS).optional().describe('only organisations of this kind, and people and works tied to one'),
    minTrl: z.number().int().optional().describe('only results at this technology readiness level (1-9) or above'),
    limit: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(10, 'must be at most 10 in chat (the dashboard shows more)')
      .default(3)
      .describe('answers of each kind with --all (1-10, default 3)'),
    all: z.boolean().default(false).describe('the full list instead of the best three'),
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
  async handler({ args, engine, caller, settings, conversation }) {
    // One more than asked when the asker is a person in the graph: he is left out of his own answer.
    const asked = await engine.whoSolved(
      args.text,
      {
        mode: settings.matchMode,
        // Chat shows one section per kind, `limit` in each (one more while the asker may be among the
        // people, since withoutAsker drops him): the engine's total is all kinds' worth.
        limit: ANSWER_KINDS.length * (args.limit + (caller.person === undefined ? 0 : 1)),
        perKind: args.limit + (caller.person === undefined ? 0 : 1),
        ...(args.country === undefined ? {} : { country: args.country }),
        ...(args.kind === undefined ? {} : { orgKind: args.kind }),
        ...(args.minTrl === undefined ? {} : { minTrl: args.minTrl }),
      },
      caller.viewer,
    );
    const answer = withoutAsker(asked, caller.person, args.limit);
    const title = `Who has solved “${answer.query}”`;
    // "Introduce me" on each person and organisation, about the question asked.
    const offer = await introduceOffer(engine.store, caller, { about: args.text });
    if (noGoodMatch(answer)) {
      return reply({
        title,
        text: noGoodMatchText(answer.query),
        sections: restrictedSections(answer, conversation, offer),
        actions: [{ label: 'Raise it as a challenge', command: `submit-challenge ${clip(args.text, 200)}` }],
        footer: answerFooter(answer),
      });
    }
    const link = (focus?: string) => {
      const url = searchLink(settings.dashboardUrl, answer.query, {
        country: args.country,
        ...(focus === undefined ? {} : { focus }),
      });
      return url === undefined ? undefined : settings.link(url);
    };
    const visibility = await answerVisibility(engine, answer, caller.viewer);
    if (!args.all) {
      const more = [
        'who-solved',
        quoteArg(args.text),
        args.country === undefined ? '' : `--country ${args.country}`,
        args.kind === undefined ? '' : `--kind ${args.kind}`,
        args.minTrl === undefined ? '' : `--min-trl ${args.minTrl}`,
        '--all',
      ]
        .filter((p) => p !== '')
        .join(' ');
      return reply({
        title,
        text: `Best of ${answerSummary(answer)}:`,
        sections: [
          { title: 'Best matches', items: shortItems(answer, link, offer) },
          ...restrictedSections(answer, conversation, offer),
        ],
        actions: [{ label: 'More', command: more }],
        footer: answerFooter(answer),
        visibility,
      });
    }
    const dashboard = link();
    return reply({
      title,
      text: `Found ${answerSummary(answer)}.`,
      sections: [...answerSections(answer, offer), ...restrictedSections(answer, conversation, offer)],
      ...(dashboard === undefined ? {} : { links: [{ label: 'On the dashboard', url: dashboard }] }),
      footer: answerFooter(answer),
      visibility,
    });
  },
});

/** The text as one argument of a command line: quoted, inner quotes dropped. */
const quoteArg = (text: string) => `"${text.replace(/"/gu, '')}"`;
