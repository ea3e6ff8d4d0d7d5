/**
 * One log line per request, with nothing personal in it: method, the route's pattern (never the
 * URL: no query text, no ids typed by users), status, error code, duration, and the caller's
 * role. No token, no address, no name, no body. Fastify's own request logging is off (app.ts).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function requestLog(app: FastifyInstance): Promise<void> {
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.is404 ? '(unknown route)' : (req.routeOptions.url ?? '(unknown route)'),
        status: reply.statusCode,
        ...(req.problemCode === null ? {} : { code: req.problemCode }),
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(req.principal === null ? {} : { role: req.principal.role }),
      },
      'request',
    );
  });
}

export default fp(requestLog, { name: 'request-log', dependencies: ['auth', 'errors'] });
