/**
 * Authentication and roles. Every /api route needs `Authorization: Bearer <token>` unless its
 * config says `auth: 'public'`; a route that names roles (`auth: { roles: [...] }`) refuses the
 * others with 403. The token's principal (role, viewer, person, organisation) is on
 * `request.principal`; reads run as its viewer, writes as `actorOf(request)`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../../input/actor.js';
import { ApiError } from '../../errors.js';
import type { Principal, Role, TokenTable } from '../../tokens.js';

export type RouteAuth = 'public' | { readonly roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Absent: any valid token. */
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The bearer token of a request, if it carries one. */
export function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/iu.exec(h);
  return m?.[1];
}

/** The authenticated principal; routes behind auth always have one. */
export function principalOf(req: FastifyRequest): Principal {
  if (req.principal === null)
    throw new ApiError('ERR_UNAUTHENTICATED', 'send an API token: Authorization: Bearer <token>');
  return req.principal;
}

/** Who a write is by: the token's viewer, person and organisation. */
export function actorOf(req: FastifyRequest): Actor {
  const p = principalOf(req);
  return {
    viewer: p.viewer,
    ...(p.person === undefined ? {} : { person: p.person }),
    ...(p.organisation === undefined ? {} : { organisation: p.organisation }),
  };
}

async function auth(app: FastifyInstance, o: { tokens: TokenTable }): Promise<void> {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const rule = req.routeOptions.config.auth;
    // Unknown routes get their 404 whoever asks; the dashboard's files and the docs are public.
    if (rule === 'public' || req.is404 || !req.url.startsWith('/api/')) return;
    const token = bearerToken(req);
    if (token === undefined) {
      throw new ApiError('ERR_UNAUTHENTICATED', 'send an API token: Authorization: Bearer <token>');
    }
    const principal = o.tokens.principal(token);
    if (principal === undefined) throw new ApiError('ERR_UNAUTHENTICATED', 'the API token is not known to this server');
    if (rule !== undefined && !rule.roles.includes(principal.role)) {
      throw new ApiError(
        'ERR_FORBIDDEN',
        `the ${principal.role} role may not do this (it takes ${rule.roles.join(', ')})`,
      );
    }
    req.principal = principal;
  });
}

export default fp(auth, { name: 'auth' });
