/**
 * An alert end to end through matrix-bot-sdk and a real Synapse on loopback: a member subscribes in
 * chat, a new matching result lands in the store, the alerts follow the feed, the outbox opens a
 * direct room (m.direct) with the member and the alert arrives there with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxRunner } from '../../../bots/core/outbox.js';
import { AlertFollower, subscribe } from '../../../engine/notify/index.js';
import { requireService } from '../../helpers/services.js';
import { startTestOutbox } from '../helpers/outbox.js';
import { type MatrixBot, SANNE, startMatrixBot } from './bot.js';
import { synapseUnavailable } from './synapse.js';

if (requireService('Synapse', synapseUnavailable())) {
  let m: MatrixBot;
  let outbox: OutboxRunner;

  beforeAll(async () => {
    m = await startMatrixBot({ prefix: 'ileanet-alerts-' });
    const { demo, adapter, identities } = m;
    const follower = new AlertFollower({
      store: demo.store,
      whoSolved: (t, f, v) => demo.engine.whoSolved(t, f, v),
      matchMode: 'lexical',
    });
    await follower.catchUp();
    outbox = startTestOutbox({
      store: demo.store,
      adapters: [adapter],
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

  describe('alerts by Matrix direct message', () => {
    it('a new result matching a subscription reaches the subscriber in a direct room, once', async () => {
      await subscribe(
        m.demo.store,
        { person: SANNE, viewer: { id: 'ana', clearance: 'network', orgs: ['demo:org:scheldemond-police'] } },
        { subject: 'query', value: 'drone detection at prisons' },
      );
      await m.demo.store.upsert({
        nodes: [
          {
            kind: 'Result',
            id: 'e2e:result:prison-drones',
            title: 'Drone detection at prison perimeters',
            description: 'Radio-frequency sensors detect drones dropping contraband over prison walls.',
          },
        ],
      });
      expect(await outbox.pass()).toMatchObject({ messages: 1, delivered: 1, failed: 0 });
      expect(await outbox.pass()).toMatchObject({ messages: 0 });
      // The bot opened a direct room and invited Ana: she accepts, and reads the alert there.
      const invited = await m.ana.waitFor(async () => (await m.ana.invites())[0]);
      await m.ana.join(invited);
      const alerts = await m.ana.waitFor(async () => {
        const found = (await m.ana.events(invited)).filter((e) => e.sender === m.bot && e.type === 'm.room.message');
        return found.length > 0 ? found : undefined;
      });
      expect(alerts).toHaveLength(1);
      const body = String(alerts[0]?.content['body']);
      expect(body).toContain('New result: Drone detection at prison perimeters');
      expect(body).toContain("This result matches your subscription 'drone detection at prisons'.");
    });
  });
}
