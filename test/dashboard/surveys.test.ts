/**
 * The Surveys page's own logic, without a browser: what the answer form sends for each kind of
 * question (blank ones left out), how it starts from the person's own answers, and the rows its
 * charts draw. The sent shape is checked against the engine's own input schema.
 */
import { describe, expect, it } from 'vitest';
import {
  answersFrom,
  chartRows,
  initialValues,
} from '../../dashboard/src/features/surveys/components/answer-form-values.js';
import type { SurveyView } from '../../dashboard/src/lib/types.js';
import { surveyAnswersInputSchema } from '../../engine/input/index.js';

const view: SurveyView = {
  survey: {
    kind: 'Survey',
    id: 'input:survey:1',
    visibility: 'network',
    title: 'Readiness',
    questions: [],
    closesAt: '2999-01-01',
  },
  questions: [
    { id: 'q1', type: 'single', prompt: 'Which first?', options: ['Drones', 'Deepfakes'] },
    { id: 'q2', type: 'multiple', prompt: 'Which tools?', options: ['Nets', 'Radar', 'Jammers'] },
    { id: 'q3', type: 'scale', prompt: 'How ready?' },
    { id: 'q4', type: 'text', prompt: 'What is missing?' },
  ],
  open: true,
  answers: 0,
};

describe('survey answer form', () => {
  it('sends one answer per filled question, in the shape the API takes; blank ones are left out', () => {
    const sent = answersFrom(view, { q1: ['Deepfakes'], q2: ['Radar', 'Nets'], q3: ['4'], q4: ['  '] });
    expect(sent).toEqual([
      { question: 'q1', choice: 'Deepfakes' },
      { question: 'q2', choices: ['Radar', 'Nets'] },
      { question: 'q3', scale: 4 },
    ]);
    expect(surveyAnswersInputSchema.safeParse({ answers: sent }).success).toBe(true);
    expect(answersFrom(view, {})).toEqual([]);
  });

  it('starts from the person’s own answers', () => {
    const mine: SurveyView = {
      ...view,
      mine: {
        id: 'input:survey-answer:x',
        items: [
          { q: 'q2', choices: ['Nets'] },
          { q: 'q3', scale: 2 },
          { q: 'q4', text: 'Thermal cameras' },
        ],
      },
    };
    const values = initialValues(mine);
    expect(values).toEqual({ q2: ['Nets'], q3: ['2'], q4: ['Thermal cameras'] });
    expect(answersFrom(mine, values)).toEqual([
      { question: 'q2', choices: ['Nets'] },
      { question: 'q3', scale: 2 },
      { question: 'q4', text: 'Thermal cameras' },
    ]);
  });

  it('charts options with their counts, and the scale as 1 to 5', () => {
    expect(
      chartRows({
        question: 'q1',
        type: 'single',
        prompt: 'Which first?',
        answered: 3,
        options: [
          { option: 'Drones', count: 1 },
          { option: 'Deepfakes', count: 2 },
        ],
      }),
    ).toEqual([
      { label: 'Drones', count: 1 },
      { label: 'Deepfakes', count: 2 },
    ]);
    const histogram = [1, 2, 3, 4, 5].map((value) => ({ value, count: value === 4 ? 2 : 0 }));
    expect(
      chartRows({ question: 'q3', type: 'scale', prompt: 'How ready?', answered: 2, histogram, mean: 4 }).map(
        (r) => r.label,
      ),
    ).toEqual(['1', '2', '3', '4', '5']);
  });
});
