/**
 * A reply in the Slack thread of the bot's message about a challenge becomes a comment on it,
 * through the real @slack/bolt (signed Events API requests) against the Slack stand-in: the
 * thread's first message is read back (conversations.replies), its buttons name the challenge,
 * and the comment is written as the person the identity map names. A thread under someone
 * else's message, or a user the map does not link to a person, writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listComments } from '../../../engine/input/index.js';
import { SYSTEM } from '../../../graph/index.js';
import type { DemoEngine } from '../../helpers/demo-engine.js';
import { CHALLENGE, challengeMessage } from '../helpers/challenge-message.js';
import { postSigned, type SlackWorld, startSlackWorld } from './bot.js';
import type { SlackStandIn } from './stand-in.js';

const AMELIE = 'U2147483697';
const STRANGER = 'U2147483698';
const CHANNEL = 'C2147483705';
const SANNE = 'demo:person:sanne-brinkhoven';

let demo: DemoEngine;
let api: SlackStandIn;
let url: string;
let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld('ileanet-slack-thread-', {
    identities: { [`slack:${AMELIE}`]: { role: 'member', person: SANNE, orgs: [] } },
  });
  ({ demo, api, url } = world);
  api.setMembers(CHANNEL, [AMELIE, STRANGER]);
});
afterAll(async () => {
  await world?.close();
});

let n = 0;
async function threadReply(user: string, threadTs: string, text: string): Promise<string> {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(++n).padStart(6, '0')}`;
  const body = JSON.stringify({
    token: 'x',
    team_id: 'T0001',
    api_app_id: 'A123456',
    type: 'event_callback',
    event_id: `Ev-thread-${ts}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel_type: 'channel', channel: CHANNEL, user, text, ts, thread_ts: threadTs },
  });
  const r = await postSigned(url, body, 'application/json');
  expect(r.status).toBe(200);
  return ts;
}

const comments = async () =>
  (await listComments(demo.engine, 'Challenge', CHALLENGE, { viewer: SYSTEM })).comments.map((c) => c.text);

describe('replies in the Slack thread of the bot’s challenge message', () => {
  it('become comments by the mapped person, answered in the thread', async () => {
    // The bot's message about one challenge (as an announcement goes out), with its buttons.
    await world.slack.post?.(CHANNEL, challengeMessage());
    const root = api.calls.find((c) => c.method === 'chat.postMessage' && c.args['channel'] === CHANNEL);
    const rootTs = String((root?.result as { ts?: string } | undefined)?.ts ?? '');
    expect(rootTs).not.toBe('');

    const before = (await comments()).length;
    const ts = await threadReply(AMELIE, rootTs, 'We tested RF detection at Hasselt; results are in the pilot report.');
    await api.waitFor(() =>
      api.calls.find(
        (c) => (c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral') && c.args['thread_ts'] === rootTs,
      ),
    );
    const after = await comments();
    expect(after).toHaveLength(before + 1);
    expect(after).toContain('We tested RF detection at Hasselt; results are in the pilot report.');
    const thread = await listComments(demo.engine, 'Challenge', CHALLENGE, { viewer: SYSTEM });
    expect(thread.comments.find((c) => c.text?.startsWith('We tested RF'))?.author?.id).toBe(SANNE);
    expect(ts).not.toBe(rootTs);

    // Someone the identity map does not link to a person: told so, nothing written.
    await threadReply(STRANGER, rootTs, 'Me too');
    await api.waitFor(() => api.calls.find((c) => c.method === 'chat.postEphemeral' && c.args['user'] === STRANGER));
    expect(await comments()).toHaveLength(before + 1);
  });
});
