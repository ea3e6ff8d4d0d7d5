/** GET /api/gaps for the page's filters. */
import type { GapsAnswer } from '../../../lib/types.js';
import { useApi } from '../../../lib/use-api.js';

export interface GapsFilters {
  readonly [key: string]: string;
  /** '' for all. */
  readonly country: string;
  /** A maturity threshold in [0, 1] as the link writes it ("0.6"). */
  readonly minMaturity: string;
}

/** Thresholds the page offers: maturity is TRL ÷ 9, so 0.6 keeps TRL 6 and above. */
export const MATURITY_THRESHOLDS = ['0.4', '0.6', '0.8'] as const;

export const DEFAULT_GAPS: GapsFilters = { country: '', minMaturity: '0.6' };

/** Filters a link may preset (`#/gaps?country=FR&minMaturity=0.8`); anything unknown is ignored. */
export function gapsFromLink(p: URLSearchParams): GapsFilters {
  const country = (p.get('country') ?? '').toUpperCase();
  const m = p.get('minMaturity') ?? '';
  return {
    country: /^[A-Z]{2}$/u.test(country) ? country : '',
    minMaturity: (MATURITY_THRESHOLDS as readonly string[]).includes(m) ? m : DEFAULT_GAPS.minMaturity,
  };
}

/** Topics on the chart and in the table. */
export const GAPS_SHOWN = 12;

export const useGaps = (f: GapsFilters) =>
  useApi<GapsAnswer>('/api/gaps', { country: f.country, minMaturity: Number(f.minMaturity), limit: GAPS_SHOWN });
