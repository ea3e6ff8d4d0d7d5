/**
 * Link prediction on the collaboration graph: which organisations that have not worked
 * together are likely to. Baselines (common neighbours, Adamic–Adar) and ours, a logistic
 * model over structural and topical features of a pair:
 *
 *   cn   log(1 + common neighbours)
 *   aa   Adamic–Adar: Σ 1 / log(deg w) over common neighbours w
 *   ra   resource allocation: Σ 1 / deg w
 *   pa   log(1 + deg u · deg v), preferential attachment: active organisations keep joining
 *   p3   log(1 + paths of length 3): partners of partners' partners, where CN is blind
 *   topic cosine of the two organisations' topic profiles (topics of their projects, IDF-weighted)
 *   same 1 when both are in the same country
 *   actMin, actMax  log(1 + projects started in the last 3 years), the less and the more active
 *        of the two: organisations active lately are the ones forming new partnerships
 *
 * The weights are fitted by test/bench/suggest.ts on an earlier time split of the CORDIS data
 * (graph up to 2015, pairs that first collaborated in 2016–2018) and evaluated on a later one
 * (graph up to 2018, pairs new after it); DEFAULT_LINK_MODEL holds that fit.
 */
import type { CollabGraph, Snapshot } from '../analytics/index.js';

export const FEATURES = ['cn', 'aa', 'ra', 'pa', 'p3', 'topic', 'same', 'actMin', 'actMax'] as const;
export type Feature = (typeof FEATURES)[number];

export interface LinkModel {
  /** The feature each position of `mean`, `std` and `weights` stands for, in order. */
  readonly features: readonly string[];
  readonly mean: readonly number[];
  readonly std: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}

/**
 * Fitted by `npm run bench:suggest` (train split: CORDIS graph ≤ 2015, positives new in
 * 2016–2018, 20 negatives per positive). Re-fit there and paste when features change.
 */
export const DEFAULT_LINK_MODEL: LinkModel = {
  features: FEATURES,
  mean: [0.500721, 0.261563, 0.010426, 6.006563, 3.237144, 0.023399, 0.06431, 0.351973, 0.926187],
  std: [0.706805, 0.636454, 0.031413, 1.671738, 1.839678, 0.055866, 0.245304, 0.426682, 0.612575],
  weights: [0.122428, -0.182144, 0.401841, 0.137741, 0.138918, 0.059809, 0.093816, 0.634213, 0.884024],
  bias: -0.649367,
};

/** What a source node's pairs need from the graph (see CollabIndex.sourceMaps). */
export interface SourceMaps {
  readonly sums: ReadonlyMap<number, { readonly cn: number; readonly aa: number; readonly ra: number }>;
  /** Paths of length 3 to each node. */
  readonly three: ReadonlyMap<number, number>;
}

/** Activity window for the actMin/actMax features. */
export const RECENT_YEARS = 3;

/** The graph in arrays: organisation snapshot keys, neighbour lists, topic profiles. */
export class CollabIndex {
  readonly keys: number[] = [];
  readonly pos = new Map<number, number>();
  readonly nbrs: number[][] = [];
  readonly nbrSets: Set<number>[] = [];
  /** Sparse unit topic vectors: topic key → weight. */
  readonly profile: Map<number, number>[] = [];
  /** Projects started in the RECENT_YEARS before `until` (or before `today`, default the system clock's). */
  readonly recent: number[] = [];

  /**
   * `until` (an evaluation's cut): projects after it, or undated, are left out; `today` only ends
   * the recent window (the engine's clock, YYYY-MM-DD).
   */
  constructor(g: CollabGraph, s: Snapshot, mask: Uint8Array, until?: string, today?: string) {
    g.forEachNode((key) => {
      this.pos.set(Number(key), this.keys.length);
      this.keys.push(Number(key));
    });
    for (const k of this.keys) {
      const list = g.neighbors(String(k)).map((n) => this.pos.get(Number(n)) as number);
      this.nbrs.push(list);
      this.nbrSets.push(new Set(list));
    }
    // Topic profiles from the same projects the graph was built from.
    const df = new Map<number, number>();
    const end = until ?? today ?? new Date().toISOString().slice(0, 10);
    const since = `${Number(end.slice(0, 4)) - RECENT_YEARS}${end.slice(4)}`;
    const raw = this.keys.map((org) => {
      const tf = new Map<number, number>();
      let recent = 0;
      for (const p of s.projectsOf.get(org) ?? []) {
        if (!mask[p.to]) continue;
        const d = s.node(p.to).date;
        if (until !== undefined && (d === undefined || d > until)) continue;
        if (d !== undefined && d > since && d <= end) recent++;
        for (const t of s.about.get(p.to) ?? []) if (mask[t]) tf.set(t, (tf.get(t) ?? 0) + 1);
      }
      for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
      this.recent.push(recent);
      return tf;
    });
    const n = this.keys.length;
    for (const tf of raw) {
      const v = new Map<number, number>();
      let norm = 0;
      for (const [t, c] of tf) {
        const w = (1 + Math.log(c)) * Math.log((1 + n) / (1 + (df.get(t) ?? 0)));
        v.set(t, w);
        norm += w * w;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
      this.profile.push(v);
    }
  }

  degree(i: number): number {
    return this.nbrs[i]?.length ?? 0;
  }

  linked(i: number, j: number): boolean {
    return this.nbrSets[i]?.has(j) ?? false;
  }

  /**
   * Everything about node i's pairs that walks the graph, in one pass over its two-hop
   * neighbourhood: per node w, common neighbours with i and their Adamic–Adar and resource
   * allocation sums, and paths of length 3. Nodes absent from `sums` share no neighbour with i.
   */
  sourceMaps(i: number): SourceMaps {
    const sums = new Map<number, { cn: number; aa: number; ra: number }>();
    for (const x of this.nbrs[i] ?? []) {
      const d = this.degree(x);
      const aa = 1 / Math.log(Math.max(d, 2));
      const ra = 1 / d;
      for (const w of this.nbrs[x] ?? []) {
        if (w === i) continue;
        const r = sums.get(w);
        if (r === undefined) sums.set(w, { cn: 1, aa, ra });
        else {
          r.cn++;
          r.aa += aa;
          r.ra += ra;
        }
      }
    }
    const three = new Map<number, number>();
    for (const [w, r] of sums) {
      for (const v of this.nbrs[w] ?? []) if (v !== i) three.set(v, (three.get(v) ?? 0) + r.cn);
    }
    return { sums, three };
  }

  topicCosine(i: number, j: number): number {
    const a = this.profile[i];
    const b = this.profile[j];
    if (a === undefined || b === undefined) return 0;
    const [small, big] = a.size <= b.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [t, w] of small) dot += w * (big.get(t) ?? 0);
    return dot;
  }
}

