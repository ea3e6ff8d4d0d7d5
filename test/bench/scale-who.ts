/**
 * who-solved as users get it, for bench:scale: hybrid with the default sentence model (its query
 * embedding timed inside every answer), abstention and aggregation included, over a fixed, varied
 * set of questions; the same questions in lexical mode beside it.
 *
 * Corpus vectors. The default model embeds 12-17 passages/s here (2 shared cores, load 15;
 * measured on 256 results, challenges and people of the 100,000-person graph): the graph's 185,000
 * searchable nodes would take 3-4 hours. So, as bench:match does, the corpus vectors come from the
 * deterministic hashed bag-of-words embedder (test/helpers/fake-embedder.ts) at the model's
 * dimensions, kept in the data folder (`vectors-<backend>`), and every question is embedded by
 * the real model inside the answer while the search uses its bag-of-words vector, so that dense
 * candidates agree with the corpus. The HNSW indexes have their real sizes and dimensions; what is
 * not measured is how the real model's neighbours differ from the bag-of-words ones.
 */
import { mkdirSync } from 'node:fs';
import { embedGraph } from '../../engine/embed/embed-graph.js';
import type { Embedder } from '../../engine/embed/embedder.js';
import { DEFAULT_MODEL } from '../../engine/embed/models.js';
import { EMBED_KINDS, maxCharsFor } from '../../engine/embed/node-text.js';
import { createOnnxEmbedder, type OnnxEmbedder } from '../../engine/embed/onnx-embedder.js';
import type { MatchMode } from '../../engine/match/index.js';
import type { Engine } from '../../engine/service.js';
import { StoreVectorIndexes, type VectorIndexSet } from '../../engine/vector/index.js';
import { VectorIndexes } from '../../engine/vector/index-set.js';
import { VectorStore } from '../../engine/vector/vector-store.js';
import type { GraphStore } from '../../graph/store.js';
import type { Viewer } from '../../graph/viewer.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';
import { percentile } from './stats.js';

/**
 * What officers ask, in the generator's domains (datasets/generator/vocab/areas-*.ts), short and
 * long, plus two that nothing covers (the abstention path: no evidence walks).
 */
export const SCALE_QUESTIONS: readonly string[] = [
  'drone detection at prisons',
  'counter-UAS for stadiums',
  'follow the money of networks behind forced begging',
  'cash couriers in suspicious transaction reports',
  'recover criminal assets before they leave the country',
  'triage suspected forged documents at scale',
  'who controls the unhosted wallets used for ransom payments',
  'radicalisation of returning foreign fighters on video platforms',
  'coordinate police, fire and medical teams during industrial accidents',
  'exit programmes for prison inmates',
  'train financial investigators on crypto-assets',
  'money mule networks',
  'ransomware',
  'deepfake evidence in court',
  'child sexual abuse material detection with hashing',
  'body-worn cameras',
  'open-source intelligence on social media',
  'chemical, biological and radiological threats',
  'protection of public spaces against vehicle attacks',
  'border surveillance at sea',
  'synthetic drug laboratories',
  'trafficking in human beings',
  'mobile phone forensics',
  'flood crisis management',
  'xqzv plorf',
  'recipes for sourdough bread',
];

export interface BenchDense {
  /** The embedder the engine gets: the real model runs, the bag-of-words vector is searched. */
  readonly embedder: Embedder;
  readonly model: string;
  /** Seconds spent embedding the corpus this run (0 when the folder was current). */
  readonly embedSeconds: number;
  close(): Promise<void>;
}

/**
 * Puts bag-of-words vectors of every searchable node into `dataDir` (resumable: only new or
 * changed texts are embedded; skipped when the folder's feed position is the store's head) and
 * loads the real model for queries.
 */
