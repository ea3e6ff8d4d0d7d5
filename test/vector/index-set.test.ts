/**
 * VectorIndexes: exact below the threshold, HNSW above it, saved and caught up from the store,
 * and rebuilt (with a log line) whenever a saved index is missing, damaged, foreign or stale.
 */
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VectorIndexes } from '../../engine/vector/index-set.js';
import { VectorStore } from '../../engine/vector/vector-store.js';
import { randomVectors } from './random.js';

const DIMS = 32;
const MODEL = 'test-model@1';
const PARAMS = { M: 16, efConstruction: 100, efSearch: 64 };

describe('VectorIndexes', () => {
  let dir: string;
  let store: VectorStore;
  let logs: string[];
  const open = (extra: Partial<ConstructorParameters<typeof VectorIndexes>[0]> = {}) =>
    new VectorIndexes({
      dataDir: dir,
      model: MODEL,
      dims: DIMS,
      store,
      exactBelow: 50,
      hnsw: PARAMS,
      log: (l) => logs.push(l),
      ...extra,
    });
  const vectors = randomVectors(300, DIMS, 11);
  const rows = (from: number, to: number) =>
    vectors.slice(from, to).map((vector, i) => ({ id: `p${from + i}`, textHash: `h${from + i}`, vector }));
  const top1 = async (ix: VectorIndexes, i: number) =>
    (await ix.search('Project', vectors[i] as Float32Array, 1))[0]?.id;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ileanet-ix-'));
    store = await VectorStore.open(dir);
    logs = [];
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('searches a small kind exactly and writes no index file for it', async () => {
    const ix = open();
    await ix.upsert('Project', rows(0, 20));
    expect(await ix.status(['Project', 'Person'])).toMatchObject([
      { kind: 'Project', type: 'exact', size: 20 },
      { kind: 'Person', type: 'exact', size: 0 },
    ]);
    expect(await top1(ix, 7)).toBe('p7');
    expect(await ix.search('Person', vectors[0] as Float32Array, 5)).toEqual([]);
    await ix.close();
    expect(existsSync(ix.files('Project').hnsw)).toBe(false);
  });

  it('switches to HNSW past the threshold, saves it, and reloads it without rebuilding', async () => {
    const ix = open();
    await ix.upsert('Project', rows(0, 30));
    await ix.upsert('Project', rows(30, 200));
    expect((await ix.status(['Project']))[0]).toMatchObject({ type: 'hnsw', size: 200 });
    expect(logs.some((l) => l.includes('switching from exact search to HNSW'))).toBe(true);
    await ix.close();
    logs = [];
    const again = open();
    expect((await again.status(['Project']))[0]).toMatchObject({ type: 'hnsw', size: 200 });
    expect(await top1(again, 123)).toBe('p123');
    expect(logs).toEqual([]);
  });

  it('catches up with writes and deletes made after the index was saved (another process, or a crash before saving)', async () => {
    const first = open();
    await first.upsert('Project', rows(0, 100));
    await first.close();
    // A writer that never saved its index: only the store knows.
    const other = open();
    await other.upsert('Project', rows(100, 150));
    await other.delete('Project', ['p3', 'p4']);
    // (no close: the index on disk still reflects 100 vectors)
    logs = [];
    const reader = open();
    expect((await reader.status(['Project']))[0]).toMatchObject({ type: 'hnsw', size: 148 });
    expect(await top1(reader, 140)).toBe('p140');
    expect((await reader.search('Project', vectors[3] as Float32Array, 5)).map((h) => h.id)).not.toContain('p3');
    expect(logs).toEqual([]);
    // refresh(): a reader picks up later writes without reloading.
    await other.upsert('Project', rows(150, 160));
    await reader.refresh('Project');
    expect(await top1(reader, 155)).toBe('p155');
  });

  const damages: [string, (ix: VectorIndexes) => void, RegExp][] = [
    ['truncated', (ix) => truncateSync(ix.files('Project').hnsw, 64), /bytes, the header says/],
    [
      'corrupted',
      (ix) => {
        const f = ix.files('Project').hnsw;
        const b = readFileSync(f);
        b[b.length - 100] = (b[b.length - 100] ?? 0) ^ 0x55;
        writeFileSync(f, b);
      },
      /fails its checksum/,
    ],
    [
      'built for another model',
      (ix) => {
        const f = ix.files('Project').header;
        writeFileSync(f, readFileSync(f, 'utf8').replace(MODEL, 'other-model@9'));
      },
      /built for model other-model@9/,
    ],
    [
      'of other dimensions',
      (ix) => {
        const f = ix.files('Project').header;
        writeFileSync(f, readFileSync(f, 'utf8').replace(`"dims": ${DIMS}`, '"dims": 384'));
      },
      /384 dimensions/,
    ],
    ['missing', (ix) => rm(ix.files('Project').hnsw, { force: true }), /missing/],
  ];
  for (const [what, damage, reason] of damages) {
    it(`rebuilds a ${what} index from the vector store, says so, and answers as before`, async () => {
      const ix = open();
      await ix.upsert('Project', rows(0, 120));
      const before = await ix.search('Project', vectors[60] as Float32Array, 5);
      await ix.close();
      await damage(ix);
      logs = [];
      const again = open();
      const after = await again.search('Project', vectors[60] as Float32Array, 5);
      expect(after.map((h) => h.id)).toEqual(before.map((h) => h.id));
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatch(
        /vector index Project \(test-model@1\): .*rebuilding from the vector store \(120 vectors\)/,
      );
      expect(logs[0]).toMatch(reason);
      // Rebuilt and saved: the next load is clean.
      await again.close();
      logs = [];
      await open().search('Project', vectors[0] as Float32Array, 1);
      expect(logs).toEqual([]);
    });
  }

  it('builds an index never saved (e.g. the writer crashed first) and says so', async () => {
    const ix = open();
    await ix.upsert('Project', rows(0, 120));
    // no close(): nothing saved
    logs = [];
    const again = open();
    expect(await top1(again, 99)).toBe('p99');
    expect(logs).toEqual([
      'vector index Project (test-model@1): no saved index yet; building it from the vector store (120 vectors)',
    ]);
  });

  it('rebuilds an index that disagrees with the store on the count', async () => {
    const ix = open();
    await ix.upsert('Project', rows(0, 100));
    await ix.close();
    // Vectors removed behind the index's back, with no record of the removal.
    await store.prune('nobody');
    await store.put(
      MODEL,
      rows(0, 60).map((r) => ({ ...r, kind: 'Project' as const })),
    );
    await store.put(
      MODEL,
      rows(0, 60).map((r) => ({ ...r, kind: 'Project' as const })),
    );
    logs = [];
    const again = open();
    expect((await again.status(['Project']))[0]?.size).toBe(60);
    expect(logs.join('\n')).toMatch(/holds 100 vectors, the store 60; rebuilding/);
  });

  it('compacts an index whose deleted elements outgrow a quarter of it when saving', async () => {
    const ix = open();
    await ix.upsert('Project', rows(0, 100));
    // Every re-embedding leaves a deleted element behind (see HnswIndex.upsert).
    for (let round = 0; round < 11; round++) await ix.upsert('Project', rows(0, 100));
    await ix.close();
    expect(logs.join('\n')).toMatch(/compacting 1100 deleted elements/);
    const header = JSON.parse(readFileSync(ix.files('Project').header, 'utf8')) as { count: number; elements: number };
    expect(header).toMatchObject({ count: 100, elements: 100 });
    expect(await top1(open(), 42)).toBe('p42');
  });

  it('rebuild() starts from the store and never re-embeds', async () => {
    const ix = open();
    await ix.upsert('Project', rows(0, 80));
    expect(await ix.rebuild('Project')).toMatchObject({ type: 'hnsw', size: 80 });
    expect(await top1(ix, 79)).toBe('p79');
  });

  it('keeps each model in its own folder', async () => {
    const a = open();
    const b = open({ model: 'test-model@2' });
    expect(a.dir).not.toBe(b.dir);
    await a.upsert('Project', rows(0, 10));
    expect(await b.search('Project', vectors[0] as Float32Array, 3)).toEqual([]);
  });
});
