/** GET /api/trends for the page's filters. */
import { prefetch } from '../../../lib/api-client.js';
import type { TrendMeasure, TrendsAnswer } from '../../../lib/types.js';
import { useApi } from '../../../lib/use-api.js';

export interface TrendsFilters {
  readonly [key: string]: string;
  readonly measure: TrendMeasure;
  readonly by: 'topic' | 'country';
  readonly unit: 'year' | 'quarter';
  /** '' for all. */
  readonly country: string;
  readonly topic: string;
}

/** Lines on the chart: as many as the palette tells apart. */
export const SERIES_SHOWN = 8;

/** What the page shows first. */
export const DEFAULT_TRENDS: TrendsFilters = {
  measure: 'challenges',
  by: 'topic',
  unit: 'year',
  country: '',
  topic: '',
};

/**
 * A topic is "emerging" with at least this many challenges, projects and results together in the
 * recent window (sent to the API, so the page's wording and the API's rule are the same number).
 */
export const EMERGING_SUPPORT = 5;

const MEASURES: readonly TrendMeasure[] = ['challenges', 'projects', 'results'];

/** Filters a link may preset (`#/trends?country=FR&by=country`); anything unknown is ignored. */
export function trendsFromLink(p: URLSearchParams): TrendsFilters {
  const measure = p.get('measure') as TrendMeasure | null;
  const by = p.get('by');
  const unit = p.get('unit');
  const country = (p.get('country') ?? '').toUpperCase();
  return {
    measure: measure !== null && MEASURES.includes(measure) ? measure : 'challenges',
    by: by === 'country' ? 'country' : 'topic',
    unit: unit === 'quarter' ? 'quarter' : 'year',
    country: /^[A-Z]{2}$/u.test(country) ? country : '',
    topic: p.get('topic') ?? '',
  };
}

const params = (f: TrendsFilters) => ({
  by: f.by,
  unit: f.unit,
  country: f.country,
  topic: f.topic,
  limit: SERIES_SHOWN,
  minSupport: EMERGING_SUPPORT,
});

export const useTrends = (f: TrendsFilters) => useApi<TrendsAnswer>('/api/trends', params(f));

/** Asks for the first trends while the page's code loads (Trends is where the dashboard opens). */
export const prefetchTrends = (): void =>
  prefetch('/api/trends', params(trendsFromLink(new URLSearchParams(window.location.hash.split('?')[1] ?? ''))));
