/** GET /api/trends for the page's filters. */
import { prefetch } from '../../../lib/api-client.js';
import type { TrendsAnswer } from '../../../lib/types.js';
import { useApi } from '../../../lib/use-api.js';

export interface TrendsFilters {
  readonly by: 'topic' | 'country';
  readonly unit: 'year' | 'quarter';
  /** '' for all. */
  readonly country: string;
  readonly topic: string;
}

/** Lines on the chart: as many as the palette tells apart. */
export const SERIES_SHOWN = 8;

/** What the page shows first. */
export const DEFAULT_TRENDS: TrendsFilters = { by: 'topic', unit: 'year', country: '', topic: '' };

/** Filters a link may preset (`#/trends?country=FR&by=country`); anything unknown is ignored. */
export function trendsFromLink(p: URLSearchParams): TrendsFilters {
  const by = p.get('by');
  const unit = p.get('unit');
  const country = (p.get('country') ?? '').toUpperCase();
  return {
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
});

export const useTrends = (f: TrendsFilters) => useApi<TrendsAnswer>('/api/trends', params(f));

/** Asks for the first trends while the page's code loads (Trends is where the dashboard opens). */
export const prefetchTrends = (): void =>
  prefetch('/api/trends', params(trendsFromLink(new URLSearchParams(window.location.hash.split('?')[1] ?? ''))));