export async function benchDense(store: GraphStore, dataDir: string, say: (l: string) => void): Promise<BenchDense> {
  const real: OnnxEmbedder = await createOnnxEmbedder({ model: process.env['ILEANET_EMBED_MODEL'] || DEFAULT_MODEL });
  const fake = createFakeEmbedder({ dimensions: real.dimensions, version: 'bench-scale' });
  let embedSeconds = 0;
  const embedInto = async (indexes: VectorIndexSet, where: string) => {
    const t = performance.now();
    say(`corpus vectors (${fake.model}) into ${where}…`);
    const report = await embedGraph(store, fake, indexes, {
      maxChars: maxCharsFor(real.spec.maxTokens),
      batchSize: 256,
    });
    embedSeconds = (performance.now() - t) / 1000;
    const n = Object.values(report.kinds).reduce((s, k) => s + (k?.embedded ?? 0), 0);
    say(`corpus vectors: ${n} embedded in ${embedSeconds.toFixed(1)} s (text hashes skip what is current)`);
  };
  // A store that keeps the vectors itself (Neo4j): the engine searches them there, so they go there.
  if (store.vectors !== undefined) {
    await embedInto(
      await StoreVectorIndexes.open(store.vectors, fake.model, fake.dimensions, EMBED_KINDS),
      'the store',
    );
    return wrap(real, fake, embedSeconds);
  }
  mkdirSync(dataDir, { recursive: true });
  const vectors = await VectorStore.open(dataDir);
  try {
    const at = await vectors.feedPosition(fake.model);
    const feed = await store.feedInfo();
    if (at?.epoch !== feed.epoch || at.seq !== feed.head) {
      const indexes = new VectorIndexes({ dataDir, model: fake.model, dims: fake.dimensions, store: vectors });
      await embedInto(indexes, dataDir);
      await indexes.close();
    }
  } finally {
    await vectors.close();
  }
  return wrap(real, fake, embedSeconds);
}

/** The real model embeds each question (its time counts); the search uses the corpus vectors' space. */
function wrap(real: OnnxEmbedder, fake: Embedder, embedSeconds: number): BenchDense {
  const embedder: Embedder = {
    model: fake.model,
    dimensions: fake.dimensions,
    async embed(texts, role) {
      await real.embed(texts, role);
      return fake.embed(texts, role);
    },
    close: async () => undefined,
  };
  return { embedder, model: real.model, embedSeconds, close: () => real.close() };
}

export interface WhoSolvedFigures {
  readonly p50: number;
  readonly p95: number;
  /** p50 of each phase the answer reports (engine/match/who-solved.ts stats.phases). */
  readonly phases: { retrieve: number; evidence: number; rank: number };
  readonly count: number;
  readonly abstained: number;
  readonly hits: number;
  /** Per question, the last round's hits as `id score`, to compare answers between builds. */
  readonly answers: Record<string, string[]>;
}

/** Each question once untimed, then `rounds` passes over all of them, timed one by one. */
export async function timeWhoSolved(
  engine: Engine,
  questions: readonly string[],
  mode: MatchMode,
  viewer: Viewer,
  rounds: number,
): Promise<WhoSolvedFigures> {
  for (const q of questions) await engine.whoSolved(q, { mode }, viewer);
  const total: number[] = [];
  const phases = { retrieve: [] as number[], evidence: [] as number[], rank: [] as number[] };
  let abstained = 0;
  let hits = 0;
  const answers: Record<string, string[]> = {};
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t = performance.now();
      const a = await engine.whoSolved(q, { mode }, viewer);
      total.push(performance.now() - t);
      phases.retrieve.push(a.stats.phases.retrieve);
      phases.evidence.push(a.stats.phases.evidence);
      phases.rank.push(a.stats.phases.rank);
      if (a.abstained !== undefined) abstained++;
      hits += a.hits.length;
      answers[q] = a.hits.map((h) => `${h.id} ${h.scores.final}`);
    }
  }
  const p = (xs: number[], q: number) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      q,
    );
  return {
    p50: p(total, 50),
    p95: p(total, 95),
    phases: { retrieve: p(phases.retrieve, 50), evidence: p(phases.evidence, 50), rank: p(phases.rank, 50) },
    count: total.length,
    abstained,
    hits,
    answers,
  };
}
