/**
 * Subscriptions and the inbox over HTTP: GET/POST /api/subscriptions, DELETE /api/subscriptions/{id},
 * GET /api/inbox, POST /api/inbox/read. Both belong to the caller's person: a token naming none is
 * a 403, someone else's subscription or notice a 404 (the same as a missing one).
 */
import type { FastifyInstance } from 'fastify';
import {
  listInbox,
  listSubscriptions,
  markRead,
  readerOf,
  subscribe,
  unsubscribe,
} from '../../../engine/notify/index.js';
import { principalOf } from '../plugins/app/auth.js';
import { BODY_ERRORS, errors, idParams, noQuery, PATH_ERRORS } from '../schemas/common.js';
import {
  inboxPage,
  inboxQuery,
  markReadAnswer,
  markReadBody,
  subscriptionBody,
  subscriptionList,
  subscriptionView,
} from '../schemas/notify.js';
import { WRITERS } from './challenges.js';

const readerOfRequest = (req: Parameters<typeof principalOf>[0]) => {
  const p = principalOf(req);
  return readerOf(p.viewer, p.person);
};

export default async function notifyRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/subscriptions',
    {
      schema: {
        tags: ['notify'],
        summary: 'Your subscriptions (and those you made for your INC), oldest first',
        querystring: noQuery,
        response: { 200: subscriptionList, ...errors(401, 403) },
      },
    },
    async (req) => ({ subscriptions: await listSubscriptions(app.engine.store, readerOfRequest(req)) }),
  );

  app.post<{ Body: unknown }>(
    '/api/subscriptions',
    {
      config: { auth: { roles: [...WRITERS, 'policy'] } },
      schema: {
        tags: ['notify'],
        summary:
          'Subscribe to a query, a topic, a country or your own challenges: 201 when new, 200 when you already had it. A query who-solved rejects gets its error.',
        querystring: noQuery,
        body: subscriptionBody,
        response: { 200: subscriptionView, 201: subscriptionView, ...errors(401, 403, ...BODY_ERRORS) },
      },
    },
    async (req, reply) => {
      const r = await subscribe(app.engine.store, readerOfRequest(req), req.body);
      return reply.code(r.created ? 201 : 200).send(r.subscription);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/subscriptions/:id',
    {
      config: { auth: { roles: [...WRITERS, 'policy'] } },
      schema: {
        tags: ['notify'],
        summary: 'Unsubscribe',
        querystring: noQuery,
        params: idParams,
        response: { 204: { type: 'null' }, ...errors(401, 403, 404, ...PATH_ERRORS) },
      },
    },
    async (req, reply) => {
      await unsubscribe(app.engine.store, readerOfRequest(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: { unread?: boolean; limit?: number; cursor?: string } }>(
    '/api/inbox',
    {
      schema: {
        tags: ['notify'],
        summary: 'Your notices (alerts, introductions, digests), newest first, each with its reason',
        querystring: inboxQuery,
        response: { 200: inboxPage, ...errors(401, 403) },
      },
    },
    async (req) =>
      listInbox(app.engine.store, readerOfRequest(req), {
        limit: req.query.limit ?? 20,
        ...(req.query.unread ? { unreadOnly: true } : {}),
        ...(req.query.cursor === undefined ? {} : { cursor: req.query.cursor }),
      }),
  );

  app.post<{ Body: { ids: string[] } }>(
    '/api/inbox/read',
    {
      schema: {
        tags: ['notify'],
        summary: 'Mark notices of your inbox read (all or none: an id not in it is a 404)',
        querystring: noQuery,
        body: markReadBody,
        response: { 200: markReadAnswer, ...errors(401, 403, 404, ...BODY_ERRORS) },
      },
    },
    async (req) => ({ marked: await markRead(app.engine.store, readerOfRequest(req), req.body.ids) }),
  );
}
