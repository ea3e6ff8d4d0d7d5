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
 *    results. A work counts as answering a need only with topical support (./support.ts: stored
 *    as addressing it, or a need-to-work similarity over the calibrated floor); otherwise the
 *    suggestion says it rests on network proximity and names the closest work and its figure.
 *
 * score = 0.65 · link + 0.35 · complementarity. The list is diversified across needs (round
 * robin over the need each suggestion answers), so one need does not take every slot.
 * Everything is read for the viewer.
 */
import { z } from 'zod';
import type { Viewer } from '../../graph/index.js';
import { countryCode, idSchema, OPEN_STATUSES } from '../../graph/index.js';
import type { Snapshot } from '../analytics/index.js';
import { AnalyticsError, collaborationGraph, parseQuery } from '../analytics/index.js';
import type { Matcher, MatchMode } from '../match/index.js';
import { CollabIndex, DEFAULT_LINK_MODEL, logit, pairFeatures, sigmoid } from './linkpred.js';
import { floorsForNeed, supportedEvidence, topicalFloor } from './support.js';
import type { OrgRef, SuggestAnswer, SuggestFor, Suggestion, SuggestQuery, WorkRef } from './types.js';

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
  /** A value kept for this snapshot state and viewer class (Snapshots.derived); absent: computed each time. */
  readonly memo?: <T>(key: string, compute: () => T) => T;
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

/** Builds (once per snapshot and viewer class) the index suggestions score on; `today` ends its recent window. */
export function collabIndex(s: Snapshot, viewer: Viewer, today?: Date): CollabIndex {
  const mask = s.visibleMask(viewer);
  return new CollabIndex(collaborationGraph(s, mask), s, mask, undefined, today?.toISOString().slice(0, 10));
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
      if (mask[c] && n.sub !== undefined && (OPEN_STATUSES as readonly string[]).includes(n.sub)) out.add(c);
    }
  }
  const votes = (c: number) => (s.votes.get(c) ?? []).filter((v) => mask[v.to]).length;
  return [...out].sort((a, b) => votes(b) - votes(a) || a - b);
}

