/**
 * Scoring, filtering, diversity and explanations: turns retrieval scores and gathered
 * evidence into the ranked hits of an answer.
 *
 * A work (project, result, document) scores its own relevance (fused rank) times its quality
 * q = mix(maturity) × mix(recency), joined with support from related matched works (a
 * project's matched results, a result's matched project). A person or organisation scores
 * the contributions of every relevant work they produced or took part in (relevance × role ×
 * quality), aggregated with diminishing returns (`aggregateEvidence`), joined with their own
 * text match. "Joined" is a noisy-or, 1 − Π(1 − x): more independent evidence raises the
 * score, and it stays in [0, 1] so the kinds rank on one scale.
 */
import type { GraphNode, NodeOf } from '../../graph/index.js';
import type { EvidenceItem, ExplanationPath, Hit, HitSnippet, PathNode, ScoreParts } from './answer.js';
import { type Contribution, type Evidence, isEntity, type Trail } from './evidence.js';
import type { AnswerKind, ResolvedFilters } from './query.js';
import { maturity, recency, workDate } from './signals.js';
import { nodeLabel, snippets } from './text.js';

export interface RankTuning {
  /** RRF damping constant. */
  readonly rrfK: number;
  readonly lexicalWeight: number;
  readonly denseWeight: number;
  /** RRF weight of the list searched with a question's dictionary translations (./lexicon.ts). */
  readonly translatedWeight: number;
  /**
   * RRF weight of the list the default (English) model finds for a question in another language
   * rendered in English (./render.ts), beside the multilingual model's own list.
   */
  readonly renderedWeight: number;
  /** Share of a work's quality that maturity decides (0: ignored, 1: all). */
  readonly maturityWeight: number;
  readonly recencyWeight: number;
  /** How much a person's or organisation's own text match counts next to what they did. */
  readonly selfWeight: number;
  /** Scale of each work's contribution to its makers. */
  readonly evidenceWeight: number;
  /** Support a work gets from a related matched work (its project or its results). */
  readonly supportWeight: number;
  /** Bonus for a person expert in, or a work about, one of a need's topics. */
  readonly topicWeight: number;
  /** Multiplier per hit of the same project already ranked above (works: a project's own results). */
  readonly diversity: number;
  /**
   * The same for people and organisations whose strongest evidence is the same project. Milder
   * than for works: partners of the most relevant consortium are right answers (measured in
   * test/bench/quality.ts, where a strong penalty cost organisations most of their nDCG), but
   * ten of them should still not hide everyone else.
   */
  readonly entityDiversity: number;
  /** Candidates taken from each side per kind. */
  readonly candidates: number;
  /**
   * Dense candidates at or below this cosine are dropped: a vector index always returns its k
   * nearest, however far, and on a small kind that would make every node a candidate.
   */
  readonly denseFloor: number;
  /**
   * How much a candidate's absolute match strength tempers its fused rank score (0: ranks
   * only). Rank fusion is per kind, so the best result of a query that results barely match
   * still scores 1; strength is the share of query terms it holds or its cosine over the
   * query's best cosine, whichever is larger.
   */
  readonly strengthWeight: number;
  /**
   * Diminishing returns over an entity's works: its i-th strongest contribution counts
   * evidenceDiscount^(i−1). 1 would be a plain sum (ten weak matches outweigh one strong one);
   * 0 only the strongest work.
   */
  readonly evidenceDiscount: number;
  /** Slope of 1 − e^(−gain × discounted sum), which maps the sum into [0, 1). */
  readonly evidenceGain: number;
}

/**
 * Fusion and evidence weights chosen on the dev split of test/bench/quality.ts (CORDIS, MiniLM;
 * held-out figures in that benchmark's output). A small k and a lighter dense side won there,
 * and tempering ranks by match strength (strengthWeight 1) gained most of all.
 */
export const DEFAULT_TUNING: RankTuning = {
  rrfK: 10,
  lexicalWeight: 1,
  denseWeight: 0.5,
  translatedWeight: 1,
  // Chosen on the tuning half of bench:languages over 1: German, French, Polish and Dutch all gained.
  renderedWeight: 0.5,
  maturityWeight: 0.5,
  recencyWeight: 0.3,
  selfWeight: 0.6,
  evidenceWeight: 1,
  supportWeight: 0.3,
  topicWeight: 0.2,
  diversity: 0.8,
  entityDiversity: 0.97,
  candidates: 30,
  denseFloor: 0,
  strengthWeight: 1,
  evidenceDiscount: 0.6,
  evidenceGain: 2,
};

