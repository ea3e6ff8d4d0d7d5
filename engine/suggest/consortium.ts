/**
 * buildConsortium: a project-concept team for a stored challenge. Candidates are the
 * organisations match-need ranks for the challenge (with their evidence), plus law-enforcement
 * bodies that raised or work on challenges of the same topics (practitioners rarely author
 * results, but they are the end users a proposal needs).
 *
 * An organisation is a candidate only with relevant work: evidence with topical support for
 * the challenge (./support.ts: stored as addressing it, or a need-to-work similarity over the
 * calibrated floor), or, for a practitioner, having raised the challenge or worked on one of its
 * topics. A seat nobody can fill with relevant work stays empty, and a sub-topic nobody in the
 * network has work on is reported as such rather than covered by whoever ranks next.
 *
 * Greedy, explained: first the best practitioner(s), then the best research and industry
 * partners, then whoever adds most (score, uncovered sub-topics, a new country), never letting
 * one country pass its share of the final size. Each check is reported; when one cannot be
 * met, the answer says why and offers the nearest team with that constraint relaxed.
 *
 * The coordinator is the most relevant member among those who have coordinated projects
 * (experience), the most relevant one when none has; the answer says which and why.
 */
import { z } from 'zod';
import type { Viewer } from '../../graph/index.js';
import { countryCode, idSchema } from '../../graph/index.js';
import type { Snapshot } from '../analytics/index.js';
import { AnalyticsError, parseQuery } from '../analytics/index.js';
import type { Hit, Matcher, MatchMode } from '../match/index.js';
import { orgRef } from './suggest.js';
import { floorsForNeed, type NeedFloors, supportedEvidence, type TopicalFloor, topicalFloor } from './support.js';
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
  /** Sub-topic → the work of this candidate that covers it. */
  readonly covers: Map<string, number>;
  readonly evidence: ConsortiumMember['evidence'];
  /** Visible projects it coordinated, most relevant first when among its evidence. */
  readonly coordinated: readonly number[];
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

  const floor = topicalFloor(ctx.mode === 'lexical' ? undefined : await ctx.matcher.relevanceFloor(viewer));
  // Independent reads, asked for together.
  const [answer, need] = await Promise.all([
    ctx.matcher.matchNeed(id, viewer, { kinds: ['Organisation'], limit: 60, mode: ctx.mode }),
    floorsForNeed({ snapshot: s, mask, matcher: ctx.matcher, viewer }, ck, floor),
  ]);
  const excluded = new Set(c.excludeCountries);
  const candidates = new Map<number, Candidate>();
  let unsupported = 0;
  let supportedHits = 0;
  for (const hit of answer.hits) {
    const added = addHit(s, mask, hit, id, floor, need, topicKeys, keywords, excluded, candidates);
    if (added === 'unsupported') unsupported++;
    else if (added === 'added') supportedHits++;
  }
  addPractitioners(s, mask, ck, topicKeys, excluded, candidates);

  const pool = [...candidates.values()];
  const team = greedy(pool, c);
  const checks = checksOf(team, c, subTopics, pool.length);
  const alternatives: ConsortiumAnswer['alternatives'][number][] = [];
  for (const failed of checks.filter((x) => !x.met)) {
    const relaxed = relax(c, failed.constraint);
    if (relaxed === undefined) continue;
    const alt = greedy(pool, relaxed.constraints);
    alternatives.push({ reason: `${failed.detail}; ${relaxed.why}`, members: alt.map((m) => member(s, m, false)) });
  }
  const covered = new Set(team.flatMap((m) => [...m.covers.keys()]));
  const anyone = new Set(pool.flatMap((m) => [...m.covers.keys()]));
  // A topic nobody has work about is a gap. A keyword counts as covered only when a supported
  // work names it word for word, so a missing keyword is a gap only when no organisation had
  // relevant work at all; otherwise it is merely not covered by the team (`uncovered`).
  const topicSet = new Set(topicLabels);
  const gaps = subTopics
    .filter((t) => !anyone.has(t) && (topicSet.has(t) || supportedHits === 0))
    .map((t) => ({
      subTopic: t,
      reason: `nobody in the network has relevant work for "${t}"${unsupported > 0 ? ` (${unsupported} organisation${unsupported === 1 ? '' : 's'} ranked for the challenge had no work close enough to it to count)` : ''}`,
    }));
  const chosen = pickCoordinator(s, team);
  return {
    challenge: { id, title: s.node(ck).label },
    constraints: { ...c, excludeCountries: c.excludeCountries },
    subTopics,
    members: team.map((m) => member(s, m, m === chosen?.member)),
    checks,
    alternatives,
    uncovered: subTopics.filter((t) => !covered.has(t)),
    gaps,
    ...(chosen === undefined ? {} : { coordinator: { id: s.node(chosen.member.k).id, why: chosen.why } }),
    topicalFloor: floor,
  };
}

