/**
 * who-solved latency, end to end, on the 100,000-person generated graph: embedded store, warm,
 * query embedding by the real sentence model included. Prints figures, asserts nothing.
 *
 *   npm run bench:match          (npx tsx test/bench/match.ts [--people 100000] [--queries 100] [--rounds 3]
 *                                 [--model minilm] [--corpus-vectors fake|real])
 *
 * The graph, its lexical index and its vectors are kept in .cache/bench/match/ (generation and
 * indexing take minutes; a second run starts at the queries).
 *
 * Corpus vectors: embedding all 185,000 searchable nodes with the real model takes hours on a
 * 2-core machine, so by default they come from the deterministic FakeEmbedder at the model's
 * dimensions; every query is still embedded by the real model (its time is in the figures),
 * and the HNSW search runs over an index of the real size and dimensions. The search uses the
 * fake query vector, so dense candidates agree with the fake corpus. `--corpus-vectors real`
 * embeds the corpus with the real model instead (hours).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatedSource } from '../../datasets/generator/generate.js';
import { embedGraph } from '../../engine/embed/embed-graph.js';
import type { Embedder } from '../../engine/embed/embedder.js';
import { projectRoot } from '../../engine/embed/models.js';
import { maxCharsFor } from '../../engine/embed/node-text.js';
import { createOnnxEmbedder } from '../../engine/embed/onnx-embedder.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { LexicalIndex } from '../../engine/match/lexical.js';
import { createMatcher } from '../../engine/match/who-solved.js';
import { VectorIndexes } from '../../engine/vector/index-set.js';
import { VectorStore } from '../../engine/vector/vector-store.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    model: { type: 'string', default: 'minilm' },
    'corpus-vectors': { type: 'string', default: 'fake' },
    data: { type: 'string', default: join(projectRoot(), '.cache', 'bench', 'match') },
  },
});

const out = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
const SEED = 42;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const people = Number(args.people);
  const dir = join(args.data, `people-${people}`);
  mkdirSync(dir, { recursive: true });
  const stampFile = join(dir, 'generated.json');
  const store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
  await store.init();
  const stamp = existsSync(stampFile)
    ? (JSON.parse(readFileSync(stampFile, 'utf8')) as { seed: number; people: number })
    : undefined;
  if (stamp?.seed !== SEED || stamp.people !== people) {
    const t = performance.now();
    const s = await runIngest(store, generatedSource({ seed: SEED, people }), { batchSize: 20_000 });
    writeFileSync(stampFile, JSON.stringify({ seed: SEED, people }));
    out(
      `generated ${s.totals.nodes.created.toLocaleString('en')} nodes, ${s.totals.relationships.created.toLocaleString('en')} relationships in ${seconds(t)}`,
    );
  }
  const stats = await store.stats(SYSTEM);
  out(
    `graph: ${Object.entries(stats.nodes)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
      .join(', ')}`,
  );

  let t = performance.now();
  const lexical = await LexicalIndex.open(store, dir, { log: out });
  out(`lexical index ready in ${seconds(t)}`);

  const real = await createOnnxEmbedder({ model: args.model, threads: 1 });
  const fakeCorpus = args['corpus-vectors'] !== 'real';
  const fake = createFakeEmbedder({ dimensions: real.dimensions, version: 'bench' });
  // Corpus embedding (once, resumable) may use every core; query timing stays on one thread.
  const corpus: Embedder = fakeCorpus ? fake : await createOnnxEmbedder({ model: args.model });
  const vectors = await VectorStore.open(dir);
  const indexes = new VectorIndexes({
    dataDir: dir,
    model: corpus.model,
    dims: corpus.dimensions,
    store: vectors,
    log: out,
  });
  t = performance.now();
  const report = await embedGraph(store, corpus, indexes, {
    maxChars: maxCharsFor(real.spec.maxTokens),
    batchSize: 256,
  });
  const embedded = Object.values(report.kinds).reduce((s, k) => s + (k?.embedded ?? 0), 0);
  out(`vectors (${corpus.model}): ${embedded.toLocaleString('en')} embedded now, the rest kept, in ${seconds(t)}`);

  // The query always goes through the real model; with fake corpus vectors the search uses the fake query vector.
  const queryEmbedder: Embedder = {
    model: corpus.model,
    dimensions: corpus.dimensions,
    async embed(texts, role) {
      const v = await real.embed(texts, role);
      return fakeCorpus ? fake.embed(texts, role) : v;
    },
    close: async () => undefined,
  };
  const matcher = createMatcher({ store, lexical, dense: { embedder: queryEmbedder, index: indexes } });

  // Queries: titles of stored challenges (what officers ask), spread over the id range, plus the canonical one.
  const challenges = await store.list({ kind: 'Challenge', limit: 10_000 }, SYSTEM);
  const n = Number(args.queries);
  const step = Math.max(1, Math.floor(challenges.items.length / n));
  const texts = ['who has solved drone detection at prisons?'];
  for (let i = 0; texts.length < n && i < challenges.items.length; i += step) {
    const c = challenges.items[i];
    if (c?.kind === 'Challenge') texts.push(c.title);
  }
  const orgs = await store.list({ kind: 'Organisation', limit: 1 }, SYSTEM);
  const viewer: Viewer = { id: 'bench', clearance: 'network', orgs: orgs.items.map((o) => o.id) };

  t = performance.now();
  for (const q of texts) await matcher.whoSolved(q, {}, viewer);
  out(`warm-up: ${texts.length} queries in ${seconds(t)}`);

  const total: number[] = [];
  const embedMs: number[] = [];
  const phases = { retrieve: [] as number[], evidence: [] as number[], rank: [] as number[] };
  let walks = 0;
  let hits = 0;
  // An abstained answer skips the evidence walks: the share is printed so a fast p95 is not one of empty answers.
  let abstained = 0;
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const q of texts) {
      const e = performance.now();
      await real.embed([q], 'query');
      embedMs.push(performance.now() - e);
      const s = performance.now();
      const a = await matcher.whoSolved(q, {}, viewer);
      total.push(performance.now() - s);
      phases.retrieve.push(a.stats.phases.retrieve);
      phases.evidence.push(a.stats.phases.evidence);
      phases.rank.push(a.stats.phases.rank);
      walks += a.stats.walks;
      hits += a.hits.length;
      if (a.abstained !== undefined) abstained++;
    }
  }
  const fmt = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `p50 ${quantile(s, 0.5).toFixed(1)} ms, p95 ${quantile(s, 0.95).toFixed(1)} ms`;
  };
  out('');
  out(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  out(
    `who-solved end to end (${total.length} requests, ${texts.length} distinct queries, model ${real.model} on 1 thread, corpus vectors ${fakeCorpus ? 'fake' : 'real'}):`,
  );
  out(`  total              ${fmt(total)}`);
  out(`  query embedding    ${fmt(embedMs)}   (measured alone, same texts)`);
  out(`  retrieve phase     ${fmt(phases.retrieve)}   (embedding + BM25 + HNSW + store re-read)`);
  out(`  evidence phase     ${fmt(phases.evidence)}   (${(walks / total.length).toFixed(1)} store walks a request)`);
  out(`  rank phase         ${fmt(phases.rank)}`);
  out(`  hits per answer    ${(hits / total.length).toFixed(1)} (default limit: the total), ${abstained} abstained`);
  await indexes.close();
  await vectors.close();
  if (corpus !== fake) await corpus.close();
  await real.close();
  await store.close();
}

await main();
