/**
 * The answers of the inbox's routes (notices, introductions, subscriptions) and of the raise
 * form's preview, as the dashboard reads them: restated from the JSON the API documents
 * (app/api/schemas/notify.ts, introductions.ts, input.ts) for the reason cycle-types.ts gives.
 */
import type { ChallengeStatus } from './cycle-types.js';

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
  readonly delivery: 'pending' | 'delivered' | 'none';
}

export interface InboxPage {
  readonly items: readonly InboxItem[];
  /** Every unread notice of the viewer, not just this page's. */
  readonly unread: number;
  readonly next?: string;
}

export type IntroductionStatus = 'pending' | 'approved' | 'declined' | 'withdrawn';

export interface IntroductionView {
  readonly id: string;
  readonly status: IntroductionStatus;
  readonly requester: string;
  /** Left out for the requester of a request made from a restricted hit's handle until approved. */
  readonly target?: string;
  readonly targetKind?: 'Person' | 'Organisation';
  readonly viaHandle: boolean;
  readonly challenge?: string;
  readonly question?: string;
  readonly message: string;
  readonly incs: readonly string[];
  readonly createdAt: string;
  readonly decidedAt?: string;
  readonly decidedBy?: string;
  readonly note?: string;
  /** The viewer's part in it. */
  readonly role: 'requester' | 'target' | 'inc' | 'admin';
  readonly contact?: {
    readonly person: string;
    readonly route: 'chat' | 'inc';
    readonly platform?: string;
    readonly handle?: string;
    readonly inc?: { readonly id: string; readonly name: string; readonly country: string };
  };
  readonly steps: readonly {
    readonly at: string;
    readonly by: string;
    readonly step: string;
    readonly note?: string;
  }[];
}

export const SUBSCRIPTION_SUBJECTS = ['query', 'topic', 'country', 'challenges'] as const;
export type SubscriptionSubject = (typeof SUBSCRIPTION_SUBJECTS)[number];

export interface SubscriptionView {
  readonly id: string;
  readonly subject: SubscriptionSubject;
  readonly value: string;
  /** The Person or INC the alerts are for. */
  readonly subscriber: string;
  readonly createdAt: string;
}

export interface SimilarChallenge {
  readonly id: string;
  readonly title: string;
  readonly status: ChallengeStatus;
  readonly country?: string;
  readonly date?: string;
  /** Fused match of its text, in [0, 1]. */
  readonly score: number;
}

export interface ChallengePreview {
  readonly country?: string;
  readonly topics: readonly string[];
  readonly topicsAssigned: boolean;
  readonly similar: { readonly mode: string; readonly challenges: readonly SimilarChallenge[] };
}

export interface SubmittedChallenge {
  readonly challenge: { readonly id: string; readonly title: string; readonly country?: string };
  readonly topics: readonly string[];
  readonly similar: ChallengePreview['similar'];
}
