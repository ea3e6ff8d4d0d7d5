/**
 * Discussion over HTTP: GET/POST /api/{challenges|results|projects|polls}/{id}/comments, and
 * PATCH/DELETE /api/comments/{id} (its author), POST /api/comments/{id}/hide (INCs, admins).
 * A subject the caller cannot see is a 404, the same as a missing one (engine/input/comments.ts).
 */
import type { FastifyInstance } from 'fastify';
import {
  type CommentSubjectKind,
  deleteComment,
  editComment,
  hideComment,
  listComments,
  postComment,
} from '../../../engine/input/index.js';
import { actorOf } from '../plugins/app/auth.js';
import {
  commentBody,
  commentEditBody,
  commentHideBody,
  commentNode,
  commentThread,
  commentView,
} from '../schemas/comments.js';
import { BODY_ERRORS, errors, idParams, noQuery, PATH_ERRORS } from '../schemas/common.js';
import { WRITERS } from './challenges.js';

const SUBJECTS: readonly (readonly [string, CommentSubjectKind])[] = [
  ['challenges', 'Challenge'],
  ['results', 'Result'],
  ['projects', 'Project'],
  ['polls', 'Poll'],
];

export default async function commentRoutes(app: FastifyInstance): Promise<void> {
  for (const [path, kind] of SUBJECTS) {
    app.get<{ Params: { id: string } }>(
      `/api/${path}/:id/comments`,
      {
        schema: {
          tags: ['discussion'],
          summary: `Comments on a ${kind.toLowerCase()}, oldest first, each with its replies`,
          querystring: noQuery,
          params: idParams,
          response: { 200: commentThread, ...errors(404, ...PATH_ERRORS) },
        },
      },
      async (req) => listComments(app.engine, kind, req.params.id, actorOf(req)),
    );
    app.post<{ Params: { id: string }; Body: unknown }>(
      `/api/${path}/:id/comments`,
      {
        config: { auth: { roles: WRITERS } },
        schema: {
          tags: ['discussion'],
          summary: `Comment on a ${kind.toLowerCase()}, or reply to one of its comments (one level)`,
          querystring: noQuery,
          params: idParams,
          body: commentBody,
          response: { 201: commentView, ...errors(404, ...PATH_ERRORS, ...BODY_ERRORS) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await postComment(app.engine, kind, req.params.id, req.body, actorOf(req))),
    );
  }

  app.patch<{ Params: { id: string }; Body: unknown }>(
    '/api/comments/:id',
    {
      config: { auth: { roles: WRITERS } },
      schema: {
        tags: ['discussion'],
        summary: 'Edit your own comment',
        querystring: noQuery,
        params: idParams,
        body: commentEditBody,
        response: { 200: commentNode, ...errors(404, 409, ...PATH_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (req) => editComment(app.engine, req.params.id, req.body, actorOf(req)),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/comments/:id',
    {
      config: { auth: { roles: WRITERS } },
      schema: {
        tags: ['discussion'],
        summary: 'Delete your own comment: its text and your authorship go, its place in the thread stays',
        querystring: noQuery,
        params: idParams,
        response: { 204: { type: 'null', description: 'Deleted' }, ...errors(404, ...PATH_ERRORS) },
      },
    },
    async (req, reply) => {
      await deleteComment(app.engine, req.params.id, actorOf(req));
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: unknown }>(
    '/api/comments/:id/hide',
    {
      config: { auth: { roles: ['inc', 'admin'] } },
      schema: {
        tags: ['discussion'],
        summary: 'Hide an abusive comment (INCs, administrators): kept for audit, shown to administrators only',
        querystring: noQuery,
        params: idParams,
        body: commentHideBody,
        response: { 200: commentNode, ...errors(404, ...PATH_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (req) => hideComment(app.engine, req.params.id, req.body, actorOf(req)),
  );
}
