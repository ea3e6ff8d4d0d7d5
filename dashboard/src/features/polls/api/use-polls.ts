/** The polls page's calls: every poll the viewer may see with its results, a vote, a new poll. */
import { apiSend } from '../../../lib/api-client.js';
import type { PollAnswer } from '../../../lib/cycle-types.js';
import { useApi } from '../../../lib/use-api.js';

export interface PollsFilters {
  readonly [key: string]: string;
  /** Which polls: all, open (still taking answers) or closed. */
  readonly show: string;
}

export const SHOWS = ['all', 'open', 'closed'] as const;
export const DEFAULT_POLLS: PollsFilters = { show: 'all' };

export function pollsFromLink(p: URLSearchParams): PollsFilters {
  const show = p.get('show') ?? '';
  return { show: (SHOWS as readonly string[]).includes(show) ? show : DEFAULT_POLLS.show };
}

/** A date closes at its end (UTC), a date-time at that moment: the engine's rule (engine/input/poll-create.ts). */
export const closesAtMs = (closesAt: string): number =>
  closesAt.length <= 10 ? Date.parse(`${closesAt}T23:59:59.999Z`) : Date.parse(closesAt);

/** A poll without a closing date stays open. */
export const isOpen = (poll: PollAnswer, now: number): boolean =>
  poll.closesAt === undefined || closesAtMs(poll.closesAt) >= now;

export const usePolls = () => useApi<readonly PollAnswer[]>('/api/polls');

export const votePoll = (id: string, option: string) =>
  apiSend('POST', `/api/polls/${encodeURIComponent(id)}/votes`, { option });

export interface NewPoll {
  readonly question: string;
  readonly options?: readonly string[];
  readonly fromGaps?: number;
  readonly closesAt: string;
  readonly audience?: string;
}

export const createPoll = (poll: NewPoll) =>
  apiSend<{ poll: { id: string }; createdBy: string }>('POST', '/api/polls', poll);
