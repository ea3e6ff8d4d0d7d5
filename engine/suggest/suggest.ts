/**
 * suggestCollaborations: organisations across a border that do not yet work together, for a
 * person (their organisations), an organisation, a country or an INC (its country's
 * organisations). Two parts, both shown to the reader:
 *
 *  - link: the link-prediction model (./linkpred.ts) on the viewer's collaboration graph,
 *    scaled so the best candidate is 1;
 *  - complementarity: the origin's open needs answered by the candidate's work. Each of the
 *    origin's most supported open challenges (at most MAX_NEEDS) goes through match-need
 *    (hybrid retrieval over results, projects and documents with graph evidence); a candidate
 *    organisation among the answers gets its score there. The other way round, the
 *    candidate's open challenges count when their topics are those of the origin's mature
 *    results.
 *
 * score = 0.65 · link + 0.35 · complementarity. Everything is read for the viewer.
 */
import { z } from 'zod';
import type { Viewer } from '../../graph/index.js';
import { countryCode, idSchema } from '../../graph/index.js';
import type { Snapshot } from '../analytics/index.js';
import { AnalyticsError, collaborationGraph, parseQuery } from '../analytics/index.js';
import type { Matcher, MatchMode } from '../match/index.js';
import { CollabIndex, DEFAULT_LINK_MODEL, logit, pairFeatures, sigmoid } from './linkpred.js';
import type { OrgRef, SuggestAnswer, SuggestFor, Suggestion, SuggestQuery } from './types.js';

export const suggestQuerySchema = z.strictObject({
  for: z.union([
    z.strictObject({ person: idSchema }),
    z.strictObject({ organisation: idSchema }),
    z.strictObject({ country: countryCode }),
    z.strictObject({ inc: idSchema }),
  ]),
  limit: z.number().int().min(1).max(100).default(10),
});

const LINK_WEIGHT = 0.65;
const MAX_NEEDS = 3;
/** A country or INC has many organisations: suggestions start from its most connected ones. */
const MAX_ORIGINS = 25;

export interface SuggestContext {
  readonly snapshot: Snapshot;
  readonly index: CollabIndex;
  readonly matcher: Matcher;
  readonly mode: MatchMode;
}

export const orgRef = (s: Snapshot, k: number): OrgRef => {
  const n = s.node(k);
  return {
    id: n.id,
    name: n.label,
    ...(n.country === undefined ? {} : { country: n.country }),
    ...(n.sub === undefined ? {} : { orgKind: n.sub as OrgRef['orgKind'] & string }),
  };
};

/** Builds (once per snapshot and viewer class) the index suggestions score on. */
export function collabIndex(s: Snapshot, viewer: Viewer): CollabIndex {
  const mask = s.visibleMask(viewer);
  return new CollabIndex(collaborationGraph(s, mask), s, mask);
}

function lookup(s: Snapshot, mask: Uint8Array, id: string, kind: string, field: string): number {
  const k = s.key.get(id);
  if (k === undefined || !mask[k])
    throw new AnalyticsError('ERR_NOT_FOUND', `${field} ${id} was not found`, `for.${field}`);
  if (s.node(k).kind !== kind) {
    throw new AnalyticsError(
      'ERR_WRONG_KIND',
      `${id} is a ${s.node(k).kind}, not ${kind === 'Inc' ? 'an INC' : `a ${kind.toLowerCase()}`}`,
      `for.${field}`,
    );
  }
  return k;
}

/** The organisations suggestions are computed from, and a reason when there are none. */
function origins(s: Snapshot, ix: CollabIndex, mask: Uint8Array, f: SuggestFor): { orgs: number[]; empty?: string } {
  const rankByDegree = (orgs: number[]) =>
    orgs.sort((a, b) => ix.degree(ix.pos.get(b) ?? -1) - ix.degree(ix.pos.get(a) ?? -1) || a - b).slice(0, MAX_ORIGINS);
  if ('organisation' in f) return { orgs: [lookup(s, mask, f.organisation, 'Organisation', 'organisation')] };
  if ('person' in f) {
    const p = lookup(s, mask, f.person, 'Person', 'person');
    const orgs = (s.memberOf.get(p) ?? []).filter((o) => mask[o] && s.node(o).kind === 'Organisation');
    return orgs.length > 0
      ? { orgs }
      : { orgs, empty: `${f.person} is not a member of any organisation visible to you` };
  }
  let country: string;
  if ('inc' in f) {
    const inc = lookup(s, mask, f.inc, 'Inc', 'inc');
    country = s.node(inc).country ?? '';
  } else country = f.country;
  const orgs = s.of('Organisation').filter((o) => mask[o] && s.node(o).country === country);
  return orgs.length > 0
    ? { orgs: rankByDegree(orgs) }
    : { orgs, empty: `no organisation from ${country} is visible to you` };
}

