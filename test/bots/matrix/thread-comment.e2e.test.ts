/**
 * A Matrix reply to the bot's message about a challenge becomes a comment on it, through
 * matrix-bot-sdk and a real Synapse on loopback: written as the person the identity map names,
 * seen in the challenge's comments; a reply that starts with a command still runs the command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listComments } from '../../../engine/input/index.js';
import { SYSTEM } from '../../../graph/index.js';
import { requireService } from '../../helpers/services.js';
import { type MatrixBot, SANNE, startMatrixBot } from './bot.js';
import type { MatrixEvent } from './client.js';
import { synapseUnavailable } from './synapse.js';

const CHALLENGE = 'demo:challenge:prison-drone-drops';

if (requireService('Synapse', synapseUnavailable())) {
  let m: MatrixBot;
  let room: string;

  beforeAll(async () => {
    m = await startMatrixBot({ prefix: 'ileanet-thread-comment-' });
    room = await m.room('Working group');
  }, 240_000);

  afterAll(async () => {
    await m?.close();
  });

  const botMessages = async (): Promise<MatrixEvent[]> =>
    (await m.ana.events(room)).filter((e) => e.sender === m.bot && e.type === 'm.room.message');
  const nextBotMessage = (after: number) =>
    m.ana.waitFor(async () => {
      const m = await botMessages();
      return m.length > after ? m[after] : undefined;
    });
  const replyTo = (to: MatrixEvent, body: string) =>
    m.ana.send(room, { msgtype: 'm.text', body, 'm.relates_to': { 'm.in_reply_to': { event_id: to.event_id } } });

  describe('replies to the bot’s challenge message in Matrix', () => {
    it('a free-text reply is a comment by the mapped person; a reply starting with a command runs it', async () => {
      await m.ana.say(room, `!ileanet vote ${CHALLENGE}`);
      const voted = await nextBotMessage(0);
      expect(String(voted.content['body'])).toContain('Your vote for');

      await replyTo(voted, 'We piloted RF sensors at two prisons last winter; happy to share.');
      const posted = await nextBotMessage(1);
      expect(String(posted.content['body'])).toContain('Your comment on');
      const thread = await listComments(m.demo.engine, 'Challenge', CHALLENGE, { viewer: SYSTEM });
      const mine = thread.comments.filter((c) => c.text?.startsWith('We piloted RF sensors'));
      expect(mine).toHaveLength(1);
      expect(mine[0]?.author?.id).toBe(SANNE);

      await replyTo(voted, `vote ${CHALLENGE} down`);
      const again = await nextBotMessage(2);
      expect(String(again.content['body'])).toContain('Your vote against');
      const after = await listComments(m.demo.engine, 'Challenge', CHALLENGE, { viewer: SYSTEM });
      expect(after.comments.filter((c) => c.text?.startsWith('vote'))).toHaveLength(0);
    });
  });
}