/** An organisation's mature results (its own or its projects'), one per topic they are about: topic → result. */
function matureWorkByTopic(s: Snapshot, mask: Uint8Array, org: number): Map<number, number> {
  const works = new Set<number>(s.produced.get(org) ?? []);
  for (const p of s.projectsOf.get(org) ?? []) if (mask[p.to]) for (const w of s.produced.get(p.to) ?? []) works.add(w);
  const out = new Map<number, number>();
  for (const w of [...works].sort((a, b) => (s.node(b).maturity ?? 0) - (s.node(a).maturity ?? 0) || a - b)) {
    if (!mask[w] || (s.node(w).maturity ?? 0) < 0.6) continue;
    for (const t of s.topicsOf(w, mask)) if (!out.has(t)) out.set(t, w);
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
  // The floor a claim must clear: calibrated for the viewer's visibility class (./support.ts).
  const floor = topicalFloor(ctx.mode === 'lexical' ? undefined : await ctx.matcher.relevanceFloor(viewer));
  if (from.orgs.length === 0) {
    return {
      for: q.for,
      origins: [],
      suggestions: [],
      needs: [],
      topicalFloor: floor,
      empty: from.empty ?? 'nothing to start from',
    };
  }

  // 1. Link prediction for every (origin, candidate) pair across a border, not yet linked.
  interface Pair {
    origin: number;
    cand: number;
    z: number;
    via: number[];
  }
  const originSet = new Set(from.orgs);
  // The best pair per candidate over the origins: the same for every request on this snapshot
  // state, viewer class and origins, so it is kept (ctx.memo); copied, since it is added to below.
  const linkScores = (): Pair[] => {
    const best = new Map<number, Pair>(); // candidate → best pair
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
    return [...best.values()].sort((a, b) => b.z - a.z || a.cand - b.cand);
  };
  const scored = ctx.memo === undefined ? linkScores() : ctx.memo(`links|${from.orgs.join(',')}`, linkScores);
  const best = new Map<number, Pair>(scored.map((p) => [p.cand, { ...p, via: [] }]));
  const ranked = scored.slice(0, Math.max(50, q.limit * 5)).map((p) => best.get(p.cand) as Pair);
  const top = ranked[0] === undefined ? 1 : sigmoid(ranked[0].z);

  // 2. Complementarity: the origins' open needs, most voted first over all origins, answered by match-need.
  //    A candidate's work counts as answering a need only with topical support (./support.ts).
  const votes = (c: number) => (s.votes.get(c) ?? []).filter((v) => mask[v.to]).length;
  const needs = [...new Set(from.orgs.flatMap((o) => needsOf(s, mask, o)))]
    .sort((a, b) => votes(b) - votes(a) || a - b)
    .slice(0, MAX_NEEDS);
  const claims = new Map<number, Claim[]>();
  const closest = new Map<number, Closest>();
  // Each need's floors and answer are asked for together (independent reads, which on Neo4j
  // overlap), and used in the needs' order, as before.
  const asked = await Promise.all(
    needs.map(async (need) => {
      const needId = s.node(need).id;
      const [{ floors, sharesTopic }, answer] = await Promise.all([
        floorsForNeed({ snapshot: s, mask, matcher: ctx.matcher, viewer }, need, floor),
        ctx.matcher.matchNeed(needId, viewer, { kinds: ['Organisation'], limit: 50, mode: ctx.mode }),
      ]);
      return { need, needId, floors, sharesTopic, answer };
    }),
  );
  for (const { need, needId, floors, sharesTopic, answer } of asked) {
    for (const hit of answer.hits) {
      const k = s.key.get(hit.id);
      if (k === undefined || originSet.has(k)) continue;
      const { supported, unsupported } = supportedEvidence(hit, needId, floor, floors, sharesTopic);
      const first = supported[0];
      if (first === undefined) {
        const near = [...unsupported].sort((a, b) => (b.support.similarity ?? -1) - (a.support.similarity ?? -1))[0];
        const prev = closest.get(k);
        if (near !== undefined && (prev === undefined || (near.support.similarity ?? -1) > (prev.similarity ?? -1))) {
          closest.set(k, {
            need,
            work: { id: near.work.id, title: near.work.label, kind: near.work.kind },
            similarity: near.support.similarity,
            floor: near.support.floor,
          });
        }
        continue;
      }
      const list = claims.get(k) ?? [];
      list.push({
        need,
        score: hit.scores.final,
        work: { id: first.work.id, title: first.work.label, kind: first.work.kind },
        basis: first.support.basis === 'none' ? 'similarity' : first.support.basis,
        similarity: first.support.similarity,
        floor: first.support.floor,
      });
      claims.set(k, list);
      // A supported complement is a candidate even with no structural signal.
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
  const originWork = new Map(from.orgs.map((o) => [o, matureWorkByTopic(s, mask, o)]));

  const suggestions: Suggestion[] = ranked.map((p) => {
    const link = Number.isFinite(p.z) ? sigmoid(p.z) / top : 0;
    const forward = [...(claims.get(p.cand) ?? [])].sort((a, b) => b.score - a.score);
    // The other way round: the candidate's needs on topics where the origin has mature results.
    const mine = originWork.get(p.origin) ?? new Map<number, number>();
    const reverse = needsOf(s, mask, p.cand)
      .map((c) => ({ need: c, topic: s.topicsOf(c, mask).find((t) => mine.has(t)) }))
      .find((x) => x.topic !== undefined);
    const complementarity = Math.max(forward[0]?.score ?? 0, reverse === undefined ? 0 : 0.5);
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
    const complements: Suggestion['complements'][number][] = forward.slice(0, 3).map((c) => ({
      need: { id: s.node(c.need).id, title: s.node(c.need).label, side: 'from' },
      answer: c.work,
      basis: c.basis,
      similarity: c.similarity,
      floor: c.floor,
    }));
    let reverseWork: WorkRef | undefined;
    if (reverse !== undefined && complements.length < 3) {
      const w = mine.get(reverse.topic as number) as number;
      reverseWork = { id: s.node(w).id, title: s.node(w).label, kind: s.node(w).kind };
      complements.push({
        need: { id: s.node(reverse.need).id, title: s.node(reverse.need).label, side: 'to' },
        answer: reverseWork,
        basis: 'topic',
        similarity: null,
        floor: null,
      });
    }
    const near = closest.get(p.cand);
    const score = LINK_WEIGHT * link + (1 - LINK_WEIGHT) * complementarity;
    const viaRefs = via.slice(0, 3).map((k) => orgRef(s, ix.keys[k] as number));
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
      why: why(s, {
        via: viaRefs,
        viaCount: via.length,
        topical,
        forward: forward[0],
        reverse:
          reverse === undefined || reverseWork === undefined ? undefined : { need: reverse.need, work: reverseWork },
        closest: near,
      }),
      via: viaRefs,
      complements,
      ...(complements.length > 0
        ? {}
        : {
            proximityOnly:
              near === undefined
                ? {}
                : {
                    closest: {
                      need: { id: s.node(near.need).id, title: s.node(near.need).label },
                      work: near.work,
                      similarity: near.similarity,
                      floor: near.floor,
                    },
                  },
          }),
      sharedTopics: shared.map((t) => ({ id: s.node(t).id, label: s.node(t).label })),
    };
  });
  suggestions.sort((a, b) => b.scores.score - a.scores.score || (a.to.id < b.to.id ? -1 : 1));
  const picked = roundRobin(suggestions, needKey, q.limit).map((x, r) => ({ ...x, rank: r + 1 }));
  return {
    for: q.for,
    origins: from.orgs.map((o) => orgRef(s, o)),
    suggestions: picked,
    needs: needs.map((n) => ({ id: s.node(n).id, title: s.node(n).label })),
    topicalFloor: floor,
    ...(picked.length === 0
      ? { empty: 'no organisation across a border is visible to you that does not already work with these' }
      : {}),
  };
}

interface Claim {
  readonly need: number;
  /** The candidate's match-need score for the need (how it ranks on it), not the topical support. */
  readonly score: number;
  readonly work: WorkRef;
  readonly basis: 'addresses' | 'similarity' | 'topic';
  readonly similarity: number | null;
  readonly floor: number | null;
}

interface Closest {
  readonly need: number;
  readonly work: WorkRef;
  readonly similarity: number | null;
  readonly floor: number | null;
}

/** What a suggestion is about, for diversity: the need it answers (either side's), or nothing but proximity. */
export const needKey = (x: Suggestion): string => {
  const c = x.complements[0];
  return c === undefined ? '' : `${c.need.side}:${c.need.id}`;
};

/**
 * Diversity across needs: round-robin over the groups `key` makes (each group best first), each
 * round in score order, so one need with many answers does not take every slot. `sorted` is
 * best first; the result holds at most `limit`.
 */
export function roundRobin<T>(sorted: readonly T[], key: (x: T) => string, limit: number): T[] {
  const groups = new Map<string, T[]>();
  for (const x of sorted) {
    const k = key(x);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [x]);
    else g.push(x);
  }
  const out: T[] = [];
  const position = new Map(sorted.map((x, i) => [x, i]));
  for (let round = 0; out.length < limit; round++) {
    const layer = [...groups.values()].flatMap((g) => (g[round] === undefined ? [] : [g[round] as T]));
    if (layer.length === 0) break;
    layer.sort((a, b) => (position.get(a) as number) - (position.get(b) as number));
    out.push(...layer.slice(0, limit - out.length));
  }
  return out;
}

const quote = (w: WorkRef): string => `"${w.title}" (${w.id})`;

function why(
  s: Snapshot,
  o: {
    via: readonly OrgRef[];
    viaCount: number;
    topical: number;
    forward: Claim | undefined;
    reverse: { need: number; work: WorkRef } | undefined;
    closest: Closest | undefined;
  },
): string {
  const parts: string[] = [];
  const f = o.forward;
  if (f !== undefined) {
    const support =
      f.basis === 'addresses'
        ? 'stored as addressing it'
        : f.basis === 'topic'
          ? 'matches its words, on one of its topics'
          : `similarity ${(f.similarity ?? 0).toFixed(2)} over the ${(f.floor ?? 0).toFixed(2)} floor`;
    parts.push(`its work ${quote(f.work)} answers your need "${s.node(f.need).label}" (${support})`);
  }
  if (o.reverse !== undefined)
    parts.push(`its need "${s.node(o.reverse.need).label}" is on the topic of your result ${quote(o.reverse.work)}`);
  const partners =
    o.viaCount === 0
      ? undefined
      : `${o.viaCount} partner${o.viaCount === 1 ? '' : 's'} in common (${o.via.map((v) => v.name).join(', ')}${o.viaCount > o.via.length ? ', …' : ''})`;
  if (parts.length === 0) {
    // No claim has topical support: say what the suggestion does rest on.
    const basis = [partners, o.topical >= 0.2 ? 'works on the same topics' : undefined].filter((x) => x !== undefined);
    parts.push(
      `rests on network proximity, not on work that answers your needs: ${basis.length > 0 ? basis.join(', ') : 'active in related projects across the network'}`,
    );
    const c = o.closest;
    if (c !== undefined) {
      const figure =
        c.similarity === null
          ? 'not among the closest in meaning'
          : c.floor === null
            ? `similarity ${c.similarity.toFixed(2)}, no floor to judge it by`
            : `similarity ${c.similarity.toFixed(2)} under the ${c.floor.toFixed(2)} floor`;
      parts.push(`its closest work to your need "${s.node(c.need).label}" is ${quote(c.work)} (${figure})`);
    }
    return parts.join('; ');
  }
  if (partners !== undefined) parts.push(partners);
  if (o.topical >= 0.2) parts.push('works on the same topics');
  return parts.join('; ');
}

const round = (x: number): number => Math.round(x * 1_000) / 1_000;
