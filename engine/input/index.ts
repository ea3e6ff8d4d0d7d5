/**
 * The write side of the bottom-up input, shared by the HTTP API (app/api) and the bots:
 * raise a challenge, vote on a challenge, vote in a poll. Every function takes the Engine and
 * an Actor, validates, writes in one atomic upsert, keeps the indexes current through
 * Engine.afterWrite, and throws InputError (stable `ERR_…` codes, INPUT_ERROR_STATUS) on
 * input the caller must fix.
 */

// Counting votes is a read that matching needs too, so it lives in engine/match; exported here as before.
export { tallyChallenge, tallyChallenges, type VoteTally } from '../match/index.js';
export { type Actor, resolveActor } from './actor.js';
export { type ChallengeView, readChallenge } from './challenge-view.js';
export {
  type Challenge,
  type ChallengeInput,
  type ChallengePreview,
  type ChallengeVoteResult,
  challengeInputSchema,
  MAX_TOPICS,
  type NodeRef,
  previewChallenge,
  type SubmitOptions,
  type SubmittedChallenge,
  submitChallenge,
  type VoteValue,
  visibleChallenge,
  voteChallenge,
} from './challenges.js';
export {
  type Comment,
  type CommentSubjectKind,
  type CommentThread,
  type CommentView,
  commentEditSchema,
  commentHideSchema,
  commentInputSchema,
  deleteComment,
  editComment,
  hideComment,
  listComments,
  postComment,
} from './comments.js';
export { INPUT_ERROR_STATUS, InputError, type InputErrorCode, isInputError } from './errors.js';
export {
  type EventDetail,
  type EventList,
  type EventView,
  listEvents,
  readEvent,
  registerForEvent,
} from './events.js';
export {
  allowedTransitions,
  type ChallengeChange,
  type ChallengeChangeInput,
  type ChallengeHistory,
  challengeChangeSchema,
  challengeHistory,
  changeChallenge,
  type HistoryEntry,
  type StatusChange,
  TRANSITIONS,
} from './lifecycle.js';
export { type CreatedPoll, createPoll, type PollInput, pollInputSchema } from './poll-create.js';
export { type PollTally, type PollVoteResult, tallyPoll, visiblePoll, votePoll } from './polls.js';
export type { SimilarAnswer, SimilarChallenge, SimilarOptions } from './similar.js';
export { similarChallenges } from './similar.js';
export {
  type CreatedSurvey,
  createSurvey,
  MAX_QUESTIONS,
  type SurveyInput,
  surveyInputSchema,
} from './survey-create.js';
export {
  type ProposedChallenge,
  type ProposeInput,
  proposeChallenge,
  proposeInputSchema,
  readsAllTexts,
  surveyResults,
} from './survey-results.js';
export type {
  ChoiceResult,
  QuestionResult,
  ScaleResult,
  Survey,
  SurveyAnswerResult,
  SurveyList,
  SurveyResults,
  SurveyView,
  TextResult,
} from './survey-types.js';
export {
  answerId,
  answerSurvey,
  isOpen as surveyIsOpen,
  listSurveys,
  readSurvey,
  type SurveyAnswersInput,
  surveyAnswersInputSchema,
  visibleSurvey,
} from './surveys.js';
export type { AfterWriteReport } from './sync.js';
export { createAfterWrite } from './sync.js';
export { assignTopics, MAX_ASSIGNED } from './topics.js';
