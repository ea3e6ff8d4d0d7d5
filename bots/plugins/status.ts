/**
 * `status <challengeId> [new status] [--reason …]`: a challenge's status and history, or a move
 * along its lifecycle through engine/input (the same rules as PATCH /api/challenges/{id}).
 * Roles with `*` act as administrators; roles granting `moderate` act as the INC of the
 * caller's country (the identity's `country`); anyone linked to a person may withdraw what
 * they raised.
 */
import { z } from 'zod';
import { challengeHistory, changeChallenge, readChallenge } from '../../engine/input/index.js';
import { CHALLENGE_STATUSES, type ChallengeStatus, idSchema } from '../../graph/index.js';
import { type Caller, defineCommand } from '../core/command.js';
import { CommandError } from '../core/errors.js';
import { mayRun } from '../core/identity.js';
import { reply } from '../core/reply.js';
import { actorOf, requirePersonOrOrganisation } from './actor.js';

/** How people say the statuses in chat; `under analysis` is the lifecycle's name for in-progress. */
const SAID: Readonly<Record<string, ChallengeStatus>> = {
  ...Object.fromEntries(CHALLENGE_STATUSES.map((s) => [s, s])),
  'under-analysis': 'in-progress',
  analysis: 'in-progress',
  analysing: 'in-progress',
  withdraw: 'closed',
  withdrawn: 'closed',
  reopen: 'open',
};

export const STATUS_LABEL: Readonly<Record<ChallengeStatus, string>> = {
  open: 'open',
  'in-progress': 'under analysis',
  addressed: 'addressed',
  closed: 'closed',
  duplicate: 'duplicate',
};

/** How each status is typed back (the first of SAID's words for it). */
const SAY: Readonly<Record<ChallengeStatus, string>> = {
  open: 'open',
  'in-progress': 'under-analysis',
  addressed: 'addressed',
  closed: 'closed',
  duplicate: 'duplicate',
};

/** Moves that take more than the status: typed with their option, not offered as a bare button. */
const NEEDS_MORE: Partial<Record<ChallengeStatus, string>> = {
  addressed: '--addressed-by',
  duplicate: '--duplicate-of',
};

const moderation = (caller: Caller) =>
  caller.permissions.includes('*')
    ? { role: 'admin' as const }
    : mayRun(caller, 'moderate')
      ? { role: 'inc' as const, ...(caller.country === undefined ? {} : { country: caller.country }) }
      : {};

const list = (s: string | undefined): string[] | undefined =>
  s === undefined
    ? undefined
    : s
        .split(/[\s,]+/u)
        .map((x) => x.trim())
        .filter((x) => x !== '');

export const status = defineCommand({
  name: 'status',
  summary: 'A challenge’s status and history, or move it: under-analysis, addressed, closed, duplicate, open.',
  help: 'Without a new status, shows the history. INCs move the challenges of their country, administrators any; whoever raised one may withdraw it. addressed needs --addressed-by (result or project ids, comma-separated) and takes --take-up; duplicate needs --duplicate-of.',
  examples: [
    'demo:challenge:prison-drone-drops',
    'demo:challenge:prison-drone-drops under-analysis --reason "three prisons report it"',
    'demo:challenge:prison-drone-drops addressed --addressed-by demo:result:net-interceptor --take-up "piloted in Valmont since 2026-03"',
  ],
  args: z.object({
    challenge: idSchema.describe('the challenge id'),
    to: z.string().optional().describe('the new status: under-analysis, addressed, closed, duplicate, open'),
    reason: z.string().max(2_000).optional().describe('why (kept in the history)'),
    addressedBy: z.string().max(5_000).optional().describe('with addressed: result or project ids, comma-separated'),
    takeUp: z.string().max(2_000).optional().describe('with addressed: how it is taken up'),
    duplicateOf: idSchema.optional().describe('with duplicate: the surviving challenge'),
  }),
  positional: ['challenge', 'to'],
  refs: ['challenge', 'duplicateOf'],
  permission: 'read',
  writes: true,
  async handler({ args, engine, caller }) {
    const actor = { ...actorOf(caller), ...moderation(caller) };
    if (args.to === undefined) {
      // The view's moves are the rule the change applies (engine/input), the same as the API's and the dashboard's.
      const { challenge: c, moves } = await readChallenge(engine, args.challenge, actor);
      const h = await challengeHistory(engine, c.id, actor);
      const history =
        h.items.length === 0
          ? 'No status change yet.'
          : h.items
              .map(
                (i) =>
                  `${i.date.slice(0, 10)}: ${STATUS_LABEL[i.from]} → ${STATUS_LABEL[i.to]}${i.by === undefined ? '' : ` by ${i.by.label}`}${i.reason === undefined ? '' : ` (${i.reason})`}${i.takeUp === undefined ? '' : `; take-up: ${i.takeUp}`}`,
              )
              .join('\n');
      return reply({
        title: `“${c.title}” is ${STATUS_LABEL[c.status]}`,
        text:
          moves.length === 0
            ? history
            : `${history}\nYou may move it to: ${moves.map((m) => STATUS_LABEL[m]).join(', ')}.`,
        // A button for the moves that need nothing more; addressed and duplicate name their works or survivor.
        actions: moves
          .filter((m) => NEEDS_MORE[m] === undefined)
          .map((m) => ({ label: `Move to ${STATUS_LABEL[m]}`, command: `status ${c.id} ${SAY[m]}` })),
        visibility: c.visibility,
      });
    }
    const to = SAID[args.to.trim().toLowerCase()];
    if (to === undefined) {
      throw new CommandError(
        `“${args.to}” is not a status; say one of: under-analysis, addressed, closed, duplicate, open.`,
      );
    }
    if (!mayRun(caller, 'vote') && !caller.permissions.includes('*') && !mayRun(caller, 'moderate')) {
      throw new CommandError('Your role may read challenges but not change them.');
    }
    requirePersonOrOrganisation(caller, 'change a challenge’s status');
    const addressedBy = list(args.addressedBy);
    const r = await changeChallenge(
      engine,
      args.challenge,
      {
        status: to,
        ...(args.reason === undefined ? {} : { reason: args.reason }),
        ...(addressedBy === undefined ? {} : { addressedBy }),
        ...(args.takeUp === undefined ? {} : { takeUp: args.takeUp }),
        ...(args.duplicateOf === undefined ? {} : { duplicateOf: args.duplicateOf }),
      },
      actor,
    );
    const moved =
      r.votesMoved > 0
        ? ` ${r.votesMoved} vote${r.votesMoved === 1 ? '' : 's'} moved to ${r.challenge.duplicateOf}.`
        : '';
    return reply({
      tone: 'notice',
      text: `“${r.challenge.title}” is now ${STATUS_LABEL[r.challenge.status]}.${moved}`,
      actions: [{ label: 'History', command: `status ${r.challenge.id}` }],
      visibility: r.challenge.visibility,
    });
  },
});
