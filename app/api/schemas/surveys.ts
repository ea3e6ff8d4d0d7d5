/** Surveys: creation, answers, results, and a free-text answer turned into a challenge (engine/input/surveys.ts). */
import { proposeInputSchema, surveyAnswersInputSchema, surveyInputSchema } from '../../../engine/input/index.js';
import { graphNode, id } from './common.js';
import { submittedChallenge } from './input.js';
import { arr, bool, describe, fromZod, int, nullable, num, obj, type Schema, str, strictObj } from './json.js';

export const surveyBody: Schema = describe(fromZod(surveyInputSchema), {
  title: 'What the survey is about',
  questions:
    'One or more questions: { type: single | multiple | scale | text, prompt, options (two or more, distinct: choice questions only) }',
  closesAt: 'A date (closes at its end, UTC) or a date-time, in the future',
  audience: 'Two upper-case letters: only that country’s people answer; absent, the network',
  visibility: 'network (default), public, or restricted to your organisation',
});

export const surveyAnswersBody: Schema = describe(fromZod(surveyAnswersInputSchema), {
  answers:
    'One per question answered: { question: "q1", choice } (single), { question, choices } (multiple), { question, scale: 1–5 }, { question, text }',
});

export const proposeBody: Schema = describe(fromZod(proposeInputSchema), {
  question: 'The free-text question (q1, q2…) whose answer becomes a challenge',
  title: 'Title of the new challenge; default the answer’s first sentence',
  duplicateOf: 'An existing challenge the answer duplicates: the answer is linked to it instead',
});

const question: Schema = obj(
  { id: str(), type: str({ enum: ['single', 'multiple', 'scale', 'text'] }), prompt: str(), options: arr(str()) },
  ['id', 'type', 'prompt'],
);
const item: Schema = obj({ q: str(), choices: arr(str()), scale: int(), text: str() }, ['q']);
const answerSet: Schema = obj({ id: str(), date: str(), items: arr(item) }, ['id', 'items']);

export const surveyView: Schema = obj(
  { survey: graphNode, questions: arr(question), open: bool(), answers: int(), mine: answerSet },
  ['survey', 'questions', 'open', 'answers'],
);
export const surveyList: Schema = obj({ surveys: arr(surveyView) }, ['surveys']);
export const createdSurvey: Schema = obj({ survey: graphNode, questions: arr(question), createdBy: str() }, [
  'survey',
  'questions',
  'createdBy',
]);
export const surveyAnswerResult: Schema = obj({ surveyId: str(), answer: answerSet, replaced: bool() }, [
  'surveyId',
  'answer',
  'replaced',
]);

const questionResult: Schema = obj(
  {
    question: str(),
    type: str({ enum: ['single', 'multiple', 'scale', 'text'] }),
    prompt: str(),
    answered: int(),
    options: arr(obj({ option: str(), count: int() }, ['option', 'count'])),
    histogram: arr(obj({ value: int(), count: int() }, ['value', 'count'])),
    mean: nullable(num()),
    allTexts: bool(),
    texts: arr(
      obj({ answer: str(), text: str(), date: str(), challenges: arr(str()) }, ['answer', 'text', 'challenges']),
    ),
  },
  ['question', 'type', 'prompt', 'answered'],
);
export const surveyResultsAnswer: Schema = obj(
  { survey: graphNode, respondents: int(), questions: arr(questionResult) },
  ['survey', 'respondents', 'questions'],
);

export const proposedChallenge: Schema = obj(
  {
    ...(submittedChallenge as { properties: Record<string, Schema> }).properties,
    answer: str(),
    linked: bool(),
    challenge: graphNode,
  },
  ['answer', 'linked', 'challenge'],
);

export const answerParams: Schema = strictObj(
  {
    id: { ...id, description: 'Survey id' },
    answerId: { ...id, description: 'Answer id (from the results’ free-text answers)' },
  },
  ['id', 'answerId'],
);
