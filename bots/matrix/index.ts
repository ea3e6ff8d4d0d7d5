/**
 * The Matrix adapter: commands in rooms (typed with `!ileanet`, or by mentioning the bot) and
 * in direct messages, answered as HTML notices in reply to the command; sensitive answers in
 * a direct room with the asker. Invitations are accepted from the allow-list only.
 *
 * matrix-bot-sdk is imported when the adapter starts. The SDK does not load without its native
 * crypto binding; with `encryption` off (the default) an inert stand-in takes that one module's
 * place (./no-e2ee.ts), so an air-gapped machine runs without the downloaded file. With
 * `encryption` on, the binding is checked first and `ileanet bots` says how to get it.
 */
import { join } from 'node:path';
import type { MatrixClient } from 'matrix-bot-sdk';
import type { Adapter, SendOptions } from '../core/adapter.js';
import type { DeliveryPlace } from '../core/audit.js';
import { createInFlight, createSendLane, sendRetryingRateLimits } from '../core/delivery.js';
import { BotError } from '../core/errors.js';
import { createMemberCache } from '../core/members.js';
import { errorReply } from '../core/reply.js';
import type { BotRuntime, Incoming, Outcome } from '../core/runtime.js';
import type { MatrixAdapterConfig } from './config.js';
import { checkCryptoBinding } from './crypto-binding.js';
import { renderHtml } from './html.js';
import {
  allowedInviter,
  type BotIdentity,
  fromReplyToBot,
  fromRoomMessage,
  type RoomMessageEvent,
  repliesTo,
} from './incoming.js';
import { installCryptoStandIn } from './no-e2ee.js';

export type { MatrixAdapterConfig } from './config.js';

export interface MatrixAdapter extends Adapter {
  readonly platform: 'matrix';
  /** The bot's Matrix user id, once started. */
  userId(): string | undefined;
}

/**
 * Sends a message event; with an idempotency key, under that transaction id (PUT
 * /rooms/{room}/send/{type}/{txnId}), which Synapse answers with the event it already has when the
 * same device sends the same id again (it keeps them about 30 minutes): the retry of a send whose
 * answer was lost is not a second message. Encrypted rooms are encrypted first, as sendMessage does.
 */
async function sendOnce(
  c: MatrixClient,
  roomId: string,
  content: object,
  options: SendOptions | undefined,
): Promise<string> {
  const txnId = options?.idempotencyKey;
  if (txnId === undefined) return c.sendMessage(roomId, content);
  let type = 'm.room.message';
  let body: unknown = content;
  if (await c.crypto?.isRoomEncrypted(roomId)) {
    body = await c.crypto.encryptRoomEvent(roomId, type, content);
    type = 'm.room.encrypted';
  }
  const sent = (await c.doRequest(
    'PUT',
    `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(type)}/${encodeURIComponent(txnId)}`,
    null,
    body,
  )) as { event_id: string };
  return sent.event_id;
}

