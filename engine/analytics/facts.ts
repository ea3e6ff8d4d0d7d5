/**
 * Per-viewer-class facts that trends and gaps read: for every visible challenge, project and
 * result, its measure, time buckets as integers, topics and countries (already resolved
 * through visible links only); for every visible open challenge, its votes and the best
 * maturity addressing it; for every visible result, the topics it answers. Computed once per
 * snapshot and visibility class (one pass, a few hundred ms at 100,000 people), so each
 * trends or gaps request is a tight loop over flat arrays.
 */
import { erasedVoteValue, OPEN_STATUSES } from '../../graph/index.js';
import type { Snapshot } from './snapshot.js';
import type { TrendMeasure } from './types.js';

export const MEASURES: readonly TrendMeasure[] = ['challenges', 'projects', 'results'];

export interface DatedFact {
  readonly measure: 0 | 1 | 2;
  readonly date: string;
  /** year, and year·4 + quarter − 1. */
  readonly year: number;
  readonly quarter: number;
  readonly topics: readonly number[];
  readonly countries: readonly string[];
}

export interface ChallengeFact {
  readonly k: number;
  readonly open: boolean;
  readonly date: string;
  readonly country?: string;
  readonly topics: readonly number[];
  /** Positive votes by visible voters. */
  readonly votes: number;
  readonly bestMaturity: number;
  readonly addressedBy: number;
}

export interface ResultFact {
  readonly maturity: number;
  /** Its own or its project's topics, plus the topics of the challenges it addresses. */
  readonly topics: readonly number[];
}

export interface Facts {
  readonly dated: readonly DatedFact[];
  readonly challenges: readonly ChallengeFact[];
  readonly results: readonly ResultFact[];
}

const KIND_MEASURE = { Challenge: 0, Project: 1, Result: 2 } as const;

export function computeFacts(s: Snapshot, mask: Uint8Array): Facts {
  const dated: DatedFact[] = [];
  for (const kind of ['Challenge', 'Project', 'Result'] as const) {
    for (const k of s.of(kind)) {
      if (!mask[k]) continue;
      // A duplicate is the same need raised again: its survivor counts it.
      if (kind === 'Challenge' && s.node(k).sub === 'duplicate') continue;
      const date = s.node(k).date;
      if (date === undefined) continue;
      const year = Number(date.slice(0, 4));
      const month = Number(date.slice(5, 7) || '1');
      dated.push({
        measure: KIND_MEASURE[kind],
        date,
        year,
        quarter: year * 4 + Math.floor((month - 1) / 3),
        topics: s.topicsOf(k, mask),
        countries: s.countriesOf(k, mask),
      });
    }
  }
  const challenges: ChallengeFact[] = [];
  for (const k of s.of('Challenge')) {
    if (!mask[k]) continue;
    const c = s.node(k);
    let votes = 0;
    for (const v of s.votes.get(k) ?? []) {
      if (!mask[v.to]) continue;
      const value = v.value ?? 1;
      if (value > 0) votes += value;
    }
    for (const entry of c.erasedVotes ?? []) {
      const value = Number(erasedVoteValue(entry));
      if (value > 0) votes += value;
    }
    let best = 0;
    let addressedBy = 0;
    for (const w of s.addressedBy.get(k) ?? []) {
      if (!mask[w]) continue;
      addressedBy++;
      best = Math.max(best, s.node(w).maturity ?? 0);
    }
    challenges.push({
      k,
      open: c.sub === undefined || (OPEN_STATUSES as readonly string[]).includes(c.sub),
      date: c.date ?? '',
      ...(c.country === undefined ? {} : { country: c.country }),
      topics: s.topicsOf(k, mask),
      votes,
      bestMaturity: best,
      addressedBy,
    });
  }
  const results: ResultFact[] = [];
  for (const k of s.of('Result')) {
    if (!mask[k]) continue;
    const topics = new Set(s.topicsOf(k, mask));
    for (const c of s.addresses.get(k) ?? []) if (mask[c]) for (const t of s.topicsOf(c, mask)) topics.add(t);
    results.push({ maturity: s.node(k).maturity ?? 0, topics: [...topics] });
  }
  return { dated, challenges, results };
}
