/**
 * The demo dataset in a temporary embedded store, through the real ingest pipeline, behind a
 * real Engine. With `dense`, the graph is embedded by the deterministic FakeEmbedder first (as
 * `ileanet embed` would, into the same vector store and indexes), so the engine has a dense
 * side without the sentence model.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSource } from '../../datasets/demo/index.js';
import { embedGraph, openVectorSide } from '../../engine/embed/index.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { type Engine, openEngine } from '../../engine/service.js';
import { openStore } from '../../graph/index.js';
import type { GraphStore } from '../../graph/store.js';
import { createFakeEmbedder, type FakeEmbedder } from './fake-embedder.js';

export interface DemoEngine {
  readonly dir: string;
  readonly store: GraphStore;
  readonly engine: Engine;
  readonly embedder?: FakeEmbedder;
  close(): Promise<void>;
}

export async function ingestDemo(dir: string): Promise<void> {
  const store = await openStore({ backend: 'embedded', dataDir: dir });
  try {
    const summary = await runIngest(store, demoSource());
    if (summary.rejected > 0) throw new Error(`the demo dataset had ${summary.rejected} rejected records`);
  } finally {
    await store.close();
  }
}

export async function embedWithFake(dir: string, store: GraphStore, embedder: FakeEmbedder): Promise<void> {
  const side = await openVectorSide(dir, { model: embedder, log: () => undefined, store });
  try {
    await embedGraph(store, embedder, side.indexes);
  } finally {
    await side.close();
  }
}

export interface DemoEngineOptions {
  /** Embed the graph with the FakeEmbedder first, so the engine has a dense side. */
  readonly dense?: boolean;
  /** A folder already holding the demo (kept at close); default a new temporary one (removed at close). */
  readonly dir?: string;
  /** Name prefix of the temporary folder, to tell suites' leftovers apart. */
  readonly prefix?: string;
}

export async function openDemoEngine(options: DemoEngineOptions = {}): Promise<DemoEngine> {
  const owned = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), options.prefix ?? 'ileanet-demo-')));
  if (owned) await ingestDemo(dir);
  const store = await openStore({ backend: 'embedded', dataDir: dir });
  const embedder = options.dense ? createFakeEmbedder({ dimensions: 128 }) : undefined;
  if (embedder !== undefined && owned) await embedWithFake(dir, store, embedder);
  const engine = await openEngine({
    store,
    dataDir: dir,
    mode: embedder === undefined ? 'lexical' : 'hybrid',
    ...(embedder === undefined ? {} : { embedder }),
  });
  return {
    dir,
    store,
    engine,
    ...(embedder === undefined ? {} : { embedder }),
    async close() {
      await engine.close();
      await store.close();
      if (owned) await rm(dir, { recursive: true, force: true });
    },
  };
}
