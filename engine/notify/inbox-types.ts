/**
 * The inbox's answer shapes (./inbox.ts), apart from the code so that the dashboard can share them
 * as types without compiling the engine. They are already JSON: the API sends them as they are.
 */

export interface InboxItem {
  readonly id: string;
  /** alert, introduction, digest, … */
  readonly kind: string;
  readonly title: string;
  /** Why the viewer got it (the subscription or the step that caused it). */
  readonly reason: string;
  readonly ref?: { readonly kind: string; readonly id: string };
  readonly actions: readonly { readonly label: string; readonly value: string }[];
  readonly createdAt: string;
  readonly readAt?: string;
  /** `pending` while the direct message is still queued. */
  readonly delivery: 'pending' | 'delivered' | 'none';
}

export interface InboxPage {
  readonly items: readonly InboxItem[];
  /** Every unread notice of the person, not just this page's. */
  readonly unread: number;
  readonly next?: string;
}
