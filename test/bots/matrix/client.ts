/** The human side of the Matrix tests: a user talking to the homeserver's client-server API directly, no SDK. */
import { randomBytes } from 'node:crypto';
import type { MatrixAccount } from './synapse.js';

export interface MatrixEvent {
  readonly type: string;
  readonly sender: string;
  readonly event_id: string;
  readonly content: Record<string, unknown> & {
    body?: string;
    msgtype?: string;
    formatted_body?: string;
    membership?: string;
    'm.relates_to'?: { 'm.in_reply_to'?: { event_id: string } };
  };
  readonly state_key?: string;
}

export interface User extends MatrixAccount {
  createRoom(o: { invite: string[]; direct?: boolean; name?: string }): Promise<string>;
  invite(roomId: string, userId: string): Promise<void>;
  join(roomId: string): Promise<void>;
  send(roomId: string, content: Record<string, unknown>): Promise<string>;
  say(roomId: string, body: string, extra?: Record<string, unknown>): Promise<string>;
  /** The room's latest events (100, or `limit`), oldest first. */
  events(roomId: string, limit?: number): Promise<MatrixEvent[]>;
  membership(roomId: string, userId: string): Promise<string | undefined>;
  /** Rooms this user is invited to (from one sync). */
  invites(): Promise<string[]>;
  waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
}

export function user(url: string, account: MatrixAccount): User {
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${url}/_matrix/client/v3${path}`, {
      method,
      headers: { authorization: `Bearer ${account.accessToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await r.json()) as T & { errcode?: string; error?: string };
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${json.errcode ?? ''} ${json.error ?? ''}`);
    return json;
  };
  const room = (id: string) => encodeURIComponent(id);
  const self: User = {
    ...account,
    async createRoom(o) {
      const r = await api<{ room_id: string }>('POST', '/createRoom', {
        invite: o.invite,
        preset: o.direct ? 'trusted_private_chat' : 'private_chat',
        ...(o.direct ? { is_direct: true } : {}),
        ...(o.name === undefined ? {} : { name: o.name }),
      });
      return r.room_id;
    },
    async invite(roomId, userId) {
      await api('POST', `/rooms/${room(roomId)}/invite`, { user_id: userId });
    },
    async join(roomId) {
      await api('POST', `/join/${room(roomId)}`, {});
    },
    async send(roomId, content) {
      const txn = randomBytes(8).toString('hex');
      // A person whose client is refused a burst sends again after the delay given, as Element does.
      for (;;) {
        try {
          const r = await api<{ event_id: string }>(
            'PUT',
            `/rooms/${room(roomId)}/send/m.room.message/${txn}`,
            content,
          );
          return r.event_id;
        } catch (e) {
          const wait = /M_LIMIT_EXCEEDED/u.test((e as Error).message) ? 1_000 : undefined;
          if (wait === undefined) throw e;
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    },
    say: (roomId, body, extra = {}) => self.send(roomId, { msgtype: 'm.text', body, ...extra }),
    async events(roomId, limit = 100) {
      const r = await api<{ chunk: MatrixEvent[] }>('GET', `/rooms/${room(roomId)}/messages?dir=b&limit=${limit}`);
      return [...r.chunk].reverse();
    },
    async membership(roomId, userId) {
      try {
        const r = await api<{ membership: string }>(
          'GET',
          `/rooms/${room(roomId)}/state/m.room.member/${encodeURIComponent(userId)}`,
        );
        return r.membership;
      } catch {
        return undefined;
      }
    },
    async invites() {
      const r = await api<{ rooms?: { invite?: Record<string, unknown> } }>('GET', '/sync?timeout=0');
      return Object.keys(r.rooms?.invite ?? {});
    },
    async waitFor(probe, timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const v = await probe();
        if (v !== undefined) return v;
        if (Date.now() > end) throw new Error('timed out waiting on the homeserver');
        await new Promise((r) => setTimeout(r, 150));
      }
    },
  };
  return self;
}