export function createMatrixAdapter(config: MatrixAdapterConfig): MatrixAdapter {
  let client: MatrixClient | undefined;
  let bot: BotIdentity | undefined;

  async function onInvite(runtime: BotRuntime, c: MatrixClient, roomId: string, event: { sender?: string }) {
    const sender = event.sender ?? '';
    try {
      if (allowedInviter(sender, config.autoJoin)) {
        await c.joinRoom(roomId);
        runtime.log.info(`matrix: joined ${roomId} on the invitation of ${sender}`);
      } else {
        // Leaving a room we are invited to declines the invitation.
        await c.leaveRoom(roomId);
        runtime.log.warn(`matrix: declined an invitation to ${roomId} from ${sender} (not in matrix.autoJoin)`);
      }
    } catch (e) {
      runtime.log.error(`matrix: could not answer the invitation to ${roomId} from ${sender}`, e);
    }
  }

  /** Joined members per room, forgotten on any membership change in it. */
  const members = new Map<string, number>();
  /** Two members (the bot and the asker) make a direct conversation, whatever m.direct says. */
  async function isDirect(c: MatrixClient, roomId: string): Promise<boolean> {
    let n = members.get(roomId);
    if (n === undefined) {
      n = (await c.getJoinedRoomMembers(roomId)).length;
      members.set(roomId, n);
    }
    return n === 2;
  }

  /**
   * Who reads a room: its joined members and those invited (they may join and read at any time),
   * the bot left out. Forgotten on any membership change in the room.
   */
  const readers = createMemberCache();
  async function roomReaders(c: MatrixClient, roomId: string, botId: string): Promise<string[]> {
    const events = await c.getRoomMembers(roomId, undefined, ['join', 'invite']);
    return events.map((e) => e.membershipFor).filter((id) => id !== botId);
  }

  /** Matrix's refusal of a burst: `M_LIMIT_EXCEEDED` (HTTP 429) with the wait in `retry_after_ms`. */
  const rateLimitDelay = (e: unknown): number | undefined => {
    const m = e as { errcode?: string; statusCode?: number; retryAfterMs?: number; body?: { retry_after_ms?: number } };
    if (m?.errcode !== 'M_LIMIT_EXCEEDED' && m?.statusCode !== 429) return undefined;
    return m.retryAfterMs ?? m.body?.retry_after_ms ?? 1_000;
  };
  // One lane per bot: when the homeserver says "wait", every answer waits in order behind it.
  const lane = createSendLane();
  const inFlight = createInFlight();

  /** The bot's own message this event replies to, when it is one (read from the homeserver). */
  async function repliedBotMessage(
    c: MatrixClient,
    roomId: string,
    event: RoomMessageEvent,
    botId: string,
  ): Promise<{ body?: string } | undefined> {
    const id = repliesTo(event);
    if (id === undefined) return undefined;
    try {
      const original = (await c.getEvent(roomId, id)) as { sender?: string; content?: { body?: string } };
      if (original.sender !== botId) return undefined;
      return { ...(typeof original.content?.body === 'string' ? { body: original.content.body } : {}) };
    } catch {
      // Not readable (redacted, before the bot joined): read it as any other message.
      return undefined;
    }
  }

  async function onMessage(runtime: BotRuntime, c: MatrixClient, roomId: string, event: RoomMessageEvent) {
    const me = bot;
    // Most room traffic is not for us: drop what can never be a command before any request.
    if (me === undefined || event.sender === me.userId || event.content?.msgtype !== 'm.text') return;
    let out: Outcome | undefined;
    const to: DeliveryPlace[] = [];
    let attempts = 0;
    let incoming: Incoming | undefined;
    const send = async (r: Outcome['reply'], room: string, place: DeliveryPlace, inReplyTo?: string) => {
      const content = {
        ...renderHtml(r, config.prefix),
        ...(inReplyTo === undefined ? {} : { 'm.relates_to': { 'm.in_reply_to': { event_id: inReplyTo } } }),
      };
      try {
        const sent = await lane(() =>
          sendRetryingRateLimits(() => c.sendMessage(room, content), {
            delayOf: rateLimitDelay,
            onWait: (ms, n) =>
              runtime.log.warn(`matrix: rate-limited by the homeserver; sending again in ${ms} ms (attempt ${n + 1})`),
          }),
        );
        attempts += sent.attempts;
      } catch (e) {
        attempts += 1;
        throw e;
      }
      to.push(place);
    };
    try {
      const direct = await isDirect(c, roomId);
      const original = await repliedBotMessage(c, roomId, event, me.userId);
      const parsed =
        original === undefined
          ? fromRoomMessage(roomId, event, me, direct)
          : fromReplyToBot(roomId, event, me, direct, original);
      if (parsed === undefined) return;
      // Matrix has no message only one member sees: `ephemeral` stays off, so the core treats a
      // private reply as read by the room.
      incoming = { ...parsed, members: () => readers.get(roomId, () => roomReaders(c, roomId, me.userId)) };
      out = await runtime.handle(incoming);
      if (out.delivery === 'dm') {
        let pointer = out.pointer;
        try {
          const dm = await lane(() =>
            sendRetryingRateLimits(() => c.dms.getOrCreateDm(event.sender), { delayOf: rateLimitDelay }),
          );
          await send(out.reply, dm.value, 'dm');
        } catch (e) {
          // Matrix has no message only one member sees: without a direct room the answer stays unsent.
          runtime.log.error(`matrix: could not open a direct room with ${event.sender}`, e);
          pointer = errorReply(
            'That answer shows information not everyone here may see, and I could not open a direct room with you. Invite me to one and ask there.',
          );
        }
        // The room's own answer (computed for everyone in it) is posted whether or not the DM went out.
        if (out.shared !== undefined) await send(out.shared, roomId, 'room', event.event_id);
        if (pointer !== undefined && (out.shared === undefined || !to.includes('dm')))
          await send(pointer, roomId, 'room', event.event_id);
      } else {
        // Matrix has no message only one member sees: private answers go in place, as a reply.
        await send(out.reply, roomId, 'room', event.event_id);
      }
      const dmMissing = out.delivery === 'dm' && !to.includes('dm');
      await runtime.delivered(out, incoming, {
        to,
        ok: !dmMissing,
        attempts,
        ...(dmMissing ? { error: 'no direct room' } : {}),
      });
    } catch (e) {
      runtime.log.error(`matrix: could not answer ${out?.command ?? 'a message'} of ${event.sender} in ${roomId}`, e);
      if (out !== undefined && incoming !== undefined) {
        await runtime.delivered(out, incoming, { to, ok: false, attempts, error: (e as Error).message });
      }
    }
  }

  return {
    platform: 'matrix',
    userId: () => bot?.userId,
    async start(runtime) {
      if (config.encryption) checkCryptoBinding();
      else installCryptoStandIn();
      const sdk = await import('matrix-bot-sdk');
      // The SDK logs every sync at info, and every failed HTTP request as an error, including
      // ones it expects and handles (no m.direct on a new account): its lines are warnings here;
      // failures that matter reach our own error log through the adapter's catch blocks.
      const text = (m: unknown[]) =>
        m
          .map((x) =>
            x instanceof Error ? x.message : typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x),
          )
          .join(' ');
      sdk.LogService.setLogger({
        info: () => undefined,
        debug: () => undefined,
        trace: () => undefined,
        warn: (module: string, ...m: unknown[]) => runtime.log.warn(`matrix-bot-sdk ${module}: ${text(m)}`),
        error: (module: string, ...m: unknown[]) => {
          const line = text(m);
          // Failures the SDK or this adapter handle: a fresh account has no m.direct account data
          // yet (M_NOT_FOUND, read at every start), and a refused burst (M_LIMIT_EXCEEDED) is
          // sent again with its own warning above. Logging them would only alarm the operator.
          if (module === 'MatrixHttpClient' && /M_NOT_FOUND|M_LIMIT_EXCEEDED/u.test(line)) return;
          runtime.log.warn(`matrix-bot-sdk ${module}: ${line}`);
        },
      });
      const storage =
        config.storagePath === undefined
          ? new sdk.MemoryStorageProvider()
          : new sdk.SimpleFsStorageProvider(join(config.storagePath, 'sync.json'));
      const crypto = config.encryption
        ? new sdk.RustSdkCryptoStorageProvider(join(config.storagePath ?? '.', 'crypto'))
        : undefined;
      const c = new sdk.MatrixClient(config.homeserverUrl, config.accessToken, storage, crypto);
      try {
        const userId = await c.getUserId();
        const profile = (await c.getUserProfile(userId).catch(() => ({}))) as { displayname?: string };
        bot = {
          userId,
          prefix: config.prefix,
          ...(profile.displayname === undefined ? {} : { displayName: profile.displayname }),
        };
      } catch (e) {
        throw new BotError(
          'ERR_BOT_PLATFORM',
          `matrix: the homeserver refused the access token or is unreachable: ${(e as Error).message}`,
          { cause: e },
        );
      }
      c.on('room.invite', (roomId: string, event: { sender?: string }) => void onInvite(runtime, c, roomId, event));
      c.on(
        'room.message',
        (roomId: string, event: RoomMessageEvent) => void inFlight.track(onMessage(runtime, c, roomId, event)),
      );
      c.on('room.event', (roomId: string, event: { type?: string }) => {
        if (event.type === 'm.room.member') {
          members.delete(roomId);
          readers.forget(roomId);
        }
      });
      c.on('room.leave', (roomId: string) => {
        members.delete(roomId);
        readers.forget(roomId);
      });
      // start() resolves after the first sync; later syncs retry with backoff on their own.
      await c.start();
      client = c;
    },
    async sendDirect(userId, reply, options) {
      const c = client;
      if (c === undefined) throw new BotError('ERR_BOT_PLATFORM', 'matrix: not started');
      // The SDK keeps m.direct (account data): an existing direct room with the user is reused.
      const room = await lane(() =>
        sendRetryingRateLimits(() => c.dms.getOrCreateDm(userId), { delayOf: rateLimitDelay }),
      );
      await lane(() =>
        sendRetryingRateLimits(() => sendOnce(c, room.value, renderHtml(reply, config.prefix), options), {
          delayOf: rateLimitDelay,
        }),
      );
    },
    async post(roomId, reply, options) {
      const c = client;
      if (c === undefined) throw new BotError('ERR_BOT_PLATFORM', 'matrix: not started');
      // No buttons in Matrix: each option is the command to type (html.ts), `vote <poll> <n>`.
      await lane(() =>
        sendRetryingRateLimits(() => sendOnce(c, roomId, renderHtml(reply, config.prefix), options), {
          delayOf: rateLimitDelay,
        }),
      );
    },
    async readers(roomId) {
      const c = client;
      if (c === undefined) throw new BotError('ERR_BOT_PLATFORM', 'matrix: not started');
      const me = await c.getUserId();
      return readers.get(roomId, () => roomReaders(c, roomId, me));
    },
    async stop() {
      const c = client;
      client = undefined;
      // No new events (those the homeserver holds come with the next sync after a restart), then
      // every answer in flight goes out before the bot lets go.
      c?.stop();
      await inFlight.drained();
    },
  };
}
