/**
 * who-solved on the CORDIS data, embedded and Neo4j side by side: latency per request (p50, p95)
 * and of its evidence phase, with the evidence walks batched per phase (GraphStore.neighbourhoodsOf,
 * what the engine does) and, in the same run for comparison, one store call per walk (what it did
 * before: `neighbourhood` per start). Queries interleave across the four set-ups, so load on the
 * machine hits them alike; read the figures as ratios. Prints figures, asserts nothing.
 *
 *   npm run bench:who-solved -- [--backends embedded,neo4j] [--rounds 3] [--mode hybrid|lexical]
 *                               [--model minilm] [--limit 10] [--queries N] [--batched-only]
 *
 * On a store that keeps vectors (Neo4j), a further set-up searches both words and vectors inside it
 * ("search inside, vectors too": the vectors of the same model copied in, visibility in its queries).
 * --batched-only leaves out the per-walk set-ups.
 *
 * Neo4j: the server at $NEO4J_URI (npm run neo4j -- start); its database is wiped and loaded with
 * the same graph the embedded store holds (copied record for record, so both answer over the
 * same data). The queries are the labelled ones of bench:quality (test/bench/quality-queries.ts).
 * Vectors (hybrid) are kept in .cache/bench/who-solved/ so a second run re-embeds nothing.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cordisSource } from '../../datasets/cordis/importer.js';
import { embedGraph } from '../../engine/embed/embed-graph.js';
import { projectRoot } from '../../engine/embed/models.js';
import { EMBED_KINDS, maxCharsFor } from '../../engine/embed/node-text.js';
import { createOnnxEmbedder } from '../../engine/embed/onnx-embedder.js';
import { catchUpModel } from '../../engine/feed/index.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { LexicalIndex } from '../../engine/match/lexical.js';
import { NativeLexical, NativeLexicalModel } from '../../engine/match/native-lexical.js';
import type { DenseSide } from '../../engine/match/ports.js';
import type { MatchMode } from '../../engine/match/query.js';
import { createMatcher, type Matcher } from '../../engine/match/who-solved.js';
import { StoreVectorIndexes } from '../../engine/vector/index.js';
import { VectorIndexes } from '../../engine/vector/index-set.js';
import { VectorStore } from '../../engine/vector/vector-store.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { createNeo4jStore } from '../../graph/neo4j/index.js';
import type { ExpandOptions, GraphStore, Subgraph } from '../../graph/store.js';
import type { Viewer } from '../../graph/viewer.js';
import { neo4jTestDatabase } from '../helpers/neo4j.js';
import { copyGraph } from './copy-graph.js';
import { memo } from './memo-embedder.js';
import { buildQueries } from './quality-queries.js';

const { values: args } = parseArgs({
  options: {
    backends: { type: 'string', default: 'embedded,neo4j' },
    rounds: { type: 'string', default: '3' },
    mode: { type: 'string', default: 'hybrid' },
    model: { type: 'string', default: 'minilm' },
    limit: { type: 'string', default: '10' },
    /** Only the first N queries (the 430 take long on a loaded machine). */
    queries: { type: 'string' },
    data: { type: 'string', default: join(projectRoot(), '.cache', 'bench', 'who-solved') },
    'batched-only': { type: 'boolean' },
  },
});

/** $ILEANET_CORDIS: the data elsewhere (a worktree beside the checkout has no ../shared of its own). */
const CORDIS = process.env['ILEANET_CORDIS'] ?? resolve(projectRoot(), '..', 'shared', 'datasets', 'cordis-security');
const VIEWER: Viewer = { id: 'bench', clearance: 'network', orgs: [] };
const out = (line = '') => process.stdout.write(`${line}\n`);
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

/** The store as it was read before: one `neighbourhood` call (two Cypher round trips on Neo4j) per walk. */
function perWalk(store: GraphStore): GraphStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'neighbourhoodsOf')
        return async (ids: readonly string[], options: ExpandOptions, viewer: Viewer): Promise<Subgraph[]> => {
          const subs: Subgraph[] = [];
          for (const id of ids) subs.push(await target.neighbourhood(id, { ...options, hops: 1 }, viewer));
          return subs;
        };
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

