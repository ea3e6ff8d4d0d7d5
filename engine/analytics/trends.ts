/**
 * Trends: challenges raised, projects started and results delivered, per topic or country and
 * time bucket, with growth rates and emerging topics. Computed from the snapshot for one
 * viewer: a hidden node is not counted, and a hidden topic, organisation or project lends
 * nothing (no topic or country through it).
 *
 * Dates: a challenge counts on its date, a project on its start, a result on its own date or
 * else the end of the project behind it. Countries: a challenge's own; a project's
 * participants' (once per country); a result's producers'. Topics: ABOUT links, and for a
 * result without its own those of its project.
 */
import { z } from 'zod';
import type { Viewer } from '../../graph/index.js';
import { countryCode, idSchema } from '../../graph/index.js';
import { type CycleFilters, cycleFigures } from './cycle.js';
import { AnalyticsError, parseQuery } from './errors.js';
import type { DatedFact, Facts } from './facts.js';
import type { Snapshot } from './snapshot.js';
import {
  type CycleFigures,
  type EmergingTopic,
  TREND_MEASURES,
  type TrendMeasure,
  type TrendSeries,
  type TrendsAnswer,
  type TrendsQuery,
} from './types.js';

const bound = z
  .string()
  .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/u, 'must be a year or a date (YYYY, YYYY-MM or YYYY-MM-DD)');

export const trendsQuerySchema = z.strictObject({
  by: z.enum(['topic', 'country']).default('topic'),
  unit: z.enum(['year', 'quarter']).default('year'),
  from: bound.optional(),
  to: bound.optional(),
  country: countryCode.optional(),
  topic: idSchema.optional(),
  minSupport: z.number().int().min(1).max(1_000_000).default(5),
  limit: z.number().int().min(1).max(200).default(20),
});

/** The upper bound as a date string that compares correctly against full dates. */
const upper = (to: string): string => (to.length === 4 ? `${to}-12-31` : to.length === 7 ? `${to}-31` : to);

