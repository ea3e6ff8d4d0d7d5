/**
 * Notices by Discord direct message through the real discord.js against the stand-in: the DM
 * channel is opened (POST /users/@me/channels) and the notice posted there with its buttons; with
 * the REST API down the notice is kept, and sent once when it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRunner, type OutboxRunner } from '../../../bots/core/outbox.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../../bots/discord/index.js';
import { notify } from '../../../engine/notify/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { createTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { type DiscordStandIn, startDiscordStandIn } from './stand-in.js';

const TOKEN = 'MTE4MDAwMDAwMDAwMDAwMDAwMQ.e2e.stand-in-token';
const GUILD = '1170000000000000001';
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
  discord = await startDiscordStandIn(TOKEN);
  discord.setGuild({ id: GUILD, everyone: '1024', roles: [], members: [{ id: AMELIE }], channels: {} });
  adapter = createDiscordAdapter({ token: TOKEN, guildIds: [GUILD], command: 'ileanet', apiUrl: discord.apiUrl });
  await adapter.start(rt.runtime);
  outbox = createOutboxRunner({
    store: demo.store,
    adapters: [adapter],
    identities: { [`discord:${AMELIE}`]: { role: 'member', person: SANNE, orgs: [] } },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    intervalMs: 3_600_000,
    minIntervalMs: 0,
    retryMs: 1_000,
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