/** Open challenges raised by an organisation, its members or (for a country) its INC, most voted first. */
function needsOf(s: Snapshot, mask: Uint8Array, org: number): number[] {
  const raisers = [org, ...(s.members.get(org) ?? [])];
  const out = new Set<number>();
  for (const r of raisers) {
    if (!mask[r]) continue;
    for (const c of s.raised.get(r) ?? []) {
      const n = s.node(c);
      if (mask[c] && (n.sub === 'open' || n.sub === 'in-progress')) out.add(c);
    }
  }
  const votes = (c: number) => (s.votes.get(c) ?? []).filter((v) => mask[v.to]).length;
  return [...out].sort((a, b) => votes(b) - votes(a) || a - b);
}

/** Topics of an organisation's mature results (its own or its projects'). */
function matureTopics(s: Snapshot, mask: Uint8Array, org: number): Set<number> {
  const works = new Set<number>(s.produced.get(org) ?? []);
  for (const p of s.projectsOf.get(org) ?? []) if (mask[p.to]) for (const w of s.produced.get(p.to) ?? []) works.add(w);
  const out = new Set<number>();
  for (const w of works) {
    if (!mask[w] || (s.node(w).maturity ?? 0) < 0.6) continue;
    for (const t of s.topicsOf(w, mask)) out.add(t);
  }
  return out;
}

