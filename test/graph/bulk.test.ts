/**
 * upsertAll (graph/bulk.ts) over a real embedded store: batches that name nodes of earlier,
 * unfinished ones wait for them; a failing batch stops the load with its error and leaves the
 * committed batches whole. And the Neo4j memory rule (control.ts sizeMemory).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upsertAll } from '../../graph/bulk.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { GraphError } from '../../graph/errors.js';
import type { Batch } from '../../graph/index.js';
import { sizeMemory, storeBytes } from '../../graph/neo4j/server/control.js';
import { SYSTEM } from '../../graph/viewer.js';

function orgBatch(b: number, members: number): Batch {
  return {
    nodes: [
      { id: `bulk:org:${b}`, kind: 'Organisation', name: `Org ${b}`, orgKind: 'lea', country: 'BE' },
      ...Array.from({ length: members }, (_, i) => ({
        id: `bulk:person:${b}:${i}`,
        kind: 'Person' as const,
        name: `Person ${b}.${i}`,
      })),
    ],
    relationships: Array.from({ length: members }, (_, i) => ({
      type: 'MEMBER_OF' as const,
      from: `bulk:person:${b}:${i}`,
      // Every batch after the first also names the previous batch's organisation.
      to: `bulk:org:${i === 0 && b > 0 ? b - 1 : b}`,
    })),
  };
}

async function withStore<T>(fn: (store: ReturnType<typeof createEmbeddedStore>) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-bulk-'));
  const store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
  try {
    await store.init();
    return await fn(store);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('upsertAll', () => {
  it('loads batches that depend on earlier ones with several in flight; the feed holds every record', async () => {
    await withStore(async (store) => {
      const committed: number[] = [];
      const totals = await upsertAll(
        store,
        Array.from({ length: 12 }, (_, b) => orgBatch(b, 5)),
        { concurrency: 4, onBatch: (r) => committed.push(r.nodes.created) },
      );
      expect(totals).toEqual({ batches: 12, nodes: 72, relationships: 60 });
      expect(committed).toEqual(Array(12).fill(6));
      expect((await store.stats(SYSTEM)).relationships.MEMBER_OF).toBe(60);
      expect(await store.headSeq()).toBe(12 * 11);
    });
  });

  it('stops at a failing batch, rethrows its error, and leaves the committed batches whole', async () => {
    await withStore(async (store) => {
      const bad: Batch = { relationships: [{ type: 'MEMBER_OF', from: 'bulk:nobody', to: 'bulk:org:0' }] };
      const batches = [orgBatch(0, 3), orgBatch(1, 3), bad, orgBatch(3, 3), orgBatch(4, 3)];
      const error = await upsertAll(store, batches, { concurrency: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphError);
      expect((error as GraphError).code).toBe('ERR_DANGLING_RELATIONSHIP');
      const found = await store.getNodes(['bulk:org:0', 'bulk:org:1', 'bulk:org:3', 'bulk:org:4'], SYSTEM);
      expect(found.map((n) => n.id)).toEqual(['bulk:org:0', 'bulk:org:1']);
      expect((await store.stats(SYSTEM)).relationships.MEMBER_OF).toBe(6);
    });
  });
});

describe('Neo4j memory rule', () => {
  it('page cache holds the store with 20 % growth; heap grows 256 MiB per GiB from 1 GiB, capped at 4 GiB', () => {
    expect(sizeMemory(0)).toEqual({ storeMb: 0, pageCacheMb: 128, heapMb: 1024 });
    expect(sizeMemory(600 * 2 ** 20)).toEqual({ storeMb: 600, pageCacheMb: 784, heapMb: 1174 });
    expect(sizeMemory(40 * 2 ** 30).heapMb).toBe(4096);
  });

  it('counts the files the page cache serves: store files and native indexes, not Lucene indexes or logs', () => {
    const home = mkdtempSync(join(tmpdir(), 'ileanet-store-bytes-'));
    try {
      const db = join(home, 'data', 'databases', 'neo4j');
      const files: [string, number][] = [
        [join(db, 'neostore.nodestore.db'), 3_000],
        [join(db, 'neostore.propertystore.db.arrays'), 5_000],
        [join(db, 'schema', 'index', 'range-1.0', '3', 'index-3'), 700],
        [join(db, 'schema', 'index', 'token-lookup-1.0', '1', 'index-1'), 200],
        [join(db, 'schema', 'index', 'vector-2.0', '45', '1', '_0.cfs'), 90_000],
        [join(db, 'schema', 'index', 'fulltext-1.0', '12', '1', '_0.cfs'), 40_000],
        [join(home, 'data', 'transactions', 'neo4j', 'neostore.transaction.db.0'), 60_000],
      ];
      for (const [path, bytes] of files) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, Buffer.alloc(bytes));
      }
      expect(storeBytes(home)).toBe(3_000 + 5_000 + 700 + 200);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
