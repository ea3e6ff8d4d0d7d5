/** GET /api/people/{id}/contact: a member's preferred route; a 404 (none, or not for you) shows nothing. */
import type { ContactView } from '../../../lib/types.js';
import { useApi } from '../../../lib/use-api.js';

export const useContact = (personId: string) =>
  useApi<ContactView>(`/api/people/${encodeURIComponent(personId)}/contact`);
