/**
 * Cross-origin access, off by default: without configured origins no CORS header is sent, so
 * browsers keep other sites from reading the API (the dashboard is served from the same
 * origin and needs none). With `origins`, those exact origins may call /api with a token.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface CorsOptions {
  /** Exact origins allowed, e.g. https://intranet.example.org; empty: CORS off. */
  readonly origins: readonly string[];
}

async function cors(app: FastifyInstance, o: { cors?: CorsOptions }): Promise<void> {
  const allowed = new Set(o.cors?.origins ?? []);
  if (allowed.size === 0) return;
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (origin === undefined || !allowed.has(origin) || !req.url.startsWith('/api/')) return;
    reply.header('Access-Control-Allow-Origin', origin);
    reply.header('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      reply
        .header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
        .header('Access-Control-Allow-Headers', 'Authorization, Content-Type')
        .header('Access-Control-Max-Age', '600')
        .code(204)
        .send();
    }
  });
  // Preflights reach no route otherwise; the hook above has answered them by then.
  app.options('/api/*', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    reply.code(204).send();
  });
}

export default fp(cors, { name: 'cors' });
