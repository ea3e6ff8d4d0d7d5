/** GET /api/network for the page's filters. */
import type { NetworkAnswer } from '../../../lib/types.js';
import { useApi } from '../../../lib/use-api.js';

export interface NetworkFilters {
  /** '' for all. */
  readonly country: string;
  readonly top: number;
}

export const useNetwork = (f: NetworkFilters) =>
  useApi<NetworkAnswer>('/api/network', { country: f.country, top: f.top });
