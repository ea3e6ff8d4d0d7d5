/**
 * A stand-in of Discord's REST API and gateway on loopback. discord.js is pointed at it with
 * the REST option `api`; GET /gateway/bot hands out this server's ws:// URL, so the real
 * @discordjs/ws shard connects here: HELLO, IDENTIFY (token checked), READY, heartbeat ACKs,
 * and INTERACTION_CREATE, GUILD_CREATE, THREAD_CREATE and MESSAGE_CREATE dispatches pushed by
 * the test (a message's text blanked, as Discord does, unless IDENTIFY asked for Message Content). REST calls (command registration,
 * interaction callbacks, webhook edits and follow-ups, DMs) are recorded and answered with
 * the documented shapes.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export const BOT_ID = '1180000000000000001';
export const APP_ID = '1180000000000000002';

const fixtureText = (name: string) => readFileSync(new URL(`../../fixtures/discord/${name}`, import.meta.url), 'utf8');

export interface RestCall {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: unknown;
  readonly auth?: string;
}

export interface GatewayFrame {
  readonly op: number;
  readonly d: unknown;
}

/** A guild member as GET /guilds/{id}/members lists them: a user id and role ids. */
export interface StandInMember {
  readonly id: string;
  readonly roles?: readonly string[];
}

/** A channel's permission overwrite (type 0: a role, 1: a member), allow and deny as bit fields. */
export interface StandInOverwrite {
  readonly id: string;
  readonly type: 0 | 1;
  readonly allow: string;
  readonly deny: string;
}

