/**
 * Cross-origin access through @fastify/cors, off by default: without configured origins the
 * plugin is not registered, no CORS header is sent and no preflight route exists, so browsers
 * keep other sites from reading the API (the dashboard is served from the same origin and needs
 * none). With `origins`, exactly those origins may call the API with a token.
 */
import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface CorsOptions {
  /** Exact origins allowed, e.g. https://intranet.example.org; empty: CORS off. */
  readonly origins: readonly string[];
}

async function cors(app: FastifyInstance, o: { cors?: CorsOptions }): Promise<void> {
  const origins = o.cors?.origins ?? [];
  if (origins.length === 0) return;
  await app.register(fastifyCors, {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
    // Preflights are answered by the plugin's hidden OPTIONS route, public like the docs.
    hideOptionsRoute: true,
  });
}

export default fp(cors, { name: 'cors' });
