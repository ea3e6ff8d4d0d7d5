/**
 * A reply in the Discord thread of the bot's message about a challenge becomes a comment on it,
 * through the real discord.js against the stand-in gateway: the bot posts the challenge with its
 * buttons, a member starts a thread on that message (THREAD_CREATE, the thread's id is the
 * message's), replies in it (MESSAGE_CREATE), and the bot reads the starter back, writes the
 * comment as the person the identity map names and answers in the thread. Someone the map does
 * not link to a person writes nothing and is told by DM; with the Message Content switch off the
 * intent is not asked for and the same reply writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../../bots/discord/index.js';
import { listComments } from '../../../engine/input/index.js';
import { SYSTEM } from '../../../graph/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { CHALLENGE, challengeMessage } from '../helpers/challenge-message.js';
import { createTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { type DiscordBot, GUILD, startDiscordBot } from './bot.js';
import { BOT_ID, type DiscordStandIn } from './stand-in.js';

/** Everyone in the guild reads it, the unmapped guest included. */
const CHANNEL = '1170000000000000020';
/** Only the vetted role reads it. */
const WORKING_GROUP = '1170000000000000010';
const VETTED = '1170000000000000500';
const VIEW_CHANNEL = String(1n << 10n);
const AMELIE = '1160000000000000001';
const STRANGER = '1160000000000000099';
const SANNE = 'demo:person:sanne-brinkhoven';
const MESSAGE_CONTENT = 1 << 15;
const GUILD_MESSAGES = 1 << 9;

let demo: DemoEngine;
let rt: TestRuntime;
let discord: DiscordStandIn;
let adapter: DiscordAdapter;

async function startAdapter(messageContent: boolean): Promise<DiscordBot> {
  const bot = await startDiscordBot(
    rt.runtime,
    {
      everyone: VIEW_CHANNEL,
      roles: [{ id: VETTED, name: 'vetted', permissions: '0' }],
      members: [{ id: AMELIE, roles: [VETTED] }, { id: STRANGER }, { id: BOT_ID, roles: [VETTED] }],
      channels: {
        [CHANNEL]: [],
        [WORKING_GROUP]: [
          { id: GUILD, type: 0, allow: '0', deny: VIEW_CHANNEL },
          { id: VETTED, type: 0, allow: VIEW_CHANNEL, deny: '0' },
        ],
      },
    },
    { messageContent },
  );
  // Discord sends each guild after READY; the thread and message events need it in the cache.
  bot.discord.guildCreate();
  return bot;
}

beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-discord-thread-' });
  rt = await createTestRuntime(demo.engine, {
    identities: { [`discord:${AMELIE}`]: { role: 'member', person: SANNE, orgs: [] } },
  });
  ({ discord, adapter } = await startAdapter(true));
});
afterAll(async () => {
  await adapter?.stop();
  await discord?.close();
  await rt?.close();
  await demo?.close();
});

const comments = async () =>
  (await listComments(demo.engine, 'Challenge', CHALLENGE, { viewer: SYSTEM })).comments.filter((c) => !c.deleted);

/** The bot's message about the challenge (as an announcement goes out), and a thread on it. */
async function challengeThread(
  api: DiscordStandIn,
  bot: DiscordAdapter,
  name: string,
  channel = CHANNEL,
): Promise<string> {
  await bot.post?.(channel, challengeMessage());
  const messageId = api.postedIn(channel).at(-1);
  if (messageId === undefined) throw new Error('the bot posted no challenge message');
  api.threadCreate({ messageId, parentId: channel, ownerId: AMELIE, name });
  return messageId;
}

