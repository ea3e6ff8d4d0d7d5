/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) and the draws the generator needs.
 * No dependency: the stream must stay the same across Node versions and package updates,
 * since "same seed, same graph" is part of the generator's contract.
 */

/** splitmix32: spreads a 32-bit seed over sfc32's 128 bits of state, so seeds 1 and 2 do not start alike. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const mix = splitmix32(seed);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    // sfc32's authors discard the first outputs so that weak seeds are mixed well.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Poisson draw (Knuth); the generator only asks for small means, where this is exact and quick. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-Math.min(mean, 30));
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Up to `k` distinct items; order follows the draws. Meant for k much smaller than the list. */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = items.length;
    if (k >= n) return this.shuffle([...items]);
    const seen = new Set<number>();
    const out: T[] = [];
    // Rejection is cheap while k << n; bounded tries keep a near-full draw from looping long.
    for (let tries = 0; out.length < k && tries < k * 8; tries++) {
      const i = Math.floor(this.next() * n);
      if (seen.has(i)) continue;
      seen.add(i);
      out.push(items[i] as T);
    }
    return out;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
}

/** Draws items in proportion to fixed weights, by binary search over the running sums. */
export class Weighted<T> {
  private readonly sums: Float64Array;
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new RangeError('weighted draw needs as many weights as items, and at least one');
    }
    this.sums = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += Math.max(0, w);
      this.sums[i] = sum;
    });
    if (sum <= 0) throw new RangeError('weighted draw needs a positive weight');
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sums[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) of a calendar date. */
export const dayOf = (year: number, month = 1, day = 1): number => Date.UTC(year, month - 1, day) / DAY_MS;

/** Days of 1970-2199: enough for any date the generator makes. */
const CACHED_DAYS = 84_000;
/**
 * `YYYY-MM-DD` by day number: a generated graph dates a million records with a few thousand
 * distinct days. Filled up front so the array stays dense (a sparse one is a slow hash table).
 */
const isoCache: (string | undefined)[] = new Array<string | undefined>(CACHED_DAYS).fill(undefined);

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function isoDay(day: number): string {
  let s = isoCache[day];
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (day >= 0 && day < CACHED_DAYS) isoCache[day] = s;
  }
  return s;
}

/** A uniformly drawn day within one calendar year. */
export const dayInYear = (rng: Rng, year: number): number => rng.int(dayOf(year), dayOf(year + 1) - 1);
