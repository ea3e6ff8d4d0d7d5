/** GET /api/who-solved for a submitted search (nothing is asked before the first one). */
import type { Answer } from '../../../lib/types.js';
import { useApi } from '../../../lib/use-api.js';

export interface Search {
  readonly [key: string]: string;
  readonly text: string;
  /** '' for any. */
  readonly country: string;
  readonly orgKind: string;
  readonly minTrl: string;
}

export const useWhoSolved = (s: Search | null) =>
  useApi<Answer & { model: string | null }>(
    s === null ? null : '/api/who-solved',
    s === null ? {} : { text: s.text, country: s.country, orgKind: s.orgKind, minTrl: s.minTrl, limit: 5 },
  );
