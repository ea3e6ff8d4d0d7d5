/**
 * A floor under the link model's quality, measured as `npm run bench:suggest` measures it (the
 * same protocol, test/bench/linkpred-eval.ts) on the shared CORDIS extract: the shipped
 * DEFAULT_LINK_MODEL's AUC on the later time split must not fall below the figure it had when
 * it shipped, less 0.01. Deterministic (seeded negatives, no timing), so a drop means the
 * features or the model changed for the worse.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cordisSource } from '../../datasets/cordis/importer.js';
import { loadSnapshot, type Snapshot } from '../../engine/analytics/snapshot.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { adamicAdar, DEFAULT_LINK_MODEL, logit } from '../../engine/suggest/linkpred.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { GraphStore } from '../../graph/store.js';
import { featuresOf, metrics, split } from '../bench/linkpred-eval.js';
import { SHARED_CORDIS, skipWithoutSharedData } from '../ingest/helpers/shared-data.js';

/** AUC of the shipped model on the 2018 split with 20,000 negatives, as bench:suggest printed it. */
const SHIPPED_AUC = 0.8824;

describe.skipIf(skipWithoutSharedData('the link-prediction quality floor'))('link prediction quality floor', () => {
  let dir: string;
  let store: GraphStore;
  let snapshot: Snapshot;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ileanet-linkfloor-'));
    store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
    await store.init();
    await runIngest(store, cordisSource(SHARED_CORDIS), {});
    snapshot = await loadSnapshot(store);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `keeps the shipped model's AUC at or above ${SHIPPED_AUC} - 0.01, and above Adamic–Adar's`,
    () => {
      const test = split(snapshot, '2018-12-31', undefined, 20_000, 23);
      expect(test.pos.length).toBeGreaterThan(1_000);
      const xPos = featuresOf(snapshot, test.ix, test.pos);
      const xNeg = featuresOf(snapshot, test.ix, test.neg);
      const ours = metrics(
        xPos.map((x) => logit(DEFAULT_LINK_MODEL, x)),
        xNeg.map((x) => logit(DEFAULT_LINK_MODEL, x)),
      );
      const aa = metrics(
        test.pos.map(([a, b]) => adamicAdar(test.ix, a, b)),
        test.neg.map(([a, b]) => adamicAdar(test.ix, a, b)),
      );
      console.log(
        `link model AUC ${ours.auc.toFixed(4)} (floor ${SHIPPED_AUC - 0.01}); Adamic–Adar ${aa.auc.toFixed(4)}`,
      );
      expect(ours.auc).toBeGreaterThanOrEqual(SHIPPED_AUC - 0.01);
      expect(ours.auc).toBeGreaterThan(aa.auc);
      // A quality floor, not a timing: 30 s on a quiet machine, several times that under load.
    },
    10 * 60_000,
  );
});