const bucketLabel = (i: number, unit: 'year' | 'quarter'): string =>
  unit === 'year' ? String(i) : `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;

export function trends(
  s: Snapshot,
  facts: Facts,
  input: TrendsQuery | undefined,
  viewer: Viewer,
  now = new Date(),
  /** The facts' counts per bucket (the caller may keep them per snapshot state, viewer class, unit and filter). */
  cubeOf: (unit: TrendUnit, filter: CubeFilter) => TrendCube = (unit, filter) => trendCube(facts, unit, filter),
  /** The cycle figures for these filters (the caller may keep them per snapshot state and viewer class). */
  cycleOf: (filters: CycleFilters) => CycleFigures = (filters) => cycleFigures(s, s.visibleMask(viewer), filters),
): TrendsAnswer {
  const q = parseQuery(trendsQuerySchema, input, 'trends');
  const mask = s.visibleMask(viewer);
  let topicFilter: number | undefined;
  if (q.topic !== undefined) {
    topicFilter = s.key.get(q.topic);
    if (topicFilter === undefined || !mask[topicFilter] || s.node(topicFilter).kind !== 'Topic') {
      throw new AnalyticsError('ERR_NOT_FOUND', `trends: topic ${q.topic} is not a known topic`, 'topic');
    }
  }
  const cycle = cycleOf({
    ...(q.country === undefined ? {} : { country: q.country }),
    ...(topicFilter === undefined ? {} : { topic: topicFilter }),
  });
  const today = now.toISOString().slice(0, 10);
  const todayIndex = q.unit === 'year' ? Number(today.slice(0, 4)) : bucketIndex(today);
  const hi = q.to === undefined ? undefined : upper(q.to);
  const window = q.unit === 'year' ? 2 : 4;

  // Dates cut inside buckets, and both filters at once would keep a cube per pair: those read every fact.
  const counted =
    q.from === undefined && q.to === undefined && (topicFilter === undefined || q.country === undefined)
      ? fromCube(
          cubeOf(q.unit, {
            ...(q.country === undefined ? {} : { country: q.country }),
            ...(topicFilter === undefined ? {} : { topic: topicFilter }),
          }),
          q.by,
          todayIndex,
        )
      : scan(facts, q, hi, todayIndex, topicFilter);
  if (counted === undefined) {
    return {
      by: q.by,
      unit: q.unit,
      buckets: [],
      series: [],
      totals: { challenges: [], projects: [], results: [] },
      window,
      emerging: [],
      cycle,
      empty: emptyReason(q),
    };
  }
  const { first, nb, cells, byTopic, totals } = counted;
  const buckets = Array.from({ length: nb }, (_, i) => bucketLabel(first + i, q.unit));
  const sumRange = (a: Int32Array, from: number, to: number, stride = 0) => {
    let t = 0;
    for (let i = Math.max(0, from); i < to; i++) {
      t += a[i] ?? 0;
      if (stride > 0) t += (a[i + stride] ?? 0) + (a[i + 2 * stride] ?? 0);
    }
    return t;
  };
  const recentFrom = nb - window;
  const previousFrom = nb - 2 * window;
  const labelOf = (key: number | string): string => (typeof key === 'number' ? s.node(key).label : key);
  const idOf = (key: number | string): string => (typeof key === 'number' ? s.node(key).id : key);
  const series: TrendSeries[] = [...cells.entries()].map(([key, a]) => {
    const counts = Object.fromEntries(
      TREND_MEASURES.map((m, i) => [m, Array.from(a.subarray(i * nb, (i + 1) * nb))]),
    ) as Record<TrendMeasure, number[]>;
    const recent = sumRange(a, recentFrom, nb, nb);
    const previous = sumRange(a, previousFrom, recentFrom, nb);
    const total = a.reduce((x, y) => x + y, 0);
    return {
      key: idOf(key),
      label: labelOf(key),
      counts,
      total,
      growth: previous === 0 ? null : recent / previous - 1,
    };
  });
  series.sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));

  const emerging: EmergingTopic[] = [];
  for (const [t, a] of byTopic) {
    const recent = sumRange(a, recentFrom, nb, nb);
    if (recent < q.minSupport) continue;
    const previous = sumRange(a, previousFrom, recentFrom, nb);
    emerging.push({
      key: s.node(t).id,
      label: s.node(t).label,
      recent,
      previous,
      growth: (recent + 1) / (previous + 1) - 1,
    });
  }
  emerging.sort((a, b) => b.growth - a.growth || b.recent - a.recent || (a.key < b.key ? -1 : 1));

  return {
    by: q.by,
    unit: q.unit,
    buckets,
    series: series.slice(0, q.limit),
    totals: Object.fromEntries(
      TREND_MEASURES.map((m, i) => [m, Array.from(totals.subarray(i * nb, (i + 1) * nb))]),
    ) as Record<TrendMeasure, number[]>,
    window,
    emerging: emerging.slice(0, 10),
    cycle,
  };
}

type TrendUnit = 'year' | 'quarter';

/**
 * The counts a trends answer is made of, over its first..first+nb−1 buckets: per series key (a
 * topic's key or a country) and per topic, each [measure · nb + bucket]; and the totals likewise.
 */
interface Counted {
  readonly first: number;
  readonly nb: number;
  readonly cells: Map<number | string, Int32Array>;
  readonly byTopic: Map<number, Int32Array>;
  readonly totals: Int32Array;
}

/** The one filter a cube may be for: a country or a topic (its snapshot key). */
export interface CubeFilter {
  readonly country?: string;
  readonly topic?: number;
}

/**
 * Every fact of a viewer class (of a country, or about a topic, when filtered) counted once per
 * bucket of a unit, by topic and by country: what a trends request without dates reads instead
 * of every fact (at 1,000,000 people each request walked ~10 times more facts than at 100,000;
 * bench:scale, trends p95 229-363 ms). Each array is [measure · n + bucket − lo].
 */
export interface TrendCube {
  readonly lo: number;
  readonly n: number;
  readonly totals: Int32Array;
  readonly byTopic: ReadonlyMap<number, Int32Array>;
  readonly byCountry: ReadonlyMap<string, Int32Array>;
}

export function trendCube(facts: Facts, unit: TrendUnit, filter: CubeFilter = {}): TrendCube {
  return countFacts(kept(facts, { unit, ...filter }), unit);
}

/** The facts a request counts: within its dates, up to today, of its country and about its topic. */
function kept(
  facts: Facts,
  f: CubeFilter & { readonly unit: TrendUnit; readonly from?: string; readonly hi?: string; readonly today?: number },
): readonly DatedFact[] {
  const { from, hi, today, topic, country, unit } = f;
  if (from === undefined && hi === undefined && today === undefined && topic === undefined && country === undefined)
    return facts.dated;
  return facts.dated.filter(
    (x) =>
      (from === undefined || x.date >= from) &&
      (hi === undefined || x.date <= hi) &&
      // planned starts are not yet a trend
      (today === undefined || (unit === 'year' ? x.year : x.quarter) <= today) &&
      (topic === undefined || x.topics.includes(topic)) &&
      (country === undefined || x.countries.includes(country)),
  );
}

/** Each fact counted once in its bucket, in the totals and under each of its topics and countries. */
function countFacts(dated: readonly DatedFact[], unit: TrendUnit): TrendCube {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const f of dated) {
    const b = unit === 'year' ? f.year : f.quarter;
    if (b < lo) lo = b;
    if (b > hi) hi = b;
  }
  const n = dated.length === 0 ? 0 : hi - lo + 1;
  const totals = new Int32Array(3 * n);
  const byTopic = new Map<number, Int32Array>();
  const byCountry = new Map<string, Int32Array>();
  for (const f of dated) {
    const at = f.measure * n + (unit === 'year' ? f.year : f.quarter) - lo;
    totals[at] = (totals[at] ?? 0) + 1;
    for (const t of f.topics) {
      const a = cellOf(byTopic, t, 3 * n);
      a[at] = (a[at] ?? 0) + 1;
    }
    for (const c of f.countries) {
      const a = cellOf(byCountry, c, 3 * n);
      a[at] = (a[at] ?? 0) + 1;
    }
  }
  return { lo, n, totals, byTopic, byCountry };
}

function cellOf<K>(m: Map<K, Int32Array>, key: K, size: number): Int32Array {
  let a = m.get(key);
  if (a === undefined) {
    a = new Int32Array(size);
    m.set(key, a);
  }
  return a;
}

/**
 * A request's counts from a cube: its buckets up to today, cut to the first and last that count
 * anything, and each key that counts anything there.
 */
function fromCube(cube: TrendCube, by: 'topic' | 'country', todayIndex: number): Counted | undefined {
  const { lo, n } = cube;
  const upTo = Math.min(n - 1, todayIndex - lo);
  const any = (b: number) => (cube.totals[b] ?? 0) + (cube.totals[n + b] ?? 0) + (cube.totals[2 * n + b] ?? 0) > 0;
  let from = 0;
  while (from <= upTo && !any(from)) from++;
  let to = upTo;
  while (to >= from && !any(to)) to--;
  if (from > to) return undefined;
  const nb = to - from + 1;
  const cut = (a: Int32Array) => {
    const out = new Int32Array(3 * nb);
    for (let m = 0; m < 3; m++) out.set(a.subarray(m * n + from, m * n + to + 1), m * nb);
    return out;
  };
  const byTopic = new Map<number, Int32Array>();
  for (const [t, a] of cube.byTopic) {
    const c = cut(a);
    if (c.some((x) => x > 0)) byTopic.set(t, c);
  }
  let cells: Map<number | string, Int32Array> = byTopic as Map<number | string, Int32Array>;
  if (by === 'country') {
    cells = new Map();
    for (const [country, a] of cube.byCountry) {
      const c = cut(a);
      if (c.some((x) => x > 0)) cells.set(country, c);
    }
  }
  return { first: lo + from, nb, cells, byTopic, totals: cut(cube.totals) };
}

/** A request with dates, or with both a country and a topic: every fact read, the filters applied. */
function scan(
  facts: Facts,
  q: z.output<typeof trendsQuerySchema>,
  hi: string | undefined,
  todayIndex: number,
  topicFilter: number | undefined,
): Counted | undefined {
  const dated = kept(facts, {
    unit: q.unit,
    today: todayIndex,
    ...(q.from === undefined ? {} : { from: q.from }),
    ...(hi === undefined ? {} : { hi }),
    ...(topicFilter === undefined ? {} : { topic: topicFilter }),
    ...(q.country === undefined ? {} : { country: q.country }),
  });
  return fromCube(countFacts(dated, q.unit), q.by, todayIndex);
}

/** year·4 + quarter − 1 of a date. */
const bucketIndex = (date: string): number =>
  Number(date.slice(0, 4)) * 4 + Math.floor((Number(date.slice(5, 7) || '1') - 1) / 3);

function emptyReason(q: z.output<typeof trendsQuerySchema>): string {
  const filters = [
    q.country === undefined ? undefined : `country ${q.country}`,
    q.topic === undefined ? undefined : `topic ${q.topic}`,
    q.from === undefined ? undefined : `from ${q.from}`,
    q.to === undefined ? undefined : `to ${q.to}`,
  ].filter((f) => f !== undefined);
  return filters.length === 0
    ? 'no dated challenges, projects or results are visible to you'
    : `no dated challenges, projects or results visible to you match ${filters.join(', ')}`;
}
