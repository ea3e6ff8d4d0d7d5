/**
 * The Slack adapter: `/ileanet` slash commands, app mentions, direct messages and button
 * clicks through @slack/bolt, over the HTTP receiver (every request's signature checked
 * against the signing secret; forged ones get 401 and never reach the runtime) or over
 * Socket Mode. Replies go out in Block Kit: slash commands and buttons through their
 * response_url, mentions in a thread, sensitive answers in a direct message.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AllMiddlewareArgs,
  App,
  HTTPReceiver,
  type Logger,
  LogLevel,
  type RespondFn,
  SocketModeReceiver,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Adapter } from '../core/adapter.js';
import type { DeliveryPlace } from '../core/audit.js';
import { createInFlight, sendRetryingRateLimits } from '../core/delivery.js';
import { BotError } from '../core/errors.js';
import { createMemberCache } from '../core/members.js';
import type { Reply } from '../core/reply.js';
import type { BotRuntime, Incoming, Outcome } from '../core/runtime.js';
import { challengeOfCommands } from '../core/thread-comment.js';
import { ACTION_PREFIX, renderBlocks } from './blocks.js';
import type { SlackAdapterConfig } from './config.js';
import { type BlockActionBody, fromButton, fromMessage, fromSlashCommand, type MentionEvent } from './incoming.js';

export type { SlackAdapterConfig } from './config.js';

export interface SlackAdapter extends Adapter {
  readonly platform: 'slack';
  /** HTTP mode: the port Bolt listens on once started (useful with port 0). */
  port(): number | undefined;
}