const quote = (s: Snapshot, k: number): string => `"${s.node(k).label}" (${s.node(k).id})`;

/**
 * The coordinator: the most relevant member among those who have coordinated projects visible
 * to the viewer (experience of the role), the most relevant member when none has.
 */
function pickCoordinator(s: Snapshot, team: readonly Candidate[]): { member: Candidate; why: string } | undefined {
  const byRelevance = [...team].sort(
    (a, b) => b.score - a.score || b.coordinated.length - a.coordinated.length || a.k - b.k,
  );
  const experienced = byRelevance.find((m) => m.coordinated.length > 0);
  const m = experienced ?? byRelevance[0];
  if (m === undefined) return undefined;
  const best = byRelevance[0] as Candidate;
  const name = s.node(m.k).label;
  const first = m.coordinated[0];
  if (experienced === undefined)
    return {
      member: m,
      why: `${name}: the most relevant member (${m.score.toFixed(2)}); no member has coordinated a project visible to you`,
    };
  const led = `coordinated ${m.coordinated.length} project${m.coordinated.length === 1 ? '' : 's'}, such as ${quote(s, first as number)}`;
  return {
    member: m,
    why:
      m === best
        ? `${name}: the most relevant member (${m.score.toFixed(2)}), and it ${led}`
        : `${name}: the most relevant member (${m.score.toFixed(2)}) that has coordinated projects (it ${led}); ${s.node(best.k).label} is more relevant (${best.score.toFixed(2)}) but has coordinated none visible to you`,
  };
}

function member(s: Snapshot, m: Candidate, coordinator: boolean): ConsortiumMember {
  return {
    org: orgRef(s, m.k),
    role: m.role,
    coordinator,
    covers: [...m.covers.keys()],
    evidence: m.evidence,
    coordinated: m.coordinated.length,
    why: memberWhy(s, m),
    score: Math.round(m.score * 1_000) / 1_000,
  };
}

/** One line naming the works behind a member, each with its support. */
function memberWhy(s: Snapshot, m: Candidate): string {
  const works = m.evidence.slice(0, 2).map((e) => {
    const support =
      e.basis === 'addresses'
        ? 'addresses the challenge'
        : e.basis === 'similarity'
          ? `similarity ${(e.similarity ?? 0).toFixed(2)}`
          : e.basis === 'raised'
            ? 'raised the challenge'
            : 'on a topic of the challenge';
    return `"${e.title}" (${e.id}, ${support})`;
  });
  const topics = [...m.covers].map(([t, w]) => `${t} by ${quote(s, w)}`);
  const parts = [works.length > 0 ? works.join('; ') : 'no work of its own close to the challenge'];
  if (topics.length > 0) parts.push(`covers ${topics.join(', ')}`);
  return parts.join('; ');
}

/** Each wanted topic the organisation has visible work on, with one such work (projects first, then results). */
function topicsCovered(s: Snapshot, mask: Uint8Array, org: number, topicKeys: readonly number[]): Map<string, number> {
  const wanted = new Set(topicKeys);
  const out = new Map<string, number>();
  // Work only: a need the organisation raised on the topic is no work on it.
  const works = [...(s.projectsOf.get(org) ?? []).map((l) => l.to), ...(s.produced.get(org) ?? [])];
  for (const w of works) {
    if (!mask[w]) continue;
    for (const t of s.topicsOf(w, mask)) if (wanted.has(t) && !out.has(s.node(t).label)) out.set(s.node(t).label, w);
  }
  return out;
}

/** Visible projects the organisation coordinated, those among `first` (its relevant work) first. */
function coordinatedProjects(s: Snapshot, mask: Uint8Array, org: number, first: ReadonlySet<string>): number[] {
  return (s.projectsOf.get(org) ?? [])
    .filter((l) => mask[l.to] && l.role === 'coordinator')
    .map((l) => l.to)
    .sort((a, b) => Number(first.has(s.node(b).id)) - Number(first.has(s.node(a).id)) || a - b);
}

