/**
 * The Slack adapter end to end through the real @slack/bolt: signed (and forged) requests to
 * Bolt's HTTP receiver, Web API calls to a stand-in of the Slack Web API on loopback
 * (WebClient's slackApiUrl), answers on response_urls served by the same stand-in; and the
 * same through Socket Mode, with the stand-in as the WebSocket endpoint.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../bots/slack/index.js';
import type { DemoEngine } from '../../helpers/demo-engine.js';
import { allNodes, forbiddenFor, GUEST_VIEW } from '../helpers/leaks.js';
import type { TestRuntime } from '../helpers/runtime.js';
import { SIGNING_SECRET, type SlackWorld, startSlackWorld } from './bot.js';
import { type SlackStandIn, startSlackStandIn } from './stand-in.js';

const SECRET = SIGNING_SECRET;
const fixture = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../fixtures/slack/${name}`, import.meta.url), 'utf8')) as T;

const AMELIE = 'U2147483697';
const HUGO = 'U0HUGO0001';
/** An Orbivia member whose workspace does not allow the bot to open a DM. */
const NO_DM = 'U0NODM0001';
/** An outsider: not in the identity map, so a guest who sees public nodes only. */
const GUEST = 'U0GUEST001';

/** The bot's own user id (auth.test in the fixtures): listed among members, never an audience. */
const GUEST_FREE_BOT = 'U0LAN0Z89';
const MIXED = 'C0MIXED001';

let demo: DemoEngine;
let rt: TestRuntime;
let api: SlackStandIn;
let url: string;
let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld('ileanet-bots-', {
    // Many requests from one user in this file; the limiter has its own tests.
    rateLimit: { max: 1_000, windowSeconds: 60 },
    identities: {
      [`slack:${AMELIE}`]: {
        role: 'member',
        person: 'demo:person:sanne-brinkhoven',
        organisation: 'demo:org:scheldemond-police',
        country: 'BE',
      },
      [`slack:${NO_DM}`]: { role: 'member', person: 'demo:person:margaux-fontval', organisation: 'demo:org:orbivia' },
      [`slack:${HUGO}`]: {
        role: 'member',
        person: 'demo:person:hugo-marlieu',
        organisation: 'demo:org:orbivia',
        country: 'FR',
      },
    },
  });
  ({ demo, rt, api, url } = world);
  // The fixtures' channel: vetted members only (and the bot), so one answer serves everyone there.
  api.setMembers('C2147483705', [AMELIE, HUGO, NO_DM, GUEST_FREE_BOT]);
  // A channel a guest has joined.
  api.setMembers(MIXED, [AMELIE, GUEST, GUEST_FREE_BOT]);
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => {
  api.setOutage(false);
});

function signature(body: string, ts: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

async function post(
  body: string,
  type: 'form' | 'json',
  o: { ts?: number; secret?: string; signature?: string | null } = {},
): Promise<Response> {
  const ts = o.ts ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': type === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
    'x-slack-request-timestamp': String(ts),
  };
  const sig = o.signature === undefined ? signature(body, ts, o.secret) : o.signature;
  if (sig !== null) headers['x-slack-signature'] = sig;
  return fetch(url, { method: 'POST', headers, body });
}

let n = 0;
function slashBody(
  text: string,
  user = AMELIE,
  extra: Record<string, string> = {},
): { body: string; responsePath: string } {
  const id = `cmd-${++n}`;
  const fields = {
    ...fixture<Record<string, string>>('slash-command.json'),
    text,
    user_id: user,
    response_url: api.responseUrl(id),
    ...extra,
  };
  return { body: new URLSearchParams(fields).toString(), responsePath: `/response/${id}` };
}

const blocksText = (blocks: unknown): string => JSON.stringify(blocks);

