/**
 * HNSW recall with the shipped parameters against exact search, on uniformly random unit vectors
 * of 384 dimensions: the hardest data for HNSW (no structure to exploit), still tractable at a
 * few thousand. The 100,000-vector figures and query times come from test/bench/match-embed.ts.
 */
import { describe, expect, it } from 'vitest';
import { ExactIndex } from '../../engine/vector/exact-index.js';
import { DEFAULT_HNSW, HnswIndex } from '../../engine/vector/hnsw-index.js';
import { randomVectors, recallAtK } from './random.js';

describe('HNSW recall@10 with DEFAULT_HNSW', () => {
  it('is at least 0.95 against exact search on 5,000 random 384-dimensional vectors', () => {
    const dims = 384;
    const data = randomVectors(5_000, dims, 2024);
    const queries = randomVectors(200, dims, 77);
    const exact = new ExactIndex(dims, data.length);
    const hnsw = HnswIndex.create(dims, DEFAULT_HNSW, data.length);
    data.forEach((v, i) => {
      exact.upsert(`n${i}`, v);
      hnsw.upsert(`n${i}`, v);
    });
    const truth = queries.map((q) => exact.search(q, 10).map((h) => h.id));
    const found = queries.map((q) => hnsw.search(q, 10).map((h) => h.id));
    const recall = recallAtK(truth, found);
    process.stdout.write(
      `recall@10 (5,000 × 384, M=${DEFAULT_HNSW.M}, efSearch=${DEFAULT_HNSW.efSearch}): ${recall.toFixed(4)}\n`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('stays above 0.95 after a fifth of the vectors were deleted and replaced', () => {
    const dims = 384;
    const data = randomVectors(3_000, dims, 5);
    const fresh = randomVectors(600, dims, 6);
    const queries = randomVectors(100, dims, 8);
    const exact = new ExactIndex(dims, data.length);
    const hnsw = HnswIndex.create(dims, DEFAULT_HNSW, data.length);
    data.forEach((v, i) => {
      exact.upsert(`n${i}`, v);
      hnsw.upsert(`n${i}`, v);
    });
    for (let i = 0; i < 600; i++) {
      exact.remove(`n${i * 5}`);
      hnsw.remove(`n${i * 5}`);
    }
    fresh.forEach((v, i) => {
      exact.upsert(`f${i}`, v);
      hnsw.upsert(`f${i}`, v);
    });
    expect(hnsw.size).toBe(3_000);
    const recall = recallAtK(
      queries.map((q) => exact.search(q, 10).map((h) => h.id)),
      queries.map((q) => hnsw.search(q, 10).map((h) => h.id)),
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
