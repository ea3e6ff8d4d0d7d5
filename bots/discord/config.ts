/**
 * Discord settings: the `discord` section of bots.json, with the token from the environment
 * (DISCORD_TOKEN wins over the file). Commands are registered per guild when guild ids are
 * given (instant), else globally (Discord may take up to an hour to show global changes).
 */
import { z } from 'zod';
import { formatIssues } from '../core/config.js';
import { BotError } from '../core/errors.js';

const snowflake = z.string().regex(/^\d{5,25}$/u, 'must be a Discord id (digits)');

export const discordSectionSchema = z.strictObject({
  token: z.string().min(1).optional(),
  /** Default: the application of the token, as the gateway's READY says. */
  applicationId: snowflake.optional(),
  guildIds: z.array(snowflake).optional(),
  /** The top-level slash command; every bot command is a subcommand of it (default ileanet). */
  command: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/u, 'must be a lower-case command name')
    .optional(),
  /** REST base (default https://discord.com/api); the gateway URL comes from GET /gateway/bot. For a proxy, or a stand-in in tests. */
  apiUrl: z.url().optional(),
  /**
   * Read messages in threads under the bot's challenge messages, so a reply there becomes a
   * comment (default false). Needs the privileged Message Content intent switched on for the bot
   * in the developer portal: without it Discord refuses the connection (close code 4014).
   */
  messageContent: z.boolean().optional(),
});
export type DiscordSection = z.input<typeof discordSectionSchema>;

export interface DiscordAdapterConfig {
  readonly token: string;
  readonly applicationId?: string;
  readonly guildIds: readonly string[];
  readonly command: string;
  readonly apiUrl?: string;
  /** Default false: thread replies are not read. */
  readonly messageContent?: boolean;
}

export function discordConfig(section: unknown, env: NodeJS.ProcessEnv): DiscordAdapterConfig | undefined {
  if (section === undefined && env['DISCORD_TOKEN'] === undefined) return undefined;
  const parsed = discordSectionSchema.safeParse(section ?? {});
  if (!parsed.success) throw new BotError('ERR_BOT_CONFIG', formatIssues(parsed.error, 'discord'));
  const s = parsed.data;
  const token = env['DISCORD_TOKEN'] ?? s.token;
  if (token === undefined)
    throw new BotError(
      'ERR_BOT_CONFIG',
      'discord is configured but lacks a bot token (DISCORD_TOKEN or discord.token)',
    );
  const envGuilds = env['DISCORD_GUILD_IDS']
    ?.split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
  const guildIds = envGuilds ?? s.guildIds ?? [];
  for (const g of guildIds) {
    if (!/^\d{5,25}$/u.test(g)) throw new BotError('ERR_BOT_CONFIG', `DISCORD_GUILD_IDS: "${g}" is not a Discord id`);
  }
  const applicationId = env['DISCORD_APPLICATION_ID'] ?? s.applicationId;
  const apiUrl = env['DISCORD_API_URL'] ?? s.apiUrl;
  const contentEnv = env['DISCORD_MESSAGE_CONTENT'];
  if (contentEnv !== undefined && contentEnv !== 'true' && contentEnv !== 'false') {
    throw new BotError('ERR_BOT_CONFIG', `DISCORD_MESSAGE_CONTENT: "${contentEnv}" is neither true nor false`);
  }
  return {
    token,
    ...(applicationId === undefined ? {} : { applicationId }),
    guildIds,
    command: s.command ?? 'ileanet',
    ...(apiUrl === undefined ? {} : { apiUrl }),
    messageContent: contentEnv === undefined ? (s.messageContent ?? false) : contentEnv === 'true',
  };
}
