/** GET /api/network for the page's filters. */
import type { NetworkAnswer } from '../../../lib/types.js';
import { useApi } from '../../../lib/use-api.js';

export interface NetworkFilters {
  readonly [key: string]: string;
  /** '' for all. */
  readonly country: string;
  /** How many central organisations to list, as the link writes it. */
  readonly top: string;
}

export const TOP_CHOICES = ['10', '20', '50'] as const;
export const DEFAULT_NETWORK: NetworkFilters = { country: '', top: '10' };

/** Filters a link may preset (`#/network?country=FR&top=20`); anything unknown is ignored. */
export function networkFromLink(p: URLSearchParams): NetworkFilters {
  const country = (p.get('country') ?? '').toUpperCase();
  const top = p.get('top') ?? '';
  return {
    country: /^[A-Z]{2}$/u.test(country) ? country : '',
    top: (TOP_CHOICES as readonly string[]).includes(top) ? top : DEFAULT_NETWORK.top,
  };
}

export const useNetwork = (f: NetworkFilters) =>
  useApi<NetworkAnswer>('/api/network', { country: f.country, top: Number(f.top) });
