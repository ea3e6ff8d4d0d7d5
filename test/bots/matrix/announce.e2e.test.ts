/**
 * Poll announcements in Matrix rooms through matrix-bot-sdk and a real Synapse on loopback: the
 * alert follower's page reaches the announcer, the outbox posts in each configured room the polls
 * every reader there may see (joined and invited members, from Synapse), once; Matrix has no
 * buttons, so each option is the numbered command to type (`vote <poll> <n>`), and a survey's
 * "Take the survey" the `survey <id>` command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceChannels, createAnnouncer } from '../../../bots/core/announce.js';
import { createIdentities, DEFAULT_ROLES } from '../../../bots/core/identity.js';
import { createOutboxRunner, type OutboxRunner } from '../../../bots/core/outbox.js';
import { createMatrixAdapter, type MatrixAdapter } from '../../../bots/matrix/index.js';
import { AlertFollower } from '../../../engine/notify/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { requireService } from '../../helpers/services.js';
import { createTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { type User, user } from './client.js';
import { type Synapse, startSynapse, synapseUnavailable } from './synapse.js';

if (requireService('Synapse', synapseUnavailable())) {
  let synapse: Synapse;
  let demo: DemoEngine;
  let rt: TestRuntime;
  let adapter: MatrixAdapter;
  let ana: User;
  let bot: string;
  let staff: string;
  let lobby: string;
  let outbox: OutboxRunner;
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

  beforeAll(async () => {
    synapse = await startSynapse();
    const botAccount = await synapse.register('ileanet');
    bot = botAccount.userId;
    ana = user(synapse.url, await synapse.register('ana'));
    const guest = await synapse.register('visitor');
    demo = await openDemoEngine({ prefix: 'ileanet-announce-matrix-' });
    const identities = { [`matrix:${ana.userId}`]: { role: 'member', orgs: [] } };
    rt = await createTestRuntime(demo.engine, { identities });
    adapter = createMatrixAdapter({
      homeserverUrl: synapse.url,
      accessToken: botAccount.accessToken,
      autoJoin: [ana.userId],
      prefix: '!ileanet',
      encryption: false,
    });
    await adapter.start(rt.runtime);
    staff = await ana.createRoom({ invite: [bot], name: 'Working group' });
    // A visitor the identity map does not know is invited: a guest reads the lobby.
    lobby = await ana.createRoom({ invite: [bot, guest.userId], name: 'Lobby' });
    for (const room of [staff, lobby]) {
      await ana.waitFor(async () => ((await ana.membership(room, bot)) === 'join' ? true : undefined));
    }
    const core = { roles: DEFAULT_ROLES, defaultRole: 'guest', audiences: {}, identities };
    const announcer = createAnnouncer({
      store: demo.store,
      channels: announceChannels([`matrix:${staff}`, `matrix:${lobby}`]),
      adapters: [adapter],
      audience: core,
      identities: createIdentities(core),
      log: quiet,
    });
    const follower = new AlertFollower({
      store: demo.store,
      whoSolved: (t, f, v) => demo.engine.whoSolved(t, f, v),
      matchMode: 'lexical',
      alsoOnPage: (records) => announcer.onPage(records),
    });
    await follower.catchUp();
    outbox = createOutboxRunner({
      store: demo.store,
      adapters: [adapter],
      channels: [announcer],
      identities,
      log: quiet,
      intervalMs: 3_600_000,
      minIntervalMs: 0,
      retryMs: 1_000,
      beforePass: async () => {
        await follower.catchUp();
      },
    });
  }, 240_000);

  afterAll(async () => {
    await outbox?.stop();
    await adapter?.stop();
    await rt?.close();
    await demo?.close();
    await synapse?.stop();
  });

  const botMessages = async (room: string) =>
    (await ana.events(room)).filter((e) => e.sender === bot && e.type === 'm.room.message');

  describe('poll announcements in Matrix rooms', () => {
    it('posts each room the polls all its readers may see, once, with the commands to answer', async () => {
      await demo.store.upsert({
        nodes: [
          {
            kind: 'Poll',
            id: 'e2e:poll:public',
            visibility: 'public',
            question: 'Which threat should the network look at first?',
            options: ['Drones at prisons', 'Deepfake fraud'],
          },
          {
            kind: 'Poll',
            id: 'e2e:poll:network',
            visibility: 'network',
            question: 'Which pilot site should host the next workshop?',
            options: ['Antwerp', 'Lyon'],
          },
        ],
      });
      expect(await outbox.pass()).toMatchObject({ messages: 2, failed: 0 });
      expect(await outbox.pass()).toMatchObject({ messages: 0 });
      const inStaff = await ana.waitFor(async () => {
        const m = await botMessages(staff);
        return m.length > 0 ? m : undefined;
      });
      const inLobby = await ana.waitFor(async () => {
        const m = await botMessages(lobby);
        return m.length > 0 ? m : undefined;
      });
      expect(inStaff).toHaveLength(1);
      expect(inLobby).toHaveLength(1);
      const staffBody = String(inStaff[0]?.content['body']);
      expect(staffBody).toContain('Which threat should the network look at first?');
      expect(staffBody).toContain('Which pilot site should host the next workshop?');
      const lobbyBody = String(inLobby[0]?.content['body']);
      expect(lobbyBody).toContain('Which threat should the network look at first?');
      expect(lobbyBody).toContain('!ileanet vote e2e:poll:public 2');
      expect(lobbyBody).not.toContain('Which pilot site');
    });

    it('announces a survey with the command that takes it, as Matrix has no buttons', async () => {
      await demo.store.upsert({
        nodes: [
          {
            kind: 'Survey',
            id: 'e2e:survey:public',
            visibility: 'public',
            title: 'Needs of border police in 2027',
            questions: [JSON.stringify({ id: 'q1', type: 'text', prompt: 'What slows you down most?' })],
            closesAt: '2099-06-30',
          },
        ],
      });
      expect(await outbox.pass()).toMatchObject({ messages: 2, failed: 0 });
      const inLobby = await ana.waitFor(async () => {
        const m = await botMessages(lobby);
        return m.length > 1 ? m : undefined;
      });
      const body = String(inLobby[1]?.content['body']);
      expect(body).toContain('New survey: Needs of border police in 2027');
      expect(body).toContain('Take the survey: !ileanet survey e2e:survey:public');
    });
  });
}
