/**
 * The Matrix adapter end to end through the real matrix-bot-sdk against a real Synapse on
 * loopback: a bot account runs the adapter; user accounts, talking to the client-server API
 * directly, invite it, send commands in a room and in a direct room, and read its replies.
 * The adapter itself puts its inert stand-in in the place of the SDK's native crypto binding
 * (bots/matrix/no-e2ee.ts; encryption is off), as it does in production. Locally the suite skips,
 * with its reason printed, when Synapse is not installed; with CI set it fails instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatrixAdapter, type MatrixAdapter } from '../../../bots/matrix/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { requireService } from '../../helpers/services.js';
import { allNodes, forbiddenFor, GUEST_VIEW } from '../helpers/leaks.js';
import { createTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { type MatrixEvent, type User, user } from './client.js';
import { type Synapse, startSynapse, synapseUnavailable } from './synapse.js';

if (requireService('Synapse', synapseUnavailable())) {
  let synapse: Synapse;
  let demo: DemoEngine;
  let rt: TestRuntime;
  let adapter: MatrixAdapter;
  let bot: string;
  let ana: User;
  let hugo: User;
  let mallory: User;
  /** Not in the identity map: a guest. */
  let gus: User;
  let room: string;

  beforeAll(async () => {
    synapse = await startSynapse();
    const botAccount = await synapse.register('ileanet');
    bot = botAccount.userId;
    ana = user(synapse.url, await synapse.register('ana'));
    hugo = user(synapse.url, await synapse.register('hugo'));
    mallory = user(synapse.url, await synapse.register('mallory'));
    gus = user(synapse.url, await synapse.register('gus'));
    demo = await openDemoEngine({ prefix: 'ileanet-bots-' });
    rt = await createTestRuntime(demo.engine, {
      rateLimit: { max: 1_000, windowSeconds: 60 },
      identities: {
        [`matrix:${ana.userId}`]: {
          role: 'member',
          person: 'demo:person:sanne-brinkhoven',
          organisation: 'demo:org:scheldemond-police',
          country: 'BE',
        },
        [`matrix:${hugo.userId}`]: {
          role: 'member',
          person: 'demo:person:hugo-marlieu',
          organisation: 'demo:org:orbivia',
        },
      },
    });
    adapter = createMatrixAdapter({
      homeserverUrl: synapse.url,
      accessToken: botAccount.accessToken,
      autoJoin: [ana.userId, '@hugo:*'],
      prefix: '!ileanet',
      encryption: false,
    });
    await adapter.start(rt.runtime);
    room = await ana.createRoom({ invite: [bot], name: 'Counter-drone working group' });
    await ana.invite(room, hugo.userId);
    await hugo.join(room);
    await ana.waitFor(async () => ((await ana.membership(room, bot)) === 'join' ? true : undefined));
  }, 240_000);

  afterAll(async () => {
    await adapter?.stop();
    await rt?.close();
    await demo?.close();
    await synapse?.stop();
  });

  /** The bot's reply to one event: an m.notice that says in m.relates_to which event it answers. */
  const replyTo = (u: User, roomId: string, eventId: string) =>
    u.waitFor(async () =>
      (await u.events(roomId)).find(
        (e: MatrixEvent) => e.sender === bot && e.content['m.relates_to']?.['m.in_reply_to']?.event_id === eventId,
      ),
    );

  describe('Matrix through matrix-bot-sdk and Synapse', () => {
    it('joined the room on the invitation of a user on the allow-list', async () => {
      expect(adapter.userId()).toBe(bot);
      expect(await ana.membership(room, bot)).toBe('join');
    });

    it('declines an invitation from anyone else', async () => {
      const theirs = await mallory.createRoom({ invite: [bot] });
      await mallory.waitFor(async () => ((await mallory.membership(theirs, bot)) === 'leave' ? true : undefined));
      expect(rt.errors).toEqual([]);
    });

    it('answers a typed command in the room with an HTML notice in reply to it', async () => {
      const asked = await ana.say(room, '!ileanet who-solved drone detection at prisons --country FR --all');
      const reply = await replyTo(ana, room, asked);
      expect(reply.content.msgtype).toBe('m.notice');
      expect(reply.content['format']).toBe('org.matrix.custom.html');
      expect(reply.content.formatted_body).toMatch(/^<h4>Who has solved “drone detection at prisons”<\/h4>/u);
      expect(reply.content.formatted_body).toContain('Haute-Valmont Prison Administration');
      expect(reply.content.formatted_body).toContain('<small>path: ');
      expect(reply.content.body).toContain('Haute-Valmont Prison Administration');
      expect(reply.content.formatted_body).not.toContain('Luftwacht');
      expect((await rt.audit()).at(-1)).toMatchObject({
        platform: 'matrix',
        user: `matrix:${ana.userId}`,
        via: 'slash',
        command: 'who-solved',
        outcome: 'ok',
        dm: false,
      });
    });

    it('takes a reply to its answer in context: “more” runs the More button', async () => {
      const asked = await ana.say(room, '!ileanet who-solved drone detection at prisons');
      const short = await replyTo(ana, room, asked);
      expect(short.content.body).toContain('More: !ileanet who-solved "drone detection at prisons" --all');
      const more = await ana.say(room, `> <${bot}> ${short.content.body?.split('\n')[0]}\n\nmore`, {
        'm.relates_to': { 'm.in_reply_to': { event_id: short.event_id } },
      });
      const full = await replyTo(ana, room, more);
      expect(full.content.formatted_body).toContain('<strong>Experts</strong>');
      expect((await rt.audit()).at(-1)).toMatchObject({ via: 'action', command: 'who-solved', args: { all: true } });
    });

    it('answers a mention in natural words', async () => {
      const asked = await ana.say(room, 'ileanet: who has solved crypto wallets during searches?', {
        'm.mentions': { user_ids: [bot] },
        format: 'org.matrix.custom.html',
        formatted_body: `<a href="https://matrix.to/#/${bot}">ileanet</a>: who has solved crypto wallets during searches?`,
      });
      const reply = await replyTo(ana, room, asked);
      expect(reply.content.formatted_body).toContain('Who has solved “crypto wallets during searches”');
    });

    it('escapes everything that came from the user or the data', async () => {
      const asked = await ana.say(
        room,
        '!ileanet who-solved <b>zebra</b> & <script>alert(1)</script> <a href="javascript:x">y</a>',
      );
      const reply = await replyTo(ana, room, asked);
      const html = reply.content.formatted_body ?? '';
      expect(html).toContain('&lt;b&gt;zebra&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toMatch(/<b>|<script|<a href="javascript/u);
      // Our own markup is all there is: only tags the renderer writes, and no attribute but our links' href.
      const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/gu)].map((m) => m[1]));
      for (const t of tags)
        expect(['h4', 'p', 'strong', 'em', 'small', 'ol', 'ul', 'li', 'br', 'code', 'a']).toContain(t);
      expect(html).not.toMatch(/<[a-z0-9]+ (?!href="https?:)/u);
    });

    it('ignores ordinary conversation in a room', async () => {
      const chatter = await ana.say(room, 'Shall we meet on Thursday about the pilot?');
      const marker = await ana.say(room, '!ileanet help');
      await replyTo(ana, room, marker);
      const events = await ana.events(room);
      expect(
        events.some((e) => e.sender === bot && e.content['m.relates_to']?.['m.in_reply_to']?.event_id === chatter),
      ).toBe(false);
    });

    it('answers an unknown command with help', async () => {
      const asked = await ana.say(room, '!ileanet frobnicate');
      const reply = await replyTo(ana, room, asked);
      expect(reply.content.body).toContain('I do not know the command “frobnicate”');
      expect(reply.content.body).toContain('!ileanet who-solved');
    });

    it('takes any message in a direct room as a command', async () => {
      const dm = await ana.createRoom({ invite: [bot], direct: true });
      await ana.waitFor(async () => ((await ana.membership(dm, bot)) === 'join' ? true : undefined));
      const asked = await ana.say(dm, 'what is trending?');
      const reply = await replyTo(ana, dm, asked);
      expect(reply.content.formatted_body).toContain('<h4>Trends');
      expect((await rt.audit()).at(-1)).toMatchObject({ via: 'message', dm: true, command: 'trends' });
    });

    it('posts only what a guest may see in a room the guest has joined, and says the fuller answer is in a DM', async () => {
      const forbidden = forbiddenFor(await allNodes(demo.engine), GUEST_VIEW);
      const mixed = await ana.createRoom({ invite: [bot, gus.userId], name: 'Joint operations' });
      await gus.join(mixed);
      await ana.waitFor(async () => ((await ana.membership(mixed, bot)) === 'join' ? true : undefined));
      const asked = await ana.say(mixed, '!ileanet who-solved drone detection --limit 10');
      const shared = await replyTo(ana, mixed, asked);
      const everything = `${shared.content.body ?? ''}\n${shared.content.formatted_body ?? ''}`;
      expect(forbidden.in(everything)).toEqual([]);
      expect(shared.content.body).toContain('your fuller answer is in a direct message');
      expect((await rt.audit()).at(-1)).toMatchObject({ conversation: mixed, audience: 'public', delivered: 'dm' });
      // Nothing else the bot said in that room shows more.
      const all = (await gus.events(mixed)).filter((e) => e.sender === bot);
      for (const e of all) expect(forbidden.in(`${e.content.body ?? ''}${e.content.formatted_body ?? ''}`)).toEqual([]);
    });

    it('sends an answer showing restricted work to a direct room, and a pointer in the group room', async () => {
      const asked = await hugo.say(room, '!ileanet who-solved cloned voices in fraud calls');
      const pointer = await replyTo(hugo, room, asked);
      expect(pointer.content.body).toMatch(/direct message/u);
      expect(pointer.content.body).not.toContain('Screening');
      // The bot opened a direct room with Hugo: he accepts the invitation and reads the answer there.
      const [dm] = await hugo.waitFor(async () => {
        const invites = await hugo.invites();
        return invites.length > 0 ? invites : undefined;
      });
      if (dm === undefined) throw new Error('no invitation');
      await hugo.join(dm);
      const answer = await hugo.waitFor(async () =>
        (await hugo.events(dm)).find((e) => e.sender === bot && e.type === 'm.room.message'),
      );
      expect(answer.content.formatted_body).toContain('Screening of recorded calls for cloned voices');
    });
  });
}
