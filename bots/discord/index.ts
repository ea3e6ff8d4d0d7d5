/**
 * The Discord adapter: `/ileanet <command> …` slash commands (registered through REST when the
 * client is ready, per guild or globally) and button clicks, received as interactions over
 * the gateway with discord.js. Each interaction is deferred at once (Discord allows 3 seconds),
 * then answered with embeds and buttons; private answers become ephemeral follow-ups and
 * sensitive ones a direct message. With `messageContent` on, a reply in the thread of the bot's
 * message about a challenge becomes a comment on it (threads.ts).
 */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
} from 'discord.js';
import type { Adapter, SendOptions } from '../core/adapter.js';
import type { DeliveryPlace } from '../core/audit.js';
import { createInFlight } from '../core/delivery.js';
import { BotError } from '../core/errors.js';
import { createMemberCache } from '../core/members.js';
import type { BotRuntime, Incoming, Outcome } from '../core/runtime.js';
import { applicationCommands, type ReceivedOption, subcommandOf } from './commands.js';
import type { DiscordAdapterConfig } from './config.js';
import { CUSTOM_ID_PREFIX, renderMessage } from './embeds.js';
import { isThreadReply, threadChallenge } from './threads.js';

export type { DiscordAdapterConfig } from './config.js';

export const PLATFORM = 'discord';

export interface DiscordAdapter extends Adapter {
  readonly platform: 'discord';
}

/** Command lines too long for a button id (100 characters) wait behind a short token; the oldest go first. */
class LongCommands {
  readonly #byToken = new Map<string, string>();
  #next = 0;
  constructor(readonly max = 2_000) {}
  id(command: string): string {
    const direct = `${CUSTOM_ID_PREFIX}${command}`;
    if (direct.length <= 100) return direct;
    const token = `#${(this.#next++).toString(36)}`;
    this.#byToken.set(token, command);
    if (this.#byToken.size > this.max) this.#byToken.delete(this.#byToken.keys().next().value as string);
    return `${CUSTOM_ID_PREFIX}${token}`;
  }
  command(customId: string): string | undefined {
    const rest = customId.slice(CUSTOM_ID_PREFIX.length);
    return rest.startsWith('#') ? this.#byToken.get(rest) : rest;
  }
}

const READY_TIMEOUT_MS = 30_000;

/** Where an answer went and how many sends it took: the request's delivery line in the audit log. */
function deliveryRecord() {
  const to: DeliveryPlace[] = [];
  let attempts = 0;
  return {
    to,
    get attempts() {
      return attempts;
    },
    async sent(place: DeliveryPlace, send: () => Promise<unknown>): Promise<void> {
      attempts += 1;
      await send();
      to.push(place);
    },
  };
}

/**
 * An idempotency key as Discord's nonce (at most 25 characters): with `enforce_nonce` Discord
 * answers a second message with the same nonce from the same author, within a few minutes, with
 * the first one instead of posting it again.
 */
const nonceOf = (options: SendOptions | undefined) =>
  options?.idempotencyKey === undefined ? {} : { nonce: options.idempotencyKey.slice(-25), enforceNonce: true };

export function createDiscordAdapter(config: DiscordAdapterConfig): DiscordAdapter {
  let client: Client | undefined;
  const long = new LongCommands();
  const render = (o: Outcome['reply']) => renderMessage(o, (c) => long.id(c));
  const viewerCache = createMemberCache();
  const inFlight = createInFlight();

  /**
   * Who may read a guild channel: every member whose permissions there (roles, the channel's
   * overwrites, ownership, as discord.js computes them) include View Channel. Members are listed
   * over REST (GET /guilds/{id}/members, which needs the Server Members intent switched on for
   * the bot in the developer portal), a page of 1,000 at a time.
   */
  async function viewers(c: Client, guildId: string, channelId: string): Promise<string[]> {
    const guild = await c.guilds.fetch(guildId);
    const channel = await c.channels.fetch(channelId);
    if (channel === null || !('permissionsFor' in channel)) throw new Error(`channel ${channelId} has no permissions`);
    const out: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await guild.members.list({ limit: 1000, ...(after === undefined ? {} : { after }), cache: true });
      for (const member of page.values()) {
        if (member.id !== c.user?.id && channel.permissionsFor(member)?.has(PermissionFlagsBits.ViewChannel)) {
          out.push(member.id);
        }
      }
      if (page.size < 1000) return out;
      after = page.lastKey();
    }
  }