/** What retrieval said about a node's own text. */
export interface OwnMatch {
  readonly fused: number;
  readonly lexicalRank: number | null;
  readonly denseRank: number | null;
  /** Cosine of the node's own text to the query; null when it was not among the dense candidates. */
  readonly cosine: number | null;
}

export interface RankInput {
  readonly evidence: Evidence;
  readonly own: ReadonlyMap<string, OwnMatch>;
  readonly filters: ResolvedFilters;
  readonly kinds: readonly AnswerKind[];
  readonly terms: readonly string[];
  /** A need's topics (match-need): works about them and people expert in them get a bonus. */
  readonly topics: ReadonlySet<string>;
  /** The stored needs asked about (match-need): a work that ADDRESSES one says so in its evidence item. */
  readonly needs?: ReadonlySet<string>;
  readonly exclude: ReadonlySet<string>;
  readonly tuning: RankTuning;
  readonly now: Date;
}

interface Scored {
  readonly node: GraphNode;
  readonly parts: Omit<ScoreParts, 'diversity' | 'final'>;
  readonly best: Contribution | undefined;
  readonly contributions: readonly (Contribution & { value: number })[];
  /** Diversity key: the project the hit's strongest evidence belongs to. */
  readonly group: string;
}

/**
 * An entity's evidence from all its contributions (values in [0, 1], any order): a discounted
 * sum, strongest first, squashed into [0, 1). An organisation with many relevant projects
 * rises above one with a single strong match, as a sum of project scores would rank it, while
 * the discount keeps a large organisation's long tail of loosely related work from swamping
 * the rest.
 */
export function aggregateEvidence(
  values: readonly number[],
  t: Pick<RankTuning, 'evidenceDiscount' | 'evidenceGain'>,
): number {
  const sorted = [...values].sort((a, b) => b - a);
  let sum = 0;
  let weight = 1;
  for (const v of sorted) {
    sum += weight * Math.max(0, v);
    weight *= t.evidenceDiscount;
    if (weight < 1e-4) break;
  }
  return 1 - Math.exp(-t.evidenceGain * sum);
}

export const noisyOr = (xs: readonly number[]): number =>
  1 - xs.reduce((p, x) => p * (1 - Math.min(0.99, Math.max(0, x))), 1);

const mix = (weight: number, x: number) => 1 - weight + weight * x;

/** Quality of a work: maturity and recency mixed in by their weights. */
export function quality(node: GraphNode, t: RankTuning, now: Date): number {
  return mix(t.maturityWeight, maturity(node).value) * mix(t.recencyWeight, recency(workDate(node), now));
}

/** Quality per work, computed once per ranking: hundreds of contributions share a few dozen works. */
const qualityCache = new WeakMap<RankInput, Map<string, number>>();
function qualityOf(input: RankInput, node: GraphNode): number {
  let cache = qualityCache.get(input);
  if (cache === undefined) {
    cache = new Map();
    qualityCache.set(input, cache);
  }
  let q = cache.get(node.id);
  if (q === undefined) {
    q = quality(node, input.tuning, input.now);
    cache.set(node.id, q);
  }
  return q;
}

function topicBonus(input: RankInput, id: string): number {
  if (input.topics.size === 0) return 0;
  for (const t of input.evidence.topicsOf.get(id) ?? []) if (input.topics.has(t)) return input.tuning.topicWeight;
  return 0;
}

function scoreWork(input: RankInput, node: GraphNode): Scored {
  const { evidence: ev, tuning: t, now } = input;
  const own = input.own.get(node.id);
  // An event is not seeded as a work (it would take a place among the works whose makers are
  // walked, and attending is not solving): its relevance is its own text match.
  const rel = node.kind === 'Event' ? (own?.fused ?? 0) : (ev.workRelevance.get(node.id) ?? 0);
  const support: number[] = [];
  const project = ev.projectOf.get(node.id);
  if (project !== undefined && ev.workRelevance.has(project)) {
    const p = ev.nodes.get(project);
    if (p !== undefined) support.push(t.supportWeight * (ev.workRelevance.get(project) ?? 0) * qualityOf(input, p));
  }
  for (const r of ev.resultsOf.get(node.id) ?? []) {
    const rn = ev.nodes.get(r);
    if (rn !== undefined && ev.workRelevance.has(r))
      support.push(t.supportWeight * (ev.workRelevance.get(r) ?? 0) * qualityOf(input, rn));
  }
  const bonus = rel > 0 ? topicBonus(input, node.id) : 0;
  const m = projectMaturity(ev, node);
  const rec = recency(workDate(node), now);
  const q = mix(t.maturityWeight, m) * mix(t.recencyWeight, rec);
  const score = settle(noisyOr([noisyOr([rel, bonus]) * q, ...support]));
  return {
    node,
    parts: {
      lexicalRank: own?.lexicalRank ?? null,
      denseRank: own?.denseRank ?? null,
      fused: round(own?.fused ?? 0),
      evidence: round(noisyOr(support)),
      maturity: round(m),
      recency: round(rec),
      score,
    },
    best: undefined,
    contributions: [],
    group: node.kind === 'Project' ? node.id : (project ?? node.id),
  };
}

