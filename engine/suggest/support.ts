/**
 * Topical support: when may a suggestion or a consortium say "this work answers your need"?
 *
 * match-need ranks organisations by all their evidence, and a graph-rich organisation can rank
 * high on a need its work is not about (a flood operational picture for Christmas-market
 * barriers): its final score mixes the work's rank with graph evidence, maturity and recency,
 * so it is no measure of whether the work is about the need. The claim rests on one of:
 *
 *  - a declared tie: the work is stored as ADDRESSING the need;
 *  - meaning: the cosine of the need's text to the work's text is above the floor for that
 *    kind of work. The floor is the abstention calibration's (engine/match/abstain.ts), read
 *    for the viewer's visibility class: the highest cosine any of the off-topic probe questions
 *    reaches to its nearest work of that kind. A work closer to the need than anything ever gets
 *    to an off-topic question is about the need; below, the model cannot tell it from chance.
 *    The floor follows the model and the corpus, as abstention's does, and is shown with the figure.
 *
 * With no dense side (lexical mode) there is no similarity scale to calibrate, and declared ties
 * decide: addressing the need, or a work that matched the need's words and is stored as being
 * about one of its topics. The answer says so rather than pretending a lexical rank is a
 * similarity. (With a model, a shared topic does not count: topics are broad, and a flood
 * picture and market barriers can share "crisis management" while being no answer to each other.)
 */
import type { RelevanceFloor } from '../match/abstain.js';
import type { EvidenceItem, Hit } from '../match/answer.js';
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
    how: `a work answers a need when it is stored as addressing it, or when its similarity to the need (cosine, ${floor.model}) is above the highest any of ${floor.probes} off-topic questions reaches to a work of its kind`,
  };
}

/**
 * The support one evidence item gives the claim that its work answers `needId`. `sharesTopic`
 * tells whether the work is stored as about one of the need's topics (for the viewer).
 */
export function workSupport(
  item: EvidenceItem,
  needId: string,
  floor: TopicalFloor,
  sharesTopic: (workId: string) => boolean,
): WorkSupport {
  const similarity = item.similarity ?? null;
  const f = floor.floors[item.work.kind];
  const kindFloor = f === undefined ? null : f;
  if (item.addresses === needId) return { supported: true, basis: 'addresses', similarity, floor: kindFloor };
  if (similarity !== null && kindFloor !== null && similarity > kindFloor)
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
  sharesTopic: (workId: string) => boolean,
): {
  supported: (EvidenceItem & { support: WorkSupport })[];
  unsupported: (EvidenceItem & { support: WorkSupport })[];
} {
  const all = hit.evidence.map((e) => ({ ...e, support: workSupport(e, needId, floor, sharesTopic) }));
  return { supported: all.filter((e) => e.support.supported), unsupported: all.filter((e) => !e.support.supported) };
}
