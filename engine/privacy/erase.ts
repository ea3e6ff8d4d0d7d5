/**
 * Erasure of a person at their request (GDPR art. 17), and its journal.
 *
 * Order: (1) the erasure is written to a journal (`<data>/privacy/pending/<erasure>.json`, fsync'd)
 * before anything changes, so a process killed mid-way leaves it there and the next start
 * (`finishPendingErasures`, run by serve, bots and the erase command) finishes it; (2) the kinds of
 * personal record (records.ts) of the `links` phase, then the `node` phase (the Person node and its
 * relationships: the deletion reaches every process's read models through the change feed, as any
 * deletion does); (3) a grace period (a few staleness bounds) so running processes apply that
 * deletion record by record; (4) the feed is redacted (GraphStore.redactChanges): no kept record
 * names the person any more, and a process still behind rebuilds its read models from the store;
 * (5) the `traces` phase (vectors, persisted read models, logs, tokens, chat identities); (6) one
 * audit line without the erased data (`<data>/privacy/erasures.jsonl`: when, the erasure's random
 * id, the reason with the person's id and name struck out, counts per kind); (7) a scan of the data
 * folder for the id and the name, which reports any file still holding them (a file kept by a
 * running process is rewritten by it within its staleness bound: the scan waits up to `verifyMs`).
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphStore, RedactReport } from '../../graph/index.js';
import { SYSTEM } from '../../graph/index.js';
import { stalenessFromEnv } from '../feed/index.js';
import { PrivacyError } from './errors.js';
import type { Pseudonymizer } from './pseudonym.js';
import { type ErasureContext, type PersonalRecords, REDACT_KEY } from './records.js';
import { type ScanHit, scanFiles } from './scan.js';

export const pendingDir = (dataDir: string): string => join(dataDir, 'privacy', 'pending');
export const erasureLogPath = (dataDir: string): string => join(dataDir, 'privacy', 'erasures.jsonl');

interface Journal {
  readonly erasure: string;
  readonly at: string;
  readonly person: { readonly id: string; readonly name: string };
  readonly reason: string;
  /** Pseudonym of who asked for it (an admin's person or token name), when known. */
  readonly by?: string;
  readonly done: string[];
  readonly removed: Record<string, number>;
  feed?: RedactReport;
  readonly state: Record<string, unknown>;
}

export interface ErasureOptions {
  readonly store: GraphStore;
  readonly dataDir: string;
  readonly records: PersonalRecords;
  readonly pseudonyms: Pseudonymizer;
  readonly log?: (line: string) => void;
  /** Wait between the deletion and the feed's redaction (default 4 staleness bounds, at least 1 s). */
  readonly graceMs?: number;
  /** Called after the feed's redaction, before the traces: a process erasing through its own engine saves its read models here. */
  readonly afterRedaction?: () => Promise<void>;
  /** How long the final scan waits for running processes to rewrite their files (default 30 s; 0: one look). */
  readonly verifyMs?: number;
}

export interface ErasureReport {
  readonly erasure: string;
  /** Records removed or anonymised, per kind of personal record. */
  readonly removed: Readonly<Record<string, number>>;
  readonly feed: RedactReport;
  /** Files of the data folder still holding the id or the name after `verifyMs` (empty: none). */
  readonly leftovers: readonly ScanHit[];
  /** True when this erasure was found unfinished in the journal and finished now. */
  readonly resumed: boolean;
}

const MAX_REASON = 500;