describe('Slack over the HTTP receiver', () => {
  it('verified the bot token at start with auth.test', () => {
    expect(api.calls.find((c) => c.method === 'auth.test')?.token).toBe('xoxb-e2e-token');
  });

  it('answers a signed slash command in the channel, in Block Kit, through the response_url', async () => {
    const { body, responsePath } = slashBody('who-solved drone detection at prisons --country FR --all');
    const res = await post(body, 'form');
    expect(res.status).toBe(200);
    const answer = await api.waitFor(() => api.responses.find((r) => r.path === responsePath));
    expect(answer.body['response_type']).toBe('in_channel');
    const blocks = answer.body['blocks'] as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toMatchObject({
      type: 'header',
      text: { type: 'plain_text', text: 'Who has solved “drone detection at prisons”' },
    });
    // French answers only, with the explanation of each hit.
    expect(blocksText(blocks)).toContain('Haute-Valmont Prison Administration');
    expect(blocksText(blocks)).not.toContain('Luftwacht');
    expect(blocksText(blocks)).toMatch(/path: /u);
    expect(String(answer.body['text'])).toMatch(/^Who has solved/u);
    const audit = await rt.audit();
    expect(audit.at(-1)).toMatchObject({
      platform: 'slack',
      user: `slack:${AMELIE}`,
      command: 'who-solved',
      outcome: 'ok',
      via: 'slash',
    });
  });

  it('rejects forged requests with 401 and never runs them', async () => {
    const before = (await rt.audit()).length;
    const responsesBefore = api.responses.length;
    const { body } = slashBody('who-solved drones');
    expect((await post(body, 'form', { secret: 'not-the-secret' })).status).toBe(401);
    expect((await post(body, 'form', { signature: null })).status).toBe(401);
    // A valid signature over a replayed, stale timestamp (Slack allows five minutes).
    expect((await post(body, 'form', { ts: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    // A body changed after signing.
    const ts = Math.floor(Date.now() / 1000);
    const tampered = body.replace('drones', 'crypto');
    expect((await post(tampered, 'form', { ts, signature: signature(body, ts) })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect((await rt.audit()).length).toBe(before);
    expect(api.responses.length).toBe(responsesBefore);
  });

  it('answers an app mention in its thread with chat.postMessage', async () => {
    const event = fixture<{ event: Record<string, unknown> }>('app-mention.json');
    event.event['ts'] = '1700000001.000100';
    const body = JSON.stringify(event);
    expect((await post(body, 'json')).status).toBe(200);
    const call = await api.waitFor(() =>
      api.calls.find((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === '1700000001.000100'),
    );
    expect(call.args['channel']).toBe('C2147483705');
    expect(blocksText(call.args['blocks'])).toContain('Who has solved “drone detection at prisons”');
    expect(call.token).toBe('xoxb-e2e-token');
  });

  it('takes commands in a direct message without a mention', async () => {
    const event = fixture<{ event: Record<string, unknown> }>('message-im.json');
    event.event['ts'] = '1700000002.000100';
    expect((await post(JSON.stringify(event), 'json')).status).toBe(200);
    const call = await api.waitFor(() =>
      api.calls.find((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'D024BE91L'),
    );
    expect(blocksText(call.args['blocks'])).toMatch(/Trends in BE/u);
    expect(call.args['thread_ts']).toBeUndefined();
  });

  it('renders actions as buttons whose value is the command a click runs', async () => {
    const { body, responsePath } = slashBody('match demo:challenge:prison-drone-drops');
    await post(body, 'form');
    const answer = await api.waitFor(() => api.responses.find((r) => r.path === responsePath));
    const actions = (
      answer.body['blocks'] as { type: string; elements?: { type: string; value?: string; action_id?: string }[] }[]
    ).find((b) => b.type === 'actions');
    expect(actions?.elements?.[0]).toMatchObject({
      type: 'button',
      value: 'vote demo:challenge:prison-drone-drops up',
    });
    expect(actions?.elements?.[0]?.action_id).toMatch(/^ileanet-\d+$/u);
  });

  it('runs a button click as the clicking user and answers on its response_url', async () => {
    const payload = fixture<Record<string, unknown>>('block-actions.json');
    payload['response_url'] = api.responseUrl('click-1');
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect((await post(body, 'form')).status).toBe(200);
    const answer = await api.waitFor(() => api.responses.find((r) => r.path === '/response/click-1'));
    expect(String(answer.body['text'])).toMatch(
      /Your vote for “Detect drones dropping contraband over prison walls at night” is counted/u,
    );
    expect(answer.body['replace_original']).toBe(false);
    expect(answer.body['response_type']).toBe('ephemeral');
    expect((await rt.audit()).at(-1)).toMatchObject({
      via: 'action',
      command: 'vote',
      outcome: 'ok',
      user: `slack:${AMELIE}`,
    });
  });

  it('sends an answer that shows restricted work to a direct message, and leaves an ephemeral pointer', async () => {
    const { body, responsePath } = slashBody('who-solved cloned voices in fraud calls', HUGO);
    expect((await post(body, 'form')).status).toBe(200);
    const dm = await api.waitFor(() =>
      api.calls.find((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'D0HUGO0001'),
    );
    expect(api.calls.find((c) => c.method === 'conversations.open' && c.args['users'] === HUGO)).toBeDefined();
    expect(blocksText(dm.args['blocks'])).toContain('Screening of recorded calls for cloned voices');
    // Amélie, in the channel, is not of Orbivia: the channel gets the answer without Orbivia's restricted result.
    const inChannel = await api.waitFor(() => api.responses.find((r) => r.path === responsePath));
    expect(inChannel.body).toMatchObject({ response_type: 'in_channel' });
    expect(blocksText(inChannel.body['blocks'])).toMatch(/direct message/u);
    expect(blocksText(inChannel.body['blocks'])).not.toContain('Screening');
  });

  it('posts only what a guest may see in a channel the guest is in; the officer’s fuller answer goes to her DM', async () => {
    const forbidden = forbiddenFor(await allNodes(demo.engine), GUEST_VIEW);
    const { body, responsePath } = slashBody('who-solved drone detection --limit 10', AMELIE, {
      channel_id: MIXED,
      channel_name: 'joint-ops',
    });
    await post(body, 'form');
    const inChannel = await api.waitFor(() => api.responses.find((r) => r.path === responsePath));
    expect(inChannel.body['response_type']).toBe('in_channel');
    expect(forbidden.in(blocksText(inChannel.body['blocks']))).toEqual([]);
    expect(blocksText(inChannel.body['blocks'])).toContain('your fuller answer is in a direct message');
    const dm = await api.waitFor(() =>
      api.calls.find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args['channel'] === 'D2147483697' &&
          /drone detection/u.test(blocksText(c.args['blocks'])),
      ),
    );
    expect(forbidden.in(blocksText(dm.args['blocks'])).length).toBeGreaterThan(0);
    expect(api.calls.some((c) => c.method === 'conversations.members' && c.args['channel'] === MIXED)).toBe(true);
    expect((await rt.audit()).at(-1)).toMatchObject({ conversation: MIXED, audience: 'public', delivered: 'dm' });
  });

  it('answers ephemerally when the direct message cannot be opened', async () => {
    api.refuseDms(NO_DM);
    const { body, responsePath } = slashBody('who-solved cloned voices in fraud calls', NO_DM);
    await post(body, 'form');
    const answer = await api.waitFor(() =>
      api.responses.find((r) => r.path === responsePath && r.body['response_type'] === 'ephemeral'),
    );
    expect(blocksText(answer.body['blocks'])).toContain('Screening of recorded calls for cloned voices');
    const inChannel = api.responses.find((r) => r.path === responsePath && r.body['response_type'] === 'in_channel');
    expect(blocksText(inChannel?.body['blocks'])).not.toContain('Screening');
  });

  it('shows a guest only public work, and refuses what the guest role may not do, privately', async () => {
    const who = slashBody('who-solved cloned voices in fraud calls', GUEST);
    await post(who.body, 'form');
    const answer = await api.waitFor(() => api.responses.find((r) => r.path === who.responsePath));
    expect(blocksText(answer.body['blocks'])).not.toContain('Screening of recorded calls');
    const vote = slashBody('vote demo:challenge:prison-drone-drops', GUEST);
    await post(vote.body, 'form');
    const denied = await api.waitFor(() => api.responses.find((r) => r.path === vote.responsePath));
    expect(denied.body['response_type']).toBe('ephemeral');
    expect(String(denied.body['text'])).toMatch(/may not use vote/u);
  });

  it('answers an unknown command with help and malformed arguments with what is wrong, both ephemeral', async () => {
    const unknown = slashBody('frobnicate now');
    await post(unknown.body, 'form');
    const help = await api.waitFor(() => api.responses.find((r) => r.path === unknown.responsePath));
    expect(help.body['response_type']).toBe('ephemeral');
    expect(blocksText(help.body['blocks'])).toContain('I do not know the command “frobnicate”');
    expect(blocksText(help.body['blocks'])).toContain('/ileanet who-solved');

    const bad = slashBody('who-solved drones --min-trl high');
    await post(bad.body, 'form');
    const wrong = await api.waitFor(() => api.responses.find((r) => r.path === bad.responsePath));
    expect(String(wrong.body['text'])).toContain('who-solved: --min-trl must be a number');
  });

  it('escapes data and user text for mrkdwn, so nothing becomes a link or a mention', async () => {
    const { body, responsePath } = slashBody('who-solved <!channel> <https://evil.example|click> & zebra');
    await post(body, 'form');
    const answer = await api.waitFor(() => api.responses.find((r) => r.path === responsePath));
    // mrkdwn is where Slack reads markup (plain_text is shown as is): there the echo of the
    // query must arrive escaped, and so must the notification text.
    const mrkdwn: string[] = [];
    JSON.stringify(answer.body['blocks'], (k, v) => {
      if (k === 'text' && typeof v === 'object' && v !== null && (v as { type?: string }).type === 'mrkdwn') {
        mrkdwn.push((v as { text: string }).text);
      }
      return v;
    });
    expect(mrkdwn.join('\n')).toContain('&lt;!channel&gt; click &amp; zebra');
    for (const t of [...mrkdwn, String(answer.body['text'])])
      expect(t).not.toMatch(/<!channel>|<https:|&(?!amp;|lt;|gt;)/u);
  });

  it('waits out a 429 with the Retry-After Slack gives, and the answer arrives; the audit says where', async () => {
    api.rateLimit('chat.postMessage', 2, 1);
    const event = fixture<{ event: Record<string, unknown> }>('app-mention.json');
    const ts = `${Date.now() / 1000}`;
    const body = JSON.stringify({
      ...event,
      event_id: `Ev-limit-${ts}`,
      event: { ...event.event, ts, text: '<@U0LAN0Z89> trends' },
    });
    const started = Date.now();
    await post(body, 'json');
    const posted = () => api.calls.filter((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === ts);
    await api.waitFor(() => (posted().length >= 3 ? true : undefined), 15_000);
    const posts = posted();
    const reply = posts.at(-1);
    if (reply === undefined) throw new Error('no post');
    // Refused twice, sent a third time after 2 × 1 s.
    expect(posts).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(blocksText(reply.args['blocks'])).toContain('Trends');
    const asked = (await rt.audit()).find(
      (r) => r.command === 'trends' && r.via === 'mention' && r.at >= new Date(started).toISOString(),
    );
    let delivery: Awaited<ReturnType<typeof rt.deliveries>>[number] | undefined;
    for (let i = 0; i < 100 && delivery === undefined; i++) {
      delivery = (await rt.deliveries()).find((d) => d.id === asked?.id);
      if (delivery === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(delivery).toMatchObject({ ok: true, to: ['room'], conversation: 'C2147483705' });
  }, 20_000);

  it('survives a Slack outage: the failed post is logged, the next command is answered', async () => {
    api.setOutage(true);
    const errorsBefore = rt.errors.length;
    const down = slashBody('trends');
    expect((await post(down.body, 'form')).status).toBe(200);
    await api.waitFor(() => (rt.errors.length > errorsBefore ? true : undefined));
    expect(rt.errors.at(-1)?.line).toMatch(/slack: could not deliver the answer to trends/u);
    api.setOutage(false);
    const up = slashBody('trends');
    await post(up.body, 'form');
    const answer = await api.waitFor(() => api.responses.find((r) => r.path === up.responsePath));
    expect(answer.body['response_type']).toBe('in_channel');
  });
});

describe('Slack over Socket Mode', () => {
  let socketApi: SlackStandIn;
  let socketSlack: SlackAdapter;
  beforeAll(async () => {
    socketApi = await startSlackStandIn();
    socketSlack = createSlackAdapter({
      mode: 'socket',
      botToken: 'xoxb-e2e-token',
      appToken: 'xapp-e2e-token',
      port: 0,
      path: '/slack/events',
      command: '/ileanet',
      apiUrl: socketApi.apiUrl,
    });
    await socketSlack.start(rt.runtime);
    await socketApi.socketConnected();
  });
  afterAll(async () => {
    await socketSlack?.stop();
    await socketApi?.close();
  });

  it('opened the connection with the app-level token', () => {
    expect(socketApi.calls.find((c) => c.method === 'apps.connections.open')?.token).toBe('xapp-e2e-token');
  });

  it('acknowledges a slash command envelope and answers on its response_url', async () => {
    const payload = {
      ...fixture<Record<string, string>>('slash-command.json'),
      text: 'who-solved crypto wallets during searches',
      response_url: socketApi.responseUrl('socket-1'),
    };
    socketApi.push({ envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true, payload });
    await socketApi.waitFor(() => (socketApi.acks.has('env-1') ? true : undefined));
    const answer = await socketApi.waitFor(() => socketApi.responses.find((r) => r.path === '/response/socket-1'));
    expect(answer.body['response_type']).toBe('in_channel');
    expect(blocksText(answer.body['blocks'])).toContain('Who has solved “crypto wallets during searches”');
  });

  it('acknowledges an app mention envelope and answers in the thread', async () => {
    const event = fixture<Record<string, unknown> & { event: Record<string, unknown> }>('app-mention.json');
    event.event['ts'] = '1700000009.000100';
    event.event['text'] = '<@U0LAN0Z89> what is trending?';
    socketApi.push({ envelope_id: 'env-2', type: 'events_api', accepts_response_payload: false, payload: event });
    const call = await socketApi.waitFor(() =>
      socketApi.calls.find((c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === '1700000009.000100'),
    );
    expect(blocksText(call.args['blocks'])).toContain('Trends');
    expect(socketApi.acks.has('env-2')).toBe(true);
  });
});
