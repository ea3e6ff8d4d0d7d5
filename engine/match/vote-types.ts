/** A challenge's vote count (./votes.ts), apart from the code so that the dashboard can share it as a type. */

export interface VoteTally {
  /** Votes visible to the asking viewer (a vote counts when voter and challenge are visible). */
  readonly count: number;
  readonly up: number;
  readonly down: number;
  /** Sum of values (up minus down). */
  readonly score: number;
}