/** A project is as mature as its most mature visible result (a plain project counts as 0.5). */
function projectMaturity(ev: Evidence, node: GraphNode): number {
  let m = maturity(node).value;
  if (node.kind === 'Project') {
    for (const r of ev.resultsOf.get(node.id) ?? []) {
      const rn = ev.nodes.get(r);
      if (rn !== undefined) m = Math.max(m, maturity(rn).value);
    }
  }
  return m;
}

function scoreEntity(input: RankInput, node: GraphNode): Scored {
  const { evidence: ev, tuning: t, now } = input;
  const own = input.own.get(node.id);
  const contributions = (ev.contributions.get(node.id) ?? [])
    .flatMap((c) => {
      const w = ev.nodes.get(c.work);
      if (w === undefined || input.exclude.has(c.work)) return [];
      const rel = noisyOr([ev.workRelevance.get(c.work) ?? 0, topicBonus(input, c.work)]);
      return [{ ...c, value: t.evidenceWeight * c.weight * rel * qualityOf(input, w) }];
    })
    .sort((a, b) => b.value - a.value);
  const best = contributions[0];
  const bestWork = best === undefined ? undefined : ev.nodes.get(best.work);
  const self = t.selfWeight * (own?.fused ?? 0);
  const expert = node.kind === 'Person' ? topicBonus(input, node.id) : 0;
  // One project's results and documents are one piece of evidence, not several: a consortium
  // with ten matched deliverables did one relevant thing. Within a project the strongest tie counts.
  const perProject = new Map<string, number>();
  for (const c of contributions) {
    const key = ev.projectOf.get(c.work) ?? c.work;
    perProject.set(key, Math.max(perProject.get(key) ?? 0, c.value));
  }
  const evidence = aggregateEvidence([...perProject.values()], t);
  const project =
    best === undefined ? undefined : bestWork?.kind === 'Project' ? best.work : ev.projectOf.get(best.work);
  return {
    node,
    parts: {
      lexicalRank: own?.lexicalRank ?? null,
      denseRank: own?.denseRank ?? null,
      fused: round(own?.fused ?? 0),
      evidence: round(evidence),
      maturity: round(bestWork === undefined ? 0 : projectMaturity(ev, bestWork)),
      recency: round(bestWork === undefined ? 0 : recency(workDate(bestWork), now)),
      score: settle(noisyOr([self, expert, evidence])),
    },
    best,
    contributions,
    group: project ?? best?.work ?? node.id,
  };
}

/** Every candidate hit of the requested kinds, scored, before filters and diversity. */
export function scoreAll(input: RankInput): Scored[] {
  const { evidence: ev } = input;
  const ids = new Set<string>([...ev.workRelevance.keys(), ...ev.contributions.keys(), ...input.own.keys()]);
  const out: Scored[] = [];
  for (const id of ids) {
    const node = ev.nodes.get(id);
    if (node === undefined || input.exclude.has(id) || !(input.kinds as readonly string[]).includes(node.kind))
      continue;
    const s = isEntity(node) ? scoreEntity(input, node) : scoreWork(input, node);
    if (s.parts.score > 0) out.push(s);
  }
  return out.sort((a, b) => b.parts.score - a.parts.score || cmp(a.node.id, b.node.id));
}

