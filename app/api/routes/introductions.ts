/**
 * Introductions brokered by INCs over HTTP: POST /api/introductions, GET /api/introductions,
 * POST /api/introductions/{id}/decision. A caller who is no party to one gets a 404 (the same as a
 * missing one); a party who may not decide, a 403; deciding twice, a 409.
 */
import type { FastifyInstance } from 'fastify';
import { decideIntroduction, listIntroductions, requestIntroduction } from '../../../engine/introductions/index.js';
import { principalOf } from '../plugins/app/auth.js';
import { BODY_ERRORS, errors, idParams, noQuery, PATH_ERRORS } from '../schemas/common.js';
import {
  decisionBody,
  introductionBody,
  introductionList,
  introductionsQuery,
  introductionView,
} from '../schemas/introductions.js';

export default async function introductionRoutes(app: FastifyInstance): Promise<void> {
  const deps = () => ({ store: app.engine.store, discovery: app.engine.discovery });
  const actorOf = (req: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(req);
    return { person: p.person, viewer: p.viewer };
  };

  app.post<{ Body: unknown }>(
    '/api/introductions',
    {
      schema: {
        tags: ['introductions'],
        summary:
          'Ask to be introduced to a person, an organisation or the owner behind a restricted hit, about a need; routed to the INCs concerned',
        querystring: noQuery,
        body: introductionBody,
        response: { 201: introductionView, ...errors(400, 401, 403, 404, 409, ...BODY_ERRORS) },
      },
    },
    async (req, reply) => reply.code(201).send(await requestIntroduction(deps(), actorOf(req), req.body)),
  );

  app.get<{ Querystring: { status?: 'pending' | 'approved' | 'declined' | 'withdrawn' } }>(
    '/api/introductions',
    {
      schema: {
        tags: ['introductions'],
        summary: 'Introductions you asked for, were asked for, or broker as an INC coordinator; newest first',
        querystring: introductionsQuery,
        response: { 200: introductionList, ...errors(400, 401, 403) },
      },
    },
    async (req) => ({
      introductions: await listIntroductions(
        deps(),
        actorOf(req),
        req.query.status === undefined ? {} : { status: req.query.status },
      ),
    }),
  );

  app.post<{ Params: { id: string }; Body: unknown }>(
    '/api/introductions/:id/decision',
    {
      schema: {
        tags: ['introductions'],
        summary: 'Approve or decline (a coordinator of an INC concerned) or withdraw (the requester), with a note',
        querystring: noQuery,
        params: idParams,
        body: decisionBody,
        response: { 200: introductionView, ...errors(400, 401, 403, 404, 409, ...PATH_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (req) => decideIntroduction(deps(), actorOf(req), req.params.id, req.body),
  );
}
