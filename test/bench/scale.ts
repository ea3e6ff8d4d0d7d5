/**
 * One line of figures for a backend at a size:
 *
 *   npm run bench:scale -- --backend embedded|neo4j --people N [--json] [--rounds 20] [--reload] [--bulk]
 *                          [--who-rounds 3] [--who-solved-only] [--load-only] [--answers FILE]
 *
 * The generated graph (datasets/generator, seed 42) is loaded through the real ingest pipeline,
 * or reused: the embedded graph is kept in .cache/bench/scale/people-N/, and Neo4j (NEO4J_URI,
 * `npm run neo4j -- start`) is reused when it holds exactly N people, else wiped (through the
 * test helper's scratch-database rule) and loaded; --reload loads again either way. A reused
 * graph prints null load rates. --bulk (Neo4j) loads through the offline importer instead
 * (graph/neo4j/offline-import.ts), on the checkout's managed server, which it stops and starts again.
 *
 * Figures: load rates (each batch's time split between its nodes and relationships by record
 * count, as bench:graph does, since both share one transaction); who-solved p50/p95 as users get
 * it (hybrid, the default sentence model embedding each question, abstention and aggregation
 * included; ./scale-who.ts says how the corpus vectors are made and which questions are asked),
 * with its phases' p50 and the same questions in lexical mode beside it (`who_solved_lexical_*`);
 * trends, gaps and suggest-for-a-country p95, warm, and the first (uncached) suggestion;
 * who-solved (hybrid) and suggest with a need written before each call (`*_after_write_*`, see
 * timeAfterWrites: what a live network's users get, since every write moves the caches' revision);
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
import { type IngestTarget, runIngest } from '../../engine/ingest/pipeline.js';
import { openEngine } from '../../engine/service.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { Batch } from '../../graph/index.js';
import { createNeo4jStore } from '../../graph/neo4j/index.js';
import { bulkLoadNeo4j } from '../../graph/neo4j/offline-import.js';
import { managedNeo4jAt, neo4jStatus } from '../../graph/neo4j/server/control.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { neo4jTestDatabase, type ScratchLease } from '../helpers/neo4j.js';
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
    /** Neo4j: (re)load through the offline importer (graph/neo4j/offline-import.ts), not upserts. */
    bulk: { type: 'boolean', default: false },
    /** Stops after the load: prints the backend, size and load figures only. */
    'load-only': { type: 'boolean', default: false },
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
  /** Bulk loads: each step's seconds (graph/neo4j/offline-import.ts BulkLoadReport), `checks` being the time inside the CSV writer's upsert. */
  phases?: Record<string, number>;
}

/** Wraps `target`'s upsert to time it and count what it is given. */
function timedUpserts<T extends IngestTarget>(target: T) {
  const t = { nodes: 0, rels: 0, ms: 0, nodeMs: 0, relMs: 0 };
  const timed: T = Object.create(target, {
    upsert: {
      value: async (batch: Batch) => {
        const t0 = performance.now();
        const r = await target.upsert(batch);
        const dt = performance.now() - t0;
        const n = batch.nodes?.length ?? 0;
        const m = batch.relationships?.length ?? 0;
        t.ms += dt;
        t.nodeMs += (dt * n) / Math.max(1, n + m);
        t.relMs += (dt * m) / Math.max(1, n + m);
        t.nodes += n;
        t.rels += m;
        return r;
      },
    },
  });
  return { timed, t };
}

/**
 * Loads the generated graph through the offline importer: the time inside the CSV writer's upsert
 * (the same checks as upsert, and the rows), then stopping the server, the import, the start,
 * init's indexes and the replayed records. That time is split between nodes and relationships by
 * record count, as for upserts. The database is replaced (the scratch rule was checked), and the
 * scratch marker, which the import removes, is written again with the run's lease.
 */
async function bulkLoad(uri: string, lease: ScratchLease): Promise<Load> {
  const server = await managedNeo4jAt(uri);
  if (server === undefined)
    throw new Error(`--bulk needs the checkout's managed server at ${uri} (npm run neo4j -- start)`);
  let t = { nodes: 0, rels: 0, ms: 0 };
  const report = await bulkLoadNeo4j(
    server,
    async (writer) => {
      const w = timedUpserts(writer);
      t = w.t;
      const summary = await runIngest(w.timed, generatedSource({ seed: SEED, people }), { batchSize: 20_000 });
      if (summary.rejected > 0) throw new Error(`the generated graph had ${summary.rejected} rejected records`);
    },
    { replace: true, log: say },
  );
  await lease.renew();
  const { write, total, ...after } = report.seconds;
  const seconds = t.ms / 1000 + (total - write);
  say(
    `bulk-loaded ${t.nodes} nodes, ${t.rels} relationships in ${seconds.toFixed(1)} s (${JSON.stringify(report.seconds)})`,
  );
  const share = (k: number) => (seconds * k) / Math.max(1, t.nodes + t.rels);
  return {
    nodes_per_s: t.nodes / share(t.nodes),
    rels_per_s: t.rels / share(t.rels),
    phases: { checks: t.ms / 1000, ...after, ingest_and_write: write },
  };
}

