/** The inbox page's calls: notices, introductions (and decisions on them), subscriptions. */
import { apiSend } from '../../../lib/api-client.js';
import type { InboxPage, IntroductionView, SubscriptionSubject, SubscriptionView } from '../../../lib/notify-types.js';
import { useApi } from '../../../lib/use-api.js';

/** Notices shown at once: an inbox is read from the top; older ones follow with "Show older". */
export const INBOX_PAGE = 50;

export const useInbox = (cursor: string | undefined) => useApi<InboxPage>('/api/inbox', { limit: INBOX_PAGE, cursor });

export const markRead = (ids: readonly string[]) => apiSend<{ marked: number }>('POST', '/api/inbox/read', { ids });

export const useIntroductions = () => useApi<{ introductions: readonly IntroductionView[] }>('/api/introductions');

export const decide = (id: string, decision: 'approve' | 'decline' | 'withdraw', note: string) =>
  apiSend<IntroductionView>('POST', `/api/introductions/${encodeURIComponent(id)}/decision`, {
    decision,
    ...(note.trim() === '' ? {} : { note: note.trim() }),
  });

export const useSubscriptions = () => useApi<{ subscriptions: readonly SubscriptionView[] }>('/api/subscriptions');

export interface NewSubscription {
  readonly subject: SubscriptionSubject;
  /** Left out for `challenges`. */
  readonly value?: string;
  /** For the INC the viewer coordinates. */
  readonly inc?: string;
}

export const subscribe = (s: NewSubscription) => apiSend<SubscriptionView>('POST', '/api/subscriptions', s);

export const unsubscribe = (id: string) => apiSend('DELETE', `/api/subscriptions/${encodeURIComponent(id)}`);