/** Common neighbours and Adamic–Adar / resource allocation sums for one pair (the baselines, pair by pair). */
function neighbourFeatures(ix: CollabIndex, i: number, j: number): { cn: number; aa: number; ra: number } {
  const a = ix.nbrs[i] ?? [];
  const b = ix.nbrSets[j] ?? new Set<number>();
  let cn = 0;
  let aa = 0;
  let ra = 0;
  for (const w of a) {
    if (!b.has(w)) continue;
    const d = ix.degree(w);
    cn++;
    aa += 1 / Math.log(Math.max(d, 2));
    ra += 1 / d;
  }
  return { cn, aa, ra };
}

/** Feature vector of the pair (i, j), from i's source maps (shared across i's candidates). */
export function pairFeatures(ix: CollabIndex, s: Snapshot, i: number, j: number, maps: SourceMaps): number[] {
  const n = maps.sums.get(j);
  const ci = s.node(ix.keys[i] as number).country;
  const cj = s.node(ix.keys[j] as number).country;
  return [
    Math.log1p(n?.cn ?? 0),
    n?.aa ?? 0,
    n?.ra ?? 0,
    Math.log1p(ix.degree(i) * ix.degree(j)),
    Math.log1p(maps.three.get(j) ?? 0),
    ix.topicCosine(i, j),
    ci !== undefined && ci === cj ? 1 : 0,
    Math.log1p(Math.min(ix.recent[i] ?? 0, ix.recent[j] ?? 0)),
    Math.log1p(Math.max(ix.recent[i] ?? 0, ix.recent[j] ?? 0)),
  ];
}

export const commonNeighbours = (ix: CollabIndex, i: number, j: number): number => neighbourFeatures(ix, i, j).cn;
export const adamicAdar = (ix: CollabIndex, i: number, j: number): number => neighbourFeatures(ix, i, j).aa;

/** The model's logit for a feature vector. */
export function logit(model: LinkModel, x: readonly number[]): number {
  let z = model.bias;
  for (let f = 0; f < x.length; f++) {
    z += (model.weights[f] ?? 0) * (((x[f] ?? 0) - (model.mean[f] ?? 0)) / (model.std[f] || 1));
  }
  return z;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Fits a logistic model (standardised features, L2, full-batch gradient descent; small and
 * deterministic: one weight per feature, tens of thousands of rows) with positives weighted to
 * balance the classes. `features` names the columns of `xs`.
 */
export function fitLinkModel(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  o: { iterations?: number; rate?: number; l2?: number; features?: readonly string[] } = {},
): LinkModel {
  const features = o.features ?? FEATURES;
  const dims = features.length;
  const bad = xs.findIndex((x) => x.length !== dims);
  if (bad >= 0) throw new RangeError(`row ${bad} has ${xs[bad]?.length} values; the model has ${dims} features`);
  const mean = Array.from({ length: dims }, (_, f) => xs.reduce((s, x) => s + (x[f] ?? 0), 0) / xs.length);
  const std = Array.from({ length: dims }, (_, f) => {
    const v = xs.reduce((s, x) => s + ((x[f] ?? 0) - (mean[f] ?? 0)) ** 2, 0) / xs.length;
    return Math.sqrt(v) || 1;
  });
  const z = xs.map((x) => x.map((v, f) => (v - (mean[f] ?? 0)) / (std[f] ?? 1)));
  const pos = ys.filter((y) => y === 1).length;
  const wPos = pos === 0 ? 1 : (ys.length - pos) / pos;
  const w = new Array<number>(dims).fill(0);
  let b = 0;
  const rate = o.rate ?? 0.1;
  const l2 = o.l2 ?? 1e-3;
  const total = ys.reduce((s, y) => s + (y === 1 ? wPos : 1), 0);
  for (let it = 0; it < (o.iterations ?? 500); it++) {
    const g = new Array<number>(dims).fill(0);
    let gb = 0;
    z.forEach((x, r) => {
      const y = ys[r] ?? 0;
      let s = b;
      for (let f = 0; f < dims; f++) s += (w[f] ?? 0) * (x[f] ?? 0);
      const err = (sigmoid(s) - y) * (y === 1 ? wPos : 1);
      for (let f = 0; f < dims; f++) g[f] = (g[f] ?? 0) + err * (x[f] ?? 0);
      gb += err;
    });
    for (let f = 0; f < dims; f++) w[f] = (w[f] ?? 0) - rate * ((g[f] ?? 0) / total + l2 * (w[f] ?? 0));
    b -= rate * (gb / total);
  }
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return { features, mean: mean.map(r6), std: std.map(r6), weights: w.map(r6), bias: r6(b) };
}
