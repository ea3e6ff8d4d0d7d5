/**
 * buildConsortium: a project-concept team for a stored challenge. Candidates are the
 * organisations match-need ranks for the challenge (with their evidence), plus law-enforcement
 * bodies that raised or work on challenges of the same topics (practitioners rarely author
 * results, but they are the end users a proposal needs).
 *
 * Greedy, explained: first the best practitioner(s), then the best research and industry
 * partners, then whoever adds most (score, uncovered sub-topics, a new country), never letting
 * one country pass its share of the final size. Each check is reported; when one cannot be
 * met, the answer says why and offers the nearest team with that constraint relaxed.
 */
import { z } from 'zod';
import type { Viewer } from '../../graph/index.js';
import { countryCode, idSchema } from '../../graph/index.js';
import type { Snapshot } from '../analytics/index.js';
import { AnalyticsError, parseQuery } from '../analytics/index.js';
import type { Hit, Matcher, MatchMode } from '../match/index.js';
import { orgRef } from './suggest.js';
import type { ConsortiumAnswer, ConsortiumConstraints, ConsortiumMember, ConsortiumRole } from './types.js';

export const constraintsSchema = z.strictObject({
  minCountries: z.number().int().min(1).max(20).default(3),
  maxCountryShare: z.number().gt(0).max(1).default(0.5),
  minLea: z.number().int().min(0).max(10).default(1),
  size: z.number().int().min(2).max(20).default(6),
  excludeCountries: z.array(countryCode).max(50).default([]),
});
type Constraints = z.output<typeof constraintsSchema>;

interface Candidate {
  readonly k: number;
  readonly country: string;
  readonly role: ConsortiumRole;
  readonly score: number;
  readonly covers: Set<string>;
  readonly evidence: ConsortiumMember['evidence'];
  readonly coordinations: number;
}

const roleOf = (orgKind: string | undefined): ConsortiumRole =>
  orgKind === 'lea'
    ? 'practitioner'
    : orgKind === 'academia' || orgKind === 'research'
      ? 'research'
      : orgKind === 'industry'
        ? 'industry'
        : 'public';

export interface ConsortiumContext {
  readonly snapshot: Snapshot;
  readonly matcher: Matcher;
  readonly mode: MatchMode;
}

export async function buildConsortium(
  ctx: ConsortiumContext,
  challengeId: string,
  input: ConsortiumConstraints | undefined,
  viewer: Viewer,
): Promise<ConsortiumAnswer> {
  const id = parseQuery(idSchema, challengeId, 'consortium challenge id');
  const c = parseQuery(constraintsSchema, input, 'consortium');
  const s = ctx.snapshot;
  const mask = s.visibleMask(viewer);
  const ck = s.key.get(id);
  if (ck === undefined || !mask[ck])
    throw new AnalyticsError('ERR_NOT_FOUND', `challenge ${id} was not found`, 'challengeId');
  if (s.node(ck).kind !== 'Challenge') {
    throw new AnalyticsError('ERR_WRONG_KIND', `${id} is a ${s.node(ck).kind}, not a challenge`, 'challengeId');
  }
  const topicKeys = s.topicsOf(ck, mask);
  // Sub-topics: the challenge's topics, then its own keywords (a member covers a keyword when its evidence names it).
  const topicLabels = topicKeys.map((t) => s.node(t).label);
  const lower = new Set(topicLabels.map((l) => l.toLowerCase()));
  const keywords = (s.node(ck).keywords ?? []).filter((k) => !lower.has(k.toLowerCase())).slice(0, 5);
  const subTopics = [...topicLabels, ...keywords];

  const answer = await ctx.matcher.matchNeed(id, viewer, { kinds: ['Organisation'], limit: 60, mode: ctx.mode });
  const excluded = new Set(c.excludeCountries);
  const candidates = new Map<number, Candidate>();
  for (const hit of answer.hits) addHit(s, mask, hit, topicKeys, keywords, excluded, candidates);
  addPractitioners(s, mask, ck, topicKeys, excluded, candidates);

  const team = greedy([...candidates.values()], c);
  const checks = checksOf(team, c, subTopics);
  const alternatives: ConsortiumAnswer['alternatives'][number][] = [];
  for (const failed of checks.filter((x) => !x.met)) {
    const relaxed = relax(c, failed.constraint);
    if (relaxed === undefined) continue;
    const alt = greedy([...candidates.values()], relaxed.constraints);
    alternatives.push({ reason: `${failed.detail}; ${relaxed.why}`, members: alt.map((m) => member(s, m, false)) });
  }
  const covered = new Set(team.flatMap((m) => [...m.covers]));
  const coordinator = [...team].sort((a, b) => b.coordinations - a.coordinations || b.score - a.score || a.k - b.k)[0];
  return {
    challenge: { id, title: s.node(ck).label },
    constraints: { ...c, excludeCountries: c.excludeCountries },
    subTopics,
    members: team.map((m) => member(s, m, m === coordinator)),
    checks,
    alternatives,
    uncovered: subTopics.filter((t) => !covered.has(t)),
  };
}