const threadPosts = (api: DiscordStandIn, thread: string) =>
  api.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${thread}/messages`);
/** The stand-in's DM channel id of a user is theirs with `20` in front. */
const dmSaying = (user: string, words: string) => () =>
  discord.calls.find(
    (c) =>
      c.method === 'POST' &&
      c.path === `/channels/20${user.slice(2)}/messages` &&
      JSON.stringify(c.body).includes(words),
  );

describe('replies in the Discord thread of the bot’s challenge message', () => {
  it('asks Discord for the message intents', () => {
    expect(discord.intents() & MESSAGE_CONTENT).toBe(MESSAGE_CONTENT);
    expect(discord.intents() & GUILD_MESSAGES).toBe(GUILD_MESSAGES);
  });

  it('become comments by the mapped person, as visible as the challenge, answered in the thread', async () => {
    const thread = await challengeThread(discord, adapter, 'Drones at prisons', WORKING_GROUP);
    const before = (await comments()).length;
    const text = 'We tested RF detection at Hasselt; results are in the pilot report.';
    const said = discord.userMessage({ channelId: thread, authorId: AMELIE, content: text });

    const answer = await discord.waitFor(() => threadPosts(discord, thread)[0]);
    const body = answer.body as { embeds?: unknown; message_reference?: { message_id?: string } };
    expect(JSON.stringify(body.embeds)).toContain('Your comment on');
    expect(body.message_reference?.message_id).toBe(said);

    const after = await comments();
    expect(after).toHaveLength(before + 1);
    const mine = after.find((c) => c.text === text);
    expect(mine?.author?.id).toBe(SANNE);
    const [node, challenge] = await Promise.all([
      demo.store.getNode(mine?.id ?? '', SYSTEM),
      demo.store.getNode(CHALLENGE, SYSTEM),
    ]);
    expect(node?.visibility).toBe(challenge?.visibility);
  });

  it('in a thread a guest reads, the confirmation of a network comment goes by DM, not in the thread', async () => {
    const thread = await challengeThread(discord, adapter, 'Drones, in the open');
    const before = (await comments()).length;
    discord.userMessage({ channelId: thread, authorId: AMELIE, content: 'Night cameras helped us too.' });
    const dm = await discord.waitFor(dmSaying(AMELIE, 'Your comment on'));
    expect(JSON.stringify(dm.body)).toContain('Detect drones dropping contraband');
    expect(threadPosts(discord, thread)).toHaveLength(0);
    expect(await comments()).toHaveLength(before + 1);
  });

  it('a reply starting with a command runs it; an unmapped user is told by DM and writes nothing', async () => {
    const thread = await challengeThread(discord, adapter, 'Drones, again');
    const before = (await comments()).length;
    discord.userMessage({ channelId: thread, authorId: AMELIE, content: `vote ${CHALLENGE} down` });
    // A vote confirmation is private: it goes to Amélie's DM channel, not the thread.
    await discord.waitFor(dmSaying(AMELIE, 'Your vote against'));

    discord.userMessage({ channelId: thread, authorId: STRANGER, content: 'Me too' });
    await discord.waitFor(dmSaying(STRANGER, 'Your role (guest) may not use comment'));
    expect(threadPosts(discord, thread)).toHaveLength(0);
    expect(await comments()).toHaveLength(before);
  });

  it('a thread under someone else’s message is not read as comments', async () => {
    const before = (await comments()).length;
    const foreign = discord.userMessage({ channelId: CHANNEL, authorId: STRANGER, content: 'Anyone on drones?' });
    discord.threadCreate({ messageId: foreign, parentId: CHANNEL, ownerId: STRANGER, name: 'Not the bot' });
    discord.userMessage({ channelId: foreign, authorId: AMELIE, content: 'We are.' });
    // The starter (in discord.js's cache from its MESSAGE_CREATE) is not the bot's: nothing is run.
    await new Promise((r) => setTimeout(r, 500));
    expect((await rt.audit()).filter((a) => a.user === `discord:${AMELIE}` && a.command === 'comment')).toHaveLength(2);
    expect(threadPosts(discord, foreign)).toHaveLength(0);
    expect(await comments()).toHaveLength(before);
  });

  it('with the Message Content switch off, neither intent is asked for and replies write nothing', async () => {
    const off = await startAdapter(false);
    try {
      expect(off.discord.intents() & (MESSAGE_CONTENT | GUILD_MESSAGES)).toBe(0);
      const thread = await challengeThread(off.discord, off.adapter, 'Switched off');
      const before = (await comments()).length;
      off.discord.userMessage({ channelId: thread, authorId: AMELIE, content: 'A comment that is not read' });
      await new Promise((r) => setTimeout(r, 300));
      expect(threadPosts(off.discord, thread)).toHaveLength(0);
      expect(await comments()).toHaveLength(before);
    } finally {
      await off.close();
    }
  });
});
