/** The GraphStore contract against the embedded SQLite backend: a fresh database file per test. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { graphStoreContract } from '../contracts/graph-store.contract.js';

graphStoreContract('embedded (SQLite)', async () => {
  // A folder per store, so that WAL and shared-memory files go with it.
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-graph-'));
  return {
    store: createEmbeddedStore({ path: join(dir, 'graph.sqlite') }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});
