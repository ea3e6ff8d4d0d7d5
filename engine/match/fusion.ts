/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): a document's fused score
 * is the sum over the ranked lists that hold it of weight / (k + rank), rank counted from 1.
 * Ranks, not raw scores, are fused because BM25 scores and cosine similarities live on
 * scales that do not compare; k damps the head so one list's first place cannot outvote
 * agreement further down both lists.
 *
 * The sum is divided by its largest possible value (first in every list), so a fused score
 * lies in [0, 1] and reads as "how close to the top of every side".
 */

export interface RankedList {
  /** Which side produced it, e.g. `lexical` or `dense`; names the rank in the result. */
  readonly name: string;
  /** Ids best first; a repeated id keeps its first place. */
  readonly ids: readonly string[];
  /** Weight of this side (default 1). */
  readonly weight?: number;
}

export interface Fused {
  readonly id: string;
  readonly score: number;
  /** 1-based rank of the id in each list that holds it. */
  readonly ranks: Readonly<Record<string, number>>;
}

/** k of the original paper; matching uses its own tuned k (rank.ts DEFAULT_TUNING). */
export const DEFAULT_RRF_K = 60;

/** Fused scores, best first; ties broken by id so the order is deterministic. */
export function reciprocalRankFusion(lists: readonly RankedList[], k = DEFAULT_RRF_K): Fused[] {
  if (!(k >= 0) || !Number.isFinite(k)) throw new RangeError(`RRF k must be a finite number >= 0, got ${k}`);
  const total = lists.reduce((s, l) => s + (l.weight ?? 1), 0);
  const best = total / (k + 1);
  const acc = new Map<string, { score: number; ranks: Record<string, number> }>();
  for (const list of lists) {
    const w = list.weight ?? 1;
    if (!(w >= 0)) throw new RangeError(`weight of list ${list.name} must be >= 0, got ${w}`);
    let rank = 0;
    const seen = new Set<string>();
    for (const id of list.ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      rank++;
      let a = acc.get(id);
      if (a === undefined) {
        a = { score: 0, ranks: {} };
        acc.set(id, a);
      }
      a.score += w / (k + rank);
      a.ranks[list.name] = rank;
    }
  }
  return [...acc]
    .map(([id, a]) => ({ id, score: best > 0 ? a.score / best : 0, ranks: a.ranks }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