export async function suggestCollaborations(
  ctx: SuggestContext,
  input: SuggestQuery,
  viewer: Viewer,
): Promise<SuggestAnswer> {
  const q = parseQuery(suggestQuerySchema, input, 'suggest');
  const { snapshot: s, index: ix } = ctx;
  const mask = s.visibleMask(viewer);
  const from = origins(s, ix, mask, q.for);
  if (from.orgs.length === 0)
    return { for: q.for, origins: [], suggestions: [], empty: from.empty ?? 'nothing to start from' };

  // 1. Link prediction for every (origin, candidate) pair across a border, not yet linked.
  interface Pair {
    origin: number;
    cand: number;
    z: number;
    via: number[];
  }
  const best = new Map<number, Pair>(); // candidate → best pair
  const originSet = new Set(from.orgs);
  for (const origin of from.orgs) {
    const i = ix.pos.get(origin);
    const country = s.node(origin).country;
    if (i === undefined) continue; // no visible project yet: no structural evidence
    const maps = ix.sourceMaps(i);
    for (let j = 0; j < ix.keys.length; j++) {
      const cand = ix.keys[j] as number;
      if (j === i || originSet.has(cand) || ix.linked(i, j)) continue;
      const cc = s.node(cand).country;
      if (cc === undefined || cc === country) continue;
      const z = logit(DEFAULT_LINK_MODEL, pairFeatures(ix, s, i, j, maps));
      const prev = best.get(cand);
      if (prev === undefined || z > prev.z) best.set(cand, { origin, cand, z, via: [] });
    }
  }
  const ranked = [...best.values()].sort((a, b) => b.z - a.z || a.cand - b.cand).slice(0, Math.max(50, q.limit * 5));
  const top = ranked[0] === undefined ? 1 : sigmoid(ranked[0].z);

  // 2. Complementarity: the origins' open needs, answered by match-need.
  const comp = new Map<number, { score: number; need: number; answer: { id: string; title: string; kind: string } }>();
  const needs = from.orgs.flatMap((o) => needsOf(s, mask, o)).slice(0, MAX_NEEDS);
  for (const need of needs) {
    const answer = await ctx.matcher.matchNeed(s.node(need).id, viewer, {
      kinds: ['Organisation'],
      limit: 50,
      mode: ctx.mode,
    });
    for (const hit of answer.hits) {
      const k = s.key.get(hit.id);
      if (k === undefined || originSet.has(k)) continue;
      const score = hit.scores.final;
      const ev = hit.evidence[0]?.work;
      if ((comp.get(k)?.score ?? 0) < score) {
        comp.set(k, {
          score,
          need,
          answer:
            ev === undefined
              ? { id: hit.id, title: hit.label, kind: hit.kind }
              : { id: ev.id, title: ev.label, kind: ev.kind },
        });
      }
      // A strong complement is a candidate even with no structural signal.
      if (
        !best.has(k) &&
        mask[k] &&
        s.node(k).country !== undefined &&
        !from.orgs.some((o) => s.node(o).country === s.node(k).country)
      ) {
        const origin = from.orgs[0] as number;
        const i = ix.pos.get(origin);
        const j = ix.pos.get(k);
        if (i !== undefined && j !== undefined && ix.linked(i, j)) continue;
        const pair = { origin, cand: k, z: Number.NEGATIVE_INFINITY, via: [] };
        best.set(k, pair);
        ranked.push(pair);
      }
    }
  }
  const originTopics = new Map(from.orgs.map((o) => [o, matureTopics(s, mask, o)]));

  const suggestions: Suggestion[] = ranked.map((p) => {
    const link = Number.isFinite(p.z) ? sigmoid(p.z) / top : 0;
    const forward = comp.get(p.cand);
    // The other way round: the candidate's needs on topics where the origin has mature results.
    const mine = originTopics.get(p.origin) ?? new Set<number>();
    const theirNeeds = needsOf(s, mask, p.cand);
    const reverse = theirNeeds.find((c) => s.topicsOf(c, mask).some((t) => mine.has(t)));
    const complementarity = Math.max(forward?.score ?? 0, reverse === undefined ? 0 : 0.5);
    const i = ix.pos.get(p.origin);
    const j = ix.pos.get(p.cand);
    const via =
      i === undefined || j === undefined
        ? []
        : (ix.nbrs[i] ?? []).filter((w) => ix.nbrSets[j]?.has(w)).sort((a, b) => ix.degree(b) - ix.degree(a));
    const topical = i === undefined || j === undefined ? 0 : ix.topicCosine(i, j);
    const shared =
      i === undefined || j === undefined
        ? []
        : [...(ix.profile[i]?.keys() ?? [])].filter((t) => ix.profile[j]?.has(t)).slice(0, 5);
    const complements: Suggestion['complements'][number][] = [];
    if (forward !== undefined) {
      complements.push({
        need: { id: s.node(forward.need).id, title: s.node(forward.need).label, side: 'from' },
        answer: forward.answer,
        similarity: round(forward.score),
      });
    }
    if (reverse !== undefined) {
      const t = s.topicsOf(reverse, mask).find((x) => mine.has(x)) as number;
      complements.push({
        need: { id: s.node(reverse).id, title: s.node(reverse).label, side: 'to' },
        answer: { id: s.node(t).id, title: s.node(t).label, kind: 'Topic' },
        similarity: 0.5,
      });
    }
    const score = LINK_WEIGHT * link + (1 - LINK_WEIGHT) * complementarity;
    return {
      rank: 0,
      from: orgRef(s, p.origin),
      to: orgRef(s, p.cand),
      scores: {
        link: round(link),
        complementarity: round(complementarity),
        topical: round(topical),
        score: round(score),
      },
      why: why(s, via.length, topical, forward, reverse),
      via: via.slice(0, 3).map((k) => orgRef(s, ix.keys[k] as number)),
      complements,
      sharedTopics: shared.map((t) => ({ id: s.node(t).id, label: s.node(t).label })),
    };
  });
  suggestions.sort((a, b) => b.scores.score - a.scores.score || (a.to.id < b.to.id ? -1 : 1));
  const picked = suggestions.slice(0, q.limit).map((x, r) => ({ ...x, rank: r + 1 }));
  return {
    for: q.for,
    origins: from.orgs.map((o) => orgRef(s, o)),
    suggestions: picked,
    ...(picked.length === 0
      ? { empty: 'no organisation across a border is visible to you that does not already work with these' }
      : {}),
  };
}

function why(
  s: Snapshot,
  via: number,
  topical: number,
  forward: { need: number; answer: { title: string } } | undefined,
  reverse: number | undefined,
): string {
  const parts: string[] = [];
  if (forward !== undefined)
    parts.push(`its work "${forward.answer.title}" answers your need "${s.node(forward.need).label}"`);
  if (reverse !== undefined) parts.push(`its need "${s.node(reverse).label}" is on a topic of your mature results`);
  if (via > 0) parts.push(`${via} partner${via === 1 ? '' : 's'} in common`);
  if (topical >= 0.2) parts.push('works on the same topics');
  if (parts.length === 0) parts.push('active in related projects across the network');
  return parts.join('; ');
}

const round = (x: number): number => Math.round(x * 1_000) / 1_000;
