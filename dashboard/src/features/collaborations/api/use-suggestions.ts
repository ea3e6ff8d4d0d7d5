/** GET /api/suggestions for a country or an INC. */
import type { SuggestAnswer } from '../../../lib/types.js';
import { useApi } from '../../../lib/use-api.js';

export type Target = { readonly country: string } | { readonly inc: string };

export const SUGGESTIONS_SHOWN = 10;

export const useSuggestions = (t: Target | null) =>
  useApi<SuggestAnswer>(t === null ? null : '/api/suggestions', { ...(t ?? {}), limit: SUGGESTIONS_SHOWN });
