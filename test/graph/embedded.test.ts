/** The GraphStore contract against the embedded SQLite backend: a fresh database file per test. */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { graphStoreContract } from '../contracts/graph-store.contract.js';

graphStoreContract('embedded (SQLite)', async () => {
  // A folder per store, so that WAL and shared-memory files go with it.
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-graph-'));
  return {
    store: createEmbeddedStore({ path: join(dir, 'graph.sqlite') }),
    another: () => createEmbeddedStore({ path: join(dir, 'graph.sqlite') }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('embedded revision across connections', () => {
  it('a write through another handle on the same file moves this handle’s revision', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ileanet-graph-'));
    const path = join(dir, 'graph.sqlite');
    const a = createEmbeddedStore({ path });
    const b = createEmbeddedStore({ path });
    try {
      await a.init();
      await b.init();
      const before = await a.revision();
      await b.upsert({ nodes: [{ id: 'rev:t', kind: 'Topic', label: 'Drones', scheme: 'keyword' }] });
      expect(await a.revision()).not.toBe(before);
      const after = await a.revision();
      expect(await a.revision(), 'stable while nobody writes').toBe(after);
    } finally {
      await a.close();
      await b.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