/** Adds the hit as a candidate when it has supported evidence: `unsupported` when it has none, `skipped` when it may not take part. */
function addHit(
  s: Snapshot,
  mask: Uint8Array,
  hit: Hit,
  needId: string,
  floor: TopicalFloor,
  need: { floors: NeedFloors; sharesTopic: (workId: string) => boolean },
  topicKeys: readonly number[],
  keywords: readonly string[],
  excluded: ReadonlySet<string>,
  into: Map<number, Candidate>,
): 'added' | 'unsupported' | 'skipped' {
  const k = s.key.get(hit.id);
  if (k === undefined || !mask[k] || s.node(k).kind !== 'Organisation') return 'skipped';
  const country = s.node(k).country;
  if (country === undefined || excluded.has(country)) return 'skipped';
  const { supported } = supportedEvidence(hit, needId, floor, need.floors, need.sharesTopic);
  if (supported.length === 0) return 'unsupported';
  const covers = topicsCovered(s, mask, k, topicKeys);
  // A keyword is covered when a supported work's title or snippet names it.
  const ids = new Set(supported.map((e) => e.work.id));
  for (const kw of keywords) {
    const lower = kw.toLowerCase();
    const work =
      supported.find((e) => e.work.label.toLowerCase().includes(lower))?.work.id ??
      hit.snippets.find((x) => ids.has(x.node) && x.text.toLowerCase().includes(lower))?.node;
    const wk = work === undefined ? undefined : s.key.get(work);
    if (wk !== undefined) covers.set(kw, wk);
  }
  into.set(k, {
    k,
    country,
    role: roleOf(s.node(k).sub),
    score: hit.scores.final,
    covers,
    evidence: supported.map((e) => {
      const wk = s.key.get(e.work.id);
      return {
        id: e.work.id,
        title: e.work.label,
        kind: e.work.kind,
        maturity: wk === undefined ? 0 : Math.round((s.node(wk).maturity ?? 0.5) * 100) / 100,
        basis: e.support.basis === 'none' ? 'similarity' : e.support.basis,
        similarity: e.support.similarity,
      };
    }),
    coordinated: coordinatedProjects(s, mask, k, ids),
  });
  return 'added';
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
    const evidence: ConsortiumMember['evidence'][number][] = [];
    if (raisedThis) {
      evidence.push({
        id: s.node(challenge).id,
        title: s.node(challenge).label,
        kind: 'Challenge',
        maturity: 0,
        basis: 'raised',
        similarity: null,
      });
    }
    for (const w of new Set(covers.values())) {
      if (w === challenge) continue;
      const n = s.node(w);
      evidence.push({
        id: n.id,
        title: n.label,
        kind: n.kind,
        maturity: Math.round((n.maturity ?? 0.5) * 100) / 100,
        basis: 'topic',
        similarity: null,
      });
    }
    into.set(k, {
      k,
      country,
      role: 'practitioner',
      score: 0.1 * (covers.size / topicKeys.length) + (raisedThis ? 0.1 : 0),
      covers,
      evidence: evidence.slice(0, 3),
      coordinated: coordinatedProjects(s, mask, k, new Set()),
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
    const covered = new Set(team.flatMap((m) => [...m.covers.keys()]));
    let best: Candidate | undefined;
    let bestGain = Number.NEGATIVE_INFINITY;
    for (const x of byScore) {
      if (!fits(x)) continue;
      const newTopics = [...x.covers.keys()].filter((t) => !covered.has(t)).length;
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
  pool: number,
): ConsortiumAnswer['checks'][number][] {
  const byCountry = new Map<string, number>();
  for (const m of team) {
    const cc = m.country;
    byCountry.set(cc, (byCountry.get(cc) ?? 0) + 1);
  }
  const lea = team.filter((m) => m.role === 'practitioner').length;
  const maxShare = team.length === 0 ? 0 : Math.max(...byCountry.values()) / team.length;
  const covered = new Set(team.flatMap((m) => [...m.covers.keys()]));
  return [
    {
      constraint: 'size',
      met: team.length >= c.size,
      detail:
        team.length >= c.size || pool > team.length
          ? `${team.length} of ${c.size} members found`
          : `${team.length} of ${c.size} members found: only ${pool} organisation${pool === 1 ? '' : 's'} visible to you ${pool === 1 ? 'has' : 'have'} relevant work`,
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
