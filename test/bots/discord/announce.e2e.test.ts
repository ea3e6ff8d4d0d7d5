/**
 * Poll and survey announcements in Discord channels through the real discord.js against the
 * stand-in, with two bots processes (two followers, two outboxes) over one store: each new poll is
 * posted once per channel, its options as buttons running `vote <poll> <n>`; a channel a guest can
 * read gets only public polls (the room rule, from the members who may view the channel). An INC's
 * weekly digest configured with a channel is posted there once by two processes.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBotsConfig } from '../../../bots/config.js';
import { announceChannels, createAnnouncer } from '../../../bots/core/announce.js';
import { createIdentities, DEFAULT_ROLES } from '../../../bots/core/identity.js';
import { createOutboxRunner, type OutboxRunner } from '../../../bots/core/outbox.js';
import type { DiscordAdapter } from '../../../bots/discord/index.js';
import { startBots } from '../../../bots/start.js';
import { AlertFollower } from '../../../engine/notify/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { createTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { adapterFor, GUILD, TOKEN } from './bot.js';
import { type DiscordStandIn, startDiscordStandIn } from './stand-in.js';

const MEMBER = '1160000000000000001';
const GUEST = '1160000000000000002';
const MEMBERS_ROLE = '1190000000000000001';
/** Only the members' role may view it. */
const STAFF = '3000000000000000001';
/** @everyone may view it: the guest reads it too. */
const LOBBY = '3000000000000000002';
const VIEW = 1n << 10n;

let demo: DemoEngine;
let rt: TestRuntime;
let discord: DiscordStandIn;
const adapters: DiscordAdapter[] = [];
const outboxes: OutboxRunner[] = [];
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const identities = { [`discord:${MEMBER}`]: { role: 'member', orgs: [] } };
const core = { roles: DEFAULT_ROLES, defaultRole: 'guest', audiences: {}, identities };

beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-announce-discord-' });
  rt = await createTestRuntime(demo.engine);
  discord = await startDiscordStandIn(TOKEN);
  discord.setGuild({
    id: GUILD,
    everyone: String(VIEW),
    roles: [{ id: MEMBERS_ROLE, name: 'members', permissions: '0' }],
    members: [{ id: MEMBER, roles: [MEMBERS_ROLE] }, { id: GUEST }],
    channels: {
      [STAFF]: [
        { id: GUILD, type: 0, allow: '0', deny: String(VIEW) },
        { id: MEMBERS_ROLE, type: 0, allow: String(VIEW), deny: '0' },
      ],
      [LOBBY]: [],
    },
  });
  const channels = announceChannels([`discord:${STAFF}`, `discord:${LOBBY}`]);
  // Two bots processes: each its own adapter, follower and outbox, one store.
  for (let i = 0; i < 2; i++) {
    const adapter = adapterFor(discord);
    await adapter.start(rt.runtime);
    adapters.push(adapter);
    const announcer = createAnnouncer({
      store: demo.store,
      channels,
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
    outboxes.push(
      createOutboxRunner({
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
      }),
    );
  }
});
afterAll(async () => {
  for (const o of outboxes) await o.stop();
  for (const a of adapters) await a.stop();
  await discord?.close();
  await rt?.close();
  await demo?.close();
});

