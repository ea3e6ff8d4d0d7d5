/** The challenge board's calls: the list (every page of it), one challenge, its history, its writes, and raising one. */
import { apiGet, apiSend, type Params } from '../../../lib/api-client.js';
import type { ChallengeHistory, ChallengeList, ChallengeStatus, ChallengeView } from '../../../lib/cycle-types.js';
import type { ChallengePreview, SubmittedChallenge } from '../../../lib/notify-types.js';
import { useApi } from '../../../lib/use-api.js';

export interface ChallengesFilters {
  readonly [key: string]: string;
  /** '' for all. */
  readonly country: string;
  /** A topic id; '' for all. */
  readonly topic: string;
  /** The challenge whose detail is open; '' for none. */
  readonly open: string;
}

export const DEFAULT_CHALLENGES: ChallengesFilters = { country: '', topic: '', open: '' };

/** Filters a link may preset (`#/challenges?country=BE&topic=…&open=…`); anything malformed is ignored. */
export function challengesFromLink(p: URLSearchParams): ChallengesFilters {
  const country = (p.get('country') ?? '').toUpperCase();
  return {
    country: /^[A-Z]{2}$/u.test(country) ? country : '',
    topic: p.get('topic') ?? '',
    open: p.get('open') ?? '',
  };
}

/** A bound on pages read for one board (200 each): a network's challenges, not an archive's. */
const MAX_PAGES = 25;

/** Every page of GET /api/challenges, as one list. */
async function allChallenges(path: string, params: Params | undefined, signal: AbortSignal): Promise<ChallengeList> {
  const items: ChallengeList['items'][number][] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await apiGet<ChallengeList>(path, { ...params, limit: 200, cursor }, signal);
    items.push(...answer.items);
    cursor = answer.next;
    if (cursor === undefined) return { items };
  }
  return { items, next: cursor ?? '' };
}

export const useChallengeList = (country: string) =>
  useApi<ChallengeList>('/api/challenges', { country }, allChallenges);

export const useChallenge = (id: string) =>
  useApi<ChallengeView>(id === '' ? null : `/api/challenges/${encodeURIComponent(id)}`);

export const useHistory = (id: string) =>
  useApi<ChallengeHistory>(id === '' ? null : `/api/challenges/${encodeURIComponent(id)}/history`);

export const voteOn = (id: string, value: 1 | -1) =>
  apiSend('POST', `/api/challenges/${encodeURIComponent(id)}/votes`, { value });

export interface Move {
  readonly status: ChallengeStatus;
  readonly reason?: string;
  readonly addressedBy?: readonly string[];
  readonly takeUp?: string;
  readonly duplicateOf?: string;
}

export const moveChallenge = (id: string, move: Move) =>
  apiSend('PATCH', `/api/challenges/${encodeURIComponent(id)}`, move);

export interface NewChallenge {
  readonly title: string;
  readonly description?: string;
  /** Left out: the raiser's country. */
  readonly country?: string;
  /** Left out: matched from the topic vocabulary. */
  readonly topics?: readonly string[];
}

/** What raising would give (country, topics, likely duplicates), with nothing written. */
export const previewChallenge = (c: NewChallenge) => apiSend<ChallengePreview>('POST', '/api/challenges/preview', c);

export const raiseChallenge = (c: NewChallenge) => apiSend<SubmittedChallenge>('POST', '/api/challenges', c);
