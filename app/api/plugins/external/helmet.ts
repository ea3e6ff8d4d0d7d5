/**
 * Security headers on every answer through @fastify/helmet: no MIME sniffing, no framing, no
 * referrer, cross-origin isolation of what the server serves. The dashboard page's content
 * policy travels with the page (plugins/app/dashboard.ts): the docs' UI (@fastify/swagger-ui)
 * sets its own, and one global policy would have to allow the looser of the two everywhere.
 * No HSTS: the server speaks plain HTTP on loopback or behind a TLS proxy, which owns that header.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function headers(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
}

export default fp(headers, { name: 'security-headers' });
