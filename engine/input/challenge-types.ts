/**
 * The answer shapes of one challenge (./challenges.ts, ./challenge-view.ts), apart from the code so
 * that the dashboard can share them as types without compiling the engine. Nodes hold their dates
 * as ISO strings, so these are already the JSON the API sends.
 */
import type { ChallengeStatus, NodeOf } from '../../graph/index.js';
import type { VoteTally } from '../match/vote-types.js';

export type Challenge = NodeOf<'Challenge'>;

export interface NodeRef {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
}

export interface ChallengeView {
  readonly challenge: Challenge;
  readonly topics: readonly NodeRef[];
  readonly raisedBy: readonly NodeRef[];
  readonly votes: VoteTally;
  /** The actor's own vote, when their person voted. */
  readonly myVote?: number;
  /** The statuses the actor may move it to now (empty: none), in the lifecycle's order. */
  readonly moves: readonly ChallengeStatus[];
}
