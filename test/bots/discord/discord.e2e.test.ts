/**
 * The Discord adapter end to end through the real discord.js: its REST client talks to a
 * stand-in of Discord's API on loopback, its gateway shard connects to the stand-in's ws://
 * URL (from GET /gateway/bot), and interactions arrive as INTERACTION_CREATE dispatches. The
 * answers are observed where Discord would receive them: interaction callbacks, webhook edits
 * and follow-ups, DM channel messages.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../bots/discord/index.js';
import { allNodes, forbiddenFor, GUEST_VIEW } from '../helpers/leaks.js';
import type { TestRuntime } from '../helpers/runtime.js';
import { member } from '../helpers/world.js';
import { COUNTER_DRONES, type DiscordWorld, GUILD, startDiscordWorld, TOKEN, VETTED, vettedGuild } from './bot.js';
import { APP_ID, type DiscordStandIn, type RestCall } from './stand-in.js';

const AMELIE = '1160000000000000001';
const MARGAUX = '1160000000000000042';
/** A guild member the identity map does not name: a guest. */
const GUEST = '1160000000000000099';
const BOT = '1180000000000000001';
/** A channel everyone in the guild may view, the guest included. */
const JOINT_OPS = '1170000000000000020';

let rt: TestRuntime;
let discord: DiscordStandIn;
let world: DiscordWorld;

