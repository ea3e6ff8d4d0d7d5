/**
 * The full list of personal-record kinds and retention rules, composed where every surface is
 * known: the engine's own (engine/privacy: votes, the Person node, vectors, saved read models)
 * and the surfaces' (API tokens naming the person, chat identities in the bots config, the bots'
 * audit log, the API's request log). A new kind of personal record (comments, subscriptions,
 * alerts) is added here, once, with its export, its erasure and, when it is kept for a time, its
 * retention rule (docs/privacy.md).
 */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  cutoff,
  ENGINE_KINDS,
  ENGINE_RETENTION_RULES,
  filterLines,
  type PersonalContext,
  type PersonalRecordKind,
  PersonalRecords,
  type RetentionRule,
  selectLines,
} from '../../engine/privacy/index.js';
import { readTokensFile, tokensFile, writeTokensFile } from '../api/tokens.js';

/** The API's request log, where `serve` writes it by default. */
export const apiLogPath = (dataDir: string): string => join(dataDir, 'api.log');
/** The bots' audit log at its default place (bots/config.ts). */
export const auditLogPath = (dataDir: string): string => join(dataDir, 'bots', 'audit.jsonl');
/** The bots config at its default place (bots/config.ts). */
export const botsConfigPath = (dataDir: string, env: NodeJS.ProcessEnv = process.env): string =>
  env['ILEANET_BOTS_CONFIG'] ?? join(dataDir, 'bots.json');

/** Chat identities (`platform:userId`) the bots config maps to the person. */
async function identitiesOf(ctx: PersonalContext): Promise<{ key: string; role?: string }[]> {
  const file = botsConfigPath(ctx.dataDir);
  if (!existsSync(file)) return [];
  const raw = JSON.parse(await readFile(file, 'utf8')) as {
    identities?: Record<string, { person?: string; role?: string }>;
  };
  return Object.entries(raw.identities ?? {})
    .filter(([, v]) => v.person === ctx.person.id)
    .map(([key, v]) => ({ key, ...(v.role === undefined ? {} : { role: v.role }) }));
}

/** A log line is the person's when it carries one of their pseudonyms, or names their id or name. */
async function linesMatcher(ctx: PersonalContext): Promise<(line: string) => boolean> {
  const marks = [
    ctx.person.id,
    ctx.person.name,
    ...ctx.pseudonyms.all(ctx.person.id),
    ...(await identitiesOf(ctx)).flatMap((i) => ctx.pseudonyms.all(i.key)),
  ].filter((m) => m !== '');
  return (line) => marks.some((m) => line.includes(m));
}

const auditLogKind: PersonalRecordKind = {
  name: 'bots audit log',
  phase: 'traces',
  async export(ctx) {
    return selectLines(auditLogPath(ctx.dataDir), await linesMatcher(ctx));
  },
  async erase(ctx) {
    const mine = await linesMatcher(ctx);
    return filterLines(auditLogPath(ctx.dataDir), (l) => !mine(l));
  },
};

const apiLogKind: PersonalRecordKind = {
  name: 'api request log',
  phase: 'traces',
  async export(ctx) {
    return selectLines(apiLogPath(ctx.dataDir), await linesMatcher(ctx));
  },
  async erase(ctx) {
    const mine = await linesMatcher(ctx);
    return filterLines(apiLogPath(ctx.dataDir), (l) => !mine(l));
  },
};

/** API tokens acting as the person (their way in: a contact route of sorts). */
const tokensKind: PersonalRecordKind = {
  name: 'api tokens',
  phase: 'traces',
  async export(ctx) {
    const entries = await readTokensFile(tokensFile(ctx.dataDir));
    return entries
      .filter((e) => e.person === ctx.person.id)
      .map((e) => ({ name: e.name, role: e.role, ...(e.created === undefined ? {} : { created: e.created }) }));
  },
  async erase(ctx) {
    const file = tokensFile(ctx.dataDir);
    const entries = await readTokensFile(file);
    const kept = entries.filter((e) => e.person !== ctx.person.id);
    if (kept.length !== entries.length) await writeTokensFile(file, kept);
    return entries.length - kept.length;
  },
};

/** Chat identities mapped to the person in the bots config (they go after the logs, which need them). */
const chatIdentitiesKind: PersonalRecordKind = {
  name: 'chat identities',
  phase: 'traces',
  export: identitiesOf,
  async erase(ctx) {
    const file = botsConfigPath(ctx.dataDir);
    const mine = await identitiesOf(ctx);
    if (mine.length === 0) return 0;
    const raw = JSON.parse(await readFile(file, 'utf8')) as { identities: Record<string, unknown> };
    for (const i of mine) delete raw.identities[i.key];
    await writeFile(`${file}.tmp`, `${JSON.stringify(raw, null, 2)}\n`, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
    return mine.length;
  },
};

/** Every kind, in running order within each phase. */
export function personalRecords(): PersonalRecords {
  const r = new PersonalRecords();
  for (const k of ENGINE_KINDS) r.register(k);
  return r.register(auditLogKind).register(apiLogKind).register(tokensKind).register(chatIdentitiesKind);
}

/** A JSON line's time (`at` of the audit log, pino's `time` in ms of the request log); undefined when it has none. */
function lineTime(line: string): string | undefined {
  try {
    const o = JSON.parse(line) as { at?: unknown; time?: unknown };
    if (typeof o.at === 'string') return o.at;
    if (typeof o.time === 'number') return new Date(o.time).toISOString();
  } catch {
    // not JSON: kept (it is not ours to judge)
  }
  return undefined;
}

const olderThan =
  (file: (dataDir: string) => string, days: (r: import('../../engine/privacy/index.js').Retention) => number) =>
  async (ctx: Parameters<RetentionRule['purge']>[0]): Promise<number> => {
    const before = cutoff(ctx.now, days(ctx.retention));
    return filterLines(file(ctx.dataDir), (l) => {
      const t = lineTime(l);
      return t === undefined || t >= before;
    });
  };

/** Every retention rule. Alerts, inbox items and digests add theirs here when they exist. */
export function retentionRules(): RetentionRule[] {
  return [
    ...ENGINE_RETENTION_RULES,
    { name: 'bots audit log', purge: olderThan(auditLogPath, (r) => r.auditDays) },
    { name: 'api request log', purge: olderThan(apiLogPath, (r) => r.apiLogDays) },
  ];
}
