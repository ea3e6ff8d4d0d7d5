/**
 * The API's answer shapes, defined once in the engine and shared here as types only (nothing of
 * the engine is bundled into the dashboard).
 */
export type {
  ChallengeGap,
  Community,
  CountryCollaboration,
  EmergingTopic,
  GapsAnswer,
  NetworkAnswer,
  OrgCentrality,
  TopicGap,
  TrendMeasure,
  TrendSeries,
  TrendsAnswer,
} from '../../../engine/analytics/types.js';
export type { ContactView } from '../../../engine/contact/contact.js';
export type {
  Answer,
  ExplanationPath,
  Hit,
  HitSnippet,
  PathNode,
  RestrictedHit,
} from '../../../engine/match/answer.js';
export type { OrgRef, SuggestAnswer, Suggestion } from '../../../engine/suggest/types.js';

export interface Facets {
  readonly topics: readonly { readonly id: string; readonly label: string; readonly scheme: string }[];
  readonly countries: readonly { readonly code: string; readonly label: string }[];
  readonly incs: readonly { readonly id: string; readonly label: string; readonly country: string }[];
}

export interface Me {
  readonly role: 'officer' | 'inc' | 'policy' | 'admin';
  readonly clearance: string;
  readonly person?: string;
  readonly organisation?: string;
  readonly defaultMode: 'hybrid' | 'lexical';
  readonly model: string | null;
  readonly denseProblem?: string;
}
export type {
  QuestionResult,
  SurveyAnswerResult,
  SurveyList,
  SurveyResults,
  SurveyView,
} from '../../../engine/input/survey-types.js';
