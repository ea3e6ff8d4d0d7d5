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
import type { OutboxRunner } from '../../../bots/core/outbox.js';
import { AlertFollower } from '../../../engine/notify/index.js';
import { requireService } from '../../helpers/services.js';
import { QUIET_LOG, startTestOutbox } from '../helpers/outbox.js';
import { type MatrixBot, startMatrixBot } from './bot.js';
import { synapseUnavailable } from './synapse.js';

if (requireService('Synapse', synapseUnavailable())) {
  let m: MatrixBot;
  let staff: string;
  let lobby: string;
  let outbox: OutboxRunner;

  beforeAll(async () => {
    m = await startMatrixBot({ prefix: 'ileanet-announce-matrix-', ana: { role: 'member', orgs: [] } });
    const { demo, adapter, identities } = m;
    const guest = await m.synapse.register('visitor');
    staff = await m.room('Working group');
    // A visitor the identity map does not know is invited: a guest reads the lobby.
    lobby = await m.room('Lobby', [guest.userId]);
    const core = { roles: DEFAULT_ROLES, defaultRole: 'guest', audiences: {}, identities };
    const announcer = createAnnouncer({
      store: demo.store,
      channels: announceChannels([`matrix:${staff}`, `matrix:${lobby}`]),
      adapters: [adapter],
      audience: core,
      identities: createIdentities(core),
      log: QUIET_LOG,
    });
    const follower = new AlertFollower({
      store: demo.store,
      whoSolved: (t, f, v) => demo.engine.whoSolved(t, f, v),
      matchMode: 'lexical',
      alsoOnPage: (records) => announcer.onPage(records),
    });
    await follower.catchUp();
    outbox = startTestOutbox({
      store: demo.store,
      adapters: [adapter],
      channels: [announcer],
      identities,
      beforePass: async () => {
        await follower.catchUp();
      },
    });
  }, 240_000);

  afterAll(async () => {
    await outbox?.stop();
    await m?.close();
  });

  const botMessages = async (room: string) =>
    (await m.ana.events(room)).filter((e) => e.sender === m.bot && e.type === 'm.room.message');

  describe('poll announcements in Matrix rooms', () => {
    it('posts each room the polls all its readers may see, once, with the commands to answer', async () => {
      await m.demo.store.upsert({
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
      const inStaff = await m.ana.waitFor(async () => {
        const m = await botMessages(staff);
        return m.length > 0 ? m : undefined;
      });
      const inLobby = await m.ana.waitFor(async () => {
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
      await m.demo.store.upsert({
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
      const inLobby = await m.ana.waitFor(async () => {
        const found = await botMessages(lobby);
        return found.length > 1 ? found : undefined;
      });
      const body = String(inLobby[1]?.content['body']);
      expect(body).toContain('New survey: Needs of border police in 2027');
      expect(body).toContain('Take the survey: !ileanet survey e2e:survey:public');
    });
  });
}