/** Whether a hit passes the country, organisation-kind and TRL filters. */
export function passes(input: RankInput, s: Scored): boolean {
  const { filters: f, evidence: ev } = input;
  const n = s.node;
  const entities = (): GraphNode[] => [...(ev.creditedFor.get(n.id) ?? [])].flatMap((id) => ev.nodes.get(id) ?? []);
  const orgsOf = (p: GraphNode): GraphNode[] =>
    p.kind === 'Organisation' ? [p] : (ev.memberOf.get(p.id) ?? []).flatMap((o) => ev.nodes.get(o) ?? []);
  if (f.country !== undefined) {
    const c = f.country;
    const ok =
      n.kind === 'Event'
        ? n.country === c
        : n.kind === 'Person' || n.kind === 'Organisation'
          ? (n.country ??
              orgsOf(n).flatMap((o) =>
                o.kind === 'Organisation' && o.country !== undefined ? [o.country] : [],
              )[0]) === c
          : entities().some((e) => (e.kind === 'Person' || e.kind === 'Organisation') && e.country === c);
    if (!ok) return false;
  }
  if (f.orgKind !== undefined) {
    const k = f.orgKind;
    const ok = isEntity(n)
      ? orgsOf(n).some((o) => o.kind === 'Organisation' && o.orgKind === k)
      : entities().some((e) => e.kind === 'Organisation' && e.orgKind === k);
    if (!ok) return false;
  }
  if (f.minTrl !== undefined) {
    const min = f.minTrl;
    const mature = (id: string): boolean => {
      const w = ev.nodes.get(id);
      if (w?.kind === 'Result') return (w.trl ?? 0) >= min;
      if (w?.kind === 'Project') return (ev.resultsOf.get(id) ?? []).some((r) => mature(r));
      return false;
    };
    const ok = isEntity(n) ? s.contributions.some((c) => mature(c.work)) : mature(n.id);
    if (!ok) return false;
  }
  return true;
}

/**
 * Greedy re-ranking for diversity (MMR-style): each pick multiplies the remaining hits of the
 * same kind and the same project by `diversity`, so one
 * consortium's partners interleave with other answers instead of filling the page. At most
 * `limit` hits in all, and at most `perKind` of each kind when given.
 */
export function diversify(
  scored: readonly Scored[],
  limit: number,
  diversity: number,
  perKindLimit: number = limit,
  entityDiversity: number = diversity,
): { s: Scored; factor: number }[] {
  const pool = [...scored];
  const seen = new Map<string, number>();
  const perKind = new Map<string, number>();
  // Judged within each kind's list: a project and its own result are complementary answers,
  // five partners of one consortium are not.
  const key = (s: Scored) => `${s.node.kind}\u0000${s.group}`;
  const factorOf = (s: Scored) => (isEntity(s.node) ? entityDiversity : diversity);
  const out: { s: Scored; factor: number }[] = [];
  while (pool.length > 0 && out.length < limit) {
    let bestI = -1;
    let bestV = -1;
    for (let i = 0; i < pool.length; i++) {
      const s = pool[i] as Scored;
      // Pool is sorted by score; once a raw score cannot beat the best penalised one, stop.
      if (s.parts.score <= bestV) break;
      if ((perKind.get(s.node.kind) ?? 0) >= perKindLimit) continue;
      const v = s.parts.score * factorOf(s) ** (seen.get(key(s)) ?? 0);
      if (v > bestV) {
        bestV = v;
        bestI = i;
      }
    }
    if (bestI < 0) break;
    const [s] = pool.splice(bestI, 1) as [Scored];
    out.push({ s, factor: factorOf(s) ** (seen.get(key(s)) ?? 0) });
    seen.set(key(s), (seen.get(key(s)) ?? 0) + 1);
    perKind.set(s.node.kind, (perKind.get(s.node.kind) ?? 0) + 1);
  }
  return out;
}

const pathNode = (n: GraphNode): PathNode => ({ id: n.id, kind: n.kind, label: nodeLabel(n) });

/** From the evidence to the hit; a work matched on its own is shown with the project that produced it. */
function pathOf(ev: Evidence, trail: Trail | undefined, self: GraphNode): ExplanationPath {
  if (trail === undefined) {
    const step = self.kind === 'Result' || self.kind === 'Document' ? ev.stepToProject(self.id) : undefined;
    const p = step === undefined ? undefined : ev.nodes.get(step.node);
    return step === undefined || p === undefined
      ? { nodes: [pathNode(self)], relationships: [] }
      : { nodes: [pathNode(p), pathNode(self)], relationships: [step.rel] };
  }
  const nodes = [trail.origin, ...trail.steps.map((s) => s.node)].flatMap((id) => {
    const n = ev.nodes.get(id);
    return n === undefined ? [] : [pathNode(n)];
  });
  return { nodes, relationships: trail.steps.map((s) => s.rel) };
}

