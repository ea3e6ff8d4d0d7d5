/** `suggest`: organisations across a border to work with, for the caller's organisation or country (or one named). */
import { z } from 'zod';
import type { SuggestFor } from '../../engine/suggest/index.js';
import { defineCommand } from '../core/command.js';
import { CommandError } from '../core/errors.js';
import { type ReplyItem, reply } from '../core/reply.js';
import { visibilityOf } from '../core/visibility.js';
import { introduceOffer } from './introduce-actions.js';

export const suggest = defineCommand({
  name: 'suggest',
  summary: 'Partners across a border to work with, for your organisation or country.',
  help: 'Without arguments: for your organisation (or, without one, your country) as the bot config knows you. `country` or `org` alone picks which of yours; --org or --country names another.',
  examples: ['', 'country', '--country BE', '--org demo:org:scheldemond-police'],
  args: z.object({
    scope: z
      .enum(['org', 'country'])
      .optional()
      .describe('for your own organisation (org) or your own country (country)'),
    org: z.string().optional().describe('for this organisation id instead'),
    country: z.string().optional().describe('for this country (two letters) instead'),
    limit: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(10, 'must be at most 10 in chat')
      .default(5)
      .describe('how many suggestions (1-10, default 5)'),
  }),
  positional: ['scope'],
  permission: 'suggest',
  phrases: [
    {
      pattern:
        /^(?:who should (?:we|i) (?:work|partner|collaborate) with|suggest (?:some )?(?:partners|collaborations?))(?:\s+(?:for|in)\s+(?<country>[a-z]{2}))?$/iu,
      args: (m) => ({ country: m.groups?.['country']?.toUpperCase() }),
    },
  ],
  async handler({ args, engine, caller }) {
    const target = forWhom(args, caller);
    const answer = await engine.suggest({ for: target, limit: args.limit }, caller.viewer);
    // Each suggestion's button names its own need (offer.about); the INCs are read once.
    const offer = await introduceOffer(engine.store, caller, { about: 'partners across a border' });
    const items: ReplyItem[] = answer.suggestions.map((s) => {
      const complement = s.complements[0];
      // The need an introduction is about: the origin's own challenge the partner's work answers,
      // else the suggestion itself, in words.
      const need = s.complements.find((c) => c.need.side === 'from')?.need;
      const actions =
        offer
          ?.about(need === undefined ? { about: `partners for ${s.from.name}` } : { challenge: need.id })
          .forHit({ id: s.to.id, kind: 'Organisation', label: s.to.name, country: s.to.country }) ?? [];
      return {
        id: s.to.id,
        title: s.to.name,
        facts: [s.to.orgKind, s.to.country].filter((x): x is string => x !== undefined),
        why: answer.origins.length > 1 ? `for ${s.from.name}: ${s.why}` : s.why,
        ...(s.via.length > 0 ? { path: [s.from.name, s.via[0]?.name ?? '', s.to.name] } : {}),
        // The supporting work named with its id, so a reader can look it up and judge the claim.
        ...(complement === undefined
          ? {}
          : { quote: `${complement.need.title} → ${complement.answer.title} (${complement.answer.id})` }),
        score: Math.round(s.scores.score * 100) / 100,
        ...(actions.length === 0 ? {} : { actions }),
      };
    });
    // The one value of the `for` union: an organisation id, a country code, a person or INC id.
    const origin = Object.values(target)[0] as string;
    const ids = answer.suggestions.flatMap((s) => [
      s.from.id,
      s.to.id,
      ...s.via.map((v) => v.id),
      ...s.complements.flatMap((c) => [c.need.id, c.answer.id]),
      ...(s.proximityOnly?.closest === undefined
        ? []
        : [s.proximityOnly.closest.need.id, s.proximityOnly.closest.work.id]),
    ]);
    return reply({
      title: `Who to work with, for ${answer.origins.length === 1 ? answer.origins[0]?.name : origin}`,
      text:
        answer.suggestions.length === 0
          ? (answer.empty ?? 'No suggestion.')
          : `${answer.suggestions.length} organisation${answer.suggestions.length === 1 ? '' : 's'} across a border that do not work with ${answer.origins.length === 1 ? 'it' : 'them'} yet.`,
      sections: items.length === 0 ? [] : [{ title: 'Suggested partners', items }],
      visibility: await visibilityOf(engine.store, ids, caller.viewer),
    });
  },
});

function forWhom(
  args: { scope?: 'org' | 'country' | undefined; org?: string | undefined; country?: string | undefined },
  caller: { organisation?: string; country?: string },
): SuggestFor {
  if (args.org !== undefined) return { organisation: args.org };
  if (args.country !== undefined) return { country: args.country.toUpperCase() };
  if (args.scope === 'country' || (args.scope === undefined && caller.organisation === undefined)) {
    if (caller.country !== undefined) return { country: caller.country };
    throw new CommandError(
      'I do not know your country: name one with --country XX (e.g. --country BE), or ask an administrator to add it to your identity in the bot config.',
    );
  }
  if (caller.organisation !== undefined) return { organisation: caller.organisation };
  throw new CommandError(
    'I do not know your organisation: name one with --org <id>, or ask an administrator to add it to your identity in the bot config.',
  );
}
