/**
 * One line of figures for a backend at a size:
 *
 *   npm run bench:scale -- --backend embedded|neo4j --people N [--json] [--rounds 20] [--reload]
 *                          [--who-rounds 3] [--who-solved-only] [--answers FILE]
 *
 * The generated graph (datasets/generator, seed 42) is loaded through the real ingest pipeline,
 * or reused: the embedded graph is kept in .cache/bench/scale/people-N/, and Neo4j (NEO4J_URI,
 * `npm run neo4j -- start`) is reused when it holds exactly N people, else wiped (through the
 * test helper's scratch-database rule) and loaded; --reload loads again either way. A reused
 * graph prints null load rates.
 *
 * Figures: load rates (each batch's time split between its nodes and relationships by record
 * count, as bench:graph does, since both share one transaction); who-solved p50/p95 as users get
 * it (hybrid, the default sentence model embedding each question, abstention and aggregation
 * included; ./scale-who.ts says how the corpus vectors are made and which questions are asked),
 * with its phases' p50 and the same questions in lexical mode beside it (`who_solved_lexical_*`);
 * trends, gaps and suggest-for-a-country p95, warm, and the first (uncached) suggestion;
 * cold_start_s, a new app server (engine over the loaded store, empty data folder) until it has
 * answered trends and gaps once, and whether its analytics snapshot came from the graph or from a
 * copy an earlier server saved in the store (Neo4j: the first run after a load reads the graph and
 * saves the copy; later runs start from it); app_rss_mb, this process's peak;
 * db_rss_mb, the Neo4j JVM's peak when it is the checkout's managed server (else null).
 * Prints figures; judges nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatedSource } from '../../datasets/generator/generate.js';
import { projectRoot } from '../../engine/embed/models.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { openEngine } from '../../engine/service.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { Batch } from '../../graph/index.js';
import { createNeo4jStore } from '../../graph/neo4j/index.js';
import { neo4jStatus } from '../../graph/neo4j/server/control.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { neo4jTestDatabase } from '../helpers/neo4j.js';
import { benchDense, SCALE_QUESTIONS, timeWhoSolved } from './scale-who.js';
import { peakRssMiB, peakRssOfPid, percentile } from './stats.js';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'embedded' },
    people: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '20' },
    /** Passes over the who-solved questions (each pass asks every question once). */
    'who-rounds': { type: 'string', default: '3' },
    /** Skips cold start, trends, gaps and suggest (their fields print null). */
    'who-solved-only': { type: 'boolean', default: false },
    /** Writes every question's hits (hybrid and lexical) to this JSON file, to compare builds. */
    answers: { type: 'string' },
    json: { type: 'boolean', default: false },
    reload: { type: 'boolean', default: false },
  },
});
const SEED = 42;
const backend = args.backend ?? 'embedded';
const people = Number(args.people);
const rounds = Number(args.rounds);
if (backend !== 'embedded' && backend !== 'neo4j') throw new Error(`--backend embedded|neo4j, got ${backend}`);
if (!Number.isSafeInteger(people) || people < 100) throw new Error(`--people must be a whole number ≥ 100`);
const say = (line: string) => {
  if (!args.json) process.stderr.write(`${line}\n`);
};

interface Load {
  nodes_per_s: number | null;
  rels_per_s: number | null;
}