function describe(ev: Evidence, s: Scored, now: Date): string {
  const n = s.node;
  if (n.kind === 'Event') return `${eventWhen(n, now)}${eventWhere(n)}: its programme matches the query`;
  const label = (id: string) => {
    const x = ev.nodes.get(id);
    return x === undefined ? id : `${x.kind.toLowerCase()} "${nodeLabel(x)}"`;
  };
  if (s.best !== undefined) {
    const w = ev.nodes.get(s.best.work);
    const m = w === undefined ? '' : ` (${maturity(w).basis})`;
    const more =
      s.contributions.length > 1
        ? `; ${s.contributions.length - 1} more relevant work${s.contributions.length > 2 ? 's' : ''}`
        : '';
    // A member's credit is their organisation's: name the organisation, then what it did.
    const viaOrg = /^member of (\S+)$/u.exec(s.best.role)?.[1];
    const org = viaOrg === undefined ? undefined : ev.nodes.get(viaOrg);
    const role =
      viaOrg === undefined
        ? s.best.role
        : `works at ${org === undefined ? 'an organisation' : nodeLabel(org)}, which worked on`;
    return `${role}${viaOrg === undefined ? ':' : ''} ${label(s.best.work)}${m}${more}`;
  }
  const trail = ev.workTrail.get(n.id);
  if (trail !== undefined) return `addresses the matching ${label(trail.origin)}`;
  if (n.kind === 'Person' || n.kind === 'Organisation') return 'own profile matches the query';
  return `matches the query (${maturity(n).basis})`;
}

/** The answer's hits: filtered, diversified, cut to `limit` in all (and `perKind` of each kind), each with its explanation. */
export function rank(input: RankInput, scored: readonly Scored[]): Hit[] {
  const { evidence: ev, tuning } = input;
  const picked = diversify(
    scored.filter((s) => passes(input, s)),
    input.filters.limit,
    tuning.diversity,
    input.filters.perKind,
    tuning.entityDiversity,
  );
  return picked
    .map(({ s, factor }) => ({ s, factor, final: settle(s.parts.score * factor) }))
    .sort((a, b) => b.final - a.final || cmp(a.s.node.id, b.s.node.id))
    .map(({ s, factor, final }, i): Hit => {
      const n = s.node;
      const trail = s.best?.trail ?? ev.workTrail.get(n.id);
      const snips: HitSnippet[] = [];
      if (input.own.has(n.id)) for (const x of snippets(n, input.terms, 1)) snips.push({ node: n.id, ...x });
      const origin = trail === undefined ? undefined : ev.nodes.get(s.best?.work ?? trail.origin);
      if (origin !== undefined && origin.id !== n.id)
        for (const x of snippets(origin, input.terms, 1)) snips.push({ node: origin.id, ...x });
      if (snips.length === 0) for (const x of snippets(n, input.terms, 1)) snips.push({ node: n.id, ...x });
      const evidence: EvidenceItem[] = s.contributions.slice(0, 3).flatMap((c) => {
        const w = ev.nodes.get(c.work);
        if (w === undefined) return [];
        const cosine = input.own.get(c.work)?.cosine ?? null;
        const addresses = [...(ev.addresses.get(c.work) ?? [])].find((x) => input.needs?.has(x) === true);
        return [
          {
            work: pathNode(w),
            role: c.role,
            contribution: round(c.value),
            ...(cosine === null ? {} : { similarity: round(cosine) }),
            ...(addresses === undefined ? {} : { addresses }),
          },
        ];
      });
      return {
        rank: i + 1,
        id: n.id,
        kind: n.kind as AnswerKind,
        label: nodeLabel(n),
        ...('country' in n && n.country !== undefined ? { country: n.country } : {}),
        ...(n.kind === 'Organisation' ? { orgKind: n.orgKind } : {}),
        ...(n.kind === 'Result' && n.trl !== undefined ? { trl: n.trl } : {}),
        ...(n.kind === 'Result' && n.resultType !== undefined ? { resultType: n.resultType } : {}),
        ...(workDate(n) === undefined ? {} : { date: workDate(n) }),
        ...(n.kind === 'Event' ? { online: n.online, ...(n.city === undefined ? {} : { city: n.city }) } : {}),
        why: describe(ev, s, input.now),
        scores: { ...s.parts, score: round(s.parts.score), diversity: round(factor), final: round(final) },
        path: pathOf(ev, trail, n),
        snippets: snips,
        evidence,
      };
    });
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** "upcoming event on 2026-05-12", "past event on …", or just "event" when it has no date. */
function eventWhen(n: NodeOf<'Event'>, now: Date): string {
  if (n.date === undefined) return 'event';
  const day = n.date.slice(0, 10);
  return `${day < now.toISOString().slice(0, 10) ? 'past' : 'upcoming'} event on ${day}`;
}

function eventWhere(n: NodeOf<'Event'>): string {
  if (n.online) return ', online';
  const place = [n.city, n.country].filter((x) => x !== undefined).join(', ');
  return place === '' ? '' : ` in ${place}`;
}

/**
 * A score cut to 12 decimals before it is ranked: sums and products over evidence come in an
 * order that depends on the graph's layout (hidden nodes included), and their last-bit
 * differences must not decide which of two equal hits ranks first; the id does.
 */
function settle(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
