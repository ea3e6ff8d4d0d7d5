/**
 * The single error handler: every thrown error becomes `{ statusCode, error, code, message,
 * field?, requestId }` (engine/api/errors.ts maps the codes). A 5xx is logged with its stack
 * and answered without one.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Problem, statusText, toProblem } from '../../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The error code answered, for the request log. */
    problemCode: string | null;
  }
}

async function errors(app: FastifyInstance): Promise<void> {
  app.decorateRequest('problemCode', null);
  const answer = (p: Problem, requestId: string) => ({
    statusCode: p.statusCode,
    error: statusText(p.statusCode),
    code: p.code,
    message: p.message,
    ...(p.field === undefined ? {} : { field: p.field }),
    requestId,
  });
  app.setErrorHandler(async (error, req, reply) => {
    const p = toProblem(error);
    req.problemCode = p.code;
    // A bug gets its stack in the log; a known unavailability (no model, no store, no build) one line.
    if (p.code === 'ERR_INTERNAL') req.log.error({ err: error, code: p.code }, 'request failed');
    else if (p.statusCode >= 500) req.log.warn({ code: p.code, reason: (error as Error).message }, 'request failed');
    if (p.statusCode === 401) reply.header('WWW-Authenticate', 'Bearer');
    return reply.code(p.statusCode).type('application/json; charset=utf-8').send(answer(p, req.id));
  });
  app.setNotFoundHandler(async (req, reply) => {
    req.problemCode = 'ERR_ROUTE_NOT_FOUND';
    const path = req.url.split('?')[0] ?? '/';
    return reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(
        answer(
          { statusCode: 404, code: 'ERR_ROUTE_NOT_FOUND', message: `no route ${req.method} ${path} (see /docs)` },
          req.id,
        ),
      );
  });
}

export default fp(errors, { name: 'errors' });
