/**
 * The whole bots config: `bots.json` (from --config, $ILEANET_BOTS_CONFIG, or `<data>/bots.json`
 * when it exists; none at all is fine) plus the environment. The platform-neutral part is the
 * core's; each platform section is read by its adapter's config module. Every problem is an
 * ERR_BOT_CONFIG naming the file and the field.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { type CoreConfig, coreConfigSchema, formatIssues } from './core/config.js';
import { BotError } from './core/errors.js';
import { type DiscordAdapterConfig, discordConfig } from './discord/config.js';
import { type MatrixAdapterConfig, matrixConfig } from './matrix/config.js';
import { type SlackAdapterConfig, slackConfig } from './slack/config.js';

export interface BotsConfig {
  readonly core: CoreConfig;
  readonly slack?: SlackAdapterConfig;
  readonly discord?: DiscordAdapterConfig;
  readonly matrix?: MatrixAdapterConfig;
  /** Where relative plugin paths resolve from: the config file's folder (the working folder without one). */
  readonly baseDir: string;
  /** The file read, or undefined when there was none. */
  readonly file?: string;
  readonly auditPath: string;
}

export interface LoadOptions {
  /** An explicit file: it must exist. */
  readonly path?: string;
  readonly dataDir: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export async function loadBotsConfig(o: LoadOptions): Promise<BotsConfig> {
  const env = o.env ?? process.env;
  const cwd = o.cwd ?? process.cwd();
  const explicit = o.path ?? env['ILEANET_BOTS_CONFIG'];
  const fallback = join(o.dataDir, 'bots.json');
  const file = explicit !== undefined ? resolve(cwd, explicit) : existsSync(fallback) ? fallback : undefined;
  let raw: Record<string, unknown> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new BotError('ERR_BOT_CONFIG', `cannot read the bots config ${file}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new BotError('ERR_BOT_CONFIG', `${file} is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new BotError('ERR_BOT_CONFIG', `${file} must hold a JSON object`);
    }
  }
  const { slack, discord, matrix, ...rest } = raw;
  const dashboardUrl = env['ILEANET_DASHBOARD_URL'];
  const parsed = coreConfigSchema.safeParse({ ...rest, ...(dashboardUrl === undefined ? {} : { dashboardUrl }) });
  const where = file ?? 'the bots config';
  if (!parsed.success) throw new BotError('ERR_BOT_CONFIG', `${where}: ${formatIssues(parsed.error)}`);
  const baseDir = file === undefined ? cwd : dirname(file);
  const named = (e: unknown): never => {
    if (e instanceof BotError) throw new BotError(e.code, `${where}: ${e.message}`, { cause: e });
    throw e;
  };
  const slackConfigured = (() => {
    try {
      return slackConfig(slack, env);
    } catch (e) {
      return named(e);
    }
  })();
  const discordConfigured = (() => {
    try {
      return discordConfig(discord, env);
    } catch (e) {
      return named(e);
    }
  })();
  const matrixConfigured = (() => {
    try {
      return matrixConfig(matrix, env, join(o.dataDir, 'bots', 'matrix'));
    } catch (e) {
      return named(e);
    }
  })();
  const audit = parsed.data.auditLog;
  return {
    core: parsed.data,
    ...(slackConfigured === undefined ? {} : { slack: slackConfigured }),
    ...(discordConfigured === undefined ? {} : { discord: discordConfigured }),
    ...(matrixConfigured === undefined ? {} : { matrix: matrixConfigured }),
    baseDir,
    ...(file === undefined ? {} : { file }),
    auditPath:
      audit === undefined
        ? join(o.dataDir, 'bots', 'audit.jsonl')
        : isAbsolute(audit)
          ? audit
          : resolve(baseDir, audit),
  };
}