/** Bolt's logger interface over the runtime's log: Bolt's debug and info chatter is dropped. */
function boltLogger(log: BotRuntime['log']): Logger {
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...m: unknown[]) => log.warn(`slack: ${m.map(String).join(' ')}`),
    error: (...m: unknown[]) =>
      log.error(`slack: ${m.map((x) => (x instanceof Error ? x.message : String(x))).join(' ')}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** A response_url post refused with 429 (Bolt's RespondError carries the status, not the Retry-After). */
const respondRateLimit = (e: unknown): number | undefined =>
  (e as { name?: string; statusCode?: number })?.statusCode === 429 ? 1_000 : undefined;

/** Where a reply goes for one kind of event: the ways Slack offers to answer it. */
interface Channel {
  /** In the conversation, visible to all. */
  here(m: Reply): Promise<void>;
  /** Only the asker sees it. */
  onlyAsker(m: Reply): Promise<void>;
}

export function createSlackAdapter(config: SlackAdapterConfig): SlackAdapter {
  let app: App | undefined;
  let server: Server | undefined;
  const members = createMemberCache();
  let botUser: string | undefined;
  const inFlight = createInFlight();

  /** Everyone in a channel but the bot, through conversations.members (channels:read, groups:read), every page. */
  async function listMembers(client: WebClient, channel: string, botUserId: string | undefined): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
      out.push(...(page.members ?? []));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor !== undefined);
    return out.filter((m) => m !== botUserId);
  }

  /** The Incoming with what the audience rule needs: who reads the channel; Slack has ephemeral messages. */
  const audienceOf = (incoming: Incoming, client: WebClient, botUserId: string | undefined): Incoming => ({
    ...incoming,
    ephemeral: true,
    members: () =>
      members.get(incoming.conversation.id, () => listMembers(client, incoming.conversation.id, botUserId)),
  });

  /**
   * The challenge of the thread's first message when the bot wrote it (conversations.replies,
   * channels:history): the one challenge its buttons' command lines name, else undefined.
   */
  async function threadChallenge(
    client: WebClient,
    channel: string,
    ts: string,
    botUserId: string | undefined,
  ): Promise<string | undefined> {
    const r = await client.conversations.replies({ channel, ts, limit: 1, inclusive: true });
    const root = r.messages?.[0];
    if (root === undefined || root.ts !== ts || botUserId === undefined || root.user !== botUserId) return undefined;
    const values = (root.blocks ?? []).flatMap((b) =>
      ((b as { elements?: { value?: string }[] }).elements ?? []).flatMap((el) =>
        typeof el.value === 'string' ? [el.value] : [],
      ),
    );
    return challengeOfCommands(values);
  }

  async function openDm(client: WebClient, user: string): Promise<string> {
    const opened = await client.conversations.open({ users: user });
    const id = opened.channel?.id;
    if (id === undefined) throw new Error(`conversations.open gave no channel for ${user}`);
    return id;
  }

  /**
   * Sends an outcome and reports where it went to the audit log; a failure is logged and
   * swallowed: a Slack outage must not take the bot down. Web API calls wait out a 429 with the
   * Retry-After Slack gives (WebClient does it, within `retryConfig`); response_url posts go
   * through Bolt's respond(), which does not say the delay, so those wait a second and try again.
   */
  async function deliver(runtime: BotRuntime, client: WebClient, incoming: Incoming, out: Outcome, ch: Channel) {
    const to: DeliveryPlace[] = [];
    let attempts = 0;
    const sent = async (place: DeliveryPlace, send: () => Promise<void>) => {
      try {
        const r = await sendRetryingRateLimits(send, { delayOf: respondRateLimit, maxAttempts: 5 });
        attempts += r.attempts;
      } catch (e) {
        attempts += 1;
        throw e;
      }
      to.push(place);
    };
    const asker = incoming.conversation.dm ? 'dm' : 'ephemeral';
    try {
      if (out.delivery === 'here') await sent(incoming.conversation.dm ? 'dm' : 'room', () => ch.here(out.reply));
      else if (out.delivery === 'private') await sent(asker, () => ch.onlyAsker(out.reply));
      else {
        let dmSent = true;
        try {
          await sent('dm', async () => {
            const dm = await openDm(client, incoming.user.id);
            await client.chat.postMessage({
              channel: dm,
              ...renderBlocks(out.reply),
              unfurl_links: false,
              unfurl_media: false,
            });
          });
        } catch (e) {
          // No DM (the workspace forbids it, a scope is missing): an ephemeral message is as private.
          dmSent = false;
          runtime.log.warn(
            `slack: could not DM ${incoming.user.id} (${(e as Error).message}); answering ephemerally instead`,
          );
        }
        // The room's own answer (computed for everyone in it) is posted whether or not the DM went out.
        const shared = out.shared;
        if (shared !== undefined) await sent('room', () => ch.here(shared));
        const shown = dmSent ? (out.shared === undefined ? out.pointer : undefined) : out.reply;
        if (shown !== undefined) await sent(asker, () => ch.onlyAsker(shown));
      }
      await runtime.delivered(out, incoming, { to, ok: true, attempts });
    } catch (e) {
      runtime.log.error(
        `slack: could not deliver the answer to ${out.command ?? 'a request'} for ${incoming.user.id}`,
        e,
      );
      await runtime.delivered(out, incoming, { to, ok: false, attempts, error: (e as Error).message });
    }
  }

  const viaResponseUrl = (respond: RespondFn): Channel => ({
    here: (m) =>
      respond({ response_type: 'in_channel', replace_original: false, ...renderBlocks(m) }).then(() => undefined),
    onlyAsker: (m) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...renderBlocks(m) }).then(() => undefined),
  });

  function wire(a: App, runtime: BotRuntime): void {
    a.command(config.command, async ({ command, ack, respond, client, context }) => {
      // Slack wants the acknowledgement within 3 seconds; the answer follows on the response_url.
      await ack();
      const incoming = audienceOf(fromSlashCommand(command, config.command), client, context.botUserId);
      await inFlight.track(
        runtime.handle(incoming).then((out) => deliver(runtime, client, incoming, out, viaResponseUrl(respond))),
      );
    });

    const onMessage = async (
      { event, client, context }: { event: MentionEvent } & AllMiddlewareArgs,
      commentOn?: string,
    ) => {
      const parsed = fromMessage(event, context.botUserId, config.command);
      if (parsed === undefined) return;
      const incoming = audienceOf(
        commentOn === undefined ? parsed : { ...parsed, commentOn },
        client,
        context.botUserId,
      );
      const out = await inFlight.track(runtime.handle(incoming));
      const thread = event.thread_ts ?? event.ts;
      const inDm = incoming.conversation.dm;
      await inFlight.track(
        deliver(runtime, client, incoming, out, {
          here: async (m) => {
            await client.chat.postMessage({
              channel: event.channel,
              ...(inDm ? {} : { thread_ts: thread }),
              ...renderBlocks(m),
              unfurl_links: false,
              unfurl_media: false,
            });
          },
          onlyAsker: async (m) => {
            // In a DM everything is already private; an ephemeral there would vanish on reload.
            if (inDm) await client.chat.postMessage({ channel: event.channel, ...renderBlocks(m) });
            else
              await client.chat.postEphemeral({
                channel: event.channel,
                user: incoming.user.id,
                thread_ts: thread,
                ...renderBlocks(m),
              });
          },
        }),
      );
    };
    a.event('app_mention', async (args) => onMessage({ ...args, event: args.event as MentionEvent }));
    // Direct messages to the bot need no mention; messages with a subtype (edits, joins, bots) are not commands.
    a.message(async (args) => {
      const e = args.event as MentionEvent & { subtype?: string; bot_id?: string };
      if (e.subtype !== undefined || e.bot_id !== undefined) return;
      if (e.channel_type === 'im') return onMessage({ ...args, event: e });
      // A reply in the thread of the bot's message about a challenge (a mention comes as app_mention).
      const bot = args.context.botUserId;
      if (e.thread_ts === undefined || e.thread_ts === e.ts || (bot !== undefined && e.text?.includes(`<@${bot}`)))
        return;
      const commentOn = await threadChallenge(args.client, e.channel, e.thread_ts, bot).catch((err: unknown) => {
        runtime.log.warn(`slack: could not read the thread ${e.thread_ts} in ${e.channel}: ${(err as Error).message}`);
        return undefined;
      });
      if (commentOn !== undefined) await onMessage({ ...args, event: e }, commentOn);
    });

    a.action(new RegExp(`^${ACTION_PREFIX}`, 'u'), async ({ ack, action, body, respond, client, context }) => {
      await ack();
      const value = (action as { value?: string }).value;
      if (value === undefined) return;
      const incoming = audienceOf(
        fromButton(body as unknown as BlockActionBody, value, config.command),
        client,
        context.botUserId,
      );
      await inFlight.track(
        runtime.handle(incoming).then((out) => deliver(runtime, client, incoming, out, viaResponseUrl(respond))),
      );
    });

    // Someone joined or left: the next answer there asks Slack who reads it.
    for (const type of ['member_joined_channel', 'member_left_channel'] as const) {
      a.event(type, async ({ event }) => members.forget((event as { channel: string }).channel));
    }

    a.error(async (e) => {
      runtime.log.error('slack: unhandled error in a listener', e);
    });
  }

  return {
    platform: 'slack',
    port: () => (server?.address() as AddressInfo | null)?.port,
    async start(runtime) {
      const logger = boltLogger(runtime.log);
      const clientOptions = {
        ...(config.apiUrl === undefined ? {} : { slackApiUrl: config.apiUrl }),
        // WebClient retries a failed call for up to half an hour by default; an answer that late
        // is no answer. A 429 counts as one retry here after WebClient has waited the Retry-After
        // Slack gave; five cover a burst, and a blip (a 503) costs under 4 s before it is logged.
        retryConfig: { retries: 5, factor: 2, minTimeout: 250, maxTimeout: 1_000 },
      };
      const receiver =
        config.mode === 'http'
          ? new HTTPReceiver({
              signingSecret: config.signingSecret ?? '',
              endpoints: config.path,
              logger,
              // Bolt acknowledges after our ack() and keeps working; nothing slow runs before the ack.
              processBeforeResponse: false,
            })
          : new SocketModeReceiver({ appToken: config.appToken ?? '', logger, installerOptions: { clientOptions } });
      const a = new App({ token: config.botToken, receiver, logger, clientOptions, deferInitialization: true });
      // auth.test: a refused token fails here, at start, with Slack's reason.
      try {
        await a.init();
      } catch (e) {
        throw new BotError(
          'ERR_BOT_PLATFORM',
          `slack: the bot token was refused or Slack is unreachable: ${(e as Error).message}`,
          { cause: e },
        );
      }
      wire(a, runtime);
      if (config.mode === 'http') {
        server = (await a.start({
          port: config.port,
          ...(config.host === undefined ? {} : { host: config.host }),
        })) as Server;
      } else {
        await a.start();
      }
      app = a;
    },
    async sendDirect(userId, reply) {
      const a = app;
      if (a === undefined) throw new BotError('ERR_BOT_PLATFORM', 'slack: not started');
      // conversations.open returns the existing IM with the user, or opens one (im:write).
      const dm = await openDm(a.client, userId);
      await sendRetryingRateLimits(
        () =>
          a.client.chat
            .postMessage({ channel: dm, ...renderBlocks(reply), unfurl_links: false, unfurl_media: false })
            .then(() => undefined),
        { delayOf: respondRateLimit, maxAttempts: 3 },
      );
    },
    async post(channel, reply) {
      const a = app;
      if (a === undefined) throw new BotError('ERR_BOT_PLATFORM', 'slack: not started');
      await sendRetryingRateLimits(
        () =>
          a.client.chat
            .postMessage({ channel, ...renderBlocks(reply), unfurl_links: false, unfurl_media: false })
            .then(() => undefined),
        { delayOf: respondRateLimit, maxAttempts: 3 },
      );
    },
    async readers(channel) {
      const a = app;
      if (a === undefined) throw new BotError('ERR_BOT_PLATFORM', 'slack: not started');
      return members.get(channel, async () => {
        // The bot's own user id, once (auth.test), to leave it out of the readers.
        botUser ??= (await a.client.auth.test()).user_id;
        return listMembers(a.client, channel, botUser);
      });
    },
    async stop() {
      const a = app;
      app = undefined;
      server = undefined;
      // Answers in flight go out before the receiver closes (the Web API client keeps working meanwhile).
      await inFlight.drained();
      await a?.stop();
    },
  };
}
