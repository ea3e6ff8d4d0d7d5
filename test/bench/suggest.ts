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
import { parseArgs } from 'node:util';
import { cordisSource } from '../../datasets/cordis/importer.js';
import { loadSnapshot } from '../../engine/analytics/snapshot.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import {
  adamicAdar,
  commonNeighbours,
  DEFAULT_LINK_MODEL,
  FEATURES,
  fitLinkModel,
  type LinkModel,
  logit,
} from '../../engine/suggest/linkpred.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { CORDIS, featuresOf, metrics, split } from './linkpred-eval.js';

const { values: args } = parseArgs({
  options: {
    cut: { type: 'string', default: '2018-12-31' },
    'train-cut': { type: 'string', default: '2015-12-31' },
    negatives: { type: 'string', default: '20000' },
    fit: { type: 'boolean' },
  },
});
const out = (line = '') => process.stdout.write(`${line}\n`);

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
