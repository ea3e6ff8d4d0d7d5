/**
 * Link-prediction evaluation on a time split of the shared CORDIS data; prints figures,
 * asserts nothing.
 *
 *   npm run bench:suggest   (npx tsx test/bench/suggest.ts [--cut 2018-12-31] [--train-cut 2015-12-31]
 *                            [--negatives 20000] [--fit])
 *
 * Protocol (as ogbl-collab's): the collaboration graph holds projects that started up to the
 * cut. Positives are organisation pairs, both in that graph, not linked in it, that share a
 * project starting after the cut. Negatives are random pairs of the same organisations never
 * linked, before or after (seeded). Hits@K is the share of positives scored above the K-th
 * best negative; AUC the chance a positive outscores a negative (ties count half).
 *
 * Ours is fitted on an earlier split (graph up to --train-cut, positives first linked between
 * the two cuts), so nothing after the evaluation cut is seen. `--fit` prints the fitted model
 * to paste into engine/suggest/linkpred.ts; without it the shipped DEFAULT_LINK_MODEL is
 * evaluated beside the freshly fitted one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cordisSource } from '../../datasets/cordis/importer.js';
import { collaborationGraph, seeded } from '../../engine/analytics/network.js';
import { loadSnapshot, type Snapshot } from '../../engine/analytics/snapshot.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import {
  adamicAdar,
  CollabIndex,
  commonNeighbours,
  DEFAULT_LINK_MODEL,
  FEATURES,
  fitLinkModel,
  type LinkModel,
  logit,
  pairFeatures,
} from '../../engine/suggest/linkpred.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { SYSTEM } from '../../graph/viewer.js';

const { values: args } = parseArgs({
  options: {
    cut: { type: 'string', default: '2018-12-31' },
    'train-cut': { type: 'string', default: '2015-12-31' },
    negatives: { type: 'string', default: '20000' },
    fit: { type: 'boolean' },
  },
});
const CORDIS = fileURLToPath(new URL('../../../shared/datasets/cordis-security/', import.meta.url));
const out = (line = '') => process.stdout.write(`${line}\n`);

interface Split {
  readonly ix: CollabIndex;
  readonly pos: [number, number][];
  readonly neg: [number, number][];
  readonly cross: (p: [number, number]) => boolean;
}

/** Pairs (as CollabIndex positions) that first collaborate after `cut` (and up to `until`, when given). */
function split(s: Snapshot, cut: string, until: string | undefined, negatives: number, seed: number): Split {
  const mask = s.visibleMask(SYSTEM);
  const before = collaborationGraph(s, mask, { until: cut });
  const ix = new CollabIndex(before, s, mask, cut);
  const after = collaborationGraph(s, mask, { after: cut, ...(until === undefined ? {} : { until }) });
  const ever = collaborationGraph(s, mask);
  const pos: [number, number][] = [];
  after.forEachEdge((_e, _a, a, b) => {
    const i = ix.pos.get(Number(a));
    const j = ix.pos.get(Number(b));
    if (i === undefined || j === undefined || ix.linked(i, j)) return;
    pos.push(i < j ? [i, j] : [j, i]);
  });
  const r = seeded(seed); // the same negatives every run
  const neg: [number, number][] = [];
  const seen = new Set<string>();
  const n = ix.keys.length;
  while (neg.length < negatives) {
    const i = Math.floor(r() * n);
    const j = Math.floor(r() * n);
    if (i === j) continue;
    const [a, b] = i < j ? [i, j] : [j, i];
    const key = `${a}|${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (ever.hasEdge(String(ix.keys[a]), String(ix.keys[b]))) continue;
    neg.push([a, b]);
  }
  const country = (i: number) => s.node(ix.keys[i] as number).country;
  return { ix, pos, neg, cross: ([a, b]) => country(a) !== undefined && country(a) !== country(b) };
}

/** Features of many pairs, grouped by source so each source's maps are built once. */
function featuresOf(s: Snapshot, ix: CollabIndex, pairs: readonly [number, number][]): number[][] {
  const bySource = new Map<number, number[]>();
  pairs.forEach(([a], r) => {
    const list = bySource.get(a) ?? [];
    list.push(r);
    bySource.set(a, list);
  });
  const xs: number[][] = new Array(pairs.length);
  for (const [a, rows] of bySource) {
    const maps = ix.sourceMaps(a);
    for (const r of rows) xs[r] = pairFeatures(ix, s, a, (pairs[r] as [number, number])[1], maps);
  }
  return xs;
}

function metrics(
  pos: readonly number[],
  neg: readonly number[],
): { h20: number; h50: number; h100: number; auc: number } {
  const sortedNeg = [...neg].sort((a, b) => b - a);
  const hits = (k: number) => {
    const threshold = sortedNeg[k - 1] ?? Number.NEGATIVE_INFINITY;
    return pos.filter((p) => p > threshold).length / pos.length;
  };
  // AUC by ranks (ties half): Mann–Whitney U.
  const all = [...pos.map((v) => ({ v, p: 1 })), ...neg.map((v) => ({ v, p: 0 }))].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]?.v === all[i]?.v) j++;
    const avg = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]?.p === 1) rankSum += avg;
    i = j;
  }
  const auc = (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
  return { h20: hits(20), h50: hits(50), h100: hits(100), auc };
}

async function main(): Promise<void> {
  out(`# bench:suggest: ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, load ${loadavg()[0]?.toFixed(1)}`);
  const dir = mkdtempSync(join(tmpdir(), 'ileanet-suggest-'));
  try {
    const store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
    await store.init();
    let t = performance.now();
    await runIngest(store, cordisSource(CORDIS), {});
    const s = await loadSnapshot(store);
    out(`CORDIS ingested and snapshot loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const negatives = Number(args.negatives);

    t = performance.now();
    const train = split(s, args['train-cut'], args.cut, negatives, 11);
    const trainX = [...featuresOf(s, train.ix, train.pos), ...featuresOf(s, train.ix, train.neg)];
    const trainY = [...train.pos.map(() => 1), ...train.neg.map(() => 0)];
    const fitted = fitLinkModel(trainX, trainY, { iterations: 800, rate: 0.2 });
    out(
      `train split: graph ≤ ${args['train-cut']} (${train.ix.keys.length} organisations), ${train.pos.length} positives new up to ${args.cut}, ${train.neg.length} negatives; fitted in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    out(`fitted weights (${FEATURES.join(', ')}): ${fitted.weights.join(', ')}; bias ${fitted.bias}`);
    if (args.fit) out(`\nDEFAULT_LINK_MODEL = ${JSON.stringify(fitted)}\n`);

    const test = split(s, args.cut, undefined, negatives, 23);
    const edges = test.ix.nbrs.reduce((a, n) => a + n.length, 0) / 2;
    out(
      `test split: graph ≤ ${args.cut}: ${test.ix.keys.length} organisations, ${edges} links; ${test.pos.length} positives (pairs first linked after the cut, ${test.pos.filter(test.cross).length} cross-border), ${test.neg.length} negatives`,
    );
    const xPos = featuresOf(s, test.ix, test.pos);
    const xNeg = featuresOf(s, test.ix, test.neg);
    const scorers: [string, (p: [number, number], x: number[]) => number][] = [
      ['common neighbours', (p) => commonNeighbours(test.ix, p[0], p[1])],
      ['Adamic–Adar', (p) => adamicAdar(test.ix, p[0], p[1])],
      ['ours (shipped model)', (_p, x) => logit(DEFAULT_LINK_MODEL, x)],
      ['ours (fitted this run)', (_p, x) => logit(fitted as LinkModel, x)],
    ];
    for (const subset of ['all pairs', 'cross-border pairs'] as const) {
      const keep = (p: [number, number]) => subset === 'all pairs' || test.cross(p);
      out('');
      out(`## ${subset}`);
      out('method                    Hits@20  Hits@50  Hits@100  AUC');
      let aaH50 = 0;
      for (const [name, score] of scorers) {
        const pos = test.pos.flatMap((p, r) => (keep(p) ? [score(p, xPos[r] as number[])] : []));
        const neg = test.neg.flatMap((p, r) => (keep(p) ? [score(p, xNeg[r] as number[])] : []));
        const m = metrics(pos, neg);
        if (name === 'Adamic–Adar') aaH50 = m.h50;
        const rel =
          name.startsWith('ours') && aaH50 > 0 ? `  (${((m.h50 / aaH50 - 1) * 100).toFixed(0)} % vs AA Hits@50)` : '';
        out(
          `${name.padEnd(24)}  ${m.h20.toFixed(4)}   ${m.h50.toFixed(4)}   ${m.h100.toFixed(4)}    ${m.auc.toFixed(4)}${rel}`,
        );
      }
    }
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
