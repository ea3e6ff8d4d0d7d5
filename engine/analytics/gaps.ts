/**
 * Coverage gaps: where practitioners ask (open challenges, their votes) and research has not
 * delivered anything mature. Per topic, demand against mature results; per challenge, open
 * needs that no mature result addresses. For one viewer, from the snapshot.
 *
 * Maturity is engine/match/signals.ts's: TRL/9 when known, else the deliverable type as a
 * proxy (demonstrator, prototype or pilot 0.75, software or tools 0.6, reports 0.45).
 */
import { z } from 'zod';
import type { Viewer } from '../../graph/index.js';
import { countryCode } from '../../graph/index.js';
import { parseQuery } from './errors.js';
import type { ChallengeFact, Facts } from './facts.js';
import type { Snapshot } from './snapshot.js';
import type { ChallengeGap, GapsAnswer, GapsQuery, TopicGap } from './types.js';

export const gapsQuerySchema = z.strictObject({
  country: countryCode.optional(),
  minMaturity: z.number().min(0).max(1).default(0.6),
  limit: z.number().int().min(1).max(500).default(20),
});

/** A vote weighs a fifth of a submitted challenge in demand. */
const VOTE_WEIGHT = 0.2;

export function gaps(s: Snapshot, facts: Facts, input: GapsQuery | undefined, _viewer: Viewer): GapsAnswer {
  const q = parseQuery(gapsQuerySchema, input, 'gaps');
  const perTopic = new Map<number, { challenges: number; votes: number; results: number; mature: number }>();
  const challengeGaps: ChallengeFact[] = [];
  for (const c of facts.challenges) {
    if (!c.open) continue;
    if (q.country !== undefined && c.country !== q.country) continue;
    for (const t of c.topics) {
      let r = perTopic.get(t);
      if (r === undefined) {
        r = { challenges: 0, votes: 0, results: 0, mature: 0 };
        perTopic.set(t, r);
      }
      r.challenges++;
      r.votes += c.votes;
    }
    if (c.bestMaturity < q.minMaturity) challengeGaps.push(c);
  }
  if (perTopic.size === 0) {
    return {
      minMaturity: q.minMaturity,
      topics: [],
      challenges: [],
      empty:
        q.country === undefined
          ? 'no open challenges are visible to you'
          : `no open challenges from ${q.country} are visible to you`,
    };
  }
  // Supply: results about a topic in demand, or addressing one of its challenges (each result once per topic).
  for (const r of facts.results) {
    const mature = r.maturity >= q.minMaturity;
    for (const t of r.topics) {
      const row = perTopic.get(t);
      if (row === undefined) continue;
      row.results++;
      if (mature) row.mature++;
    }
  }
  const topics: TopicGap[] = [...perTopic.entries()].map(([t, r]) => {
    const demand = r.challenges + r.votes * VOTE_WEIGHT;
    return {
      topic: s.node(t).id,
      label: s.node(t).label,
      challenges: r.challenges,
      votes: r.votes,
      demand: round(demand),
      matureResults: r.mature,
      results: r.results,
      gap: round(demand / (1 + r.mature)),
    };
  });
  topics.sort((a, b) => b.gap - a.gap || b.demand - a.demand || (a.topic < b.topic ? -1 : 1));
  // Most voted first, then newest: only the first `limit` are needed, so select before sorting.
  const byRank = (a: ChallengeFact, b: ChallengeFact) =>
    b.votes - a.votes || (a.date > b.date ? -1 : a.date < b.date ? 1 : 0) || a.k - b.k;
  const top = topK(challengeGaps, q.limit, byRank);
  return {
    minMaturity: q.minMaturity,
    topics: topics.slice(0, q.limit),
    challenges: top.map(
      (c): ChallengeGap => ({
        id: s.node(c.k).id,
        title: s.node(c.k).label,
        ...(c.country === undefined ? {} : { country: c.country }),
        topics: c.topics.map((t) => s.node(t).label),
        votes: c.votes,
        bestMaturity: c.bestMaturity,
        addressedBy: c.addressedBy,
      }),
    ),
  };
}

const round = (x: number): number => Math.round(x * 1_000) / 1_000;

/** The k first of `xs` under `cmp`, in order, without sorting all of them (k is small, xs large). */
function topK<T>(xs: readonly T[], k: number, cmp: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  for (const x of xs) {
    if (kept.length === k && cmp(x, kept[k - 1] as T) >= 0) continue;
    let i = kept.length;
    while (i > 0 && cmp(x, kept[i - 1] as T) < 0) i--;
    kept.splice(i, 0, x);
    if (kept.length > k) kept.pop();
  }
  return kept;
}
