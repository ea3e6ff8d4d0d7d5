/**
 * One log line per request, with nothing personal in it: method, the route's pattern (never the
 * URL: no query text, no ids typed by users), status, error code, duration, the caller's role and
 * a pseudonym of the caller (a keyed hash of their person id, else of their token's fingerprint:
 * engine/privacy/pseudonym.ts; the key rotates with the retention window, so old lines cannot be
 * linked to anyone). No token, no address, no name, no body. Fastify's own request logging is
 * off (app.ts).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createPseudonymizer, loadRetention } from '../../../../engine/privacy/index.js';

async function requestLog(app: FastifyInstance): Promise<void> {
  const pseudonyms = createPseudonymizer(app.engine.dataDir, loadRetention(app.engine.dataDir).auditDays);
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.is404 ? '(unknown route)' : (req.routeOptions.url ?? '(unknown route)'),
        status: reply.statusCode,
        ...(req.problemCode === null ? {} : { code: req.problemCode }),
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(req.principal === null
          ? {}
          : {
              role: req.principal.role,
              actor: pseudonyms.of(req.principal.person ?? `token:${req.principal.fingerprint}`),
            }),
      },
      'request',
    );
  });
}

export default fp(requestLog, { name: 'request-log', dependencies: ['auth', 'errors', 'engine'] });
