/**
 * The answers of the cycle's routes (challenges, comments, polls, events) as the dashboard reads
 * them. Challenges and votes come as types from the engine's types-only modules (`*-types.ts`:
 * no code, so nothing of the engine is bundled); the rest of the engine's interfaces still live
 * beside its code, which the dashboard's build must not pull in (nor may the dashboard import
 * graph/, two floors down), so they are restated from the JSON the API documents (app/api/schemas),
 * and the browser tests compare what the pages show with the API's answers.
 */
import type { ChallengeGap } from '../../../engine/analytics/types.js';
import type { Challenge, NodeRef } from '../../../engine/input/challenge-types.js';
import type { VoteTally } from '../../../engine/match/vote-types.js';

/** GET /api/challenges/{id}: challenges, their references and votes come from the engine's types-only modules. */
export type { Challenge, ChallengeView, NodeRef } from '../../../engine/input/challenge-types.js';
export type { VoteTally } from '../../../engine/match/vote-types.js';

/** graph/model.ts CHALLENGE_STATUSES; `in-progress` reads as "under analysis". */
export type ChallengeStatus = Challenge['status'];

interface Node {
  readonly id: string;
  readonly visibility: 'public' | 'network' | 'restricted';
  readonly owner?: string;
  readonly date?: string;
}

export interface EventNode extends Node {
  readonly kind: 'Event';
  readonly title: string;
  readonly online: boolean;
  readonly city?: string;
  readonly country?: string;
  readonly description?: string;
}

/** GET /api/challenges */
export interface ChallengeList {
  readonly items: readonly {
    readonly challenge: Challenge;
    readonly votes: VoteTally;
    readonly topics: readonly string[];
  }[];
  readonly next?: string;
}

/** GET /api/challenges/{id}/history */
export interface ChallengeHistory {
  readonly challengeId: string;
  readonly status: ChallengeStatus;
  readonly items: readonly {
    readonly id: string;
    readonly date: string;
    readonly from: ChallengeStatus;
    readonly to: ChallengeStatus;
    readonly reason?: string;
    readonly by?: NodeRef;
    readonly addressedBy: readonly string[];
    readonly takeUp?: string;
    readonly duplicateOf?: string;
    readonly votesMoved?: number;
  }[];
}

export interface CommentView {
  readonly id: string;
  readonly on: string;
  readonly replyTo?: string;
  readonly date: string;
  readonly text?: string;
  readonly editedAt?: string;
  readonly deleted: boolean;
  readonly hidden: boolean;
  readonly hiddenReason?: string;
  readonly author?: NodeRef;
  readonly mentions: readonly NodeRef[];
  readonly replies?: readonly CommentView[];
}

/** GET /api/{kind}/{id}/comments */
export interface CommentThread {
  readonly subject: NodeRef;
  readonly comments: readonly CommentView[];
}

/** GET /api/polls (an array of these) and GET /api/polls/{id}: the analytics answer, shared as a type. */
export type { PollAnswer } from '../../../engine/analytics/types.js';

export interface EventView {
  readonly event: EventNode;
  readonly topics: readonly NodeRef[];
  readonly registrations: number;
  readonly registered: boolean;
}

/** GET /api/events */
export interface EventList {
  readonly upcoming: readonly EventView[];
  readonly past: readonly EventView[];
}

/** GET /api/events/{id} */
export interface EventDetail extends EventView {
  readonly agenda: readonly ChallengeGap[];
}

/** How surfaces name a status: `in-progress` keeps its stored name and reads as "under analysis". */
export const STATUS_LABEL: Readonly<Record<ChallengeStatus, string>> = {
  open: 'Open',
  'in-progress': 'Under analysis',
  addressed: 'Addressed',
  closed: 'Closed',
  duplicate: 'Duplicate',
};