  function incomingOf(c: Client, i: ChatInputCommandInteraction | ButtonInteraction): Incoming | undefined {
    const guildId = i.guildId;
    const channelId = i.channelId;
    const base = {
      platform: PLATFORM,
      user: { id: i.user.id, name: i.user.username },
      conversation: { id: channelId ?? `dm-${i.user.id}`, dm: !i.inGuild() },
      prefix: `/${config.command}`,
      ephemeral: true,
      ...(guildId === null || channelId === null
        ? {}
        : { members: () => viewerCache.get(channelId, () => viewers(c, guildId, channelId)) }),
    };
    if (i.isButton()) {
      const command = long.command(i.customId);
      return command === undefined ? undefined : { ...base, via: 'action', text: command };
    }
    const sub = subcommandOf(i.options.data as readonly ReceivedOption[]);
    return sub === undefined ? undefined : { ...base, via: 'options', command: sub.command, options: sub.options };
  }

  async function answer(runtime: BotRuntime, i: ChatInputCommandInteraction | ButtonInteraction): Promise<void> {
    const incoming = incomingOf(i.client, i);
    if (incoming === undefined) {
      // A long command's token from before a restart (they live in memory): say so rather than fail silently.
      if (i.isButton()) {
        await i
          .reply({
            content: 'This button is older than the bot’s last restart: please run the command again.',
            flags: MessageFlags.Ephemeral,
          })
          .catch((e: unknown) => runtime.log.error(`discord: could not answer an expired button of ${i.user.id}`, e));
      }
      return;
    }
    try {
      await i.deferReply();
    } catch (e) {
      // Expired (over 3 s) or already answered by another instance: nothing more can be sent for it.
      runtime.log.error(`discord: could not acknowledge an interaction of ${i.user.id}`, e);
      return;
    }
    const out = await runtime.handle(incoming);
    // discord.js's REST client keeps Discord's rate-limit buckets and, on a 429, waits the
    // retry_after Discord gives and sends again (test/bots/discord checks it): no retry here.
    const record = deliveryRecord();
    const sent = record.sent;
    const here: DeliveryPlace = incoming.conversation.dm ? 'dm' : 'room';
    try {
      if (out.delivery === 'here') {
        await sent(here, () => i.editReply(render(out.reply)));
      } else if (out.delivery === 'private') {
        await i.deleteReply();
        await sent('ephemeral', () => i.followUp({ ...render(out.reply), flags: MessageFlags.Ephemeral }));
      } else {
        // A user who does not take DMs from this server still gets the answer, in a message only
        // they see: ephemeral is as private as a DM.
        let dmSent = true;
        try {
          await sent('dm', () => i.user.send(render(out.reply)));
        } catch (e) {
          dmSent = false;
          runtime.log.warn(
            `discord: could not DM ${i.user.id} (${(e as Error).message}); answering ephemerally instead`,
          );
        }
        // The room's own answer (computed for everyone in it) replaces the deferred reply, for all to read.
        const shared = out.shared;
        if (shared !== undefined) await sent(here, () => i.editReply(render(shared)));
        else await i.deleteReply();
        const shown = dmSent ? (out.shared === undefined ? out.pointer : undefined) : out.reply;
        if (shown !== undefined)
          await sent('ephemeral', () => i.followUp({ ...render(shown), flags: MessageFlags.Ephemeral }));
      }
      await runtime.delivered(out, incoming, { to: record.to, ok: true, attempts: record.attempts });
    } catch (e) {
      runtime.log.error(`discord: could not deliver the answer to ${out.command ?? 'a request'} for ${i.user.id}`, e);
      await runtime.delivered(out, incoming, {
        to: record.to,
        ok: false,
        attempts: record.attempts,
        error: (e as Error).message,
      });
    }
  }