beforeAll(async () => {
  world = await startDiscordWorld(
    'ileanet-bots-',
    {
      rateLimit: { max: 1_000, windowSeconds: 60 },
      identities: {
        [`discord:${MARGAUX}`]: member('demo:person:margaux-fontval', 'demo:org:orbivia'),
        [`discord:${AMELIE}`]: member('demo:person:hugo-marlieu', 'demo:org:orbivia', 'FR'),
      },
    },
    vettedGuild([{ id: AMELIE, roles: [VETTED] }, { id: MARGAUX, roles: [VETTED] }, { id: GUEST }, { id: BOT }], {
      [JOINT_OPS]: [],
    }),
  );
  ({ rt, discord } = world);
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => discord.setOutage(false));

const find = (pred: (c: RestCall) => boolean) => () => discord.calls.find(pred);
const edits = (token: string) => (c: RestCall) =>
  c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${token}/messages/@original`;
const followUps = (token: string) => (c: RestCall) => c.method === 'POST' && c.path === `/webhooks/${APP_ID}/${token}`;
const embedsText = (body: unknown) => JSON.stringify((body as { embeds?: unknown }).embeds ?? []);

describe('Discord through discord.js', () => {
  it('logged in over the stand-in gateway and registered /ileanet with a subcommand per command', async () => {
    const identify = discord.received.find((f) => f.op === 2);
    expect((identify?.d as { token?: string } | undefined)?.token).toBe(TOKEN);
    const put = discord.calls.find(
      (c) => c.method === 'PUT' && c.path === `/applications/${APP_ID}/guilds/${GUILD}/commands`,
    );
    expect(put?.auth).toBe(`Bot ${TOKEN}`);
    const [command] = (put?.body ?? []) as {
      name: string;
      options: { name: string; options: { name: string; type: number; required: boolean }[] }[];
    }[];
    expect(command?.name).toBe('ileanet');
    expect(command?.options.map((o) => o.name)).toEqual(rt.runtime.commands.map((c) => c.name));
    const who = command?.options.find((o) => o.name === 'who-solved');
    expect(who?.options[0]).toMatchObject({ name: 'text', type: 3, required: true });
    expect(who?.options.find((o) => o.name === 'min-trl')).toMatchObject({ type: 4, required: false });
  });

  it('defers a slash command at once, then edits in the answer as embeds with explanations', async () => {
    discord.interaction('interaction-who-solved.json', 'tok-who', (p) => {
      // The full list (the `all` boolean option), where the explanation paths are.
      const sub = (p['data'] as { options: { options: { name: string; value: unknown; type: number }[] }[] })
        .options[0];
      sub?.options.push({ name: 'all', value: true, type: 5 });
    });
    const callback = await discord.waitFor(find((c) => c.method === 'POST' && c.path.includes('/tok-who/callback')));
    expect(callback.body).toMatchObject({ type: 5 });
    const edit = await discord.waitFor(find(edits('tok-who')));
    const body = edit.body as {
      embeds: { title?: string; fields?: { name: string; value: string }[] }[];
      allowed_mentions: unknown;
    };
    expect(body.embeds[0]?.title).toBe('Who has solved “drone detection at prisons”');
    const text = embedsText(body);
    expect(text).toContain('Haute-Valmont Prison Administration');
    expect(text).toContain('path: ');
    expect(text).not.toContain('Luftwacht');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect((await rt.audit()).at(-1)).toMatchObject({
      platform: 'discord',
      user: `discord:${AMELIE}`,
      via: 'options',
      command: 'who-solved',
      outcome: 'ok',
    });
  });

  it('renders actions as buttons whose ids carry the command', async () => {
    discord.interaction('interaction-who-solved.json', 'tok-match', (p) => {
      (p['data'] as { options: unknown[] }).options = [
        {
          name: 'match',
          type: 1,
          options: [{ name: 'challenge', type: 3, value: 'demo:challenge:prison-drone-drops' }],
        },
      ];
    });
    const edit = await discord.waitFor(find(edits('tok-match')));
    const rows = (edit.body as { components: { type: number; components: { custom_id?: string; label: string }[] }[] })
      .components;
    expect(rows[0]?.type).toBe(1);
    expect(rows[0]?.components[0]).toMatchObject({
      label: 'Vote for this challenge',
      custom_id: 'ileanet:vote demo:challenge:prison-drone-drops up',
    });
  });

  it('runs a button click as the clicking user', async () => {
    discord.interaction('interaction-button.json', 'tok-button');
    // A vote confirmation concerns the voter only: an ephemeral follow-up.
    const edit = await discord.waitFor(find(followUps('tok-button')));
    expect((edit.body as { flags: number }).flags & 64).toBe(64);
    expect(embedsText(edit.body)).toMatch(
      /Your vote for “Detect drones dropping contraband over prison walls at night” is counted/u,
    );
    expect((await rt.audit()).at(-1)).toMatchObject({ via: 'action', command: 'vote', outcome: 'ok' });
  });

  it('answers in a direct message conversation in place', async () => {
    discord.interaction('interaction-dm.json', 'tok-dm');
    const edit = await discord.waitFor(find(edits('tok-dm')));
    expect(embedsText(edit.body)).toContain('Trends in BE');
  });

  it('sends an answer showing restricted work by DM and leaves an ephemeral pointer', async () => {
    discord.interaction('interaction-who-solved.json', 'tok-secret', (p) => {
      const options = (p['data'] as { options: { options: { name: string; value: string }[] }[] }).options[0];
      if (options !== undefined)
        options.options = [{ name: 'text', value: 'cloned voices in fraud calls', type: 3 } as never];
    });
    const dm = await discord.waitFor(find((c) => c.method === 'POST' && /^\/channels\/20\d+\/messages$/u.test(c.path)));
    expect(
      discord.calls.some(
        (c) => c.path === '/users/@me/channels' && (c.body as { recipient_id: string }).recipient_id === AMELIE,
      ),
    ).toBe(true);
    expect(embedsText(dm.body)).toContain('Screening of recorded calls for cloned voices');
    const pointer = await discord.waitFor(find(followUps('tok-secret')));
    expect((pointer.body as { flags: number }).flags & 64).toBe(64);
    expect(embedsText(pointer.body)).toMatch(/direct message/u);
    expect(embedsText(pointer.body)).not.toContain('Screening');
    expect(discord.calls.some((c) => c.method === 'DELETE' && c.path.includes('/tok-secret/messages/@original'))).toBe(
      true,
    );
  });

  it('posts only what a guest may see in a channel the guest may view; the fuller answer goes by DM', async () => {
    const forbidden = forbiddenFor(await allNodes(world.demo.engine), GUEST_VIEW);
    discord.interaction('interaction-who-solved.json', 'tok-mixed', (p) => {
      p['channel_id'] = JOINT_OPS;
      (p['channel'] as { id: string }).id = JOINT_OPS;
      const options = (
        p['data'] as { options: { options: { name: string; value: string | number; type: number }[] }[] }
      ).options[0];
      if (options !== undefined)
        options.options = [
          { name: 'text', value: 'drone detection', type: 3 },
          { name: 'limit', value: 10, type: 4 },
        ];
    });
    const edit = await discord.waitFor(find(edits('tok-mixed')));
    expect(forbidden.in(embedsText(edit.body))).toEqual([]);
    expect(embedsText(edit.body)).toContain('your fuller answer is in a direct message');
    const dm = await discord.waitFor(
      find(
        (c) =>
          c.method === 'POST' &&
          /^\/channels\/20\d+\/messages$/u.test(c.path) &&
          /drone detection/u.test(embedsText(c.body)),
      ),
    );
    expect(forbidden.in(embedsText(dm.body)).length).toBeGreaterThan(0);
    expect(discord.calls.some((c) => c.method === 'GET' && c.path === `/guilds/${GUILD}/members`)).toBe(true);
    expect((await rt.audit()).at(-1)).toMatchObject({ conversation: JOINT_OPS, audience: 'public', delivered: 'dm' });
  });

  it('answers once in a channel only vetted members may view, though the guest is in the guild', async () => {
    discord.interaction('interaction-who-solved.json', 'tok-vetted');
    await discord.waitFor(find(edits('tok-vetted')));
    expect((await rt.audit()).at(-1)).toMatchObject({ conversation: COUNTER_DRONES, delivered: 'here' });
    expect((await rt.audit()).at(-1)?.audience).toBeUndefined();
  });

  it('lets discord.js wait out a 429 on the answer with the retry_after Discord gives; the audit says it arrived', async () => {
    discord.rateLimit(/\/tok-limited\/messages\/@original$/u, 2, 1);
    const started = Date.now();
    discord.interaction('interaction-who-solved.json', 'tok-limited');
    await discord.waitFor(() => (discord.calls.filter(edits('tok-limited')).length >= 3 ? true : undefined), 15_000);
    expect(discord.calls.filter(edits('tok-limited'))).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    let delivery: Awaited<ReturnType<typeof rt.deliveries>>[number] | undefined;
    for (let n = 0; n < 100 && delivery === undefined; n++) {
      delivery = (await rt.deliveries()).filter((d) => d.ok && d.to.includes('room')).at(-1);
      if (delivery === undefined || Date.parse(delivery.at) < started) delivery = undefined;
      if (delivery === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(delivery).toMatchObject({ ok: true, to: ['room'], conversation: COUNTER_DRONES });
  }, 20_000);

  it('answers ephemerally when the user takes no direct messages', async () => {
    discord.refuseDms('1160000000000000042');
    discord.interaction('interaction-who-solved.json', 'tok-nodm', (p) => {
      const member = p['member'] as { user: { id: string } };
      member.user.id = '1160000000000000042';
      const options = (p['data'] as { options: { options: { name: string; value: string; type: number }[] }[] })
        .options[0];
      if (options !== undefined) options.options = [{ name: 'text', value: 'cloned voices in fraud calls', type: 3 }];
    });
    const reply = await discord.waitFor(find(followUps('tok-nodm')));
    expect((reply.body as { flags: number }).flags & 64).toBe(64);
    expect(embedsText(reply.body)).toContain('Screening of recorded calls for cloned voices');
  });

  it('answers malformed options with what is wrong, ephemeral', async () => {
    discord.interaction('interaction-who-solved.json', 'tok-bad', (p) => {
      const options = (p['data'] as { options: { options: { name: string; value: unknown; type: number }[] }[] })
        .options[0];
      if (options !== undefined)
        options.options = [
          { name: 'text', value: 'drones', type: 3 },
          { name: 'min-trl', value: 12, type: 4 },
        ];
    });
    const reply = await discord.waitFor(find(followUps('tok-bad')));
    expect((reply.body as { flags: number }).flags & 64).toBe(64);
    expect(embedsText(reply.body)).toMatch(/minTrl must be a whole number from 1 to 9/u);
  });

  it('logs a failed delivery during an outage and keeps answering afterwards', async () => {
    const before = rt.errors.length;
    discord.setOutage(true);
    discord.interaction('interaction-dm.json', 'tok-down');
    await discord.waitFor(() => (rt.errors.length > before ? true : undefined), 20_000);
    expect(rt.errors.at(-1)?.line).toMatch(/^discord: could not (acknowledge|deliver)/u);
    discord.setOutage(false);
    discord.interaction('interaction-dm.json', 'tok-up');
    const edit = await discord.waitFor(find(edits('tok-up')));
    expect(embedsText(edit.body)).toContain('Trends in BE');
  });
});

describe('Discord start-up failures', () => {
  it('rejects a token the API refuses, with the platform error', async () => {
    const bad = createDiscordAdapter({
      token: 'wrong-token',
      guildIds: [GUILD],
      command: 'ileanet',
      apiUrl: discord.apiUrl,
    });
    await expect(bad.start(rt.runtime)).rejects.toMatchObject({ code: 'ERR_BOT_PLATFORM' });
  });
});
