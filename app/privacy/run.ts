/**
 * What the start-up code does for privacy: finish erasures a killed process left unfinished
 * (before any read model opens, so none is built from what they were removing), and run the
 * retention purge at start and every `purgeEveryHours` in the long-running processes.
 */

import {
  createPseudonymizer,
  type ErasureOptions,
  type ErasureReport,
  finishPendingErasures,
  loadRetention,
  type PurgeReport,
  purge,
} from '../../engine/privacy/index.js';
import type { GraphStore } from '../../graph/index.js';
import { personalRecords, retentionRules } from './records.js';

export function erasureOptions(
  store: GraphStore,
  dataDir: string,
  log: (line: string) => void,
  extra: Partial<ErasureOptions> = {},
): ErasureOptions {
  return {
    store,
    dataDir,
    records: personalRecords(),
    pseudonyms: createPseudonymizer(dataDir, loadRetention(dataDir).auditDays),
    log,
    ...extra,
  };
}

/** Finishes pending erasures (journal in <data>/privacy/pending), logging each. */
export async function finishErasures(
  store: GraphStore,
  dataDir: string,
  log: (line: string) => void,
): Promise<ErasureReport[]> {
  const done = await finishPendingErasures(erasureOptions(store, dataDir, log, { verifyMs: 0 }));
  for (const r of done) log(`privacy: erasure ${r.erasure} finished (${JSON.stringify(r.removed)})`);
  return done;
}

/** Runs the retention purge now. */
export async function purgeNow(store: GraphStore, dataDir: string, now = new Date()): Promise<PurgeReport> {
  const retention = loadRetention(dataDir);
  return purge(
    { store, dataDir, retention, pseudonyms: createPseudonymizer(dataDir, retention.auditDays), now },
    retentionRules(),
  );
}

/** Purges at start and then every `purgeEveryHours` (unref'd timer); returns the stop function. */
export function schedulePurge(store: GraphStore, dataDir: string, log: (line: string) => void): () => void {
  const every = loadRetention(dataDir).purgeEveryHours * 3_600_000;
  const tick = () =>
    purgeNow(store, dataDir)
      .then((r) => log(`retention: purge removed ${JSON.stringify(r.removed)}`))
      .catch((e: unknown) => log(`retention: purge failed: ${(e as Error).message}`));
  void tick();
  const timer = setInterval(tick, every);
  timer.unref();
  return () => clearInterval(timer);
}
