/**
 * One line of figures for a backend at a size:
 *
 *   npm run bench:scale -- --backend embedded|neo4j --people N [--json] [--rounds 20] [--reload]
 *
 * The generated graph (datasets/generator, seed 42) is loaded through the real ingest pipeline,
 * or reused: the embedded graph is kept in .cache/bench/scale/people-N/, and Neo4j (NEO4J_URI,
 * `npm run neo4j -- start`) is reused when it holds exactly N people, else wiped (through the
 * test helper's scratch-database rule) and loaded; --reload loads again either way. A reused
 * graph prints null load rates.
 *
 * Figures: load rates (each batch's time split between its nodes and relationships by record
 * count, as bench:graph does, since both share one transaction); who-solved p50/p95 (lexical
 * mode, no sentence model: the figure is the store's side of an answer), trends, gaps and
 * suggest-for-a-country p95, warm; cold_start_s, a new app server (engine over the loaded store,
 * empty data folder) until it has answered trends and gaps once; app_rss_mb, this process's peak;
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
import { peakRssMiB, peakRssOfPid, percentile } from './stats.js';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'embedded' },
    people: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '20' },
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

  // A new app server: engine over the loaded store, nothing on disk, until trends and gaps answered.
  const t0 = performance.now();
  const engine = await openEngine({ store, dataDir: dir, mode: 'lexical', log: () => undefined });
  await engine.trends({}, viewer);
  await engine.gaps({}, viewer);
  const coldStart = (performance.now() - t0) / 1000;
  say(`cold start ${coldStart.toFixed(1)} s`);

  const topics = (await engine.trends({}, SYSTEM)).series.map((s) => s.key).slice(0, rounds);
  const queries = topics.length > 0 ? topics : ['drone detection'];
  let q = 0;
  const whoSolved = await timeAll(
    () => engine.whoSolved(queries[q++ % queries.length] as string, { mode: 'lexical' }, viewer),
    rounds,
  );
  const trends = await timeAll(() => engine.trends({}, viewer), rounds);
  const gaps = await timeAll(() => engine.gaps({}, viewer), rounds);
  const suggest = await timeAll(() => engine.suggest({ for: { country: 'BE' } }, viewer), Math.min(rounds, 10));
  await engine.close();
  const round = (x: number | null, d = 1) => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(d)));
  const line = {
    backend,
    people,
    nodes,
    relationships,
    load_nodes_per_s: round(loaded.nodes_per_s, 0),
    load_rels_per_s: round(loaded.rels_per_s, 0),
    who_solved_p50_ms: round(percentile(whoSolved, 50)),
    who_solved_p95_ms: round(percentile(whoSolved, 95)),
    trends_p95_ms: round(percentile(trends, 95)),
    gaps_p95_ms: round(percentile(gaps, 95)),
    suggest_p95_ms: round(percentile(suggest, 95)),
    cold_start_s: round(coldStart, 2),
    app_rss_mb: round(peakRssMiB(), 0),
    db_rss_mb: dbPid === undefined ? null : round(peakRssOfPid(dbPid) ?? null, 0),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
