/**
 * Topical support: when may a suggestion or a consortium say "this work answers your need"?
 *
 * match-need ranks organisations by all their evidence, and a graph-rich organisation can rank
 * high on a need its work is not about (a flood operational picture for Christmas-market
 * barriers): its final score mixes the work's rank with graph evidence, maturity and recency,
 * so it is no measure of whether the work is about the need. The claim rests on one of:
 *
 *  - a declared tie: the work is stored as ADDRESSING the need;
 *  - meaning: the cosine of the need's text to the work's text is above the need's floor for
 *    that kind of work. Two nulls set the floor, the higher one wins:
 *      · off-topic: the abstention calibration's (engine/match/abstain.ts), read for the
 *        viewer's visibility class: the highest cosine any off-topic probe question reaches to
 *        its nearest work of that kind;
 *      · in-domain: the highest cosine the need reaches to a visible work of that kind that is
 *        stored as about none of the need's topics and does not address it (among its nearest
 *        NEIGHBOURS). Security texts share vocabulary, so an unrelated security work sits far
 *        closer to a need than a recipe does (on the demo data, a flood picture reaches 0.30 to
 *        a Christmas-market need whose off-topic floor is 0.19); a claimed work must be closer
 *        to the need than the closest work on other topics.
 *    Both follow the model, the corpus and the viewer; the floor is shown with the figure.
 *    A need with no topics has only the off-topic null.
 *
 * With no dense side (lexical mode) there is no similarity scale to calibrate, and declared ties
 * decide: addressing the need, or a work that matched the need's words and is stored as being
 * about one of its topics. The answer says so rather than pretending a lexical rank is a
 * similarity. (With a model, a shared topic does not count: topics are broad, and a flood
 * picture and market barriers can share "crisis management" while being no answer to each other.)
 */

import type { Viewer } from '../../graph/index.js';
import type { Snapshot } from '../analytics/index.js';
import type { EvidenceItem, Hit, Matcher, RelevanceFloor } from '../match/index.js';
import type { TopicalFloor } from './types.js';

export type { TopicalFloor } from './types.js';

export interface WorkSupport {
  readonly supported: boolean;
  /**
   * `addresses`: stored as addressing the need; `similarity`: above the floor; `topic`
   * (declared-only floor): a lexical match about one of the need's topics; `none`: neither.
   */
  readonly basis: 'addresses' | 'similarity' | 'topic' | 'none';
  /** Need-to-work cosine, when the work was among the dense candidates. */
  readonly similarity: number | null;
  /** The floor it was judged against, when there is one for its kind. */
  readonly floor: number | null;
}

const round = (x: number): number => Math.round(x * 1_000) / 1_000;
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

export function topicalFloor(floor: RelevanceFloor | undefined): TopicalFloor {
  if (floor === undefined || floor.kinds.size === 0) {
    return {
      basis: 'declared-only',
      floors: {},
      how: 'a work answers a need when it is stored as addressing it, or matches its words and is stored as about one of its topics (no meaning-based matching here: lexical mode)',
    };
  }
  const floors: Record<string, number> = {};
  for (const [kind, f] of floor.kinds) if (kind !== 'Challenge') floors[kind] = round(f.strong);
  return {
    basis: 'calibrated',
    floors,
    how: `a work answers a need when it is stored as addressing it, or when its similarity to the need (cosine, ${floor.model}) is above both the highest any of ${floor.probes} off-topic questions reaches to a work of its kind (the floors here) and the highest of the need's nearest works on none of its topics`,
  };
}

/** Nearest works of each kind examined for the in-domain null. */
export const NEIGHBOURS = 50;

/** Cosine floor per work kind for one need: the higher of the off-topic and the in-domain null. */
export type NeedFloors = Readonly<Record<string, number>>;

/**
 * The floors for one need from its nearest works: per kind, the best cosine of a work that
 * `unrelated` says is on other topics, raised to the off-topic floor.
 */
