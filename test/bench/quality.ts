/**
 * Matching quality on real CORDIS data: nDCG@10 and Recall@20 of lexical-only, dense-only
 * and hybrid who-solved, side by side, for every provisioned sentence model. Prints figures,
 * asserts nothing.
 *
 *   npm run bench:quality            (npx tsx test/bench/quality.ts [--models minilm,e5-small] [--no-tune])
 *
 * Labelled queries: test/bench/quality-queries.ts (how answers are kept out of the corpus).
 * Tuning: each mode's parameters are chosen on the dev split by a small grid search (own-text
 * weight and match-strength weight for every mode; RRF k and dense weight for hybrid), then
 * all three are measured once on the held-out split with their chosen parameters; the
 * held-out figures are the ones to quote. `--no-tune` measures the shipped defaults
 * (engine/match/rank.ts DEFAULT_TUNING, which came from this tuning). Ranking runs over projects and organisations only (CORDIS
 * has no people), with the full who-solved pipeline: retrieval, fusion, graph evidence,
 * diversity.
 *
 * The graph and vectors live in .cache/bench/quality/ so a second run re-embeds nothing.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cordisSource } from '../../datasets/cordis/importer.js';
import { embedGraph } from '../../engine/embed/embed-graph.js';
import type { Embedder } from '../../engine/embed/embedder.js';
import { defaultModelsDir, MODELS, projectRoot } from '../../engine/embed/models.js';
import { maxCharsFor } from '../../engine/embed/node-text.js';
import { createOnnxEmbedder } from '../../engine/embed/onnx-embedder.js';
import { modelDir, readManifest } from '../../engine/embed/provision.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { LexicalIndex } from '../../engine/match/lexical.js';
import type { DenseSide } from '../../engine/match/ports.js';
import type { MatchMode } from '../../engine/match/query.js';
import { DEFAULT_TUNING, type RankTuning } from '../../engine/match/rank.js';
import { createMatcher } from '../../engine/match/who-solved.js';
import { VectorIndexes } from '../../engine/vector/index-set.js';
import { VectorStore } from '../../engine/vector/vector-store.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { GraphStore } from '../../graph/store.js';
import type { Viewer } from '../../graph/viewer.js';
import { buildQueries, type LabelledQuery } from './quality-queries.js';

const { values: args } = parseArgs({
  options: {
    models: { type: 'string' },
    'no-tune': { type: 'boolean' },
    /** JSON of RankTuning fields applied under every grid point, e.g. '{"strengthWeight":0.5}'. */
    tuning: { type: 'string', default: '{}' },
    modes: { type: 'string', default: 'lexical,dense,hybrid' },
    data: { type: 'string', default: join(projectRoot(), '.cache', 'bench', 'quality') },
  },
});

const CORDIS = resolve(projectRoot(), '..', 'shared', 'datasets', 'cordis-security');
const VIEWER: Viewer = { id: 'bench', clearance: 'network', orgs: [] };
const MODES = args.modes.split(',').map((m) => m.trim()) as MatchMode[];
const BASE = JSON.parse(args.tuning) as Partial<RankTuning>;
const out = (line = '') => process.stdout.write(`${line}\n`);

/* ------------------------------------------------------------------ metrics */