/** Loads the generated graph through runIngest, timing each batch's upsert. */
async function load(store: GraphStore): Promise<Load> {
  const { timed, t: w } = timedUpserts(store);
  const t = performance.now();
  const summary = await runIngest(timed, generatedSource({ seed: SEED, people }), { batchSize: 20_000 });
  if (summary.rejected > 0) throw new Error(`the generated graph had ${summary.rejected} rejected records`);
  say(`loaded ${w.nodes} nodes, ${w.rels} relationships in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { nodes_per_s: w.nodes / (w.nodeMs / 1000), rels_per_s: w.rels / (w.relMs / 1000) };
}

/**
 * The Neo4j run's lease on the scratch database: while this run loads and reads its graph, the
 * test suites' wipes refuse (test/helpers/neo4j.ts), so a test run beside it cannot delete the graph under it.
 */
let lease: ScratchLease | undefined;

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
  // Taken before anything is loaded or read; a database that is not scratch is only read, never loaded.
  if (db.mayWipe) lease = await db.hold(`bench:scale --backend neo4j --people ${people}`);
  const dbPidOf = async () => {
    const status = await neo4jStatus();
    return status.running && status.uri === db.config.uri ? (status.pid ?? undefined) : undefined;
  };
  let store = createNeo4jStore(db.config);
  await store.init();
  let figures: Load = { nodes_per_s: null, rels_per_s: null };
  if (args.reload || (await store.stats(SYSTEM)).nodes.Person !== people) {
    if (args.bulk) {
      say(`neo4j: bulk-loading the generated ${people}-person graph (replaces the database)…`);
      if (lease === undefined) throw new Error(`refusing to replace ${db.config.uri}: ${db.refusal}`);
      await store.close();
      figures = await bulkLoad(db.config.uri, lease);
      store = createNeo4jStore(db.config);
      await store.init();
    } else {
      say(`neo4j: loading the generated ${people}-person graph (wipes the database)…`);
      await db.wipe();
      await store.init();
      figures = await load(store);
    }
  }
  await db.close();
  const dbPid = await dbPidOf(); // after a bulk load, the restarted server's
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

/**
 * The network writes while it is asked: before each call a new need is raised (a network-visible
 * challenge, the write every stage of the cycle makes most), and the call is timed once the
 * engine's followers have had WRITE_SETTLE_MS to apply it (search terms, vector, snapshot). The
 * needs written are removed afterwards, so a reused graph stays the generated one.
 */
const WRITE_ROUNDS = 8;
const WRITE_SETTLE_MS = 1_500;
async function timeAfterWrites(store: GraphStore, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const ids: string[] = [];
  const times: number[] = [];
  try {
    for (let i = 0; i < WRITE_ROUNDS; i++) {
      const id = `bench:scale:need:${process.pid}:${i}`;
      ids.push(id);
      const about = SCALE_QUESTIONS[i % SCALE_QUESTIONS.length] as string;
      await store.upsert({
        nodes: [{ kind: 'Challenge', id, title: `A need raised: ${about}`, visibility: 'network' }],
      });
      await new Promise((r) => setTimeout(r, WRITE_SETTLE_MS));
      const t = performance.now();
      await run(i);
      times.push(performance.now() - t);
    }
  } finally {
    await store.deleteNodes(ids);
  }
  return times.sort((a, b) => a - b);
}

const { store, load: loaded, dbPid } = await openGraph();
const dir = mkdtempSync(join(tmpdir(), 'ileanet-bench-scale-'));
try {
  const stats = await store.stats(SYSTEM);
  const nodes = Object.values(stats.nodes).reduce((a, b) => a + b, 0);
  const relationships = Object.values(stats.relationships).reduce((a, b) => a + b, 0);
  if (args['load-only']) {
    const rate = (x: number | null) => (x === null ? null : Math.round(x));
    process.stdout.write(
      `${JSON.stringify({ backend, people, nodes, relationships, load_nodes_per_s: rate(loaded.nodes_per_s), load_rels_per_s: rate(loaded.rels_per_s), load_mode: args.bulk ? 'bulk' : 'upsert', load_phases_s: loaded.phases ?? null })}\n`,
    );
    await store.close();
    await lease?.release();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
  const orgs = await store.list({ kind: 'Organisation', limit: 1 }, SYSTEM);
  const viewer: Viewer = { id: 'bench:scale', clearance: 'network', orgs: [orgs.items[0]?.id ?? 'x'] };

  let coldStart = Number.NaN;
  let snapshotFrom = 'graph';
  let trends: number[] = [];
  let gaps: number[] = [];
  let suggest: number[] = [];
  let suggestFirst = Number.NaN;
  let suggestAfterWrite: number[] = [];
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
    suggestAfterWrite = await timeAfterWrites(store, () => engine.suggest({ for: { country: 'BE' } }, viewer));
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
  const afterWrite = await timeAfterWrites(store, (i) =>
    hybridEngine.whoSolved(SCALE_QUESTIONS[(i * 3 + 1) % SCALE_QUESTIONS.length] as string, { mode: 'hybrid' }, viewer),
  );
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
    load_mode: loaded.nodes_per_s === null ? null : args.bulk ? 'bulk' : 'upsert',
    load_phases_s:
      loaded.phases === undefined
        ? null
        : Object.fromEntries(Object.entries(loaded.phases).map(([k, v]) => [k, round(v, 1)])),
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
    who_solved_after_write_p50_ms: round(percentile(afterWrite, 50)),
    who_solved_after_write_p95_ms: round(percentile(afterWrite, 95)),
    corpus_vectors_s: round(dense.embedSeconds),
    trends_p95_ms: round(percentile(trends, 95)),
    gaps_p95_ms: round(percentile(gaps, 95)),
    suggest_p95_ms: round(percentile(suggest, 95)),
    suggest_first_ms: round(suggestFirst),
    suggest_after_write_p95_ms: round(percentile(suggestAfterWrite, 95)),
    cold_start_s: round(coldStart, 2),
    cold_start_snapshot_from: snapshotFrom,
    app_rss_mb: round(peakRssMiB(), 0),
    db_rss_mb: dbPid === undefined ? null : round(peakRssOfPid(dbPid) ?? null, 0),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
} finally {
  await store.close();
  await lease?.release();
  rmSync(dir, { recursive: true, force: true });
}
