/**
 * A Matrix reply to the bot's message about a challenge becomes a comment on it, through
 * matrix-bot-sdk and a real Synapse on loopback: written as the person the identity map names,
 * seen in the challenge's comments; a reply that starts with a command still runs the command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatrixAdapter, type MatrixAdapter } from '../../../bots/matrix/index.js';
import { listComments } from '../../../engine/input/index.js';
import { SYSTEM } from '../../../graph/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { requireService } from '../../helpers/services.js';
import { createTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { type MatrixEvent, type User, user } from './client.js';
import { type Synapse, startSynapse, synapseUnavailable } from './synapse.js';

const SANNE = 'demo:person:sanne-brinkhoven';
const CHALLENGE = 'demo:challenge:prison-drone-drops';

if (requireService('Synapse', synapseUnavailable())) {
  let synapse: Synapse;
  let demo: DemoEngine;
  let rt: TestRuntime;
  let adapter: MatrixAdapter;
  let ana: User;
  let bot: string;
  let room: string;

  beforeAll(async () => {
    synapse = await startSynapse();
    const botAccount = await synapse.register('ileanet');
    bot = botAccount.userId;
    ana = user(synapse.url, await synapse.register('ana'));
    demo = await openDemoEngine({ prefix: 'ileanet-thread-comment-' });
    const identities = {
      [`matrix:${ana.userId}`]: {
        role: 'member',
        person: SANNE,
        organisation: 'demo:org:scheldemond-police',
        orgs: [],
      },
    };
    rt = await createTestRuntime(demo.engine, { identities });
    adapter = createMatrixAdapter({
      homeserverUrl: synapse.url,
      accessToken: botAccount.accessToken,
      autoJoin: [ana.userId],
      prefix: '!ileanet',
      encryption: false,
    });
    await adapter.start(rt.runtime);
    room = await ana.createRoom({ invite: [bot], name: 'Working group' });
    await ana.waitFor(async () => ((await ana.membership(room, bot)) === 'join' ? true : undefined));
  }, 240_000);

  afterAll(async () => {
    await adapter?.stop();
    await rt?.close();
    await demo?.close();
    await synapse?.stop();
  });

  const botMessages = async (): Promise<MatrixEvent[]> =>
    (await ana.events(room)).filter((e) => e.sender === bot && e.type === 'm.room.message');
  const nextBotMessage = (after: number) =>
    ana.waitFor(async () => {
      const m = await botMessages();
      return m.length > after ? m[after] : undefined;
    });
  const replyTo = (to: MatrixEvent, body: string) =>
    ana.send(room, { msgtype: 'm.text', body, 'm.relates_to': { 'm.in_reply_to': { event_id: to.event_id } } });

  describe('replies to the bot’s challenge message in Matrix', () => {
    it('a free-text reply is a comment by the mapped person; a reply starting with a command runs it', async () => {
      await ana.say(room, `!ileanet vote ${CHALLENGE}`);
      const voted = await nextBotMessage(0);
      expect(String(voted.content['body'])).toContain('Your vote for');

      await replyTo(voted, 'We piloted RF sensors at two prisons last winter; happy to share.');
      const posted = await nextBotMessage(1);
      expect(String(posted.content['body'])).toContain('Your comment on');
      const thread = await listComments(demo.engine, 'Challenge', CHALLENGE, { viewer: SYSTEM });
      const mine = thread.comments.filter((c) => c.text?.startsWith('We piloted RF sensors'));
      expect(mine).toHaveLength(1);
      expect(mine[0]?.author?.id).toBe(SANNE);

      await replyTo(voted, `vote ${CHALLENGE} down`);
      const again = await nextBotMessage(2);
      expect(String(again.content['body'])).toContain('Your vote against');
      const after = await listComments(demo.engine, 'Challenge', CHALLENGE, { viewer: SYSTEM });
      expect(after.comments.filter((c) => c.text?.startsWith('vote'))).toHaveLength(0);
    });
  });
}
