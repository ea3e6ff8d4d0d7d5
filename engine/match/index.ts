/**
 * Matching: who has solved X, match-need, the lexical index (BM25) and the ports of its dense side.
 * Code outside engine/match imports it from here only.
 */

export type { RelevanceFloor } from './abstain.js';
export type { Answer, EvidenceItem, ExplanationPath, Hit, HitSnippet, PathNode, RestrictedHit } from './answer.js';
export { isMatchError, MATCH_ERROR_STATUS, MatchError } from './errors.js';
export { type HitFactsOptions, hitFacts, restrictedLine } from './hit-facts.js';
export { type LexicalIndex, persistedLexicalPosition } from './lexical.js';
export { LEXICON_LANGUAGES, Lexicons } from './lexicon.js';
export { defaultLexiconsDir, fetchLexicons, type LexiconFetchResult } from './lexicon-fetch.js';
export { type OpenMatcherOptions, openMatcher } from './open.js';
export type { DenseSide, LexicalSearch } from './ports.js';
export {
  ANSWER_KINDS,
  type AnswerKind,
  MATCH_MODES,
  MAX_LIMIT,
  MAX_QUERY_CHARS,
  type MatchMode,
  type MatchNeedOptions,
  parseQueryText,
  type WhoSolvedFilters,
} from './query.js';
export { DEFAULT_TUNING } from './rank.js';
export { retrieve } from './retrieve.js';
export { maturity } from './signals.js';
export { fold, nodeLabel, nodeTexts, queryTerms } from './text.js';
export { tallyChallenge, tallyChallenges, type VoteTally } from './votes.js';
export type { Matcher } from './who-solved.js';
