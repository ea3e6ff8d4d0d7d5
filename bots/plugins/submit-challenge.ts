/**
 * `submit-challenge <title>`: a practitioner raises a need. Similar challenges already in the
 * network come first, each with a vote button, so a duplicate becomes a vote; "submit anyway"
 * then stores the draft kept for the caller (a short token, so buttons stay within platform
 * limits and the text is not re-parsed).
 */
import { z } from 'zod';
import { submitChallenge } from '../../engine/input/index.js';
import { defineCommand } from '../core/command.js';
import { CommandError } from '../core/errors.js';
import { shortChallengeId } from '../core/refs.js';
import { type ReplyItem, reply } from '../core/reply.js';
import { visibilityOf } from '../core/visibility.js';
import { actorOf, requirePersonOrOrganisation } from './actor.js';

interface Draft {
  readonly title: string;
  readonly description?: string;
  readonly country?: string;
  readonly area?: string;
}

const isDraft = (v: unknown): v is Draft =>
  typeof v === 'object' && v !== null && typeof (v as Draft).title === 'string';

export const submitChallengeCommand = defineCommand({
  name: 'submit-challenge',
  aliases: ['submit', 'need'],
  summary: 'Submit a need to the network; similar challenges are shown first, so you can vote instead.',
  help: 'The title says the need in one line. Similar challenges come first with a vote button; “Submit mine anyway” stores yours.',
  examples: [
    'Drones drop phones into our prison yard at night',
    'Deepfake voices in CEO fraud --country DE --description "Calls to accountants…"',
  ],
  args: z.object({
    title: z
      .string()
      .max(1_000, {
        error: (issue) =>
          `is ${String(issue.input).length.toLocaleString('en')} characters long, and a title is one line of at most 1,000: say the need in a sentence, and put the rest after --description`,
      })
      .optional()
      .describe('the need, in one line'),
    description: z.string().max(20_000).optional().describe('more about the need'),
    country: z.string().optional().describe('where the need is (two letters; default: yours)'),
    area: z.string().max(200).optional().describe('the area, e.g. Drones and counter-UAS'),
    draft: z.string().max(40).optional().describe('submit the draft a previous answer kept (from its button)'),
  }),
  positional: ['title'],
  permission: 'submit',
  writes: true,
  phrases: [
    {
      pattern: /^(?:i|we) (?:have|need|would like) (?:a )?(?:new )?(?:challenge|need)\s*[:-]\s*(?<title>.+)$/iu,
      args: (m) => ({ title: m.groups?.['title'] }),
    },
  ],
  async handler({ args, engine, caller, scratch, settings }) {
    requirePersonOrOrganisation(caller, 'submit a challenge');
    if (args.draft !== undefined) {
      const draft = scratch.take(args.draft);
      if (!isDraft(draft)) {
        throw new CommandError(
          'That draft has expired (or was not yours): send submit-challenge with your text again.',
        );
      }
      return submit(draft);
    }
    const title = args.title?.trim();
    if (title === undefined || title === '') {
      throw new CommandError(`Say the need in one line: ${settings.commandPrefix} submit-challenge <title>`);
    }
    const draft: Draft = {
      title,
      ...(args.description === undefined ? {} : { description: args.description }),
      ...(args.country === undefined ? {} : { country: args.country.toUpperCase() }),
      ...(args.area === undefined ? {} : { area: args.area }),
    };
    const similar = await engine.similarChallenges([title, args.description ?? ''].join('. '), caller.viewer, {
      limit: 3,
      mode: settings.matchMode,
    });
    if (similar.challenges.length === 0) return submit(draft);

    const token = scratch.put(draft);
    const items: ReplyItem[] = similar.challenges.map((c) => ({
      id: c.id,
      title: c.title,
      facts: [shortChallengeId(c.id), c.status, c.country, c.date?.slice(0, 4)].filter(
        (x): x is string => x !== undefined,
      ),
      actions: [{ label: 'Vote for this one', command: `vote ${c.id} up`, style: 'primary' }],
    }));
    return reply({
      title: 'Before you submit: is it one of these?',
      text: `“${title}” looks like ${items.length === 1 ? 'a challenge' : 'challenges'} already in the network. Vote for one if it is yours, or submit yours anyway.`,
      sections: [{ title: 'Similar challenges', items }],
      actions: [{ label: 'Submit mine anyway', command: `submit-challenge --draft ${token}` }],
      visibility: await visibilityOf(
        engine.store,
        items.map((i) => i.id ?? ''),
        caller.viewer,
      ),
    });

    async function submit(d: Draft) {
      const done = await submitChallenge(
        engine,
        {
          title: d.title,
          ...(d.description === undefined ? {} : { description: d.description }),
          ...(d.country === undefined ? {} : { country: d.country }),
          ...(d.area === undefined ? {} : { area: d.area }),
        },
        actorOf(caller),
      );
      const c = done.challenge;
      return reply({
        tone: 'notice',
        title: 'Challenge submitted',
        text: `“${c.title}” is now in the network as ${shortChallengeId(c.id)} (id ${c.id})${c.country === undefined ? '' : `, ${c.country}`}. Others can vote for it (vote ${shortChallengeId(c.id)}), and matching finds it.`,
        actions: [{ label: 'Who could answer it?', command: `match ${c.id}`, style: 'primary' }],
        visibility: c.visibility,
      });
    }
  },
});