async function writeJournal(dataDir: string, j: Journal): Promise<void> {
  const dir = pendingDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${j.erasure}.json`);
  const tmp = `${file}.tmp`;
  const h = await open(tmp, 'w', 0o600);
  try {
    await h.writeFile(JSON.stringify(j));
    // The journal is what finishes an erasure after kill -9 or a power cut: it must be on disk first.
    await h.sync();
  } finally {
    await h.close();
  }
  await rename(tmp, file);
}

/** Strikes the person's id and name out of a free text (the reason an admin typed). */
export function strike(text: string, needles: readonly string[]): string {
  let out = text;
  for (const n of needles) if (n !== '') out = out.split(n).join('[erased]');
  return out;
}

/**
 * Erases a person: throws `ERR_PERSON_NOT_FOUND` (nothing changed) when no Person has that id, and
 * `ERR_ERASURE_REASON` without a reason. See the file comment for the steps.
 */
export async function erasePerson(
  o: ErasureOptions,
  personId: string,
  reason: string,
  by?: string,
): Promise<ErasureReport> {
  const why = reason.trim();
  if (why === '' || why.length > MAX_REASON) {
    throw new PrivacyError(
      'ERR_ERASURE_REASON',
      `an erasure needs a reason of 1 to ${MAX_REASON} characters`,
      'reason',
    );
  }
  const node = await o.store.getNode(personId, SYSTEM);
  if (node === undefined || node.kind !== 'Person') {
    throw new PrivacyError(
      'ERR_PERSON_NOT_FOUND',
      node === undefined ? `no person with id ${personId}` : `${personId} is a ${node.kind}, not a person`,
      'id',
    );
  }
  const journal: Journal = {
    erasure: randomUUID(),
    at: new Date().toISOString(),
    person: { id: node.id, name: node.name },
    reason: why,
    ...(by === undefined ? {} : { by }),
    done: [],
    removed: {},
    state: {},
  };
  await writeJournal(o.dataDir, journal);
  return run(o, journal, false);
}

/** Ids besides the person's that the kinds asked to redact from the feed (records.ts alsoRedact). */
function redactedAlso(state: Record<string, unknown>): string[] {
  const ids = state[REDACT_KEY];
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

async function run(o: ErasureOptions, j: Journal, resumed: boolean): Promise<ErasureReport> {
  const log = o.log ?? (() => undefined);
  const ctx: ErasureContext = {
    store: o.store,
    dataDir: o.dataDir,
    person: j.person,
    pseudonyms: o.pseudonyms,
    log,
    erasure: j.erasure,
    state: j.state,
    save: () => writeJournal(o.dataDir, j),
  };
  const kinds = o.records.kinds;
  let redacted = false;
  for (const kind of kinds) {
    if (kind.phase === 'traces' && !redacted) {
      if (j.feed === undefined) {
        const grace = o.graceMs ?? Math.max(1_000, 4 * stalenessFromEnv());
        await new Promise((r) => setTimeout(r, grace));
        j.feed = await o.store.redactChanges([j.person.id, ...redactedAlso(j.state)]);
        await ctx.save();
      }
      await o.afterRedaction?.();
      redacted = true;
    }
    if (j.done.includes(kind.name)) continue;
    j.removed[kind.name] = await kind.erase(ctx);
    j.done.push(kind.name);
    await ctx.save();
  }
  if (j.feed === undefined) {
    j.feed = await o.store.redactChanges([j.person.id, ...redactedAlso(j.state)]);
    await ctx.save();
  }
  const needles = [j.person.id, j.person.name];
  await mkdir(join(o.dataDir, 'privacy'), { recursive: true, mode: 0o700 });
  await appendFile(
    erasureLogPath(o.dataDir),
    `${JSON.stringify({
      at: new Date().toISOString(),
      erasure: j.erasure,
      requested: j.at,
      ...(j.by === undefined ? {} : { by: j.by }),
      reason: strike(j.reason, needles),
      removed: j.removed,
      feed: { records: j.feed.records, segments: j.feed.segments },
      ...(resumed ? { resumed: true } : {}),
    })}\n`,
    { mode: 0o600 },
  );
  await rm(join(pendingDir(o.dataDir), `${j.erasure}.json`), { force: true });
  const leftovers = await verify(o.dataDir, needles, o.verifyMs ?? 30_000);
  for (const h of leftovers)
    log(`privacy: ${h.file} still holds the erased person's ${h.needle === j.person.id ? 'id' : 'name'}`);
  return { erasure: j.erasure, removed: { ...j.removed }, feed: j.feed, leftovers, resumed };
}

/** Scans the data folder; files with hits are looked at again until they are clean or `waitMs` passed. */
async function verify(dataDir: string, needles: readonly string[], waitMs: number): Promise<ScanHit[]> {
  const skip = (f: string) => f.startsWith(pendingDir(dataDir));
  let hits = await scanFiles(dataDir, needles, { skip });
  const until = Date.now() + waitMs;
  while (hits.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    const files = new Set(hits.map((h) => h.file));
    hits = await scanFiles(dataDir, needles, { skip: (f) => skip(f) || !files.has(f) });
  }
  return hits;
}

/** Finishes every erasure a process left unfinished (killed mid-way); returns their reports. */
export async function finishPendingErasures(o: ErasureOptions): Promise<ErasureReport[]> {
  let names: string[];
  try {
    names = (await readdir(pendingDir(o.dataDir))).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const out: ErasureReport[] = [];
  for (const name of names) {
    const j = JSON.parse(await readFile(join(pendingDir(o.dataDir), name), 'utf8')) as Journal;
    o.log?.(`privacy: finishing erasure ${j.erasure}, interrupted before it ended`);
    out.push(await run(o, j, true));
  }
  return out;
}
