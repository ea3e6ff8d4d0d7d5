/** Topics, countries and INCs for the filters (GET /api/facets), shared by the pages. */
import { prefetch } from './api-client.js';
import type { Facets } from './types.js';
import { useApi } from './use-api.js';

export const useFacets = () => useApi<Facets>('/api/facets');

export const prefetchFacets = (): void => prefetch('/api/facets');