  /**
   * A reply in the thread of the bot's message about one challenge: a comment on it, written as
   * the person the identity map names (the comment plugin refuses anyone else). Who reads the
   * thread is who reads its parent channel. There is no ephemeral message outside an interaction,
   * so what only the asker may read goes by direct message, or nowhere when they take none.
   */
  async function onThreadMessage(runtime: BotRuntime, m: Message): Promise<void> {
    if (!isThreadReply(m) || m.content.trim() === '') return;
    const thread = m.channel;
    const commentOn = await threadChallenge(thread, m.client.user.id, (id) =>
      id.startsWith(CUSTOM_ID_PREFIX) ? long.command(id) : undefined,
    ).catch((e: unknown) => {
      runtime.log.warn(`discord: could not read the starter message of thread ${thread.id}: ${(e as Error).message}`);
      return undefined;
    });
    if (commentOn === undefined) return;
    const parentId = thread.parentId;
    const guildId = m.guildId;
    const incoming: Incoming = {
      platform: PLATFORM,
      user: { id: m.author.id, name: m.author.username },
      conversation: { id: thread.id, dm: false },
      via: 'slash',
      text: m.content,
      commentOn,
      prefix: `/${config.command}`,
      // Private answers go by DM (below): as private as an ephemeral message.
      ephemeral: true,
      ...(parentId === null
        ? {}
        : { members: () => viewerCache.get(parentId, () => viewers(m.client, guildId, parentId)) }),
    };
    const out = await runtime.handle(incoming);
    const record = deliveryRecord();
    const sent = record.sent;
    try {
      if (out.delivery === 'here') await sent('room', () => m.reply(render(out.reply)));
      else {
        try {
          await sent('dm', () => m.author.send(render(out.reply)));
        } catch (e) {
          runtime.log.warn(`discord: could not DM ${m.author.id} (${(e as Error).message}); the answer is not shown`);
        }
        const shared = out.delivery === 'dm' ? out.shared : undefined;
        if (shared !== undefined) await sent('room', () => m.reply(render(shared)));
      }
      await runtime.delivered(out, incoming, { to: record.to, ok: record.to.length > 0, attempts: record.attempts });
    } catch (e) {
      runtime.log.error(`discord: could not answer ${m.author.id} in thread ${thread.id}`, e);
      await runtime.delivered(out, incoming, {
        to: record.to,
        ok: false,
        attempts: record.attempts,
        error: (e as Error).message,
      });
    }
  }

  async function register(runtime: BotRuntime, c: Client<true>): Promise<void> {
    const appId = config.applicationId ?? c.application.id;
    const { body, skipped } = applicationCommands(runtime.commands, config.command);
    if (skipped.length > 0) runtime.log.warn(`discord: more than 25 commands; not registered: ${skipped.join(', ')}`);
    const routes =
      config.guildIds.length > 0
        ? config.guildIds.map((g) => Routes.applicationGuildCommands(appId, g))
        : [Routes.applicationCommands(appId)];
    for (const route of routes) await c.rest.put(route, { body });
    runtime.log.info(
      `discord: /${config.command} registered with ${body[0]?.options.length ?? 0} subcommands ${config.guildIds.length > 0 ? `in ${config.guildIds.length} guild(s)` : 'globally'}`,
    );
  }

