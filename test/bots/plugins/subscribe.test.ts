/** `subscribe`, `subscriptions`, `unsubscribe` through the runtime and the fake transport, and in the help. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { type Bots, MEMBERS, startFakeBots } from '../helpers/fake-transport.js';

let demo: DemoEngine;
let bots: Bots;
beforeAll(async () => {
  demo = await openDemoEngine();
  bots = await startFakeBots(demo.engine, { rateLimit: { max: 1_000, windowSeconds: 60 }, identities: { ...MEMBERS } });
});
afterAll(async () => {
  await bots?.close();
  await demo?.close();
});

const last = () => bots.transport.last();

describe('subscriptions in chat', () => {
  it('subscribes, lists, refuses what who-solved refuses in its words, and unsubscribes', async () => {
    await bots.transport.slash('U-sanne', 'subscribe query drones at prisons');
    expect(last().reply.text).toBe("Subscribed to query 'drones at prisons': alerts will come by direct message.");
    const unsubscribe = last().reply.actions[0]?.command ?? '';
    expect(unsubscribe).toMatch(/^unsubscribe subscription:[0-9a-f]{32}$/u);
    await bots.transport.slash('U-sanne', 'subscribe query drones at prisons');
    expect(last().reply.text).toBe("You were already subscribed to query 'drones at prisons'.");
    await bots.transport.slash('U-sanne', 'subscribe country be');
    await bots.transport.slash('U-sanne', 'subscriptions');
    expect(last().reply.sections[0]?.items.map((i) => i.title)).toEqual(["query 'drones at prisons'", "country 'BE'"]);
    await bots.transport.slash('U-sanne', `subscribe query ${'x'.repeat(1_001)}`);
    expect(last().text).toContain('at most 1000 are taken');
    await bots.transport.slash('U-hugo', unsubscribe);
    expect(last().text).toContain('no subscription');
    await bots.transport.slash('U-sanne', unsubscribe);
    expect(last().reply.text).toMatch(/^Unsubscribed/u);
    await bots.transport.slash('U-sanne', 'subscriptions');
    expect(last().reply.sections[0]?.items.map((i) => i.title)).toEqual(["country 'BE'"]);
  });

  it('the help lists the three commands', async () => {
    await bots.transport.slash('U-sanne', 'help');
    for (const name of ['subscribe', 'unsubscribe', 'subscriptions']) expect(last().text).toContain(name);
  });
});