/** Binary-gain nDCG@k: each relevant id in the top k counts 1/log2(rank+1), over the best possible. */
export function ndcgAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function recallAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>): number {
  if (relevant.size === 0) return 0;
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

/* ------------------------------------------------------------------ setup */

async function openGraph(dir: string): Promise<{ store: GraphStore; queries: LabelledQuery[] }> {
  // The graph is rebuilt every run (a minute at most); only vectors are worth keeping.
  rmSync(join(dir, 'graph.sqlite'), { force: true });
  rmSync(join(dir, 'graph.sqlite-wal'), { force: true });
  rmSync(join(dir, 'graph.sqlite-shm'), { force: true });
  rmSync(join(dir, 'lexical'), { recursive: true, force: true });
  const store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
  await store.init();
  const t = performance.now();
  const summary = await runIngest(store, cordisSource(CORDIS));
  out(
    `CORDIS: ${summary.totals.nodes.created} nodes, ${summary.totals.relationships.created} relationships in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const queries = await buildQueries(store);
  return { store, queries };
}

/** Query vectors are cached: tuning asks the same queries many times. */
function memo(embedder: Embedder): Embedder {
  const cache = new Map<string, Float32Array>();
  return {
    model: embedder.model,
    dimensions: embedder.dimensions,
    async embed(texts, role) {
      const missing = texts.filter((t) => !cache.has(`${role}\u0000${t}`));
      if (missing.length > 0) {
        const vs = await embedder.embed(missing, role);
        missing.forEach((t, i) => {
          cache.set(`${role}\u0000${t}`, vs[i] as Float32Array);
        });
      }
      return texts.map((t) => cache.get(`${role}\u0000${t}`) as Float32Array);
    },
    close: () => embedder.close(),
  };
}

async function openDense(
  store: GraphStore,
  dir: string,
  alias: string,
): Promise<{ dense: DenseSide; close(): Promise<void> }> {
  const embedder = await createOnnxEmbedder({ model: alias });
  const vectors = await VectorStore.open(dir);
  const indexes = new VectorIndexes({
    dataDir: dir,
    model: embedder.model,
    dims: embedder.dimensions,
    store: vectors,
    log: out,
  });
  const t = performance.now();
  const report = await embedGraph(store, embedder, indexes, { maxChars: maxCharsFor(embedder.spec.maxTokens) });
  const embedded = Object.values(report.kinds).reduce((s, k) => s + (k?.embedded ?? 0), 0);
  out(
    `${embedder.model}: ${embedded} texts embedded (the rest cached) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  return {
    dense: { embedder: memo(embedder), index: indexes },
    async close() {
      await indexes.close();
      await vectors.close();
      await embedder.close();
    },
  };
}

/* ------------------------------------------------------------------ evaluation */

interface Score {
  readonly ndcg: number;
  readonly recall: number;
  readonly n: number;
}

async function evaluate(
  store: GraphStore,
  lexical: LexicalIndex,
  dense: DenseSide,
  queries: readonly LabelledQuery[],
  mode: MatchMode,
  tuning: Partial<RankTuning>,
): Promise<Score> {
  const matcher = createMatcher({ store, lexical, dense, tuning, now: () => new Date('2026-01-01T00:00:00Z') });
  let ndcg = 0;
  let recall = 0;
  for (const q of queries) {
    const a = await matcher.whoSolved(q.text, { kinds: ['Project', 'Organisation'], limit: 20, mode }, VIEWER);
    const ranked = a.hits.map((h) => h.id);
    ndcg += ndcgAt(10, ranked, q.relevant);
    recall += recallAt(20, ranked, q.relevant);
  }
  return { ndcg: ndcg / queries.length, recall: recall / queries.length, n: queries.length };
}

/** A small grid around the defaults; the fusion parameters matter only to hybrid. */
function grid(mode: MatchMode): Partial<RankTuning>[] {
  const evidence: Partial<RankTuning>[] = [];
  for (const selfWeight of [0.3, 0.6, 0.9])
    for (const strengthWeight of [0, 0.5, 1]) evidence.push({ selfWeight, strengthWeight });
  if (mode !== 'hybrid') return evidence;
  const out: Partial<RankTuning>[] = [];
  for (const e of evidence) {
    for (const rrfK of [10, 60]) for (const denseWeight of [0.5, 1]) out.push({ ...e, rrfK, denseWeight });
  }
  return out;
}

async function tune(
  store: GraphStore,
  lexical: LexicalIndex,
  dense: DenseSide,
  dev: readonly LabelledQuery[],
  mode: MatchMode,
): Promise<{ tuning: Partial<RankTuning>; dev: Score }> {
  let best: { tuning: Partial<RankTuning>; dev: Score } | undefined;
  for (const point of args['no-tune'] ? [{}] : grid(mode)) {
    const tuning = { ...BASE, ...point };
    const s = await evaluate(store, lexical, dense, dev, mode, tuning);
    if (best === undefined || s.ndcg > best.dev.ndcg) best = { tuning, dev: s };
  }
  return best as { tuning: Partial<RankTuning>; dev: Score };
}

const f3 = (x: number) => x.toFixed(3);

async function main(): Promise<void> {
  if (!existsSync(join(CORDIS, 'HORIZON', 'project.csv'))) {
    out(`no CORDIS data at ${CORDIS}: nothing to measure`);
    return;
  }
  const wanted = args.models?.split(',').map((m) => m.trim()) ?? MODELS.map((m) => m.aliases[0] ?? m.name);
  const provisioned = MODELS.filter(
    (m) =>
      wanted.some((w) => m.aliases.includes(w) || m.name === w) &&
      readManifest(modelDir(defaultModelsDir(), m)) !== undefined,
  );
  if (provisioned.length === 0) {
    out('no sentence model is provisioned: run `ileanet model fetch --model all` first');
    return;
  }
  const dir = args.data;
  mkdirSync(dir, { recursive: true });
  const { store, queries } = await openGraph(dir);
  const dev = queries.filter((q) => q.split === 'dev');
  const held = queries.filter((q) => q.split === 'held-out');
  const bySource = (s: string) => queries.filter((q) => q.source === s).length;
  out(
    `queries: ${queries.length} (${bySource('deliverable')} deliverable titles, ${bySource('call-topic')} call topics); dev ${dev.length}, held-out ${held.length}`,
  );
  const lexical = await LexicalIndex.build(store);
  const rows: string[] = [];
  try {
    for (const spec of provisioned) {
      const alias = spec.aliases[0] ?? spec.name;
      const { dense, close } = await openDense(store, join(dir, 'vectors'), alias);
      try {
        const chosen = new Map<MatchMode, { tuning: Partial<RankTuning>; dev: Score }>();
        for (const mode of MODES) {
          const t = performance.now();
          chosen.set(mode, await tune(store, lexical, dense, dev, mode));
          out(
            `  ${alias} ${mode}: tuned on dev in ${((performance.now() - t) / 1000).toFixed(0)} s: ${JSON.stringify(chosen.get(mode)?.tuning)}`,
          );
        }
        for (const mode of MODES) {
          const c = chosen.get(mode) ?? { tuning: {}, dev: { ndcg: 0, recall: 0, n: 0 } };
          const h = await evaluate(store, lexical, dense, held, mode, c.tuning);
          rows.push(
            `| ${alias.padEnd(9)} | ${mode.padEnd(7)} | ${f3(c.dev.ndcg)} | ${f3(h.ndcg)} | ${f3(h.recall)} | ${JSON.stringify({ ...c.tuning })} |`,
          );
          out(`  ${rows.at(-1)}`);
        }
      } finally {
        await close();
      }
    }
  } finally {
    await store.close();
  }
  out('');
  out(`defaults: ${JSON.stringify(DEFAULT_TUNING)}`);
  out('| model     | mode    | nDCG@10 dev | nDCG@10 held-out | Recall@20 held-out | tuning (dev) |');
  out('|-----------|---------|-------------|------------------|--------------------|--------------|');
  for (const r of rows) out(r);
}

await main();
