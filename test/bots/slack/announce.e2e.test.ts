/**
 * Poll and survey announcements in Slack channels through the real @slack/bolt (its WebClient
 * against the Slack stand-in, its HTTP receiver taking signed clicks), with two bots processes
 * (two followers, two outboxes) over one store: each new poll or survey is posted once per channel
 * with chat.postMessage, a poll's options as buttons running `vote <poll> <n>`, a survey with
 * "Take the survey" (`survey <id>`); a channel a guest reads gets only public ones (the room rule,
 * from conversations.members). A member's click on "Take the survey" then on an option records
 * the answer in the store; and the whole is wired in `ileanet bots` through bots.json.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBotsConfig } from '../../../bots/config.js';
import { announceChannels, createAnnouncer } from '../../../bots/core/announce.js';
import { createIdentities, DEFAULT_ROLES } from '../../../bots/core/identity.js';
import { createOutboxRunner, type OutboxRunner } from '../../../bots/core/outbox.js';
import { createSlackAdapter, type SlackAdapter } from '../../../bots/slack/index.js';
import { startBots } from '../../../bots/start.js';
import { readSurvey } from '../../../engine/input/index.js';
import { AlertFollower } from '../../../engine/notify/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { createTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { postSigned, slackConfig } from './bot.js';
import { type ApiCall, type SlackStandIn, startSlackStandIn } from './stand-in.js';

const BOT_USER = 'U0LAN0Z89';
/** A vetted member, linked to a Belgian officer in the graph. */
const MEMBER = 'U2147483697';
const SANNE = 'demo:person:sanne-brinkhoven';
/** Not in the identity map: a guest. */
const GUEST = 'U0GUEST001';
/** Members only. */
const STAFF = 'C0STAFF001';
/** A guest has joined it. */
const LOBBY = 'C0LOBBY001';

let demo: DemoEngine;
let rt: TestRuntime;
let api: SlackStandIn;
const adapters: SlackAdapter[] = [];
const outboxes: OutboxRunner[] = [];
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const identities = {
  [`slack:${MEMBER}`]: { role: 'member', person: SANNE, organisation: 'demo:org:scheldemond-police', orgs: [] },
};
const core = { roles: DEFAULT_ROLES, defaultRole: 'guest', audiences: {}, identities };

beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-announce-slack-' });
  rt = await createTestRuntime(demo.engine, { identities, rateLimit: { max: 1_000, windowSeconds: 60 } });
  api = await startSlackStandIn();
  api.setMembers(STAFF, [MEMBER, BOT_USER]);
  api.setMembers(LOBBY, [MEMBER, GUEST, BOT_USER]);
  const channels = announceChannels([`slack:${STAFF}`, `slack:${LOBBY}`]);
  // Two bots processes: each its own adapter, follower and outbox, one store.
  for (let i = 0; i < 2; i++) {
    const adapter = createSlackAdapter(slackConfig(api.apiUrl));
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
  await api?.close();
  await rt?.close();
  await demo?.close();
});

const posts = (channel: string) =>
  api.calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel);
interface Button {
  readonly type: string;
  readonly action_id: string;
  readonly value: string;
  readonly text: { readonly text: string };
}
const buttonsOf = (blocks: unknown): Button[] =>
  ((blocks ?? []) as { elements?: Button[]; accessory?: Button }[]).flatMap((b) => [
    ...(b.elements ?? []).filter((e) => e.type === 'button'),
    ...(b.accessory?.type === 'button' ? [b.accessory] : []),
  ]);

