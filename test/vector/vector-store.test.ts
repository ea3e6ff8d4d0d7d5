/** The vector store: hashes for skip-if-unchanged, seq for index catch-up, models side by side. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VectorStore } from '../../engine/vector/vector-store.js';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('VectorStore', () => {
  let dir: string;
  let vs: VectorStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ileanet-vs-'));
    vs = await VectorStore.open(dir);
  });
  afterEach(async () => {
    await vs.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores vectors with their text hash and gives them back bit for bit', async () => {
    await vs.put('m@1', [
      { kind: 'Project', id: 'p1', textHash: 'h1', vector: v(0.1, 0.2, 0.3) },
      { kind: 'Project', id: 'p2', textHash: 'h2', vector: v(1, 0, 0) },
    ]);
    expect(await vs.hashes('m@1', 'Project')).toEqual(
      new Map([
        ['p1', 'h1'],
        ['p2', 'h2'],
      ]),
    );
    expect(await vs.hashes('m@1', 'Project', ['p2', 'nope'])).toEqual(new Map([['p2', 'h2']]));
    expect((await vs.get('m@1', 'Project', ['p1'])).get('p1')).toEqual(v(0.1, 0.2, 0.3));
    expect(await vs.count('m@1', 'Project')).toBe(2);
    expect(await vs.count('m@1', 'Person')).toBe(0);
  });

  it('replaces a vector in place and keeps models apart', async () => {
    await vs.put('m@1', [{ kind: 'Project', id: 'p1', textHash: 'h1', vector: v(1, 0) }]);
    await vs.put('m@1', [{ kind: 'Project', id: 'p1', textHash: 'h1b', vector: v(0, 1) }]);
    await vs.put('m@2', [{ kind: 'Project', id: 'p1', textHash: 'h1', vector: v(1, 0, 0) }]);
    expect(await vs.count('m@1', 'Project')).toBe(1);
    expect((await vs.hashes('m@1', 'Project')).get('p1')).toBe('h1b');
    expect((await vs.hashes('m@2', 'Project')).get('p1')).toBe('h1');
    expect(await vs.models()).toEqual([
      { model: 'm@1', kind: 'Project', dims: 2, count: 1 },
      { model: 'm@2', kind: 'Project', dims: 3, count: 1 },
    ]);
    expect(await vs.prune('m@2')).toBe(1);
    expect(await vs.count('m@1', 'Project')).toBe(0);
  });

  it('rejects a vector whose length differs from the model’s, writing nothing of the batch', async () => {
    await vs.put('m@1', [{ kind: 'Project', id: 'p1', textHash: 'h', vector: v(1, 0) }]);
    await expect(
      vs.put('m@1', [
        { kind: 'Project', id: 'p2', textHash: 'h', vector: v(1, 0) },
        { kind: 'Project', id: 'p3', textHash: 'h', vector: v(1, 0, 0) },
      ]),
    ).rejects.toThrow(/3 dimensions/);
    expect(await vs.count('m@1', 'Project')).toBe(1);
  });

  it('numbers every write and delete, so an index can catch up from a seq', async () => {
    const [a, b] = await vs.put('m', [
      { kind: 'Result', id: 'r1', textHash: 'h', vector: v(1, 0) },
      { kind: 'Result', id: 'r2', textHash: 'h', vector: v(0, 1) },
    ]);
    expect(b).toBe((a ?? 0) + 1);
    const mark = await vs.lastSeq('m', 'Result');
    await vs.put('m', [{ kind: 'Result', id: 'r3', textHash: 'h', vector: v(1, 1) }]);
    expect(await vs.delete('m', 'Result', ['r1', 'missing'])).toBe(1);
    expect(await vs.lastSeq('m', 'Result')).toBe(mark + 2);
    const after: string[] = [];
    for await (const page of vs.scan('m', 'Result', mark)) after.push(...page.map((r) => r.id));
    expect(after).toEqual(['r3']);
    expect(await vs.deletedSince('m', 'Result', mark)).toEqual(['r1']);
    // Written again: no longer reported as deleted.
    await vs.put('m', [{ kind: 'Result', id: 'r1', textHash: 'h', vector: v(1, 0) }]);
    expect(await vs.deletedSince('m', 'Result', mark)).toEqual([]);
  });

  it('scans in pages, in seq order', async () => {
    await vs.put(
      'm',
      Array.from({ length: 25 }, (_, i) => ({ kind: 'Person' as const, id: `p${i}`, textHash: 'h', vector: v(i, 1) })),
    );
    const pages: number[] = [];
    const ids: string[] = [];
    for await (const page of vs.scan('m', 'Person', 0, 10)) {
      pages.push(page.length);
      ids.push(...page.map((r) => r.id));
    }
    expect(pages).toEqual([10, 10, 5]);
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `p${i}`));
  });

  it('survives a reopen (WAL file on disk)', async () => {
    await vs.put('m', [{ kind: 'Document', id: 'd', textHash: 'h', vector: v(0.5, 0.5) }]);
    await vs.close();
    vs = await VectorStore.open(dir);
    expect(await vs.count('m', 'Document')).toBe(1);
  });
});
