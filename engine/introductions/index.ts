/** Introductions brokered by INCs (issue 17 item 2). Code outside engine/introductions imports it from here only. */
export {
  INTRODUCTION_ERROR_STATUS,
  IntroductionError,
  type IntroductionErrorCode,
  isIntroductionError,
} from './errors.js';
export {
  awaitingDecision,
  brokerCountries,
  brokerFor,
  coordinatedIncs,
  type DecisionInput,
  decideIntroduction,
  decisionInputSchema,
  getIntroduction,
  type Introduction,
  type IntroductionActor,
  type IntroductionDeps,
  type IntroductionInput,
  type IntroductionView,
  introductionInputSchema,
  listIntroductions,
  requestIntroduction,
} from './introductions.js';
