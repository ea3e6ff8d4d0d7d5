/** `vote <challengeId> [up|down]` and `vote <pollId> <option>`: one command for both kinds of vote. */
import { z } from 'zod';
import { voteChallenge, votePoll } from '../../engine/input/index.js';
import { idSchema } from '../../graph/index.js';
import { defineCommand } from '../core/command.js';
import { CommandError } from '../core/errors.js';
import { reply } from '../core/reply.js';
import { actorOf, requirePerson } from './actor.js';

const UP = new Set(['up', '+1', '+', '1', 'for', 'yes', '👍']);
const DOWN = new Set(['down', '-1', '-', 'against', 'no', '👎']);

export const vote = defineCommand({
  name: 'vote',
  summary: 'Vote for (or against) a challenge, or for an option of a poll.',
  help: 'A challenge takes up (default) or down. A poll takes the option’s number (1, 2, …) or its text; voting again replaces your vote.',
  examples: [
    'demo:challenge:prison-drone-drops',
    'demo:challenge:prison-drone-drops down',
    'demo:poll:emerging-threats-2024 2',
  ],
  args: z.object({
    target: idSchema.describe('the challenge or poll id'),
    choice: z.string().optional().describe('up or down for a challenge; the option number or text for a poll'),
  }),
  positional: ['target', 'choice'],
  refs: ['target'],
  permission: 'vote',
  replyPrivately: true,
  writes: true,
  async handler({ args, engine, caller }) {
    const node = await engine.store.getNode(args.target, caller.viewer);
    if (node === undefined)
      throw new CommandError(`There is no challenge or poll ${args.target} (or you may not see it).`);
    requirePerson(caller, 'vote');
    const actor = actorOf(caller);
    if (node.kind === 'Challenge') {
      const choice = (args.choice ?? 'up').trim().toLowerCase();
      const value = UP.has(choice) ? 1 : DOWN.has(choice) ? -1 : undefined;
      if (value === undefined) throw new CommandError(`A vote on a challenge is up or down, not “${args.choice}”.`);
      const r = await voteChallenge(engine, node.id, actor, value);
      const again =
        r.previous === undefined ? '' : r.previous === value ? ' (unchanged)' : ' (it replaces your earlier vote)';
      return reply({
        tone: 'notice',
        text: `Your vote ${value === 1 ? 'for' : 'against'} “${node.title}” is counted${again}. Votes now: ${r.votes.up} for, ${r.votes.down} against.`,
        actions: [{ label: 'Who could answer it?', command: `match ${node.id}` }],
        visibility: node.visibility,
      });
    }
    if (node.kind === 'Poll') {
      const raw = args.choice?.trim();
      if (raw === undefined || raw === '') {
        throw new CommandError(`Which option? ${node.options.map((o, i) => `${i + 1}. ${o}`).join('  ')}`);
      }
      const byNumber = /^\d+$/u.test(raw) ? node.options[Number(raw) - 1] : undefined;
      if (/^\d+$/u.test(raw) && byNumber === undefined) {
        throw new CommandError(`Poll ${node.id} has options 1 to ${node.options.length}, not ${raw}.`);
      }
      const r = await votePoll(engine, node.id, actor, byNumber ?? raw);
      const tally = r.tally.options.map((o) => `${o.option}: ${o.votes}`).join(' · ');
      return reply({
        tone: 'notice',
        text: `Your vote for “${r.option}” in “${node.question}” is counted${r.previous !== undefined && r.previous !== r.option ? ` (it replaces “${r.previous}”)` : ''}. ${tally}`,
        visibility: node.visibility,
      });
    }
    throw new CommandError(`${args.target} is a ${node.kind}; only challenges and polls take votes.`);
  },
});
