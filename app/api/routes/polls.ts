/** Polls of the network (often held at events): results, and a vote per person. */
import type { FastifyInstance } from 'fastify';
import { createPoll, InputError, votePoll } from '../../../engine/input/index.js';
import { actorOf, principalOf } from '../plugins/app/auth.js';
import { pollAnswer } from '../schemas/analytics.js';
import { BODY_ERRORS, errors, idParams, noQuery, PATH_ERRORS } from '../schemas/common.js';
import { createdPoll, pollBody, pollVoteBody, pollVoteResult } from '../schemas/input.js';
import { arr } from '../schemas/json.js';
import { json } from './json.js';

export default async function pollRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/polls',
    {
      schema: {
        tags: ['input'],
        summary: 'Polls you may see, with their results',
        querystring: noQuery,
        response: { 200: arr(pollAnswer), ...errors() },
      },
    },
    async (req, reply) => {
      const viewer = principalOf(req).viewer;
      return json(reply, await app.answers.json('polls', {}, viewer, () => app.engine.polls(viewer)));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/polls/:id',
    {
      schema: {
        tags: ['input'],
        summary: 'One poll with its results',
        querystring: noQuery,
        params: idParams,
        response: { 200: pollAnswer, ...errors(404, ...PATH_ERRORS) },
      },
    },
    async (req) => {
      const [poll] = await app.engine.polls(principalOf(req).viewer, req.params.id);
      // The analytics module throws its own 404 for an unknown id; an empty answer means the same.
      if (poll === undefined) throw new InputError('ERR_POLL_NOT_FOUND', `no poll ${req.params.id}`, 'id');
      return poll;
    },
  );

  app.post<{ Params: { id: string }; Body: { option: string } }>(
    '/api/polls/:id/votes',
    {
      schema: {
        tags: ['input'],
        summary: 'Vote in a poll; one vote per person, a new vote replaces yours',
        querystring: noQuery,
        params: idParams,
        body: pollVoteBody,
        response: { 200: pollVoteResult, ...errors(404, 409, ...PATH_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (req) => votePoll(app.engine, req.params.id, actorOf(req), req.body.option),
  );

  app.post<{ Body: unknown }>(
    '/api/polls',
    {
      config: { auth: { roles: ['inc', 'admin'] } },
      schema: {
        tags: ['input'],
        summary:
          'Create a poll (INCs and administrators): a question, its options or the top gaps, a closing date, an audience',
        querystring: noQuery,
        body: pollBody,
        response: { 201: createdPoll, ...errors(...BODY_ERRORS) },
      },
    },
    async (req, reply) => {
      const created = await createPoll(app.engine, req.body, actorOf(req));
      return reply
        .code(201)
        .header('Location', `/api/polls/${encodeURIComponent(created.poll.id)}`)
        .send(created);
    },
  );
}
