/**
 * Surveys over HTTP: INCs and administrators create them; members answer (one answer set each,
 * replaced until the survey closes); results as counts, a histogram and the free text the rules
 * allow; a free-text answer becomes a challenge.
 */
import type { FastifyInstance } from 'fastify';
import {
  answerSurvey,
  createSurvey,
  listSurveys,
  proposeChallenge,
  readSurvey,
  surveyResults,
} from '../../../engine/input/index.js';
import { actorOf } from '../plugins/app/auth.js';
import { BODY_ERRORS, errors, idParams, noQuery, PATH_ERRORS } from '../schemas/common.js';
import {
  answerParams,
  createdSurvey,
  proposeBody,
  proposedChallenge,
  surveyAnswerResult,
  surveyAnswersBody,
  surveyBody,
  surveyList,
  surveyResultsAnswer,
  surveyView,
} from '../schemas/surveys.js';
import { WRITERS } from './challenges.js';

export default async function surveyRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/surveys',
    {
      schema: {
        tags: ['input'],
        summary: 'Surveys you may see: open ones (closing soonest first), then closed ones, with your own answers',
        querystring: noQuery,
        response: { 200: surveyList, ...errors() },
      },
    },
    async (req) => listSurveys(app.engine, actorOf(req)),
  );

  app.post<{ Body: unknown }>(
    '/api/surveys',
    {
      config: { auth: { roles: ['inc', 'admin'] } },
      schema: {
        tags: ['input'],
        summary:
          'Create a survey (INCs and administrators): questions (one choice, several choices, a 1–5 scale, free text), a closing date, an audience',
        querystring: noQuery,
        body: surveyBody,
        response: { 201: createdSurvey, ...errors(...BODY_ERRORS) },
      },
    },
    async (req, reply) => {
      const created = await createSurvey(app.engine, req.body, actorOf(req));
      return reply
        .code(201)
        .header('Location', `/api/surveys/${encodeURIComponent(created.survey.id)}`)
        .send(created);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/surveys/:id',
    {
      schema: {
        tags: ['input'],
        summary: 'One survey: its questions, whether it is open, how many answered, and your own answers',
        querystring: noQuery,
        params: idParams,
        response: { 200: surveyView, ...errors(404, ...PATH_ERRORS) },
      },
    },
    async (req) => readSurvey(app.engine, req.params.id, actorOf(req)),
  );

  app.post<{ Params: { id: string }; Body: unknown }>(
    '/api/surveys/:id/answers',
    {
      config: { auth: { roles: [...WRITERS, 'policy'] } },
      schema: {
        tags: ['input'],
        summary: 'Answer a survey; one answer set per person, a new one replaces yours until the survey closes',
        querystring: noQuery,
        params: idParams,
        body: surveyAnswersBody,
        response: { 200: surveyAnswerResult, ...errors(404, 409, ...PATH_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (req) => answerSurvey(app.engine, req.params.id, actorOf(req), req.body),
  );

  app.get<{ Params: { id: string } }>(
    '/api/surveys/:id/results',
    {
      schema: {
        tags: ['input'],
        summary:
          'Results: counts per option, the scale’s histogram and mean; free text for administrators, the survey’s creator and INCs (others: their own)',
        querystring: noQuery,
        params: idParams,
        response: { 200: surveyResultsAnswer, ...errors(404, ...PATH_ERRORS) },
      },
    },
    async (req) => surveyResults(app.engine, req.params.id, actorOf(req)),
  );

  app.post<{ Params: { id: string; answerId: string }; Body: unknown }>(
    '/api/surveys/:id/answers/:answerId/challenge',
    {
      config: { auth: { roles: [...WRITERS, 'policy'] } },
      schema: {
        tags: ['input'],
        summary:
          'Turn a free-text answer into a challenge (returned with its most similar existing ones), or link it to one with duplicateOf',
        querystring: noQuery,
        params: answerParams,
        body: proposeBody,
        response: { 201: proposedChallenge, ...errors(404, 409, ...PATH_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await proposeChallenge(app.engine, req.params.id, req.params.answerId, actorOf(req), req.body)),
  );
}
