/**
 * A series' total and growth for the measure on screen. The API's `total` and `growth` add all
 * three measures; a table headed "Challenges raised" must not.
 */
import type { TrendMeasure, TrendsAnswer } from '../../../lib/types.js';

export interface SeriesFigures {
  readonly total: number;
  readonly recent: number;
  readonly previous: number;
  /** As the API defines it (recent ÷ previous − 1); null when the earlier window is empty. */
  readonly growth: number | null;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

export function seriesFigures(answer: TrendsAnswer, measure: TrendMeasure): SeriesFigures[] {
  const n = answer.buckets.length;
  const recentFrom = Math.max(0, n - answer.window);
  const previousFrom = Math.max(0, n - 2 * answer.window);
  return answer.series.map((s) => {
    const counts = s.counts[measure];
    const recent = sum(counts.slice(recentFrom));
    const previous = sum(counts.slice(previousFrom, recentFrom));
    return { total: sum(counts), recent, previous, growth: previous === 0 ? null : recent / previous - 1 };
  });
}
