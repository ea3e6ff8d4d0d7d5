/** GET /api/gaps for the page's filters. */
import type { GapsAnswer } from '../../../lib/types.js';
import { useApi } from '../../../lib/use-api.js';

export interface GapsFilters {
  /** '' for all. */
  readonly country: string;
  readonly minMaturity: number;
}

/** Topics on the chart and in the table. */
export const GAPS_SHOWN = 12;

export const useGaps = (f: GapsFilters) =>
  useApi<GapsAnswer>('/api/gaps', { country: f.country, minMaturity: f.minMaturity, limit: GAPS_SHOWN });
