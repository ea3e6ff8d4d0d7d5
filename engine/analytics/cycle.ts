/**
 * The network's own cycle in figures: how long a need takes from raised to addressed, the share
 * of challenges addressed per topic and per country, and participation per country (challenges
 * raised, votes on challenges, comments, poll and survey answers). For one viewer, like every analysis: a hidden
 * challenge, voter or poll is not counted. Duplicates count through their survivor only.
 * Participation counts a person's acts under the person's country, a challenge under its own.
 */
import type { Snapshot } from './snapshot.js';
import type { CycleFigures, CycleShare } from './types.js';

type Participation = { -readonly [K in Exclude<keyof CycleFigures['participation'][number], 'country'>]: number };

const DAY_MS = 86_400_000;

export interface CycleFilters {
  readonly country?: string;
  readonly topic?: number;
}

export function cycleFigures(s: Snapshot, mask: Uint8Array, filters: CycleFilters = {}): CycleFigures {
  const days: number[] = [];
  const byTopic = new Map<number, { challenges: number; addressed: number }>();
  const byCountry = new Map<string, { challenges: number; addressed: number }>();
  const participation = new Map<string, Participation>();
  const part = (country: string) => {
    const known = participation.get(country);
    if (known !== undefined) return known;
    const fresh: Participation = { challenges: 0, votes: 0, comments: 0, pollAnswers: 0, surveyAnswers: 0 };
    participation.set(country, fresh);
    return fresh;
  };
  let challenges = 0;
  let addressed = 0;
  for (const k of s.of('Challenge')) {
    if (!mask[k]) continue;
    const c = s.node(k);
    if (c.sub === 'duplicate') continue;
    const topics = s.topicsOf(k, mask);
    if (filters.topic !== undefined && !topics.includes(filters.topic)) continue;
    if (filters.country !== undefined && c.country !== filters.country) continue;
    challenges++;
    const done = c.sub === 'addressed';
    if (done) {
      addressed++;
      if (c.date !== undefined && c.statusDate !== undefined) {
        const d = (Date.parse(c.statusDate) - Date.parse(`${c.date.slice(0, 10)}T00:00:00Z`)) / DAY_MS;
        if (Number.isFinite(d) && d >= 0) days.push(d);
      }
    }
    for (const t of topics) {
      const row = byTopic.get(t) ?? { challenges: 0, addressed: 0 };
      row.challenges++;
      if (done) row.addressed++;
      byTopic.set(t, row);
    }
    if (c.country !== undefined) {
      const row = byCountry.get(c.country) ?? { challenges: 0, addressed: 0 };
      row.challenges++;
      if (done) row.addressed++;
      byCountry.set(c.country, row);
      part(c.country).challenges++;
    }
    for (const v of s.votes.get(k) ?? []) {
      const voter = s.nodes[v.to];
      if (!mask[v.to] || voter?.country === undefined) continue;
      if (filters.country === undefined || voter.country === filters.country || c.country === filters.country) {
        part(voter.country).votes++;
      }
    }
  }
  // Polls, comments and survey answers count under their author's country (snapshot.ts keeps
  // the author of a comment or answer beside the voters, in `votes`).
  const acts = [
    ['Poll', 'pollAnswers'],
    ['Comment', 'comments'],
    ['SurveyAnswer', 'surveyAnswers'],
  ] as const;
  for (const [kind, field] of acts) {
    for (const k of s.of(kind)) {
      if (!mask[k]) continue;
      for (const v of s.votes.get(k) ?? []) {
        const who = s.nodes[v.to];
        if (!mask[v.to] || who?.country === undefined) continue;
        if (filters.country !== undefined && who.country !== filters.country) continue;
        part(who.country)[field]++;
      }
    }
  }
  days.sort((a, b) => a - b);
  const share = (key: string, label: string, r: { challenges: number; addressed: number }): CycleShare => ({
    key,
    label,
    challenges: r.challenges,
    addressed: r.addressed,
    share: r.challenges === 0 ? 0 : r.addressed / r.challenges,
  });
  const order = (a: CycleShare, b: CycleShare) => b.challenges - a.challenges || (a.key < b.key ? -1 : 1);
  return {
    challenges,
    addressed,
    daysToAddressed: {
      count: days.length,
      median: days.length === 0 ? null : median(days),
      mean: days.length === 0 ? null : days.reduce((a, b) => a + b, 0) / days.length,
    },
    byTopic: [...byTopic].map(([t, r]) => share(s.node(t).id, s.node(t).label, r)).sort(order),
    byCountry: [...byCountry].map(([c, r]) => share(c, c, r)).sort(order),
    participation: [...participation]
      .map(([country, p]) => ({ country, ...p }))
      .sort((a, b) => total(b) - total(a) || (a.country < b.country ? -1 : 1)),
  };
}

const total = (p: Participation): number => p.challenges + p.votes + p.comments + p.pollAnswers + p.surveyAnswers;

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number): number => {
    const v = sorted[i];
    if (v === undefined) throw new Error(`median: index ${i} outside ${sorted.length}`);
    return v;
  };
  return sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}