const posts = (channel: string) =>
  discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel}/messages`);

describe('poll and survey announcements in Discord channels', () => {
  it('posts a new poll once per channel with buttons, and a network-only poll only where no guest reads', async () => {
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
          options: ['Antwerp', 'Lyon', 'Tallinn'],
        },
      ],
    });
    // Both processes run passes at once: the store's claims let one of them post.
    await Promise.all(outboxes.map((o) => o.pass()));
    await Promise.all(outboxes.map((o) => o.pass()));
    const staff = posts(STAFF);
    const lobby = posts(LOBBY);
    expect(staff).toHaveLength(1);
    expect(lobby).toHaveLength(1);
    const staffBody = JSON.stringify(staff[0]?.body);
    expect(staffBody).toContain('Which threat should the network look at first?');
    expect(staffBody).toContain('Which pilot site should host the next workshop?');
    const lobbyBody = JSON.stringify(lobby[0]?.body);
    expect(lobbyBody).toContain('Which threat should the network look at first?');
    // The guest reads the lobby: the network-only poll is not announced there.
    expect(lobbyBody).not.toContain('Which pilot site');
    // Buttons (component type 2), one per option.
    expect(lobbyBody).toContain('"type":2');
    expect(lobbyBody).toContain('Deepfake fraud');
  });

  it('announces a survey, and an edit of an announced poll posts nothing again', async () => {
    await demo.store.upsert({
      nodes: [
        {
          kind: 'Survey',
          id: 'e2e:survey:needs',
          visibility: 'public',
          title: 'Needs of border police in 2027',
          questions: [JSON.stringify({ id: 'q1', type: 'text', prompt: 'What slows you down most?' })],
          closesAt: '2027-06-30',
        },
        {
          kind: 'Poll',
          id: 'e2e:poll:public',
          visibility: 'public',
          question: 'Which threat should the network look at first? (edited)',
          options: ['Drones at prisons', 'Deepfake fraud'],
        },
      ],
    });
    await Promise.all(outboxes.map((o) => o.pass()));
    const lobby = posts(LOBBY);
    expect(lobby).toHaveLength(2);
    const body = JSON.stringify(lobby[1]?.body);
    expect(body).toContain('New survey: Needs of border police in 2027');
    expect(body).not.toContain('(edited)');
  });

  it('is wired in `ileanet bots`: announce.channels in bots.json, the feed followed by the bots process', async () => {
    await writeFile(
      join(demo.dir, 'bots.json'),
      JSON.stringify({
        identities,
        announce: { channels: [`discord:${STAFF}`] },
        notify: { outboxSeconds: 3_600, minIntervalSeconds: 0 },
        discord: { token: TOKEN, guildIds: [GUILD], apiUrl: discord.apiUrl },
      }),
    );
    const config = await loadBotsConfig({ dataDir: demo.dir, env: {} });
    const running = await startBots({ engine: demo.engine, config, log: quiet });
    try {
      const before = posts(STAFF).length;
      // Written after the bots started, as `serve` would (one store, one feed).
      await demo.store.upsert({
        nodes: [
          {
            kind: 'Poll',
            id: 'e2e:poll:wired',
            visibility: 'network',
            question: 'Should the network fund a shared drone test range?',
            options: ['Yes', 'No'],
          },
        ],
      });
      await running.outbox?.pass();
      const after = posts(STAFF).slice(before);
      expect(after).toHaveLength(1);
      expect(JSON.stringify(after[0]?.body)).toContain('Should the network fund a shared drone test range?');
    } finally {
      await running.stop();
    }
  });

  it('posts an INC’s weekly digest in its channel once, two bots processes at the slot (notify.digests channel)', async () => {
    await writeFile(
      join(demo.dir, 'bots.json'),
      JSON.stringify({
        identities,
        notify: {
          outboxSeconds: 3_600,
          minIntervalSeconds: 0,
          digests: [{ inc: 'demo:inc:BE', weekday: 1, hour: 8, channel: `discord:${STAFF}` }],
        },
        discord: { token: TOKEN, guildIds: [GUILD], apiUrl: discord.apiUrl },
      }),
    );
    const config = await loadBotsConfig({ dataDir: demo.dir, env: {} });
    // Monday 30 November 2026, half an hour after the slot.
    const now = () => new Date('2026-11-30T08:30:00Z');
    const before = posts(STAFF).length;
    const first = await startBots({ engine: demo.engine, config, log: quiet, now });
    const second = await startBots({ engine: demo.engine, config, log: quiet, now });
    try {
      // In turn: both processes keep their alert position in one file of the shared data folder here.
      await first.outbox?.pass();
      await second.outbox?.pass();
      await first.outbox?.pass();
      const after = posts(STAFF).slice(before);
      expect(after).toHaveLength(1);
      const body = JSON.stringify(after[0]?.body);
      expect(body).toContain('Weekly digest: ');
      expect(body).toContain('2026-11-23 to 2026-11-30');
      // The staff channel's reader is a member, not the INC's coordinator: its introductions are not listed.
      expect(body).toContain('Pending introductions');
      expect(body).toContain('Listed for the INC’s coordinators only');
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
