/** `consortium <challenge>`: a team across borders that covers a challenge, with the checks it meets. */
import { z } from 'zod';
import { idSchema } from '../../graph/index.js';
import { defineCommand } from '../core/command.js';
import { type ReplyItem, reply } from '../core/reply.js';
import { visibilityOf } from '../core/visibility.js';

export const consortium = defineCommand({
  name: 'consortium',
  summary: 'A team across borders for a challenge: who covers what, and the rules it meets.',
  help: 'At least 3 countries, no country over half the team, at least one law-enforcement member (the defaults).',
  examples: ['demo:challenge:prison-drone-drops', 'C-12345 --size 4'],
  args: z.object({
    challenge: idSchema.describe('the challenge id (or its short id, or its number in the last list)'),
    size: z
      .number()
      .int()
      .min(2, 'must be at least 2')
      .max(10, 'must be at most 10 in chat')
      .default(6)
      .describe('members (2-10, default 6)'),
  }),
  positional: ['challenge'],
  refs: ['challenge'],
  permission: 'suggest',
  async handler({ args, engine, caller }) {
    const answer = await engine.consortium(args.challenge, { size: args.size }, caller.viewer);
    const members: ReplyItem[] = answer.members.map((m) => ({
      id: m.org.id,
      title: m.org.name,
      facts: [m.role, m.org.country, m.coordinator ? 'coordinator' : undefined].filter(
        (x): x is string => x !== undefined,
      ),
      // The works behind the seat, named with their ids, and why it coordinates.
      why:
        m.coordinator && answer.coordinator !== undefined ? `${m.why}. Coordinator: ${answer.coordinator.why}` : m.why,
    }));
    const unmet = answer.checks.filter((c) => !c.met);
    const footer = [
      ...answer.gaps.slice(0, 3).map((g) => `${g.reason[0]?.toUpperCase() ?? ''}${g.reason.slice(1)}.`),
      ...(answer.uncovered.some((t) => !answer.gaps.some((g) => g.subTopic === t))
        ? [
            `Not covered by this team: ${answer.uncovered
              .filter((t) => !answer.gaps.some((g) => g.subTopic === t))
              .slice(0, 5)
              .join(', ')}`,
          ]
        : []),
    ];
    return reply({
      title: `A consortium for “${answer.challenge.title}”`,
      text:
        members.length === 0
          ? 'Nobody in the network you may see has relevant work for this challenge.'
          : unmet.length === 0
            ? `${members.length} members; every rule holds.`
            : `${members.length} members; not met: ${unmet.map((c) => c.detail).join('; ')}.`,
      sections: members.length === 0 ? [] : [{ title: 'Members', items: members }],
      ...(footer.length === 0 ? {} : { footer: footer.join(' ') }),
      visibility: await visibilityOf(
        engine.store,
        [answer.challenge.id, ...answer.members.flatMap((m) => [m.org.id, ...m.evidence.map((e) => e.id)])],
        caller.viewer,
      ),
    });
  },
});