function member(s: Snapshot, m: Candidate, coordinator: boolean): ConsortiumMember {
  return {
    org: orgRef(s, m.k),
    role: m.role,
    coordinator,
    covers: [...m.covers],
    evidence: m.evidence,
    score: Math.round(m.score * 1_000) / 1_000,
  };
}

function topicsCovered(s: Snapshot, mask: Uint8Array, org: number, topicKeys: readonly number[]): Set<string> {
  const wanted = new Set(topicKeys);
  const out = new Set<string>();
  const works = [
    ...(s.projectsOf.get(org) ?? []).map((l) => l.to),
    ...(s.produced.get(org) ?? []),
    ...(s.raised.get(org) ?? []),
  ];
  for (const w of works) {
    if (!mask[w]) continue;
    for (const t of s.topicsOf(w, mask)) if (wanted.has(t)) out.add(s.node(t).label);
  }
  for (const t of s.expertIn.get(org) ?? []) if (wanted.has(t) && mask[t]) out.add(s.node(t).label);
  return out;
}

function addHit(
  s: Snapshot,
  mask: Uint8Array,
  hit: Hit,
  topicKeys: readonly number[],
  keywords: readonly string[],
  excluded: ReadonlySet<string>,
  into: Map<number, Candidate>,
): void {
  const k = s.key.get(hit.id);
  if (k === undefined || !mask[k] || s.node(k).kind !== 'Organisation') return;
  const country = s.node(k).country;
  if (country === undefined || excluded.has(country)) return;
  const coordinations = hit.evidence.filter((e) => e.role.includes('coordinator')).length;
  const covers = topicsCovered(s, mask, k, topicKeys);
  const evidenceText = [...hit.evidence.map((e) => e.work.label), ...hit.snippets.map((x) => x.text)]
    .join(' ')
    .toLowerCase();
  for (const kw of keywords) if (evidenceText.includes(kw.toLowerCase())) covers.add(kw);
  into.set(k, {
    k,
    country,
    role: roleOf(s.node(k).sub),
    score: hit.scores.final,
    covers,
    evidence: hit.evidence.map((e) => {
      const wk = s.key.get(e.work.id);
      return {
        id: e.work.id,
        title: e.work.label,
        kind: e.work.kind,
        maturity: wk === undefined ? 0 : Math.round((s.node(wk).maturity ?? 0.5) * 100) / 100,
      };
    }),
    coordinations,
  });
}

/** Law-enforcement bodies tied to the challenge's topics, scored below any evidenced hit. */
function addPractitioners(
  s: Snapshot,
  mask: Uint8Array,
  challenge: number,
  topicKeys: readonly number[],
  excluded: ReadonlySet<string>,
  into: Map<number, Candidate>,
): void {
  if (topicKeys.length === 0) return;
  for (const k of s.of('Organisation')) {
    if (!mask[k] || into.has(k) || s.node(k).sub !== 'lea') continue;
    const country = s.node(k).country;
    if (country === undefined || excluded.has(country)) continue;
    const covers = topicsCovered(s, mask, k, topicKeys);
    const raisedThis =
      (s.raised.get(k) ?? []).includes(challenge) ||
      // A member the viewer cannot see does not count: hidden people move nothing others see.
      (s.members.get(k) ?? []).some((p) => mask[p] === 1 && (s.raised.get(p) ?? []).includes(challenge));
    if (covers.size === 0 && !raisedThis) continue;
    into.set(k, {
      k,
      country,
      role: 'practitioner',
      score: 0.1 * (covers.size / topicKeys.length) + (raisedThis ? 0.1 : 0),
      covers,
      evidence: [],
      coordinations: 0,
    });
  }
}