  return {
    platform: 'discord',
    async start(runtime) {
      const threads = config.messageContent === true;
      const c = new Client({
        // Interactions arrive without any intent; Guilds keeps the guild, channel and thread caches
        // usable. Thread replies need GuildMessages (the events) and the privileged MessageContent
        // (their text: without it Discord sends messages that do not mention the bot empty).
        intents: threads
          ? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]
          : [GatewayIntentBits.Guilds],
        ...(config.apiUrl === undefined ? {} : { rest: { api: config.apiUrl } }),
        allowedMentions: { parse: [] },
      });
      c.on(Events.InteractionCreate, (i: Interaction) => {
        if (i.isChatInputCommand() && i.commandName === config.command) void inFlight.track(answer(runtime, i));
        else if (i.isButton() && i.customId.startsWith(CUSTOM_ID_PREFIX)) void inFlight.track(answer(runtime, i));
      });
      if (threads) c.on(Events.MessageCreate, (m) => void inFlight.track(onThreadMessage(runtime, m)));
      else {
        runtime.log.info(
          'discord: thread replies are not read as comments (discord.messageContent is off; switching it on needs the Message Content intent in the developer portal)',
        );
      }
      c.on(Events.Error, (e) => runtime.log.error('discord: client error', e));
      // Who may view a channel changes with its overwrites and with roles: forget what was listed.
      c.on(Events.ChannelUpdate, (_old, channel) => viewerCache.forget(channel.id));
      c.on(Events.GuildRoleUpdate, () => viewerCache.clear());
      c.on(Events.GuildRoleDelete, () => viewerCache.clear());
      // discord.js reconnects by itself (resume, then identify, with backoff); these say it happened.
      c.on(Events.ShardDisconnect, (event, shard) =>
        runtime.log.warn(`discord: shard ${shard} disconnected (${event.code})`),
      );
      const ready = new Promise<Client<true>>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no READY from the gateway within ${READY_TIMEOUT_MS / 1000} s`)),
          READY_TIMEOUT_MS,
        );
        timer.unref();
        c.once(Events.ClientReady, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
      });
      try {
        await c.login(config.token);
        const r = await ready;
        await register(runtime, r);
      } catch (e) {
        await c.destroy();
        // Close code 4014: the portal does not grant a privileged intent asked for.
        const hint = /disallowed intent/iu.test((e as Error).message)
          ? ' (switch on the Message Content intent in the developer portal, or set discord.messageContent to false)'
          : '';
        throw new BotError(
          'ERR_BOT_PLATFORM',
          `discord: could not connect or register commands: ${(e as Error).message}${hint}`,
          { cause: e },
        );
      }
      client = c;
    },
    async sendDirect(userId, reply, options) {
      const c = client;
      if (c === undefined) throw new BotError('ERR_BOT_PLATFORM', 'discord: not started');
      // POST /users/@me/channels opens the user's DM channel (or returns the open one): no user lookup first.
      const dm = await c.users.createDM(userId);
      await dm.send({ ...render(reply), ...nonceOf(options) });
    },
    async post(channelId, reply, options) {
      const c = client;
      if (c === undefined) throw new BotError('ERR_BOT_PLATFORM', 'discord: not started');
      // A guild not yet in the cache (no gateway event about it) still gives its channels.
      const channel = await c.channels.fetch(channelId, { allowUnknownGuild: true });
      if (channel === null || !channel.isSendable()) throw new Error(`discord: cannot post in channel ${channelId}`);
      await channel.send({ ...render(reply), ...nonceOf(options) });
    },
    async readers(channelId) {
      const c = client;
      if (c === undefined) throw new BotError('ERR_BOT_PLATFORM', 'discord: not started');
      const channel = await c.channels.fetch(channelId, { allowUnknownGuild: true });
      if (channel === null || !('guildId' in channel) || typeof channel.guildId !== 'string') {
        throw new Error(`discord: ${channelId} is not a guild channel`);
      }
      const guildId = channel.guildId;
      return viewerCache.get(channelId, () => viewers(c, guildId, channelId));
    },
    async stop() {
      const c = client;
      client = undefined;
      // Answers in flight go out before the client closes its connections.
      await inFlight.drained();
      await c?.destroy();
    },
  };
}
