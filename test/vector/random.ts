/** Seeded random unit vectors for index tests and benchmarks (uniform on the sphere, or clustered like real embeddings). */
import { seeded } from '../../engine/analytics/network.js';

/** The engine's seeded PRNG (mulberry32), the one every test fixture draws from. */
export const rng = (seed: number): (() => number) => seeded(seed);

export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

/** `n` vectors of `dims` dimensions; `clusters` > 0 draws them around that many centres (spread 0.6), as sentence embeddings group by topic. */
export function randomVectors(n: number, dims: number, seed: number, clusters = 0): Float32Array[] {
  const g = gaussian(rng(seed));
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dims }, g));
  const pick = rng(seed ^ 0x9e3779b9);
  return Array.from({ length: n }, () => {
    const v = new Float32Array(dims);
    const c = clusters > 0 ? centres[Math.floor(pick() * clusters)] : undefined;
    for (let i = 0; i < dims; i++) v[i] = (c?.[i] ?? 0) + (c ? 0.6 : 1) * g();
    let norm = 0;
    for (let i = 0; i < dims; i++) norm += (v[i] ?? 0) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < dims; i++) v[i] = (v[i] ?? 0) / norm;
    return v;
  });
}

/** Share of the exact top-k ids that the approximate answers found, over all queries. */
export function recallAtK(exact: readonly (readonly string[])[], approx: readonly (readonly string[])[]): number {
  let hit = 0;
  let all = 0;
  exact.forEach((truth, i) => {
    const got = new Set(approx[i] ?? []);
    for (const id of truth) if (got.has(id)) hit++;
    all += truth.length;
  });
  return all === 0 ? 1 : hit / all;
}
