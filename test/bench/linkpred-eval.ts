/**
 * The link-prediction protocol of `npm run bench:suggest`, shared with the quality-floor test
 * (test/suggest/quality-floor.test.ts) so both measure the same thing.
 *
 * As ogbl-collab's: the collaboration graph holds projects that started up to the cut.
 * Positives are organisation pairs, both in that graph, not linked in it, that share a project
 * starting after the cut. Negatives are random pairs of the same organisations never linked,
 * before or after (seeded). Hits@K is the share of positives scored above the K-th best
 * negative; AUC the chance a positive outscores a negative (ties count half).
 */
import { fileURLToPath } from 'node:url';
import { collaborationGraph, seeded } from '../../engine/analytics/network.js';
import type { Snapshot } from '../../engine/analytics/snapshot.js';
import { CollabIndex, pairFeatures } from '../../engine/suggest/linkpred.js';
import { SYSTEM } from '../../graph/viewer.js';

export const CORDIS = fileURLToPath(new URL('../../../shared/datasets/cordis-security/', import.meta.url));

export interface Split {
  readonly ix: CollabIndex;
  readonly pos: [number, number][];
  readonly neg: [number, number][];
  readonly cross: (p: [number, number]) => boolean;
}

/** Pairs (as CollabIndex positions) that first collaborate after `cut` (and up to `until`, when given). */
export function split(s: Snapshot, cut: string, until: string | undefined, negatives: number, seed: number): Split {
  const mask = s.visibleMask(SYSTEM);
  const before = collaborationGraph(s, mask, { until: cut });
  const ix = new CollabIndex(before, s, mask, cut);
  const after = collaborationGraph(s, mask, { after: cut, ...(until === undefined ? {} : { until }) });
  const ever = collaborationGraph(s, mask);
  const pos: [number, number][] = [];
  after.forEachEdge((_e, _a, a, b) => {
    const i = ix.pos.get(Number(a));
    const j = ix.pos.get(Number(b));
    if (i === undefined || j === undefined || ix.linked(i, j)) return;
    pos.push(i < j ? [i, j] : [j, i]);
  });
  const r = seeded(seed); // the same negatives every run
  const neg: [number, number][] = [];
  const seen = new Set<string>();
  const n = ix.keys.length;
  while (neg.length < negatives) {
    const i = Math.floor(r() * n);
    const j = Math.floor(r() * n);
    if (i === j) continue;
    const [a, b] = i < j ? [i, j] : [j, i];
    const key = `${a}|${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (ever.hasEdge(String(ix.keys[a]), String(ix.keys[b]))) continue;
    neg.push([a, b]);
  }
  const country = (i: number) => s.node(ix.keys[i] as number).country;
  return { ix, pos, neg, cross: ([a, b]) => country(a) !== undefined && country(a) !== country(b) };
}

/** Features of many pairs, grouped by source so each source's maps are built once. */
export function featuresOf(s: Snapshot, ix: CollabIndex, pairs: readonly [number, number][]): number[][] {
  const bySource = new Map<number, number[]>();
  pairs.forEach(([a], r) => {
    const list = bySource.get(a) ?? [];
    list.push(r);
    bySource.set(a, list);
  });
  const xs: number[][] = new Array(pairs.length);
  for (const [a, rows] of bySource) {
    const maps = ix.sourceMaps(a);
    for (const r of rows) xs[r] = pairFeatures(ix, s, a, (pairs[r] as [number, number])[1], maps);
  }
  return xs;
}

export function metrics(
  pos: readonly number[],
  neg: readonly number[],
): { h20: number; h50: number; h100: number; auc: number } {
  const sortedNeg = [...neg].sort((a, b) => b - a);
  const hits = (k: number) => {
    const threshold = sortedNeg[k - 1] ?? Number.NEGATIVE_INFINITY;
    return pos.filter((p) => p > threshold).length / pos.length;
  };
  // AUC by ranks (ties half): Mann–Whitney U.
  const all = [...pos.map((v) => ({ v, p: 1 })), ...neg.map((v) => ({ v, p: 0 }))].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]?.v === all[i]?.v) j++;
    const avg = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]?.p === 1) rankSum += avg;
    i = j;
  }
  const auc = (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
  return { h20: hits(20), h50: hits(50), h100: hits(100), auc };
}
