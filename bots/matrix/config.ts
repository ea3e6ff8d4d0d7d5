/**
 * Matrix settings: the `matrix` section of bots.json, with the homeserver and access token from
 * the environment (MATRIX_HOMESERVER_URL, MATRIX_ACCESS_TOKEN, MATRIX_AUTOJOIN; the environment
 * wins over the file).
 */
import { z } from 'zod';
import { formatIssues } from '../core/config.js';
import { BotError } from '../core/errors.js';

export const matrixSectionSchema = z.strictObject({
  homeserverUrl: z.url({ protocol: /^https?$/u }).optional(),
  accessToken: z.string().min(1).optional(),
  /**
   * Who may invite the bot into a room (it joins at once); invitations from anyone else are
   * declined. Matrix user ids with `*` as a wildcard: `@ana:police.example`, `@*:police.example`.
   */
  autoJoin: z
    .array(z.string().regex(/^@[^:\s]+:\S+$/u, 'must be a Matrix user id such as @*:police.example'))
    .default([]),
  /** Typed commands start with this (default !ileanet); mentions and direct messages need none. */
  prefix: z.string().regex(/^\S+$/u).default('!ileanet'),
  /** Sync state (the next batch token, DM rooms) between restarts (default <data>/bots/matrix). */
  storagePath: z.string().min(1).optional(),
  /**
   * End-to-end encryption through @matrix-org/matrix-sdk-crypto-nodejs (keys in
   * `<storagePath>/crypto`). Needs the native binding; off by default, rooms must then be unencrypted.
   */
  encryption: z.boolean().default(false),
});
export type MatrixSection = z.input<typeof matrixSectionSchema>;

export interface MatrixAdapterConfig {
  readonly homeserverUrl: string;
  readonly accessToken: string;
  readonly autoJoin: readonly string[];
  readonly prefix: string;
  /** Absent: state in memory (a restart replays nothing: the SDK starts from the latest sync). */
  readonly storagePath?: string;
  readonly encryption: boolean;
}

export function matrixConfig(
  section: unknown,
  env: NodeJS.ProcessEnv,
  defaultStorage?: string,
): MatrixAdapterConfig | undefined {
  if (section === undefined && env['MATRIX_ACCESS_TOKEN'] === undefined && env['MATRIX_HOMESERVER_URL'] === undefined) {
    return undefined;
  }
  const parsed = matrixSectionSchema.safeParse(section ?? {});
  if (!parsed.success) throw new BotError('ERR_BOT_CONFIG', formatIssues(parsed.error, 'matrix'));
  const s = parsed.data;
  const homeserverUrl = env['MATRIX_HOMESERVER_URL'] ?? s.homeserverUrl;
  const accessToken = env['MATRIX_ACCESS_TOKEN'] ?? s.accessToken;
  const missing = [
    homeserverUrl === undefined ? 'the homeserver URL (MATRIX_HOMESERVER_URL or matrix.homeserverUrl)' : undefined,
    accessToken === undefined ? 'an access token (MATRIX_ACCESS_TOKEN or matrix.accessToken)' : undefined,
  ].filter((m) => m !== undefined);
  if (missing.length > 0 || homeserverUrl === undefined || accessToken === undefined) {
    throw new BotError('ERR_BOT_CONFIG', `matrix is configured but lacks ${missing.join(' and ')}`);
  }
  const autoJoin =
    env['MATRIX_AUTOJOIN']
      ?.split(',')
      .map((u) => u.trim())
      .filter((u) => u !== '') ?? s.autoJoin;
  const storagePath = s.storagePath ?? defaultStorage;
  return {
    homeserverUrl,
    accessToken,
    autoJoin,
    prefix: s.prefix,
    ...(storagePath === undefined ? {} : { storagePath }),
    encryption: s.encryption,
  };
}
