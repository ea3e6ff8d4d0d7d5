/** GET /api/surveys, GET /api/surveys/{id}/results, POST /api/surveys/{id}/answers. */
import { apiPost } from '../../../lib/api-client.js';
import type { SurveyAnswerResult, SurveyList, SurveyResults } from '../../../lib/types.js';
import { useApi } from '../../../lib/use-api.js';

export const useSurveys = () => useApi<SurveyList>('/api/surveys');

export const useSurveyResults = (id: string | null) =>
  useApi<SurveyResults>(id === null ? null : `/api/surveys/${encodeURIComponent(id)}/results`);

import type { AnswerInput } from '../components/answer-form-values.js';

export const postAnswers = (id: string, answers: readonly AnswerInput[]) =>
  apiPost<SurveyAnswerResult>(`/api/surveys/${encodeURIComponent(id)}/answers`, { answers });
