/**
 * Benchmark of the matching substrate; prints figures, asserts nothing (tests judge correctness).
 *
 *   npx tsx test/bench/match-embed.ts [--embed-only | --hnsw-only] [--n 100000] [--queries 200]
 *                                     [--data uniform,clustered] [--threads 2] [--sentences 128]
 *                                     [--vectors DATA_DIR --model MODEL_STRING [--kind Project]]
 *
 * 1. Embedding throughput, sentences/s, for each provisioned model: the OnnxEmbedder
 *    (transformers.js pipeline) beside a bare onnxruntime-node InferenceSession on the same .onnx
 *    with the same tokenizer.json (test/embed/raw-onnx.ts), at batch 1 and batch 32, in one run,
 *    configurations interleaved over rounds (median kept) so machine load hits them alike.
 *    Tokenisation, pooling and normalisation are INCLUDED on both sides: text in, unit vector out.
 * 2. HNSW with DEFAULT_HNSW at --n vectors of 384 dimensions: build time, recall@10 against exact
 *    search over an efSearch sweep, and query time p50/p95 (single queries, one thread).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultModelsDir, MODELS } from '../../engine/embed/models.js';
import { createOnnxEmbedder } from '../../engine/embed/onnx-embedder.js';
import { modelDir, readManifest } from '../../engine/embed/provision.js';
import { ExactIndex } from '../../engine/vector/exact-index.js';
import { DEFAULT_HNSW, HnswIndex } from '../../engine/vector/hnsw-index.js';
import type { NodeKind } from '../../graph/model.js';
import { createRawEmbedder } from '../embed/raw-onnx.js';
import { randomVectors, recallAtK, rng } from '../vector/random.js';

const { values: args } = parseArgs({
  options: {
    'embed-only': { type: 'boolean' },
    'hnsw-only': { type: 'boolean' },
    n: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    data: { type: 'string', default: 'uniform,clustered' },
    threads: { type: 'string', default: String(availableParallelism()) },
    sentences: { type: 'string', default: '128' },
    rounds: { type: 'string', default: '3' },
    /** Real vectors instead of synthetic ones: a data folder, its model string and a kind. */
    vectors: { type: 'string' },
    model: { type: 'string' },
    kind: { type: 'string', default: 'Project' },
  },
});

const out = (line = '') => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;

/** Sentences like the network's texts: 8–60 words of its vocabulary, varied lengths. */
function corpus(n: number): string[] {
  const words = (
    'police forensic laboratory drone detection cybercrime evidence border investigation cryptocurrency ' +
    'analysis training network exchange prison radio frequency sensor darknet victim identification ' +
    'trafficking interoperability platform situational awareness crisis management explosives biometric ' +
    'surveillance privacy community policing radicalisation prevention public order first responders'
  ).split(' ');
  const r = rng(99);
  return Array.from({ length: n }, () =>
    Array.from({ length: 8 + Math.floor(r() * 52) }, () => words[Math.floor(r() * words.length)]).join(' '),
  );
}

async function embeddingBench(): Promise<void> {
  const threads = Number(args.threads);
  const texts = corpus(Number(args.sentences));
  const rounds = Number(args.rounds);
  out(
    `## embedding throughput (sentences/s; ${texts.length} sentences of 8–60 words; ${threads} threads; tokenisation included on both sides; median of ${rounds} rounds)`,
  );
  out('model                 batch  transformers.js  raw onnxruntime  ratio (raw/ours)');
  for (const spec of MODELS) {
    const dir = modelDir(defaultModelsDir(), spec);
    if (!readManifest(dir)) {
      out(`${spec.name}: not provisioned (ileanet model fetch --model ${spec.aliases[0]}), skipped`);
      continue;
    }
    const ours = {
      1: await createOnnxEmbedder({ model: spec.name, threads, batchSize: 1 }),
      32: await createOnnxEmbedder({ model: spec.name, threads, batchSize: 32 }),
    };
    const raw = await createRawEmbedder(dir, spec, threads);
    const prefixed = texts.map((t) => spec.prefixes.passage + t);
    const rawRun = async (batch: number) => {
      // The same length-sorted batching as the OnnxEmbedder, so padding costs the same.
      const sorted = [...prefixed].sort((a, b) => a.length - b.length);
      for (let i = 0; i < sorted.length; i += batch) await raw.embed(sorted.slice(i, i + batch));
    };
    const runs: Record<string, () => Promise<unknown>> = {
      'ours-1': () => ours[1].embed(texts, 'passage'),
      'ours-32': () => ours[32].embed(texts, 'passage'),
      'raw-1': () => rawRun(1),
      'raw-32': () => rawRun(32),
    };
    for (const run of Object.values(runs)) await run(); // warm-up: first-call allocations
    const rates: Record<string, number[]> = {};
    for (let r = 0; r < rounds; r++) {
      for (const [name, run] of Object.entries(runs)) {
        const t = performance.now();
        await run();
        rates[name] = [...(rates[name] ?? []), texts.length / ((performance.now() - t) / 1000)];
      }
    }
    for (const b of [1, 32]) {
      const o = median(rates[`ours-${b}`] ?? []);
      const w = median(rates[`raw-${b}`] ?? []);
      out(
        `${spec.name.padEnd(22)}${String(b).padStart(5)}  ${o.toFixed(1).padStart(15)}  ${w.toFixed(1).padStart(15)}  ${(w / o).toFixed(2).padStart(16)}`,
      );
    }
    await ours[1].close();
    await ours[32].close();
    await raw.close();
  }
  out();
}

