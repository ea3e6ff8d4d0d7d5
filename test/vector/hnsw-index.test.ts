/** HnswIndex and ExactIndex: the same answers on small data, updates, deletes, growth, and files checked before use. */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExactIndex } from '../../engine/vector/exact-index.js';
import { HnswIndex, type IndexFiles, IndexLoadError } from '../../engine/vector/hnsw-index.js';
import type { KindIndex } from '../../engine/vector/types.js';
import { randomVectors } from './random.js';

const DIMS = 16;
const unit = (i: number) => {
  const v = new Float32Array(DIMS);
  v[i % DIMS] = 1;
  return v;
};

for (const make of [
  { name: 'ExactIndex', create: (): KindIndex => new ExactIndex(DIMS, 2) },
  {
    name: 'HnswIndex',
    create: (): KindIndex => HnswIndex.create(DIMS, { M: 16, efConstruction: 100, efSearch: 50 }, 16),
  },
]) {
  describe(make.name, () => {
    it('finds the nearest by cosine, best first, with scores', () => {
      const idx = make.create();
      idx.upsert('x', unit(0));
      idx.upsert('y', unit(1));
      const q = unit(0);
      q[1] = 0.5;
      const hits = idx.search(q, 2);
      expect(hits.map((h) => h.id)).toEqual(['x', 'y']);
      expect(hits[0]?.score).toBeCloseTo(1 / Math.hypot(1, 0.5), 5);
      expect(idx.search(q, 0)).toEqual([]);
    });

    it('updates a vector in place, deletes, and re-adds a deleted id', () => {
      const idx = make.create();
      for (let i = 0; i < 5; i++) idx.upsert(`n${i}`, unit(i));
      idx.upsert('n0', unit(9));
      expect(idx.search(unit(9), 1)[0]?.id).toBe('n0');
      expect(idx.size).toBe(5);
      expect(idx.remove('n0')).toBe(true);
      expect(idx.remove('n0')).toBe(false);
      expect(idx.size).toBe(4);
      expect(idx.search(unit(9), 5).map((h) => h.id)).not.toContain('n0');
      idx.upsert('n0', unit(3));
      expect(
        idx
          .search(unit(3), 2)
          .map((h) => h.id)
          .sort(),
      ).toEqual(['n0', 'n3']);
      expect([...idx.ids()].sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    });

    it('grows past its initial capacity and reuses deleted slots', () => {
      const idx = make.create();
      const vs = randomVectors(200, DIMS, 7);
      vs.forEach((v, i) => {
        idx.upsert(`n${i}`, v);
      });
      for (let i = 0; i < 100; i++) idx.remove(`n${i}`);
      vs.slice(0, 100).forEach((v, i) => {
        idx.upsert(`m${i}`, v);
      });
      expect(idx.size).toBe(200);
      expect(idx.search(vs[150] as Float32Array, 1)[0]?.id).toBe('n150');
      expect(idx.search(vs[5] as Float32Array, 1)[0]?.id).toBe('m5');
    });

    it('applies a filter on ids and returns fewer hits when few pass', () => {
      const idx = make.create();
      for (let i = 0; i < 10; i++) idx.upsert(`n${i}`, unit(i));
      const hits = idx.search(unit(0), 5, (id) => id === 'n3' || id === 'n7');
      expect(hits.map((h) => h.id).sort()).toEqual(['n3', 'n7']);
    });

    it('rejects a vector of the wrong length', () => {
      expect(() => make.create().upsert('x', new Float32Array(DIMS + 1))).toThrow(/dimensions/);
    });
  });
}

describe('HnswIndex files', () => {
  let dir: string;
  let files: IndexFiles;
  const meta = { model: 'm@1', kind: 'Project', seq: 42 };
  const expectOk = { model: 'm@1', kind: 'Project', dims: DIMS };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ileanet-hnsw-'));
    files = { hnsw: join(dir, 'Project.hnsw'), ids: join(dir, 'Project.ids.json'), header: join(dir, 'Project.json') };
    const idx = HnswIndex.create(DIMS, { M: 8, efConstruction: 50, efSearch: 20 }, 8);
    randomVectors(50, DIMS, 3).forEach((v, i) => {
      idx.upsert(`n${i}`, v);
    });
    idx.remove('n7');
    idx.save(files, meta);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('round-trips: same ids, same answers, header with counts and seq', () => {
    const { index, header } = HnswIndex.load(files, expectOk);
    expect(header).toMatchObject({ model: 'm@1', kind: 'Project', dims: DIMS, count: 49, elements: 50, seq: 42 });
    expect(index.size).toBe(49);
    expect(index.has('n7')).toBe(false);
    const q = randomVectors(1, DIMS, 3)[0] as Float32Array; // the same vector as n0
    expect(index.search(q, 1)[0]?.id).toBe('n0');
    // The reloaded index keeps reusing the deleted slot.
    index.upsert('new', q);
    expect(index.size).toBe(50);
  });

  const cases: [string, () => void, RegExp][] = [
    ['another model', () => {}, /built for model m@1, not m@2/],
    ['a truncated .hnsw file', () => truncateSync(files.hnsw, 1000), /bytes, the header says/],
    [
      'a flipped byte',
      () => {
        const b = readFileSync(files.hnsw);
        b[b.length >> 1] = (b[b.length >> 1] ?? 0) ^ 0xff;
        writeFileSync(files.hnsw, b);
      },
      /checksum/,
    ],
    ['a missing id map', () => rm(files.ids), /missing/],
    ['a garbled header', () => writeFileSync(files.header, '{"format": 1, "mod'), /unreadable/],
  ];
  for (const [what, damage, message] of cases) {
    it(`refuses ${what} with IndexLoadError before hnswlib reads it`, async () => {
      await damage();
      const expectModel = what === 'another model' ? { ...expectOk, model: 'm@2' } : expectOk;
      expect(() => HnswIndex.load(files, expectModel)).toThrow(IndexLoadError);
      expect(() => HnswIndex.load(files, expectModel)).toThrow(message);
    });
  }

  it('refuses an index of other dimensions', () => {
    expect(() => HnswIndex.load(files, { ...expectOk, dims: 384 })).toThrow(/16 dimensions, the model 384/);
  });
});
