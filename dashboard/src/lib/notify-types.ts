/**
 * The answers of the inbox's routes (notices, introductions, subscriptions) and of the raise
 * form's preview, as the dashboard reads them. Notices, introductions and similar challenges come
 * as types from the engine's types-only modules (`*-types.ts`, no code, so nothing is bundled);
 * the rest is restated from the JSON the API documents (app/api/schemas/notify.ts, input.ts).
 */

import type { SimilarAnswer } from '../../../engine/input/similar-types.js';
import type { IntroductionView } from '../../../engine/introductions/introduction-types.js';

export type { IntroductionView } from '../../../engine/introductions/introduction-types.js';
export type { InboxItem, InboxPage } from '../../../engine/notify/inbox-types.js';
export type IntroductionStatus = IntroductionView['status'];

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

export type { SimilarChallenge } from '../../../engine/input/similar-types.js';

export interface ChallengePreview {
  readonly country?: string;
  readonly topics: readonly string[];
  readonly topicsAssigned: boolean;
  readonly similar: SimilarAnswer;
}

export interface SubmittedChallenge {
  readonly challenge: { readonly id: string; readonly title: string; readonly country?: string };
  readonly topics: readonly string[];
  readonly similar: ChallengePreview['similar'];
}
