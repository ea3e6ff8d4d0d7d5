/**
 * A stand-in of the Slack Web API on loopback, for WebClient's `slackApiUrl`: it answers the
 * methods the adapter calls with the documented response shapes, records every call, and
 * takes response_url posts. It can also be Socket Mode's WebSocket endpoint: apps.connections.open
 * hands out its ws:// URL, it sends `hello`, pushes envelopes and records the acks.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/slack/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

export interface ApiCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly token?: string;
  /** What the stand-in answered (absent while refused: outage, rate limit). */
  result?: Record<string, unknown>;
}

export interface ResponseUrlPost {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface SlackStandIn {
  /** Base URL for WebClient (`slackApiUrl`), ending in /. */
  readonly apiUrl: string;
  /** A response_url on this stand-in (distinct per request, so tests can tell answers apart). */
  responseUrl(id: string): string;
  readonly calls: ApiCall[];
  readonly responses: ResponseUrlPost[];
  /** conversations.open for this user fails as Slack does when a workspace forbids the DM. */
  refuseDms(userId: string): void;
  /** Who conversations.members lists for a channel (a channel never set is `channel_not_found`). */
  setMembers(channel: string, members: readonly string[]): void;
  /** The next `times` calls of `method` get HTTP 429 with `Retry-After: seconds`, as Slack answers a burst. */
  rateLimit(method: string, times: number, seconds: number): void;
  /** Makes every Web API method fail with HTTP 503 (an outage), or back to normal. */
  setOutage(on: boolean): void;
  /** Waits until `predicate` holds over the recorded calls and posts. */
  waitFor<T>(probe: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** Socket Mode: envelopes acknowledged by the app, by envelope id. */
  readonly acks: Map<string, unknown>;
  /** Socket Mode: pushes an envelope to the connected app. */
  push(envelope: Record<string, unknown>): void;
  socketConnected(): Promise<void>;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** WebClient sends form fields, with objects (blocks) as JSON strings; JSON bodies are taken as they are. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = v.startsWith('[') || v.startsWith('{') ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const acks = new Map<string, unknown>();
  let outage = false;
  const noDms = new Set<string>();
  const channelMembers = new Map<string, readonly string[]>();
  /** Messages chat.postMessage took, by `channel/ts`. */
  const posted = new Map<string, Record<string, unknown>>();
  const limited = new Map<string, { times: number; seconds: number }>();
  let ts = 1_700_000_000;
  let socket: WebSocket | undefined;
  let onSocket: (() => void) | undefined;
  let base = '';

  const methods: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
    'auth.test': () => fixture('auth-test.json'),
    'chat.postMessage': (a) => {
      const at = `${ts++}.000100`;
      const message = {
        type: 'message',
        text: a['text'],
        blocks: a['blocks'],
        user: 'U0LAN0Z89',
        bot_id: 'B0LAN0Z89',
        ts: at,
      };
      posted.set(`${String(a['channel'])}/${at}`, message);
      return { ok: true, channel: a['channel'], ts: at, message };
    },
    // The thread's first message (what the bot posted), as conversations.replies starts its page.
    'conversations.replies': (a) => {
      const root = posted.get(`${String(a['channel'])}/${String(a['ts'])}`);
      return root === undefined
        ? { ok: false, error: 'thread_not_found' }
        : { ok: true, messages: [root], has_more: false };
    },
    'chat.postEphemeral': () => ({ ok: true, message_ts: `${ts++}.000200` }),
    'conversations.open': (a) =>
      noDms.has(String(a['users']))
        ? { ok: false, error: 'cannot_dm_bot' }
        : { ok: true, channel: { id: `D${String(a['users']).replace(/^U/u, '')}` } },
    // One page of at most `limit`, with next_cursor for the rest, as Slack pages it.
    'conversations.members': (a) => {
      const all = channelMembers.get(String(a['channel']));
      if (all === undefined) return { ok: false, error: 'channel_not_found' };
      const limit = Number(a['limit'] ?? 100);
      const from = Number(a['cursor'] ?? 0);
      const next = from + limit < all.length ? String(from + limit) : '';
      return { ok: true, members: all.slice(from, from + limit), response_metadata: { next_cursor: next } };
    },
    'apps.connections.open': () => ({ ok: true, url: `${base.replace(/^http/u, 'ws')}/link/?ticket=stand-in` }),
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await body(req);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname.startsWith('/response/')) {
      responses.push({ path: url.pathname, body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(outage ? 503 : 200, { 'content-type': 'text/plain' }).end(outage ? 'unavailable' : 'ok');
      return;
    }
    const method = url.pathname.replace(/^\/api\//u, '');
    const args = parseArgs(raw, req.headers['content-type']);
    const auth = req.headers.authorization;
    const call: ApiCall = { method, args, ...(auth === undefined ? {} : { token: auth.replace(/^Bearer /u, '') }) };
    calls.push(call);
    if (outage) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
      return;
    }
    const limit = limited.get(method);
    if (limit !== undefined && limit.times > 0) {
      limit.times -= 1;
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(limit.seconds) })
        .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const answer = methods[method]?.(args) ?? { ok: false, error: 'unknown_method' };
    call.result = answer;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.send(JSON.stringify(fixture('socket-hello.json')));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (m.envelope_id !== undefined) acks.set(m.envelope_id, m.payload ?? null);
    });
    onSocket?.();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    responses,
    acks,
    setOutage(on) {
      outage = on;
    },
    refuseDms(userId) {
      noDms.add(userId);
    },
    rateLimit(method, times, seconds) {
      limited.set(method, { times, seconds });
    },
    setMembers(channel, members) {
      channelMembers.set(channel, members);
    },
    async waitFor(probe, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const v = probe();
        if (v !== undefined) return v;
        if (Date.now() > end) throw new Error('the stand-in did not see the expected call in time');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    push(envelope) {
      if (socket === undefined) throw new Error('no Socket Mode connection');
      socket.send(JSON.stringify(envelope));
    },
    socketConnected: () =>
      new Promise<void>((resolve) => {
        if (socket !== undefined) resolve();
        else onSocket = resolve;
      }),
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
