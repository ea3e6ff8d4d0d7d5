/**
 * Ingest benchmark (`npm run bench:ingest`): prints how long the ingest pipeline takes to load
 * the shared CORDIS extract and the generated 100,000-person network into fresh embedded
 * stores, and the rates. Targets: CORDIS ≤ 10 s; generated ≥ 20,000 nodes/s.
 * A script that prints figures, not a test: timings vary with the machine.
 *
 *   npm run bench:ingest                   # both
 *   npm run bench:ingest -- --people 20000 # a smaller generated network
 *   npm run bench:ingest -- --only cordis  # or --only generated
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cordisSource } from '../../datasets/cordis/importer.js';
import { generatedSource } from '../../datasets/generator/generate.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import type { IngestSource } from '../../engine/ingest/source.js';
import { openStore } from '../../graph/index.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
    only: { type: 'string' },
    'batch-size': { type: 'string', default: '10000' },
  },
});

const CORDIS = fileURLToPath(new URL('../../../shared/datasets/cordis-security/', import.meta.url));
const n = (x: number) => Math.round(x).toLocaleString('en');

async function bench(label: string, source: IngestSource, target: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-bench-'));
  const store = await openStore({ backend: 'embedded', dataDir: dir });
  // Time spent inside the store's upserts, to tell the pipeline's share from the backend's.
  const upsert = store.upsert.bind(store);
  let inStore = 0;
  store.upsert = async (batch) => {
    const t0 = performance.now();
    try {
      return await upsert(batch);
    } finally {
      inStore += performance.now() - t0;
    }
  };
  try {
    const s = await runIngest(store, source, { batchSize: Number(values['batch-size']) });
    const nodes = s.totals.nodes.created + s.totals.nodes.updated + s.totals.nodes.unchanged;
    const rels = s.totals.relationships.created + s.totals.relationships.updated + s.totals.relationships.unchanged;
    const secs = s.durationMs / 1000;
    console.log(
      `${label.padEnd(28)} ${secs.toFixed(2).padStart(7)} s  ${n(nodes).padStart(9)} nodes ${n(nodes / secs).padStart(8)} nodes/s` +
        `  ${n(rels).padStart(9)} rels  ${n((nodes + rels) / secs).padStart(8)} records/s  rejected ${s.rejected}  (target ${target})`,
    );
    const feed = await store.feedInfo();
    console.log(
      `${''.padEnd(28)} change feed: ${n(feed.records)} records kept, head seq ${n(feed.head)} (npm run bench:feed compares the load with the feed on and off)`,
    );
    const storeSecs = inStore / 1000;
    console.log(
      `${''.padEnd(28)} of which ${storeSecs.toFixed(2)} s (${Math.round((100 * storeSecs) / secs)}%) in the store's upserts, ` +
        `${(secs - storeSecs).toFixed(2)} s reading, generating and validating`,
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

console.log(`ingest benchmark: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`);
if (values.only === undefined || values.only === 'cordis') {
  if (existsSync(join(CORDIS, 'H2020', 'project.csv')))
    await bench('CORDIS shared extract', cordisSource(CORDIS), '≤ 10 s');
  else console.log(`CORDIS: skipped, no shared extract at ${CORDIS}`);
}
if (values.only === undefined || values.only === 'generated') {
  const people = Number(values.people);
  const source = generatedSource({ seed: Number(values.seed), people });
  await bench(`generated, ${n(people)} people`, source, '≥ 20,000 nodes/s');
}
