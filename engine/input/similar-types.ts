/**
 * The answer shapes of similar challenges (./similar.ts), apart from the code so that the dashboard
 * can share them as types without compiling the engine. They are already JSON as they are.
 */
import type { ChallengeStatus } from '../../graph/index.js';
// biome-ignore lint/style/noRestrictedImports: MatchMode is derived from MATCH_MODES in query.ts, which answer.ts (shared with the dashboard) already reads; the index would pull all of match into the dashboard's typecheck
import type { MatchMode } from '../match/query.js';

export interface SimilarChallenge {
  readonly id: string;
  readonly title: string;
  readonly status: ChallengeStatus;
  readonly country?: string;
  readonly date?: string;
  /** Fused match of its text, in [0, 1] (1: first on every side and holding every query term). */
  readonly score: number;
  readonly lexicalRank: number | null;
  readonly denseRank: number | null;
}

export interface SimilarAnswer {
  readonly mode: MatchMode;
  readonly challenges: readonly SimilarChallenge[];
}
