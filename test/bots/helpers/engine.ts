/**
 * A real Engine over the demo dataset in a temp embedded store, lexical mode (no sentence model):
 * the bots are tested against the engine they will run beside, not a mock of it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSource } from '../../../datasets/demo/index.js';
import { runIngest } from '../../../engine/ingest/pipeline.js';
import { type Engine, openEngine } from '../../../engine/service.js';
import { createEmbeddedStore } from '../../../graph/embedded/index.js';
import { embeddedPath } from '../../../graph/index.js';

export interface DemoEngine {
  readonly engine: Engine;
  readonly dir: string;
  close(): Promise<void>;
}

export async function openDemoEngine(prefix = 'ileanet-bots-'): Promise<DemoEngine> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const store = createEmbeddedStore({ path: embeddedPath(dir) });
  await store.init();
  await runIngest(store, demoSource());
  const engine = await openEngine({ store, dataDir: dir, mode: 'lexical' });
  return {
    engine,
    dir,
    async close() {
      await engine.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