export interface DiscordStandIn {
  /** For discord.js's `rest.api`. */
  readonly apiUrl: string;
  readonly calls: RestCall[];
  /** Frames the client sent on the gateway (IDENTIFY, heartbeats). */
  readonly received: GatewayFrame[];
  /** Pushes an INTERACTION_CREATE built from a fixture, with this interaction token. */
  interaction(fixture: string, token: string, edit?: (payload: Record<string, unknown>) => void): void;
  /** Dispatches GUILD_CREATE for the guild of `setGuild` (its roles and text channels), as Discord does after READY. */
  guildCreate(): void;
  /** A member starts a thread on a channel message: THREAD_CREATE with the message's id as the thread's. */
  threadCreate(thread: { messageId: string; parentId: string; ownerId: string; name: string }): void;
  /** A member's message in a channel or thread (MESSAGE_CREATE); returns its id. */
  userMessage(message: { channelId: string; authorId: string; content: string }): string;
  /** Ids of the messages the bot posted in a channel, oldest first. */
  postedIn(channelId: string): string[];
  /** The intents of the last IDENTIFY (a bit field). */
  intents(): number;
  setOutage(on: boolean): void;
  /** The next `times` requests whose path matches get 429 with `retry_after` seconds, as Discord answers an exhausted bucket. */
  rateLimit(path: RegExp, times: number, seconds: number): void;
  /**
   * The guild's members and roles (GET /guilds/{id}, GET /guilds/{id}/members), and its text
   * channels with their permission overwrites (GET /channels/{id}); `@everyone` is the role whose
   * id is the guild's, with `everyone` as its permissions.
   */
  setGuild(guild: {
    id: string;
    everyone: string;
    roles?: readonly { id: string; name: string; permissions: string }[];
    members: readonly StandInMember[];
    channels: Readonly<Record<string, readonly StandInOverwrite[]>>;
  }): void;
  /** Answers DM channel creation for this user as Discord does when they do not accept DMs (403, code 50007). */
  refuseDms(userId: string): void;
  waitFor<T>(probe: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return undefined;
  if (req.headers['content-type']?.includes('multipart/form-data')) {
    // discord.js sends multipart when there are files; the JSON part is `payload_json`.
    const m = /name="payload_json"\r\n(?:[^\r\n]*\r\n)*\r\n([\s\S]*?)\r\n--/u.exec(raw);
    return m?.[1] === undefined ? raw : JSON.parse(m[1]);
  }
  return JSON.parse(raw);
}

export async function startDiscordStandIn(token: string): Promise<DiscordStandIn> {
  const calls: RestCall[] = [];
  const received: GatewayFrame[] = [];
  let base = '';
  let seq = 1;
  let outage = false;
  const noDms = new Set<string>();
  const limits: { path: RegExp; times: number; seconds: number }[] = [];
  let guild: Parameters<DiscordStandIn['setGuild']>[0] | undefined;
  const userOf = (uid: string) => ({
    id: uid,
    username: `user-${uid.slice(-4)}`,
    discriminator: '0',
    global_name: null,
    avatar: null,
  });
  let socket: WebSocket | undefined;
  let intents = 0;
  /** Messages posted (by the bot, or by members through `userMessage`), by `channel/message` id, for GET /channels/{c}/messages/{m}. */
  const posted = new Map<string, ReturnType<typeof message>>();
  const nonces = new Map<string, ReturnType<typeof message>>();
  let nextId = 1_300_000_000_000_000_000n;
  const id = () => String(nextId++);

  const message = (channel: string, body: Record<string, unknown> | undefined) => ({
    id: id(),
    channel_id: channel,
    author: { id: BOT_ID, username: 'ileanet', discriminator: '0', global_name: null, avatar: null, bot: true },
    content: body?.['content'] ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body?.['embeds'] ?? [],
    components: body?.['components'] ?? [],
    pinned: false,
    type: 0,
    flags: body?.['flags'] ?? 0,
    application_id: APP_ID,
    webhook_id: APP_ID,
  });

  const send = (status: number, res: import('node:http').ServerResponse, body?: unknown) => {
    if (body === undefined) res.writeHead(status).end();
    else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    // discord.js percent-encodes @original; Discord routes on the decoded path.
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/u, '');
    const body = await readBody(req);
    const auth = req.headers.authorization;
    calls.push({ method: req.method ?? 'GET', path, query: url.search, body, ...(auth === undefined ? {} : { auth }) });
    if (outage) return send(503, res, { message: 'Service Unavailable', code: 0 });
    const limit = limits.find((l) => l.times > 0 && l.path.test(path));
    if (limit !== undefined) {
      limit.times -= 1;
      res
        .writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(limit.seconds),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(limit.seconds),
          'x-ratelimit-bucket': 'stand-in-bucket',
          'x-ratelimit-scope': 'user',
        })
        .end(JSON.stringify({ message: 'You are being rate limited.', retry_after: limit.seconds, global: false }));
      return;
    }
    const m = req.method;
    if (m === 'GET' && path === '/gateway/bot') {
      if (auth !== `Bot ${token}`) return send(401, res, { message: '401: Unauthorized', code: 0 });
      return send(
        200,
        res,
        JSON.parse(fixtureText('gateway-bot.json').replaceAll('{{gateway}}', base.replace(/^http/u, 'ws'))),
      );
    }
    if (m === 'PUT' && /^\/applications\/\d+(?:\/guilds\/\d+)?\/commands$/u.test(path)) {
      return send(
        200,
        res,
        (body as Record<string, unknown>[]).map((c) => ({ ...c, id: id(), application_id: APP_ID, version: id() })),
      );
    }
    if (m === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/u.test(path)) return send(204, res);
    const webhook = /^\/webhooks\/\d+\/([^/]+)(\/messages\/@original)?$/u.exec(path);
    if (webhook !== null) {
      if (m === 'DELETE') return send(204, res);
      return send(200, res, message('1170000000000000010', body as Record<string, unknown>));
    }
    if (m === 'POST' && path === '/users/@me/channels') {
      const recipient = String((body as { recipient_id?: string }).recipient_id);
      if (noDms.has(recipient)) return send(403, res, { message: 'Cannot send messages to this user', code: 50007 });
      return send(200, res, {
        id: `20${recipient.slice(2)}`,
        type: 1,
        last_message_id: null,
        flags: 0,
        recipients: [{ id: recipient, username: 'someone', discriminator: '0', global_name: null, avatar: null }],
      });
    }
    const guildRoute = /^\/guilds\/(\d+)(\/members)?$/u.exec(path);
    if (m === 'GET' && guildRoute !== null) {
      if (guild === undefined || guildRoute[1] !== guild.id)
        return send(404, res, { message: 'Unknown Guild', code: 10004 });
      if (guildRoute[2] === undefined) {
        return send(200, res, {
          id: guild.id,
          name: 'Innovation network',
          icon: null,
          owner_id: '1160000000000000777',
          features: [],
          emojis: [],
          stickers: [],
          roles: [
            {
              id: guild.id,
              name: '@everyone',
              permissions: guild.everyone,
              position: 0,
              color: 0,
              hoist: false,
              managed: false,
              mentionable: false,
              flags: 0,
            },
            ...(guild.roles ?? []).map((r, i) => ({
              ...r,
              position: i + 1,
              color: 0,
              hoist: false,
              managed: false,
              mentionable: false,
              flags: 0,
            })),
          ],
        });
      }
      // Paged by user id: members after `after`, at most `limit` (Discord's own paging).
      const limit = Number(url.searchParams.get('limit') ?? 1);
      const after = BigInt(url.searchParams.get('after') ?? '0');
      const page = [...guild.members]
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
        .filter((x) => BigInt(x.id) > after)
        .slice(0, limit);
      return send(
        200,
        res,
        page.map((x) => ({
          user: userOf(x.id),
          roles: x.roles ?? [],
          joined_at: '2024-01-15T09:00:00.000000+00:00',
          deaf: false,
          mute: false,
          flags: 0,
          pending: false,
          nick: null,
          avatar: null,
          premium_since: null,
        })),
      );
    }
    const channelRoute = /^\/channels\/(\d+)$/u.exec(path);
    if (m === 'GET' && channelRoute !== null) {
      const overwrites = guild?.channels[channelRoute[1] ?? ''];
      if (guild === undefined || overwrites === undefined)
        return send(404, res, { message: 'Unknown Channel', code: 10003 });
      return send(200, res, {
        id: channelRoute[1],
        type: 0,
        guild_id: guild.id,
        name: `channel-${channelRoute[1]?.slice(-2)}`,
        position: 0,
        permission_overwrites: overwrites,
        nsfw: false,
        parent_id: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        topic: null,
        flags: 0,
      });
    }
    const channelMessage = /^\/channels\/(\d+)\/messages$/u.exec(path);
    if (m === 'POST' && channelMessage !== null) {
      // An enforced nonce seen before in the channel: Discord answers with that message, posting nothing.
      const { nonce, enforce_nonce: enforce } = body as { nonce?: string; enforce_nonce?: boolean };
      const key = `${channelMessage[1]}/${nonce}`;
      const again = enforce === true ? nonces.get(key) : undefined;
      if (again !== undefined) return send(200, res, again);
      const sent = message(channelMessage[1] ?? '', body as Record<string, unknown>);
      if (enforce === true) nonces.set(key, sent);
      posted.set(`${sent.channel_id}/${sent.id}`, sent);
      return send(200, res, sent);
    }
    const oneMessage = /^\/channels\/(\d+)\/messages\/(\d+)$/u.exec(path);
    if (m === 'GET' && oneMessage !== null) {
      const found = posted.get(`${oneMessage[1]}/${oneMessage[2]}`);
      return found === undefined ? send(404, res, { message: 'Unknown Message', code: 10008 }) : send(200, res, found);
    }
    return send(404, res, { message: 'Unknown route in the stand-in', code: 0 });
  });

  const wss = new WebSocketServer({ server });
  const dispatch = (t: string, d: unknown) => socket?.send(JSON.stringify({ op: 0, s: ++seq, t, d }));
  wss.on('connection', (ws) => {
    socket = ws;
    ws.send(fixtureText('hello.json'));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as GatewayFrame;
      received.push(frame);
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (frame.op === 2) {
        const d = frame.d as { token?: string; intents?: number };
        intents = d.intents ?? 0;
        // Close code 4004: authentication failed, as the real gateway does.
        if (d.token !== token) return ws.close(4004, 'Authentication failed.');
        ws.send(fixtureText('ready.json').replaceAll('{{gateway}}', base.replace(/^http/u, 'ws')));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api`,
    calls,
    received,
    interaction(fixture, interactionToken, edit) {
      const payload = JSON.parse(fixtureText(fixture).replaceAll('{{token}}', interactionToken)) as Record<
        string,
        unknown
      >;
      payload['id'] = id();
      edit?.(payload);
      dispatch('INTERACTION_CREATE', payload);
    },
    guildCreate() {
      if (guild === undefined) throw new Error('guildCreate before setGuild');
      const g = guild;
      dispatch('GUILD_CREATE', {
        id: g.id,
        name: 'Innovation network',
        icon: null,
        owner_id: '1160000000000000777',
        unavailable: false,
        member_count: g.members.length,
        features: [],
        emojis: [],
        stickers: [],
        roles: [
          { id: g.id, name: '@everyone', permissions: g.everyone, position: 0, color: 0, hoist: false, managed: false },
          ...(g.roles ?? []).map((r, i) => ({ ...r, position: i + 1, color: 0, hoist: false, managed: false })),
        ],
        channels: Object.entries(g.channels).map(([cid, overwrites], i) => ({
          id: cid,
          type: 0,
          name: `channel-${cid.slice(-2)}`,
          position: i,
          permission_overwrites: overwrites,
          parent_id: null,
        })),
        threads: [],
        members: [],
        voice_states: [],
        presences: [],
      });
    },
    threadCreate(t) {
      dispatch('THREAD_CREATE', {
        id: t.messageId,
        type: 11,
        guild_id: guild?.id,
        parent_id: t.parentId,
        owner_id: t.ownerId,
        name: t.name,
        last_message_id: null,
        message_count: 0,
        member_count: 1,
        rate_limit_per_user: 0,
        flags: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
        newly_created: true,
      });
    },
    userMessage(u) {
      const messageId = id();
      // Guild messages come only with the GuildMessages intent (1 << 9). Without the Message Content intent (1 << 15) Discord sends other people's messages with no text.
      const content = (intents & (1 << 15)) === 0 ? '' : u.content;
      const { application_id: _app, webhook_id: _hook, ...rest } = message(u.channelId, { content: u.content });
      const stored = { ...rest, id: messageId, author: userOf(u.authorId) };
      posted.set(`${u.channelId}/${messageId}`, stored as ReturnType<typeof message>);
      if ((intents & (1 << 9)) === 0) return messageId;
      dispatch('MESSAGE_CREATE', {
        ...stored,
        content,
        guild_id: guild?.id,
        member: { roles: [], joined_at: '2024-01-15T09:00:00.000000+00:00', deaf: false, mute: false, flags: 0 },
      });
      return messageId;
    },
    intents: () => intents,
    postedIn: (channelId) =>
      [...posted.values()].filter((p) => p.channel_id === channelId && p.author.id === BOT_ID).map((p) => p.id),
    setOutage(on) {
      outage = on;
    },
    rateLimit(path, times, seconds) {
      limits.push({ path, times, seconds });
    },
    setGuild(g) {
      guild = g;
    },
    refuseDms(userId) {
      noDms.add(userId);
    },
    async waitFor(probe, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const v = probe();
        if (v !== undefined) return v;
        if (Date.now() > end) throw new Error('the Discord stand-in did not see the expected call in time');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
