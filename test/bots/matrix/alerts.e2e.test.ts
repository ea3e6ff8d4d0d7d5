/**
 * An alert end to end through matrix-bot-sdk and a real Synapse on loopback: a member subscribes in
 * chat, a new matching result lands in the store, the alerts follow the feed, the outbox opens a
 * direct room (m.direct) with the member and the alert arrives there with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRunner, type OutboxRunner } from '../../../bots/core/outbox.js';
import { createMatrixAdapter, type MatrixAdapter } from '../../../bots/matrix/index.js';
import { AlertFollower, subscribe } from '../../../engine/notify/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { requireService } from '../../helpers/services.js';
import { createTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { type User, user } from './client.js';
import { type Synapse, startSynapse, synapseUnavailable } from './synapse.js';

const SANNE = 'demo:person:sanne-brinkhoven';

if (requireService('Synapse', synapseUnavailable())) {
  let synapse: Synapse;
  let demo: DemoEngine;
  let rt: TestRuntime;
  let adapter: MatrixAdapter;
  let ana: User;
  let bot: string;
  let outbox: OutboxRunner;

  beforeAll(async () => {
    synapse = await startSynapse();
    const botAccount = await synapse.register('ileanet');
    bot = botAccount.userId;
    ana = user(synapse.url, await synapse.register('ana'));
    demo = await openDemoEngine({ prefix: 'ileanet-alerts-' });
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
    const follower = new AlertFollower({
      store: demo.store,
      whoSolved: (t, f, v) => demo.engine.whoSolved(t, f, v),
      matchMode: 'lexical',
    });
    await follower.catchUp();
    outbox = createOutboxRunner({
      store: demo.store,
      adapters: [adapter],
      identities,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
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

  describe('alerts by Matrix direct message', () => {
    it('a new result matching a subscription reaches the subscriber in a direct room, once', async () => {
      await subscribe(
        demo.store,
        { person: SANNE, viewer: { id: 'ana', clearance: 'network', orgs: ['demo:org:scheldemond-police'] } },
        { subject: 'query', value: 'drone detection at prisons' },
      );
      await demo.store.upsert({
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
      const invited = await ana.waitFor(async () => (await ana.invites())[0]);
      await ana.join(invited);
      const alerts = await ana.waitFor(async () => {
        const found = (await ana.events(invited)).filter((e) => e.sender === bot && e.type === 'm.room.message');
        return found.length > 0 ? found : undefined;
      });
      expect(alerts).toHaveLength(1);
      const body = String(alerts[0]?.content['body']);
      expect(body).toContain('New result: Drone detection at prison perimeters');
      expect(body).toContain("This result matches your subscription 'drone detection at prisons'.");
    });
  });
}
