/** Temporary embedded stores and full dumps of a store's content, for ingest tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../graph/index.js';
import { type GraphNode, type GraphRel, REL_TYPES } from '../../../graph/model.js';
import type { GraphStore } from '../../../graph/store.js';
import { SYSTEM } from '../../../graph/viewer.js';
import { allNodes } from '../../helpers/all-nodes.js';

export interface TempStore {
  readonly store: GraphStore;
  readonly dataDir: string;
  /** Closes the store and deletes its folder. */
  dispose(): Promise<void>;
}

export async function tempDir(prefix = 'ileanet-ingest-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function tempStore(dataDir?: string): Promise<TempStore> {
  const dir = dataDir ?? (await tempDir());
  const store = await openStore({ backend: 'embedded', dataDir: dir });
  return {
    store,
    dataDir: dir,
    async dispose() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the store in `dataDir`, runs `read`, closes it. */
export async function withStore<T>(dataDir: string, read: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await openStore({ backend: 'embedded', dataDir });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

export interface Dump {
  readonly nodes: readonly GraphNode[];
  readonly relationships: readonly GraphRel[];
}

/** Every node (by kind, then id) and every relationship (by type, then from and to), as the system sees them. */
export async function dump(store: GraphStore): Promise<Dump> {
  const nodes = await allNodes(store);
  const relationships: GraphRel[] = [];
  for (const type of REL_TYPES) {
    let cursor: string | undefined;
    do {
      const page = await store.relationships(
        { type, limit: 10_000, ...(cursor === undefined ? {} : { cursor }) },
        SYSTEM,
      );
      relationships.push(...page.items);
      cursor = page.next;
    } while (cursor !== undefined);
  }
  return { nodes, relationships };
}
