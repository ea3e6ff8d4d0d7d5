/**
 * The answer shapes of surveys (./surveys.ts, ./survey-results.ts), apart from the code so that the
 * dashboard can share them as types without compiling the engine.
 */
import type { NodeOf, SurveyAnswerItem, SurveyQuestion } from '../../graph/index.js';

export type Survey = NodeOf<'Survey'>;

export interface SurveyView {
  readonly survey: Survey;
  readonly questions: readonly SurveyQuestion[];
  /** Before its closing moment. */
  readonly open: boolean;
  /** Answer sets the viewer may see. */
  readonly answers: number;
  /** The actor's own answer set, when they gave one. */
  readonly mine?: { readonly id: string; readonly date?: string; readonly items: readonly SurveyAnswerItem[] };
}

export interface SurveyList {
  /** Open surveys, closing soonest first, then closed ones, latest closed first. */
  readonly surveys: readonly SurveyView[];
}

export interface SurveyAnswerResult {
  readonly surveyId: string;
  readonly answer: { readonly id: string; readonly date?: string; readonly items: readonly SurveyAnswerItem[] };
  /** True when it replaced the person's earlier answer set. */
  readonly replaced: boolean;
}

export interface ChoiceResult {
  readonly question: string;
  readonly type: 'single' | 'multiple';
  readonly prompt: string;
  readonly answered: number;
  /** Every option in the survey's order, with how many chose it. */
  readonly options: readonly { readonly option: string; readonly count: number }[];
}

export interface ScaleResult {
  readonly question: string;
  readonly type: 'scale';
  readonly prompt: string;
  readonly answered: number;
  /** Counts for 1 to 5, in order. */
  readonly histogram: readonly { readonly value: number; readonly count: number }[];
  readonly mean: number | null;
}

export interface TextResult {
  readonly question: string;
  readonly type: 'text';
  readonly prompt: string;
  readonly answered: number;
  /** Whether `texts` holds every answer's text (else only the viewer's own). */
  readonly allTexts: boolean;
  readonly texts: readonly {
    readonly answer: string;
    readonly text: string;
    readonly date?: string;
    /** Challenges it became or was linked to. */
    readonly challenges: readonly string[];
  }[];
}

export type QuestionResult = ChoiceResult | ScaleResult | TextResult;

export interface SurveyResults {
  readonly survey: Survey;
  readonly respondents: number;
  readonly questions: readonly QuestionResult[];
}