let n = 0;
/** A signed block_actions request for a click on `button` by `user` in `channel`, as Slack sends it. */
async function click(port: number, button: Button, user: string, channel: string): Promise<string> {
  const payload = JSON.parse(
    readFileSync(new URL('../../fixtures/slack/block-actions.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  const id = `announce-click-${++n}`;
  payload['user'] = { id: user, username: 'member', name: 'member', team_id: 'T0001' };
  payload['channel'] = { id: channel, name: 'announcements' };
  payload['container'] = { type: 'message', message_ts: '1700000000.000100', channel_id: channel, is_ephemeral: false };
  payload['response_url'] = api.responseUrl(id);
  payload['actions'] = [{ ...button, block_id: 'b1', action_ts: '1700000001.000100' }];
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body);
  expect(res.status).toBe(200);
  return `/response/${id}`;
}

describe('poll and survey announcements in Slack channels', () => {
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
    const staffBody = JSON.stringify(staff[0]?.args['blocks']);
    expect(staffBody).toContain('Which threat should the network look at first?');
    expect(staffBody).toContain('Which pilot site should host the next workshop?');
    const lobbyBody = JSON.stringify(lobby[0]?.args['blocks']);
    expect(lobbyBody).toContain('Which threat should the network look at first?');
    // The guest reads the lobby: the network-only poll is not announced there.
    expect(lobbyBody).not.toContain('Which pilot site');
    expect(buttonsOf(lobby[0]?.args['blocks']).map((b) => b.value)).toEqual([
      'vote e2e:poll:public 1',
      'vote e2e:poll:public 2',
    ]);
  });

  it('announces a survey with "Take the survey"; a member’s clicks walk it and record the answer', async () => {
    await demo.store.upsert({
      nodes: [
        {
          kind: 'Survey',
          id: 'e2e:survey:needs',
          visibility: 'network',
          title: 'Needs of border police in 2027',
          questions: [
            JSON.stringify({
              id: 'q1',
              type: 'single',
              prompt: 'What slows you down most?',
              options: ['Paperwork', 'Sensors'],
            }),
            JSON.stringify({ id: 'q2', type: 'scale', prompt: 'How urgent is it?' }),
          ],
          closesAt: '2099-06-30',
        },
      ],
    });
    await Promise.all(outboxes.map((o) => o.pass()));
    // Network-only: the staff channel gets it, the lobby (a guest reads it) does not.
    expect(posts(LOBBY)).toHaveLength(1);
    const announced = posts(STAFF)[1] as ApiCall;
    expect(String(announced.args['text'])).toContain('New survey: Needs of border police in 2027');
    const take = buttonsOf(announced.args['blocks']).find((b) => b.text.text === 'Take the survey');
    expect(take?.value).toBe('survey e2e:survey:needs');

    const port = adapters[0]?.port() ?? 0;
    const shown = await click(port, take as Button, MEMBER, STAFF);
    const question = await api.waitFor(() => api.responses.find((r) => r.path === shown));
    // The member's own answers: only they see it.
    expect(question.body['response_type']).toBe('ephemeral');
    expect(JSON.stringify(question.body['blocks'])).toContain('Question 1 of 2: What slows you down most?');
    const sensors = buttonsOf(question.body['blocks']).find((b) => b.value === 'answer e2e:survey:needs 1 2');
    expect(sensors?.text.text).toBe('2. Sensors');

    const recorded = await click(port, sensors as Button, MEMBER, STAFF);
    const next = await api.waitFor(() => api.responses.find((r) => r.path === recorded));
    const blocks = JSON.stringify(next.body['blocks']);
    expect(blocks).toContain('Recorded for question 1: “Sensors”.');
    expect(blocks).toContain('Question 2 of 2: How urgent is it?');
    const view = await readSurvey(demo.engine, 'e2e:survey:needs', {
      person: SANNE,
      viewer: { id: 'sanne', clearance: 'network', orgs: [] },
    });
    expect(view.mine?.items).toEqual([{ q: 'q1', choices: ['Sensors'] }]);
    expect((await rt.audit()).at(-1)).toMatchObject({
      platform: 'slack',
      via: 'action',
      command: 'answer',
      outcome: 'ok',
      user: `slack:${MEMBER}`,
    });
  });

  it('is wired in `ileanet bots`: announce.channels in bots.json, the feed followed by the bots process', async () => {
    await writeFile(
      join(demo.dir, 'bots.json'),
      JSON.stringify({
        identities,
        announce: { channels: [`slack:${STAFF}`] },
        notify: { outboxSeconds: 3_600, minIntervalSeconds: 0 },
        slack: slackConfig(api.apiUrl),
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
      expect(JSON.stringify(after[0]?.args['blocks'])).toContain('Should the network fund a shared drone test range?');
    } finally {
      await running.stop();
    }
  });
});
