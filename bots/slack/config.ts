/**
 * Slack settings: the `slack` section of bots.json, with secrets from the environment
 * (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN; the environment wins over the file,
 * so a committed config never needs to hold them).
 */
import { z } from 'zod';
import { formatIssues } from '../core/config.js';
import { BotError } from '../core/errors.js';

export const slackSectionSchema = z.strictObject({
  /** `http` (Events API and slash commands over HTTPS, signing secret verified) or `socket` (Socket Mode, no public URL). */
  mode: z.enum(['http', 'socket']).optional(),
  botToken: z.string().min(1).optional(),
  signingSecret: z.string().min(1).optional(),
  appToken: z.string().min(1).optional(),
  /** HTTP mode: where Bolt listens (default 3000 on all interfaces) and the request path (default /slack/events). */
  port: z.number().int().min(0).max(65_535).optional(),
  host: z.string().min(1).optional(),
  path: z.string().startsWith('/').optional(),
  /** The slash command as configured in the Slack app (default /ileanet). */
  command: z
    .string()
    .regex(/^\/[a-z0-9_-]{1,31}$/u, 'must look like /ileanet')
    .optional(),
  /** Base URL of the Web API (default https://slack.com/api/); for a proxy, or a stand-in in tests. */
  apiUrl: z.url().optional(),
});
export type SlackSection = z.input<typeof slackSectionSchema>;

export interface SlackAdapterConfig {
  readonly mode: 'http' | 'socket';
  readonly botToken: string;
  readonly signingSecret?: string;
  readonly appToken?: string;
  readonly port: number;
  readonly host?: string;
  readonly path: string;
  readonly command: string;
  readonly apiUrl?: string;
}

/**
 * The adapter config from the file section and the environment; `undefined` when Slack is not
 * configured at all (no section, no SLACK_BOT_TOKEN). Throws ERR_BOT_CONFIG when it is half
 * configured, naming what is missing.
 */
export function slackConfig(section: unknown, env: NodeJS.ProcessEnv): SlackAdapterConfig | undefined {
  if (section === undefined && env['SLACK_BOT_TOKEN'] === undefined) return undefined;
  const parsed = slackSectionSchema.safeParse(section ?? {});
  if (!parsed.success) throw new BotError('ERR_BOT_CONFIG', formatIssues(parsed.error, 'slack'));
  const s = parsed.data;
  const botToken = env['SLACK_BOT_TOKEN'] ?? s.botToken;
  const signingSecret = env['SLACK_SIGNING_SECRET'] ?? s.signingSecret;
  const appToken = env['SLACK_APP_TOKEN'] ?? s.appToken;
  const port = env['SLACK_PORT'] === undefined ? s.port : Number(env['SLACK_PORT']);
  // Socket Mode when there is an app-level token and no signing secret: nothing else can work then.
  const mode = s.mode ?? (appToken !== undefined && signingSecret === undefined ? 'socket' : 'http');
  const missing = [
    botToken === undefined ? 'a bot token (SLACK_BOT_TOKEN or slack.botToken, xoxb-…)' : undefined,
    mode === 'http' && signingSecret === undefined
      ? 'a signing secret (SLACK_SIGNING_SECRET or slack.signingSecret)'
      : undefined,
    mode === 'socket' && appToken === undefined
      ? 'an app-level token (SLACK_APP_TOKEN or slack.appToken, xapp-…)'
      : undefined,
  ].filter((m) => m !== undefined);
  if (missing.length > 0 || botToken === undefined) {
    throw new BotError('ERR_BOT_CONFIG', `slack (${mode} mode) is configured but lacks ${missing.join(' and ')}`);
  }
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    throw new BotError('ERR_BOT_CONFIG', `SLACK_PORT must be a port number, got "${env['SLACK_PORT']}"`);
  }
  return {
    mode,
    botToken,
    ...(signingSecret === undefined ? {} : { signingSecret }),
    ...(appToken === undefined ? {} : { appToken }),
    port: port ?? 3000,
    ...(s.host === undefined ? {} : { host: s.host }),
    path: s.path ?? '/slack/events',
    command: s.command ?? '/ileanet',
    ...((env['SLACK_API_URL'] ?? s.apiUrl) === undefined ? {} : { apiUrl: env['SLACK_API_URL'] ?? s.apiUrl }),
  };
}
