/**
 * Notices by Discord direct message through the real discord.js against the stand-in: the DM
 * channel is opened (POST /users/@me/channels) and the notice posted there with its buttons; with
 * the REST API down the notice is kept, and sent once when it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxRunner } from '../../../bots/core/outbox.js';
import type { DiscordAdapter } from '../../../bots/discord/index.js';
import { notify } from '../../../engine/notify/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { startTestOutbox } from '../helpers/outbox.js';
import { createTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { startDiscordBot } from './bot.js';
import type { DiscordStandIn } from './stand-in.js';

const AMELIE = '1160000000000000001';
const SANNE = 'demo:person:sanne-brinkhoven';

let demo: DemoEngine;
let rt: TestRuntime;
let discord: DiscordStandIn;
let adapter: DiscordAdapter;
let outbox: OutboxRunner;
let clock = new Date('2026-03-02T09:00:00Z');

beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-outbox-discord-' });
  rt = await createTestRuntime(demo.engine);
  ({ discord, adapter } = await startDiscordBot(rt.runtime, {
    everyone: '1024',
    roles: [],
    members: [{ id: AMELIE }],
    channels: {},
  }));
  outbox = startTestOutbox({
    store: demo.store,
    adapters: [adapter],
    identities: { [`discord:${AMELIE}`]: { role: 'member', person: SANNE, orgs: [] } },
    now: () => clock,
  });
});
afterAll(async () => {
  await outbox?.stop();
  await adapter?.stop();
  await discord?.close();
  await rt?.close();
  await demo?.close();
});

const dmPosts = () => discord.calls.filter((c) => c.method === 'POST' && /^\/channels\/20\d+\/messages$/u.test(c.path));

describe('notices by Discord direct message', () => {
  it('kept while the API is down, then sent once to the user’s DM channel with its button', async () => {
    await notify(demo.store, [
      {
        recipientId: SANNE,
        kind: 'introduction',
        title: 'Introduction approved',
        reason: 'The Belgian INC approved your introduction to Hugo Marlieu.',
        actions: [{ label: 'Vote', value: 'vote demo:challenge:prison-drone-drops' }],
        dedupeKey: 'discord:1',
      },
    ]);
    discord.setOutage(true);
    expect(await outbox.pass()).toMatchObject({ messages: 0, failed: 1 });
    discord.setOutage(false);
    clock = new Date(clock.getTime() + 1_000);
    expect(await outbox.pass()).toMatchObject({ messages: 1, delivered: 1 });
    expect(await outbox.pass()).toMatchObject({ messages: 0 });
    const posts = dmPosts();
    expect(posts).toHaveLength(1);
    const body = JSON.stringify(posts[0]?.body);
    expect(body).toContain('Introduction approved');
    expect(body).toContain('The Belgian INC approved your introduction to Hugo Marlieu.');
    expect(body).toContain('"type":2');
    // The outbox's key goes as an enforced nonce: Discord posts a retry of the same message once.
    expect(posts[0]?.body).toMatchObject({ nonce: expect.any(String), enforce_nonce: true });
  });
});
