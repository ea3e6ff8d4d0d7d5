/**
 * The Discord adapter as the Discord e2e tests start it: the real discord.js logged in with the
 * tests' token over a fresh stand-in, commands registered in the tests' guild. `adapterFor` makes
 * one more adapter on a stand-in already running (a second bots process).
 */
import type { BotRuntime } from '../../../bots/core/runtime.js';
import { createDiscordAdapter, type DiscordAdapter, type DiscordAdapterConfig } from '../../../bots/discord/index.js';
import { type DiscordStandIn, startDiscordStandIn } from './stand-in.js';

export const TOKEN = 'MTE4MDAwMDAwMDAwMDAwMDAwMQ.e2e.stand-in-token';
export const GUILD = '1170000000000000001';

type Guild = Parameters<DiscordStandIn['setGuild']>[0];

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
