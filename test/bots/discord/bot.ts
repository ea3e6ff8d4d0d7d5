/**
 * The Discord adapter as the Discord e2e tests start it: the real discord.js logged in with the
 * tests' token over a fresh stand-in, commands registered in the tests' guild. `adapterFor` makes
 * one more adapter on a stand-in already running (a second bots process).
 */
import type { CoreConfigInput } from '../../../bots/core/config.js';
import type { BotRuntime } from '../../../bots/core/runtime.js';
import { createDiscordAdapter, type DiscordAdapter, type DiscordAdapterConfig } from '../../../bots/discord/index.js';
import { type BotWorld, startBotWorld } from '../helpers/world.js';
import { type DiscordStandIn, startDiscordStandIn } from './stand-in.js';

export const TOKEN = 'MTE4MDAwMDAwMDAwMDAwMDAwMQ.e2e.stand-in-token';
export const GUILD = '1170000000000000001';

type Guild = Parameters<DiscordStandIn['setGuild']>[0];
type Member = Guild['members'][number];

/** The fixtures' channel: only the `vetted` role may view it. */
export const COUNTER_DRONES = '1170000000000000010';
export const VETTED = '1170000000000000500';
/** Discord's VIEW_CHANNEL permission bit. */
export const VIEW_CHANNEL = String(1n << 10n);

/**
 * The tests' guild: @everyone may view channels, except COUNTER_DRONES, which only the vetted role
 * may view (discord.js computes this from the overwrites); `channels` adds more.
 */
export function vettedGuild(members: Member[], channels: Guild['channels'] = {}): Omit<Guild, 'id'> {
  return {
    everyone: VIEW_CHANNEL,
    roles: [{ id: VETTED, name: 'vetted', permissions: '0' }],
    members,
    channels: {
      [COUNTER_DRONES]: [
        { id: GUILD, type: 0, allow: '0', deny: VIEW_CHANNEL },
        { id: VETTED, type: 0, allow: VIEW_CHANNEL, deny: '0' },
      ],
      ...channels,
    },
  };
}

export function adapterFor(api: DiscordStandIn, extra: Partial<DiscordAdapterConfig> = {}): DiscordAdapter {
  return createDiscordAdapter({ token: TOKEN, guildIds: [GUILD], command: 'ileanet', apiUrl: api.apiUrl, ...extra });
}

export interface DiscordBot {
  readonly discord: DiscordStandIn;
  readonly adapter: DiscordAdapter;
  close(): Promise<void>;
}

/** A stand-in holding `guild` (its id defaults to GUILD), and an adapter started against it. */
export async function startDiscordBot(
  runtime: BotRuntime,
  guild: Omit<Guild, 'id'> & { id?: string },
  extra: Partial<DiscordAdapterConfig> = {},
): Promise<DiscordBot> {
  const discord = await startDiscordStandIn(TOKEN);
  discord.setGuild({ ...guild, id: guild.id ?? GUILD });
  const adapter = adapterFor(discord, extra);
  await adapter.start(runtime);
  return {
    discord,
    adapter,
    async close() {
      await adapter.stop();
      await discord.close();
    },
  };
}

export type DiscordWorld = BotWorld & DiscordBot;

/** The demo world (see openBotWorld) with a Discord bot over its runtime, in `guild`; `close` stops the bot first. */
export function startDiscordWorld(
  prefix: string,
  config: CoreConfigInput,
  guild: Omit<Guild, 'id'> & { id?: string },
): Promise<DiscordWorld> {
  return startBotWorld(prefix, config, (runtime) => startDiscordBot(runtime, guild));
}
