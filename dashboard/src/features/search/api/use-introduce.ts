/** "Introduce me" from a hit: the request (POST /api/introductions) and the open needs it may name. */
import { apiPost } from '../../../lib/api-client.js';
import type { ChallengeList } from '../../../lib/cycle-types.js';
import type { IntroductionView } from '../../../lib/notify-types.js';
import { useApi } from '../../../lib/use-api.js';

export interface IntroductionRequest {
  /** A person or organisation id, or a restricted hit's handle (rh_…). */
  readonly target: string;
  readonly message: string;
  /** The need: a challenge id, or else the question's text. */
  readonly challenge?: string;
  readonly question?: string;
}

export const requestIntroduction = (r: IntroductionRequest) => apiPost<IntroductionView>('/api/introductions', r);

/** The open challenges the viewer may see (the first 200), asked only once a form is open. */
export const useOpenNeeds = (open: boolean) =>
  useApi<ChallengeList>(open ? '/api/challenges' : null, { status: 'open', limit: 200 });
