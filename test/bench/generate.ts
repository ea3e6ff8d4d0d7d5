/**
 * Generator benchmark: how fast the seeded generator produces records, with no store, and
 * how much memory it holds. A script that prints figures, not a test.
 *
 *   npx tsx test/bench/generate.ts                  # 100,000 people, seed 42
 *   npx tsx test/bench/generate.ts --people 20000 --runs 3
 *   /usr/bin/time -v npx tsx test/bench/generate.ts # peak RSS of the whole process
 *   node --expose-gc --import tsx test/bench/generate.ts   # also the heap left after a full GC
 *
 * Records are counted and dropped as they come, as the ingest pipeline would after writing
 * them, so the heap figure is what the generator itself keeps. Rates are given per second of
 * wall time and per second of CPU time: on a shared machine only the second is comparable.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { generate } from '../../datasets/generator/generate.js';
import { resolveOptions } from '../../datasets/generator/options.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
    runs: { type: 'string', default: '1' },
    'chunk-size': { type: 'string', default: '4000' },
  },
});

const n = (x: number) => Math.round(x).toLocaleString('en');
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

console.log(`generator benchmark: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`);
const options = resolveOptions({
  seed: Number(values.seed),
  people: Number(values.people),
  chunkSize: Number(values['chunk-size']),
});
for (let run = 1; run <= Number(values.runs); run++) {
  let nodes = 0;
  let rels = 0;
  let chunks = 0;
  let biggest = 0;
  let peakHeap = 0;
  let peakRss = 0;
  let peakRetained = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const chunk of generate(options)) {
    chunks++;
    nodes += chunk.nodes.length;
    rels += chunk.relationships.length;
    biggest = Math.max(biggest, chunk.nodes.length + chunk.relationships.length);
    // Sampled every 25 chunks: memoryUsage() itself costs a little.
    if (chunks % 25 === 0) {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
      if (gc) {
        gc();
        peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed);
      }
    }
  }
  const secs = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSecs = (used.user + used.system) / 1e6;
  console.log(
    `run ${run}: ${n(options.people)} people in ${secs.toFixed(2)} s: ${n(nodes)} nodes + ${n(rels)} relationships = ${n(nodes + rels)} records` +
      ` in ${n(chunks)} chunks (largest ${n(biggest)});\n  wall: ${n(nodes / secs)} nodes/s, ${n((nodes + rels) / secs)} records/s;` +
      ` CPU ${cpuSecs.toFixed(2)} s: ${n(nodes / cpuSecs)} nodes/s, ${n((nodes + rels) / cpuSecs)} records/s per CPU second;` +
      ` peak heap ${mb(peakHeap)}${gc ? ` (after GC ${mb(peakRetained)})` : ''}, peak RSS ${mb(peakRss)}`,
  );
}