export function needFloors(
  floor: TopicalFloor,
  neighbours: readonly { kind: string; id: string; cosine: number }[],
  unrelated: ((workId: string) => boolean) | undefined,
): NeedFloors {
  const out: Record<string, number> = { ...floor.floors };
  if (unrelated === undefined) return out;
  for (const n of neighbours) {
    const base = out[n.kind];
    if (base === undefined || !unrelated(n.id)) continue;
    if (n.cosine > base) out[n.kind] = round4(n.cosine);
  }
  return out;
}

/**
 * The support one evidence item gives the claim that its work answers `needId`. `floors` are
 * the need's (needFloors); `sharesTopic` tells whether the work is stored as about one of the
 * need's topics (for the viewer).
 */
export function workSupport(
  item: EvidenceItem,
  needId: string,
  floor: TopicalFloor,
  floors: NeedFloors,
  sharesTopic: (workId: string) => boolean,
): WorkSupport {
  const similarity = item.similarity ?? null;
  const f = floors[item.work.kind];
  const kindFloor = f === undefined ? null : f;
  if (item.addresses === needId) return { supported: true, basis: 'addresses', similarity, floor: kindFloor };
  // Both sides at the precision evidence similarities come in (engine/match/rank.ts rounds to
  // 4 places), so the work that set the floor never clears it by rounding.
  if (similarity !== null && kindFloor !== null && round4(similarity) > round4(kindFloor))
    return { supported: true, basis: 'similarity', similarity, floor: kindFloor };
  if (floor.basis === 'declared-only' && sharesTopic(item.work.id))
    return { supported: true, basis: 'topic', similarity, floor: kindFloor };
  return { supported: false, basis: 'none', similarity, floor: kindFloor };
}

/** A hit's evidence items with their support for the need, supported ones first (each group in the hit's order). */
export function supportedEvidence(
  hit: Hit,
  needId: string,
  floor: TopicalFloor,
  floors: NeedFloors,
  sharesTopic: (workId: string) => boolean,
): {
  supported: (EvidenceItem & { support: WorkSupport })[];
  unsupported: (EvidenceItem & { support: WorkSupport })[];
} {
  const all = hit.evidence.map((e) => ({ ...e, support: workSupport(e, needId, floor, floors, sharesTopic) }));
  return { supported: all.filter((e) => e.support.supported), unsupported: all.filter((e) => !e.support.supported) };
}

/** What the in-domain null needs from the suggestion's context. */
export interface NeedFloorContext {
  readonly snapshot: Snapshot;
  readonly mask: Uint8Array;
  readonly matcher: Pick<Matcher, 'needNeighbours'>;
  readonly viewer: Viewer;
}

/**
 * One need's floors and its topic test: the off-topic floors raised by the closest visible works
 * on none of the need's topics (see the head of this file).
 */
export async function floorsForNeed(
  ctx: NeedFloorContext,
  need: number,
  floor: TopicalFloor,
): Promise<{ floors: NeedFloors; sharesTopic: (workId: string) => boolean }> {
  const { snapshot: s, mask } = ctx;
  const topics = new Set(s.topicsOf(need, mask));
  const sharesTopic = (workId: string) => {
    const w = s.key.get(workId);
    return w !== undefined && mask[w] === 1 && s.topicsOf(w, mask).some((t) => topics.has(t));
  };
  if (floor.basis !== 'calibrated' || topics.size === 0) return { floors: floor.floors, sharesTopic };
  const addressing = new Set(s.addressedBy.get(need) ?? []);
  const unrelated = (workId: string) => {
    const w = s.key.get(workId);
    return w !== undefined && mask[w] === 1 && !addressing.has(w) && !sharesTopic(workId);
  };
  const neighbours = await ctx.matcher.needNeighbours(s.node(need).id, ctx.viewer, NEIGHBOURS);
  return { floors: needFloors(floor, neighbours, unrelated), sharesTopic };
}