function greedy(all: readonly Candidate[], c: Constraints): Candidate[] {
  const team: Candidate[] = [];
  const perCountry = new Map<string, number>();
  const cap = Math.max(1, Math.floor(c.size * c.maxCountryShare));
  const byScore = [...all].sort((a, b) => b.score - a.score || a.k - b.k);
  const fits = (m: Candidate) => !team.includes(m) && (perCountry.get(m.country) ?? 0) < cap;
  const take = (m: Candidate) => {
    team.push(m);
    perCountry.set(m.country, (perCountry.get(m.country) ?? 0) + 1);
  };
  for (let n = 0; n < c.minLea && team.length < c.size; n++) {
    const m = byScore.find((x) => x.role === 'practitioner' && fits(x));
    if (m !== undefined) take(m);
  }
  for (const role of ['research', 'industry'] as const) {
    const m = byScore.find((x) => x.role === role && fits(x));
    if (m !== undefined && team.length < c.size) take(m);
  }
  while (team.length < c.size) {
    const covered = new Set(team.flatMap((m) => [...m.covers]));
    let best: Candidate | undefined;
    let bestGain = Number.NEGATIVE_INFINITY;
    for (const x of byScore) {
      if (!fits(x)) continue;
      const newTopics = [...x.covers].filter((t) => !covered.has(t)).length;
      const newCountry = perCountry.has(x.country) ? 0 : 1;
      const gain = x.score + 0.15 * newTopics + (perCountry.size < c.minCountries ? 0.3 * newCountry : 0);
      if (gain > bestGain) {
        best = x;
        bestGain = gain;
      }
    }
    if (best === undefined) break;
    take(best);
  }
  return team;
}

function checksOf(
  team: readonly Candidate[],
  c: Constraints,
  subTopics: readonly string[],
): ConsortiumAnswer['checks'][number][] {
  const byCountry = new Map<string, number>();
  for (const m of team) {
    const cc = m.country;
    byCountry.set(cc, (byCountry.get(cc) ?? 0) + 1);
  }
  const lea = team.filter((m) => m.role === 'practitioner').length;
  const maxShare = team.length === 0 ? 0 : Math.max(...byCountry.values()) / team.length;
  const covered = new Set(team.flatMap((m) => [...m.covers]));
  return [
    {
      constraint: 'size',
      met: team.length >= c.size,
      detail: `${team.length} of ${c.size} members found`,
    },
    {
      constraint: 'minCountries',
      met: byCountry.size >= c.minCountries,
      detail: `${byCountry.size} countries (${[...byCountry.keys()].sort().join(', ')}), at least ${c.minCountries} wanted`,
    },
    {
      constraint: 'minLea',
      met: lea >= c.minLea,
      detail: `${lea} law-enforcement practitioner${lea === 1 ? '' : 's'}, at least ${c.minLea} wanted`,
    },
    {
      constraint: 'maxCountryShare',
      met: maxShare <= c.maxCountryShare,
      detail: `largest country share ${Math.round(maxShare * 100)} %, at most ${Math.round(c.maxCountryShare * 100)} % allowed`,
    },
    {
      constraint: 'research and industry',
      met: team.some((m) => m.role === 'research') && team.some((m) => m.role === 'industry'),
      detail: `${team.filter((m) => m.role === 'research').length} research and ${team.filter((m) => m.role === 'industry').length} industry partners`,
    },
    {
      constraint: 'sub-topics',
      met: subTopics.every((t) => covered.has(t)),
      detail:
        subTopics.length === 0
          ? 'the challenge names no topics'
          : `${subTopics.filter((t) => covered.has(t)).length} of ${subTopics.length} sub-topics covered`,
    },
  ];
}

function relax(c: Constraints, constraint: string): { constraints: Constraints; why: string } | undefined {
  switch (constraint) {
    case 'minLea':
      return c.minLea > 0
        ? { constraints: { ...c, minLea: c.minLea - 1 }, why: `with one practitioner fewer (${c.minLea - 1})` }
        : undefined;
    case 'minCountries':
    case 'maxCountryShare':
      return c.maxCountryShare < 1
        ? {
            constraints: { ...c, maxCountryShare: Math.min(1, c.maxCountryShare + 0.25) },
            why: `allowing one country up to ${Math.round(Math.min(1, c.maxCountryShare + 0.25) * 100)} % of the team`,
          }
        : undefined;
    case 'size':
      return c.size > 3
        ? { constraints: { ...c, size: c.size - 2 }, why: `with a smaller team of ${c.size - 2}` }
        : undefined;
    default:
      return undefined;
  }
}