/** Stored embeddings (e.g. of CORDIS projects after `ileanet embed`), shuffled; the last `queries` become the queries. */
async function storedVectors(): Promise<Float32Array[]> {
  const { VectorStore } = await import('../../engine/vector/vector-store.js');
  const vs = await VectorStore.open(args.vectors as string);
  const all: Float32Array[] = [];
  // --kind may list several kinds (Challenge,Result,Project): one index over all of them.
  for (const kind of (args.kind ?? 'Project').split(',')) {
    for await (const page of vs.scan(args.model as string, kind as NodeKind)) {
      all.push(...page.map((r) => r.vector));
    }
  }
  // Queries are the last vectors: shuffle (seeded) so they are not all of the last kind.
  const r = rng(7);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j] as Float32Array, all[i] as Float32Array];
  }
  await vs.close();
  return all;
}

async function hnswBench(): Promise<void> {
  const q = Number(args.queries);
  const dims = 384;
  const sets = args.vectors ? ['stored'] : (args.data ?? '').split(',').filter((d) => d !== '');
  for (const data of sets) {
    const clusters = data === 'clustered' ? 1_000 : 0;
    const stored = data === 'stored' ? await storedVectors() : undefined;
    const n = stored ? stored.length - q : Number(args.n);
    const label = stored ? `stored ${args.model} ${args.kind}` : `${data}${clusters ? ` (${clusters} clusters)` : ''}`;
    out(
      `## HNSW, ${n.toLocaleString('en')} × ${dims} ${label} unit vectors, M=${DEFAULT_HNSW.M} efConstruction=${DEFAULT_HNSW.efConstruction}`,
    );
    const vectors = stored ? stored.slice(0, n) : randomVectors(n, dims, 1234, clusters);
    const queries = stored ? stored.slice(n) : randomVectors(q, dims, 4321, clusters);
    const exact = new ExactIndex(dims, n);
    vectors.forEach((v, i) => {
      exact.upsert(`n${i}`, v);
    });
    const exactTimes: number[] = [];
    const truth = queries.map((v) => {
      const t = performance.now();
      const ids = exact.search(v, 10).map((h) => h.id);
      exactTimes.push(performance.now() - t);
      return ids;
    });
    out(`exact search: p50 ${median(exactTimes).toFixed(1)} ms, p95 ${pct(exactTimes, 0.95).toFixed(1)} ms`);

    const hnsw = HnswIndex.create(dims, DEFAULT_HNSW, n);
    let t = performance.now();
    vectors.forEach((v, i) => {
      hnsw.upsert(`n${i}`, v);
    });
    out(
      `build: ${((performance.now() - t) / 1000).toFixed(1)} s (${(n / ((performance.now() - t) / 1000)).toFixed(0)} inserts/s, one thread)`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'ileanet-bench-'));
    const files = { hnsw: join(dir, 'x.hnsw'), ids: join(dir, 'x.ids.json'), header: join(dir, 'x.json') };
    t = performance.now();
    hnsw.save(files, { model: 'bench', kind: 'Project', seq: 0 });
    const saveS = (performance.now() - t) / 1000;
    t = performance.now();
    HnswIndex.load(files, { model: 'bench', kind: 'Project', dims });
    out(
      `save ${saveS.toFixed(1)} s, load with checksums ${((performance.now() - t) / 1000).toFixed(1)} s, file ${(statSync(files.hnsw).size / 2 ** 20).toFixed(0)} MiB`,
    );
    rmSync(dir, { recursive: true, force: true });

    out('efSearch  recall@10  p50 ms  p95 ms');
    for (const ef of [50, 100, 200, 400, 800]) {
      hnsw.efSearch = ef;
      const times: number[] = [];
      const found = queries.map((v) => {
        const s = performance.now();
        const ids = hnsw.search(v, 10).map((h) => h.id);
        times.push(performance.now() - s);
        return ids;
      });
      const mark = ef === DEFAULT_HNSW.efSearch ? '  ← default' : '';
      out(
        `${String(ef).padStart(8)}  ${recallAtK(truth, found).toFixed(4).padStart(9)}  ${median(times).toFixed(2).padStart(6)}  ${pct(times, 0.95).toFixed(2).padStart(6)}${mark}`,
      );
    }
    out();
  }
}

out(
  `# match-embed benchmark: ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, load average ${loadavg()[0]?.toFixed(1)} at start, Node ${process.version}`,
);
out();
if (!args['hnsw-only']) await embeddingBench();
if (!args['embed-only']) await hnswBench();
out(`load average ${loadavg()[0]?.toFixed(1)} at end`);
