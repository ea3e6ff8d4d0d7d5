/**
 * `npm run bench:graph [-- --backends embedded,neo4j --people 100000]`
 * Loads a generated graph (100,000 people, 20,000 organisations, ~1,000,000 relationships)
 * into each backend and prints load throughput, 2-hop neighbourhood and path query
 * latencies (warm) and peak memory. Prints figures; judges nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphStore } from '../../graph/store.js';
import type { Viewer } from '../../graph/viewer.js';
import { benchGraph, DEFAULT_SIZE, personId, rng } from './graph-data.js';
import { arg, fmt, peakRssMiB, peakRssOfPid, timeEach } from './stats.js';

const people = Number(arg('people', String(DEFAULT_SIZE.people)));
const scale = people / DEFAULT_SIZE.people;
const size = {
  people,
  orgs: Math.max(10, Math.round(DEFAULT_SIZE.orgs * scale)),
  projects: Math.max(10, Math.round(DEFAULT_SIZE.projects * scale)),
  topics: DEFAULT_SIZE.topics,
};
const backends = arg('backends', 'embedded,neo4j').split(',');
const queries = Number(arg('queries', '1000'));
const viewer: Viewer = { id: 'bench', clearance: 'network', orgs: ['bench:org:1'] };

async function openBackend(name: string): Promise<{ store: GraphStore; done(): Promise<void>; pid?: number }> {
  if (name === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'ileanet-bench-'));
    const { createEmbeddedStore } = await import('../../graph/embedded/index.js');
    const store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
    await store.init();
    return { store, done: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const { startNeo4j, stopNeo4j } = await import('../../graph/neo4j/server/control.js');
  const port = Number(arg('neo4j-port', '7690'));
  const dataDir = mkdtempSync(join(tmpdir(), 'ileanet-bench-neo4j-'));
  const { uri, pid } = await startNeo4j({ port, dataDir });
  const { createNeo4jStore } = await import('../../graph/neo4j/index.js');
  const store = createNeo4jStore({ uri });
  await store.init();
  return {
    store,
    pid,
    done: async () => {
      await stopNeo4j();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function run(name: string): Promise<void> {
  const { store, done, pid } = await openBackend(name);
  try {
    let nodes = 0;
    let rels = 0;
    const t0 = performance.now();
    let tNodes = 0;
    for (const batch of benchGraph(size)) {
      const b0 = performance.now();
      const r = await store.upsert(batch);
      const dt = performance.now() - b0;
      nodes += r.nodes.created + r.nodes.updated + r.nodes.unchanged;
      rels += r.relationships.created + r.relationships.updated + r.relationships.unchanged;
      // Split each batch's time between its nodes and relationships by record count, to
      // report a per-kind rate without timing them apart (they share one transaction).
      tNodes += (dt * batch.nodes.length) / Math.max(1, batch.nodes.length + batch.relationships.length);
    }
    const loadS = (performance.now() - t0) / 1000;
    const relS = loadS - tNodes / 1000;
    console.log(`\n== ${name} (${store.backend}) ==`);
    console.log(
      `load: ${nodes.toLocaleString('en')} nodes, ${rels.toLocaleString('en')} relationships in ${fmt(loadS)} s`,
    );
    console.log(
      `  overall ${fmt((nodes + rels) / loadS, 0)} records/s; nodes ${fmt(nodes / (tNodes / 1000), 0)} nodes/s; relationships ${fmt(rels / relS, 0)} rels/s`,
    );

    const r = rng(99);
    const starts = Array.from({ length: queries }, () => personId(Math.floor(r() * size.people)));
    const pairs = Array.from({ length: Math.max(50, queries / 4) }, () => [
      personId(Math.floor(r() * size.people)),
      personId(Math.floor(r() * size.people)),
    ]);
    const all2 = await timeEach(starts, (id) => store.neighbourhood(id, { hops: 2 }, viewer));
    const collab2 = await timeEach(starts, (id) =>
      store.neighbourhood(id, { hops: 2, relTypes: ['PARTICIPATED_IN', 'MEMBER_OF'] }, viewer),
    );
    const sample = await store.neighbourhood(starts[0] ?? '', { hops: 2 }, viewer);
    const paths = await timeEach(pairs, ([a, b]) => store.shortestPaths(a ?? '', b ?? '', { maxHops: 4 }, viewer));
    const found = (
      await Promise.all(
        pairs.slice(0, 20).map(([a, b]) => store.shortestPaths(a ?? '', b ?? '', { maxHops: 4 }, viewer)),
      )
    ).filter((p) => p.length > 0).length;
    console.log(
      `2-hop neighbourhood, all relationship types, limit 1000 (n=${all2.n}): p50 ${fmt(all2.p50, 2)} ms, p95 ${fmt(all2.p95, 2)} ms (sample: ${sample.nodes.length} nodes)`,
    );
    console.log(
      `2-hop neighbourhood, collaboration (PARTICIPATED_IN, MEMBER_OF) (n=${collab2.n}): p50 ${fmt(collab2.p50, 2)} ms, p95 ${fmt(collab2.p95, 2)} ms`,
    );
    console.log(
      `shortest paths person-person, maxHops 4 (n=${paths.n}, ${found}/20 found): p50 ${fmt(paths.p50, 2)} ms, p95 ${fmt(paths.p95, 2)} ms`,
    );
    console.log(
      `peak RSS: this process ${fmt(peakRssMiB(), 0)} MiB${pid === undefined ? '' : `; Neo4j JVM ${fmt(peakRssOfPid(pid) ?? Number.NaN, 0)} MiB`}`,
    );
  } finally {
    await store.close();
    await done();
  }
}

console.log(
  `bench:graph: ${size.people} people, ${size.orgs} orgs, ${size.projects} projects, ${size.topics} topics; backends ${backends.join(', ')}`,
);
for (const b of backends) await run(b);