async function main(): Promise<void> {
  if (!existsSync(join(CORDIS, 'HORIZON', 'project.csv'))) {
    out(`no CORDIS data at ${CORDIS}: nothing to measure`);
    return;
  }
  const mode = args.mode as MatchMode;
  const rounds = Number(args.rounds);
  const limit = Number(args.limit);
  mkdirSync(args.data, { recursive: true });
  const graphDir = join(args.data, `graph-${process.pid}`);
  mkdirSync(graphDir, { recursive: true });
  const embedded = createEmbeddedStore({ path: join(graphDir, 'graph.sqlite') });
  await embedded.init();
  const closers: (() => Promise<void>)[] = [
    async () => {
      await embedded.close();
      rmSync(graphDir, { recursive: true, force: true });
    },
  ];
  try {
    let t = performance.now();
    const summary = await runIngest(embedded, cordisSource(CORDIS));
    const all = (await buildQueries(embedded)).map((q) => q.text);
    const queries = args.queries === undefined ? all : all.slice(0, Number(args.queries));
    out(
      `CORDIS: ${summary.totals.nodes.created} nodes, ${summary.totals.relationships.created} relationships, ${queries.length} queries, in ${secs(t)}`,
    );
    const stores: { name: string; store: GraphStore }[] = [];
    for (const backend of args.backends.split(',')) {
      if (backend === 'embedded') stores.push({ name: 'embedded', store: embedded });
      else if (backend === 'neo4j') {
        const db = await neo4jTestDatabase();
        if (!db.reachable) {
          out(`neo4j: no server at ${db.config.uri} (npm run neo4j -- start); skipped`);
          await db.close();
          continue;
        }
        // The lease keeps the test suites' wipes off the graph while this run copies and reads it.
        const lease = await db.hold('bench:who-solved-backends');
        closers.push(() => lease.release());
        await db.wipe();
        await db.close();
        const neo = createNeo4jStore(db.config);
        closers.push(() => neo.close());
        await neo.init();
        t = performance.now();
        await copyGraph(embedded, neo);
        out(`neo4j: the same graph loaded in ${secs(t)}`);
        stores.push({ name: 'neo4j', store: neo });
      } else throw new Error(`unknown backend ${backend}: embedded or neo4j`);
    }
    let dense: DenseSide | undefined;
    let vectorStore: VectorStore | undefined;
    if (mode !== 'lexical') {
      const embedder = await createOnnxEmbedder({ model: args.model });
      const vectors = await VectorStore.open(join(args.data, 'vectors'));
      const indexes = new VectorIndexes({
        dataDir: join(args.data, 'vectors'),
        model: embedder.model,
        dims: embedder.dimensions,
        store: vectors,
      });
      closers.push(async () => {
        await indexes.close();
        await vectors.close();
        await embedder.close();
      });
      t = performance.now();
      await embedGraph(embedded, embedder, indexes, { maxChars: maxCharsFor(embedder.spec.maxTokens) });
      out(`${embedder.model}: corpus vectors current in ${secs(t)}`);
      dense = { embedder: memo(embedder), index: indexes };
      vectorStore = vectors;
    }
    const lexical = await LexicalIndex.build(embedded);
    const setups: {
      name: string;
      matcher: Matcher;
      total: number[];
      retrieve: number[];
      evidence: number[];
      walks: number;
    }[] = [];
    const setup = (name: string, matcher: Matcher) =>
      setups.push({ name, matcher, total: [], retrieve: [], evidence: [], walks: 0 });
    for (const { name, store } of stores) {
      for (const [variant, s] of [
        ['batched', store],
        ...(args['batched-only'] === true ? [] : [['per walk', perWalk(store)] as const]),
      ] as const) {
        setup(`${name}, ${variant}`, createMatcher({ store: s, lexical, ...(dense === undefined ? {} : { dense }) }));
      }
      if (store.fullText !== undefined) {
        // Words searched inside the store (what an engine on this backend does), evidence batched.
        t = performance.now();
        await catchUpModel(store, await NativeLexicalModel.open(store, store.fullText, out), out);
        out(`${name}: search terms written in ${secs(t)}`);
        const native = new NativeLexical(store.fullText);
        setup(
          `${name}, search inside`,
          createMatcher({ store, lexical: native, ...(dense === undefined ? {} : { dense }) }),
        );
        if (store.vectors !== undefined && dense !== undefined && vectorStore !== undefined) {
          t = performance.now();
          const model = dense.embedder.model;
          const inStore = await StoreVectorIndexes.open(store.vectors, model, dense.embedder.dimensions, EMBED_KINDS);
          for (const kind of EMBED_KINDS)
            for await (const page of vectorStore.scan(model, kind)) await inStore.upsert(kind, page);
          out(`${name}: vectors stored in ${secs(t)}`);
          setup(
            `${name}, search inside, vectors too`,
            createMatcher({ store, lexical: native, dense: { embedder: dense.embedder, index: inStore } }),
          );
        }
      }
    }
    const ask = (m: Matcher, q: string) => m.whoSolved(q, { limit, mode }, VIEWER);
    // Warm-up: every query once on every set-up (query vectors memoised, caches filled), unmeasured.
    for (const q of queries) for (const s of setups) await ask(s.matcher, q);
    const same = new Map<string, string>();
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        for (const s of setups) {
          const started = performance.now();
          const a = await ask(s.matcher, q);
          s.total.push(performance.now() - started);
          s.retrieve.push(a.stats.phases.retrieve);
          s.evidence.push(a.stats.phases.evidence);
          s.walks += a.stats.walks;
          const ids = a.hits.map((h) => h.id).join(' ');
          const first = same.get(q);
          if (first === undefined) same.set(q, ids);
          else if (first !== ids) same.set(q, `${first}\u0000differs`);
        }
      }
    }
    const differ = [...same.values()].filter((v) => v.endsWith('\u0000differs')).length;
    out('');
    out(
      `who-solved, ${queries.length} queries × ${rounds} rounds, limit ${limit}, ${mode}, warm; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}`,
    );
    out(
      '| set-up                             | p50 ms | p95 ms | retrieve p50 ms | evidence p50 ms | evidence p95 ms | walks/request |',
    );
    out(
      '|------------------------------------|--------|--------|-----------------|-----------------|-----------------|---------------|',
    );
    for (const s of setups) {
      out(
        `| ${s.name.padEnd(34)} | ${quantile(s.total, 0.5).toFixed(1).padStart(6)} | ${quantile(s.total, 0.95).toFixed(1).padStart(6)} | ${quantile(s.retrieve, 0.5).toFixed(1).padStart(15)} | ${quantile(s.evidence, 0.5).toFixed(1).padStart(15)} | ${quantile(s.evidence, 0.95).toFixed(1).padStart(15)} | ${(s.walks / s.total.length).toFixed(1).padStart(13)} |`,
      );
    }
    out(`answers identical across set-ups: ${queries.length - differ} of ${queries.length} queries`);
  } finally {
    for (const c of closers.reverse()) await c();
  }
}

await main();
