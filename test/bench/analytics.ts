/**
 * Analytics latency on the 100,000-person generated graph, on both backends; prints figures,
 * asserts nothing.
 *
 *   npm run bench:analytics   (npx tsx test/bench/analytics.ts [--backend embedded,neo4j] [--people 100000]
 *                              [--rounds 20])
 *
 * The embedded graph is the one test/bench/match.ts keeps in .cache/bench/match/; Neo4j
 * (NEO4J_URI, `npm run neo4j -- start`) is loaded with the same seeded graph when it does not
 * hold it yet; the database is wiped first, so do not point this at data you keep.
 *
 * Printed per backend: the cold snapshot load (the whole analytical projection read through
 * the GraphStore API), the first network-metrics computation, then warm p50/p95 over the
 * trends and gaps variants (each request checks the store's revision first, one round trip),
 * network, suggest and consortium.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatedSource } from '../../datasets/generator/generate.js';
import { projectRoot } from '../../engine/embed/models.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { openEngine } from '../../engine/service.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { createNeo4jStore } from '../../graph/neo4j/index.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { neo4jTestDatabase } from '../helpers/neo4j.js';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'embedded,neo4j' },
    people: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '20' },
  },
});
const SEED = 42;
const people = Number(args.people);
const out = (line = '') => process.stdout.write(`${line}\n`);
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;

async function embeddedStore(): Promise<{ store: GraphStore; dir: string; release?: () => Promise<void> }> {
  const dir = join(projectRoot(), '.cache', 'bench', 'match', `people-${people}`);
  mkdirSync(dir, { recursive: true });
  const store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
  await store.init();
  const stampFile = join(dir, 'generated.json');
  const stamp = existsSync(stampFile)
    ? (JSON.parse(readFileSync(stampFile, 'utf8')) as { seed: number; people: number })
    : undefined;
  if (stamp?.seed !== SEED || stamp.people !== people) {
    const t = performance.now();
    await runIngest(store, generatedSource({ seed: SEED, people }), { batchSize: 20_000 });
    writeFileSync(stampFile, JSON.stringify({ seed: SEED, people }));
    out(`generated the graph in ${secs(t)}`);
  }
  return { store, dir };
}

async function neo4jStore(): Promise<{ store: GraphStore; dir: string; release?: () => Promise<void> } | undefined> {
  const db = await neo4jTestDatabase();
  if (!db.reachable) {
    out(`neo4j: no server at ${db.config.uri} (npm run neo4j -- start); skipped`);
    return undefined;
  }
  // The lease keeps the test suites' wipes off the graph while this run loads and reads it.
  const lease = db.mayWipe ? await db.hold('bench:analytics --backend neo4j') : undefined;
  const store = createNeo4jStore(db.config);
  await store.init();
  const stats = await store.stats(SYSTEM);
  if (stats.nodes.Person !== people) {
    out(`neo4j: loading the generated ${people.toLocaleString('en')}-person graph (wipes the database)…`);
    await db.wipe();
    await store.init();
    const t = performance.now();
    await runIngest(store, generatedSource({ seed: SEED, people }), { batchSize: 20_000 });
    out(`neo4j: loaded in ${secs(t)}`);
  }
  await db.close();
  return { store, dir: mkdtempSync(join(tmpdir(), 'ileanet-bench-analytics-')), release: async () => lease?.release() };
}

async function bench(name: string, store: GraphStore, dir: string): Promise<void> {
  out(`\n## ${name}`);
  const engine = await openEngine({ store, dataDir: dir, mode: 'lexical', log: () => undefined });
  const orgs = await store.list({ kind: 'Organisation', limit: 2 }, SYSTEM);
  const viewers: Viewer[] = [
    { id: 'bench:a', clearance: 'network', orgs: [orgs.items[0]?.id ?? 'x'] },
    { id: 'bench:b', clearance: 'network', orgs: [] },
  ];
  let t = performance.now();
  await engine.trends({}, viewers[0] as Viewer);
  out(`cold: snapshot load + first trends ${secs(t)}`);
  t = performance.now();
  const net = await engine.network({}, viewers[0] as Viewer);
  out(
    `cold: network metrics (${net.organisations} organisations, ${net.links} links; Louvain + betweenness) ${secs(t)}`,
  );
  const topic = (await engine.trends({}, SYSTEM)).series[0]?.key;
  const challenge = (await engine.gaps({}, viewers[0] as Viewer)).challenges[0]?.id;
  const cases: [string, () => Promise<unknown>][] = [
    ['trends by topic, yearly', () => engine.trends({}, viewers[0] as Viewer)],
    ['trends by country, quarterly', () => engine.trends({ by: 'country', unit: 'quarter' }, viewers[1] as Viewer)],
    [
      'trends for a country and topic',
      () => engine.trends({ country: 'FR', ...(topic ? { topic } : {}) }, viewers[0] as Viewer),
    ],
    ['gaps', () => engine.gaps({}, viewers[0] as Viewer)],
    ['gaps for a country', () => engine.gaps({ country: 'DE' }, viewers[1] as Viewer)],
    ['network (cached metrics)', () => engine.network({}, viewers[0] as Viewer)],
    ['suggest for a country', () => engine.suggest({ for: { country: 'BE' } }, viewers[0] as Viewer)],
    ...(challenge === undefined
      ? []
      : ([['consortium', () => engine.consortium(challenge, {}, viewers[0] as Viewer)]] as [
          string,
          () => Promise<unknown>,
        ][])),
  ];
  for (const [, run] of cases) await run(); // warm-up: masks, metrics, collaboration index
  out('query                              p50 ms   p95 ms');
  for (const [label, run] of cases) {
    const times: number[] = [];
    const rounds =
      label.startsWith('suggest') || label.startsWith('consortium')
        ? Math.min(10, Number(args.rounds))
        : Number(args.rounds);
    for (let r = 0; r < rounds; r++) {
      const s = performance.now();
      await run();
      times.push(performance.now() - s);
    }
    out(`${label.padEnd(34)} ${pct(times, 0.5).toFixed(1).padStart(7)}  ${pct(times, 0.95).toFixed(1).padStart(7)}`);
  }
  await engine.close();
}

out(
  `# bench:analytics: ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, load ${loadavg()[0]?.toFixed(1)}, ${people.toLocaleString('en')} people`,
);
for (const backend of (args.backend ?? '').split(',')) {
  const opened = backend === 'embedded' ? await embeddedStore() : backend === 'neo4j' ? await neo4jStore() : undefined;
  if (opened === undefined) continue;
  try {
    await bench(backend, opened.store, opened.dir);
  } finally {
    await opened.store.close();
    await opened.release?.();
    if (backend === 'neo4j') rmSync(opened.dir, { recursive: true, force: true });
  }
}
out(`\nload average at end ${loadavg()[0]?.toFixed(1)}`);