/** Loads the generated graph through runIngest, timing each batch's upsert. */
async function load(store: GraphStore): Promise<Load> {
  let tNodes = 0;
  let tRels = 0;
  let nodes = 0;
  let rels = 0;
  const timed: GraphStore = Object.create(store, {
    upsert: {
      value: async (batch: Batch) => {
        const t0 = performance.now();
        const r = await store.upsert(batch);
        const dt = performance.now() - t0;
        const n = batch.nodes?.length ?? 0;
        const m = batch.relationships?.length ?? 0;
        tNodes += (dt * n) / Math.max(1, n + m);
        tRels += (dt * m) / Math.max(1, n + m);
        nodes += n;
        rels += m;
        return r;
      },
    },
  });
  const t = performance.now();
  const summary = await runIngest(timed, generatedSource({ seed: SEED, people }), { batchSize: 20_000 });
  if (summary.rejected > 0) throw new Error(`the generated graph had ${summary.rejected} rejected records`);
  say(`loaded ${nodes} nodes, ${rels} relationships in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { nodes_per_s: nodes / (tNodes / 1000), rels_per_s: rels / (tRels / 1000) };
}

async function openGraph(): Promise<{ store: GraphStore; load: Load; dbPid?: number }> {
  if (backend === 'embedded') {
    const dir = join(projectRoot(), '.cache', 'bench', 'scale', `people-${people}`);
    mkdirSync(dir, { recursive: true });
    const stampFile = join(dir, 'generated.json');
    const stamp = existsSync(stampFile) ? (JSON.parse(readFileSync(stampFile, 'utf8')) as { seed: number }) : undefined;
    if (stamp?.seed !== SEED || args.reload) rmSync(join(dir, 'graph.sqlite'), { force: true });
    const store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
    await store.init();
    if (stamp?.seed === SEED && !args.reload) return { store, load: { nodes_per_s: null, rels_per_s: null } };
    const figures = await load(store);
    writeFileSync(stampFile, JSON.stringify({ seed: SEED, people }));
    return { store, load: figures };
  }
  const db = await neo4jTestDatabase();
  if (!db.reachable) throw new Error(`no Neo4j at ${db.config.uri} (npm run neo4j -- start)`);
  const status = await neo4jStatus();
  const dbPid = status.running && status.uri === db.config.uri ? (status.pid ?? undefined) : undefined;
  const store = createNeo4jStore(db.config);
  await store.init();
  let figures: Load = { nodes_per_s: null, rels_per_s: null };
  if (args.reload || (await store.stats(SYSTEM)).nodes.Person !== people) {
    say(`neo4j: loading the generated ${people}-person graph (wipes the database)…`);
    await db.wipe();
    await store.init();
    figures = await load(store);
  }
  await db.close();
  return { store, load: figures, ...(dbPid === undefined ? {} : { dbPid }) };
}

/** The hybrid engine's data folder: corpus vectors (and, embedded, the lexical index), kept between runs. */
const vectorsDir = (): string =>
  join(projectRoot(), '.cache', 'bench', 'scale', `people-${people}`, `vectors-${backend}`);

async function timeAll(run: () => Promise<unknown>, n: number): Promise<number[]> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

const { store, load: loaded, dbPid } = await openGraph();
const dir = mkdtempSync(join(tmpdir(), 'ileanet-bench-scale-'));
try {
  const stats = await store.stats(SYSTEM);
  const nodes = Object.values(stats.nodes).reduce((a, b) => a + b, 0);
  const relationships = Object.values(stats.relationships).reduce((a, b) => a + b, 0);
  const orgs = await store.list({ kind: 'Organisation', limit: 1 }, SYSTEM);
  const viewer: Viewer = { id: 'bench:scale', clearance: 'network', orgs: [orgs.items[0]?.id ?? 'x'] };

  let coldStart = Number.NaN;
  let snapshotFrom = 'graph';
  let trends: number[] = [];
  let gaps: number[] = [];
  let suggest: number[] = [];
  let suggestFirst = Number.NaN;
  if (!args['who-solved-only']) {
    // A new app server: engine over the loaded store, nothing on disk, until trends and gaps answered.
    const t0 = performance.now();
    // On Neo4j the analytics snapshot may start from the copy an earlier server saved in the store.
    const engine = await openEngine({
      store,
      dataDir: dir,
      mode: 'lexical',
      log: (l) => {
        if (/warm start from the saved snapshot/u.test(l)) snapshotFrom = 'saved copy';
      },
    });
    await engine.trends({}, viewer);
    await engine.gaps({}, viewer);
    coldStart = (performance.now() - t0) / 1000;
    say(`cold start ${coldStart.toFixed(1)} s (analytics snapshot from the ${snapshotFrom})`);
    trends = await timeAll(() => engine.trends({}, viewer), rounds);
    gaps = await timeAll(() => engine.gaps({}, viewer), rounds);
    // The first suggestion on this graph state, before anything of it is cached (suggest/need-cache.ts).
    const t1 = performance.now();
    await engine.suggest({ for: { country: 'BE' } }, viewer);
    suggestFirst = performance.now() - t1;
    suggest = await timeAll(() => engine.suggest({ for: { country: 'BE' } }, viewer), Math.min(rounds, 10));
    await engine.close();
  }

  // who-solved as users get it: a hybrid engine over a data folder holding the corpus vectors.
  const dense = await benchDense(store, vectorsDir(), say);
  const hybridEngine = await openEngine({
    store,
    dataDir: vectorsDir(),
    embedder: dense.embedder,
    log: () => undefined,
  });
  const whoRounds = Number(args['who-rounds']);
  const hybrid = await timeWhoSolved(hybridEngine, SCALE_QUESTIONS, 'hybrid', viewer, whoRounds);
  const lexical = await timeWhoSolved(hybridEngine, SCALE_QUESTIONS, 'lexical', viewer, whoRounds);
  await hybridEngine.close();
  await dense.close();
  if (args.answers !== undefined)
    writeFileSync(args.answers, `${JSON.stringify({ hybrid: hybrid.answers, lexical: lexical.answers }, null, 1)}\n`);
  const round = (x: number | null, d = 1) => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(d)));
  const line = {
    backend,
    people,
    nodes,
    relationships,
    load_nodes_per_s: round(loaded.nodes_per_s, 0),
    load_rels_per_s: round(loaded.rels_per_s, 0),
    who_solved_p50_ms: round(hybrid.p50),
    who_solved_p95_ms: round(hybrid.p95),
    who_solved_phases_p50_ms: {
      retrieve: round(hybrid.phases.retrieve),
      evidence: round(hybrid.phases.evidence),
      rank: round(hybrid.phases.rank),
    },
    who_solved_answers: hybrid.count,
    who_solved_abstained: hybrid.abstained,
    who_solved_model: dense.model,
    who_solved_lexical_p50_ms: round(lexical.p50),
    who_solved_lexical_p95_ms: round(lexical.p95),
    who_solved_lexical_phases_p50_ms: {
      retrieve: round(lexical.phases.retrieve),
      evidence: round(lexical.phases.evidence),
      rank: round(lexical.phases.rank),
    },
    corpus_vectors_s: round(dense.embedSeconds),
    trends_p95_ms: round(percentile(trends, 95)),
    gaps_p95_ms: round(percentile(gaps, 95)),
    suggest_p95_ms: round(percentile(suggest, 95)),
    suggest_first_ms: round(suggestFirst),
    cold_start_s: round(coldStart, 2),
    cold_start_snapshot_from: snapshotFrom,
    app_rss_mb: round(peakRssMiB(), 0),
    db_rss_mb: dbPid === undefined ? null : round(peakRssOfPid(dbPid) ?? null, 0),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
