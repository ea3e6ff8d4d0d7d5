/**
 * Retention: how long each kind of kept record may live, and the purge that applies it. The rules
 * are configurable (`<data>/retention.json`, or the file `$ILEANET_RETENTION` names) with the
 * defaults below; `ileanet purge` runs them now, and `serve` and `bots` run them at start and every
 * `purgeEveryHours`. Each rule says what it removed. Like personal-record kinds, a new kind of kept
 * record (alerts, inbox items, digests) adds its rule to the list it is given (`RetentionRule`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type GraphStore, SYSTEM } from '../../graph/index.js';
import { PrivacyError } from './errors.js';
import type { Pseudonymizer } from './pseudonym.js';

const days = z.number().int().min(1).max(3_650);

export const retentionSchema = z.strictObject({
  /** Bots' audit log lines (`<data>/bots/audit.jsonl`). */
  auditDays: days.default(90),
  /** API request log lines (`<data>/api.log`). */
  apiLogDays: days.default(30),
  /**
   * Change-feed records. They hold ids, kinds and visibility only (never names or content); beyond
   * this window they go, and a reader that far behind rebuilds.
   */
  feedDays: days.default(7),
  feedRecords: z.number().int().min(1_000).max(100_000_000).default(1_000_000),
  /**
   * Notices (inbox and outbox: alerts, introductions' news, digests, announcements). Past this window a
   * notice goes whatever its delivery state: news that old is no longer news, and a notice no platform
   * took in that time will not be sent. Its dedupe keys (feed positions, digest slots) do not recur.
   */
  noticeDays: days.default(180),
  /** Pseudonym keys rotate every `auditDays` and are deleted after two such windows (pseudonym.ts). */
  purgeEveryHours: z
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(6),
});

export type Retention = z.infer<typeof retentionSchema>;

export const DEFAULT_RETENTION_RULES: Retention = retentionSchema.parse({});

export const retentionPath = (dataDir: string, env: NodeJS.ProcessEnv = process.env): string =>
  env['ILEANET_RETENTION'] ?? join(dataDir, 'retention.json');

/** The configured rules; the defaults when there is no file. Throws ERR_RETENTION_CONFIG naming the field. */
export function loadRetention(dataDir: string, env: NodeJS.ProcessEnv = process.env): Retention {
  const file = retentionPath(dataDir, env);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_RETENTION_RULES;
    throw new PrivacyError('ERR_RETENTION_CONFIG', `${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = retentionSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const field = i?.path.join('.') || (i?.code === 'unrecognized_keys' ? i.keys.join(', ') : '');
    throw new PrivacyError('ERR_RETENTION_CONFIG', `${file}: ${field}: ${i?.message ?? 'invalid'}`, field);
  }
  return parsed.data;
}

export interface PurgeContext {
  readonly store: GraphStore;
  readonly dataDir: string;
  readonly retention: Retention;
  readonly pseudonyms: Pseudonymizer;
  readonly now: Date;
}

export interface RetentionRule {
  readonly name: string;
  /** Removes what is past its window; returns how many records went. */
  purge(ctx: PurgeContext): Promise<number>;
}

export const cutoff = (now: Date, d: number): string => new Date(now.getTime() - d * 86_400_000).toISOString();

export const ENGINE_RETENTION_RULES: readonly RetentionRule[] = [
  {
    name: 'change feed',
    purge: (ctx) => ctx.store.pruneChanges({ days: ctx.retention.feedDays, records: ctx.retention.feedRecords }),
  },
  { name: 'pseudonym keys', purge: async (ctx) => ctx.pseudonyms.rotate(ctx.now) },
  {
    name: 'notices',
    async purge(ctx) {
      const before = cutoff(ctx.now, ctx.retention.noticeDays);
      const old: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await ctx.store.list({ kind: 'Notice', limit: 10_000, ...(cursor ? { cursor } : {}) }, SYSTEM);
        for (const n of page.items) if (n.kind === 'Notice' && n.createdAt < before) old.push(n.id);
        cursor = page.next;
      } while (cursor !== undefined);
      return old.length === 0 ? 0 : (await ctx.store.deleteNodes(old)).nodes;
    },
  },
];

export interface PurgeReport {
  readonly at: string;
  /** Records removed per rule (0 included: the rule ran). */
  readonly removed: Readonly<Record<string, number>>;
}

export async function purge(ctx: PurgeContext, rules: readonly RetentionRule[]): Promise<PurgeReport> {
  const removed: Record<string, number> = {};
  for (const r of rules) removed[r.name] = await r.purge(ctx);
  return { at: ctx.now.toISOString(), removed };
}
