/** Events over HTTP: GET /api/events, GET /api/events/{id} (with an agenda proposal), registrations. */
import type { FastifyInstance } from 'fastify';
import { listEvents, readEvent, registerForEvent } from '../../../engine/input/index.js';
import { actorOf } from '../plugins/app/auth.js';
import { errors, idParams, noQuery, PATH_ERRORS } from '../schemas/common.js';
import { eventDetail, eventList, eventView } from '../schemas/events.js';
import { WRITERS } from './challenges.js';

export default async function eventRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Events you may see: upcoming (soonest first) and past (latest first), with registrations',
        querystring: noQuery,
        response: { 200: eventList, ...errors() },
      },
    },
    async (req) => listEvents(app.engine, actorOf(req)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'One event, with an agenda proposal: the open challenges of its themes, most supported first',
        querystring: noQuery,
        params: idParams,
        response: { 200: eventDetail, ...errors(404, ...PATH_ERRORS) },
      },
    },
    async (req) => readEvent(app.engine, req.params.id, actorOf(req)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/events/:id/registrations',
    {
      config: { auth: { roles: [...WRITERS, 'policy'] } },
      schema: {
        tags: ['events'],
        summary: 'Register for an upcoming event (again: unchanged); a past event is a 409',
        querystring: noQuery,
        params: idParams,
        response: { 201: eventView, ...errors(404, 409, ...PATH_ERRORS) },
      },
    },
    async (req, reply) => reply.code(201).send(await registerForEvent(app.engine, req.params.id, actorOf(req))),
  );
}
