/**
 * The bot's message about one challenge, as an announcement of it goes out: its buttons name the
 * challenge (vote, match), which is what makes a reply in its thread a comment on it.
 */
import { type Reply, reply } from '../../../bots/core/reply.js';

export const CHALLENGE = 'demo:challenge:prison-drone-drops';

export const challengeMessage = (): Reply =>
  reply({
    tone: 'notice',
    title: 'New challenge: Drones drop contraband into prison yards',
    text: 'Raised by the Belgian INC.',
    actions: [
      { label: 'Vote', command: `vote ${CHALLENGE}` },
      { label: 'Who could answer it?', command: `match ${CHALLENGE}` },
    ],
  });
