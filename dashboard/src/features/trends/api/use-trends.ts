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

const params = (f: TrendsFilters) => ({
  by: f.by,
  unit: f.unit,
  country: f.country,
  topic: f.topic,
  limit: SERIES_SHOWN,
});

export const useTrends = (f: TrendsFilters) => useApi<TrendsAnswer>('/api/trends', params(f));

/** Asks for the first trends while the page's code loads (Trends is where the dashboard opens). */
export const prefetchTrends = (): void => prefetch('/api/trends', params(DEFAULT_TRENDS));
