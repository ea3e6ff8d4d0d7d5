/**
 * Authentication and roles, decided on the route the router matched (its pattern and config),
 * never on the raw URL: `/%61pi/me` is `/api/me` to the router, so it is to the check too.
 * Every route whose pattern is under /api/ needs `Authorization: Bearer <token>` unless its
 * config says `auth: 'public'`; a route that names roles (`auth: { roles: [...] }`) refuses the
 * others with 403. The token's principal (role, viewer, person, organisation) is on
 * `request.principal`; reads run as its viewer, writes as `actorOf(request)`.
 *
 * Failed authentications back off per client address: past `failedAuth` in a window the
 * address's requests without a valid token are refused with 429 for a pause that doubles at
 * each repeat (up to an hour). A valid token still passes: people behind the same address (an
 * office's NAT) are not locked out by whoever floods it, and a token is 256 random bits, so the
 * pause, not the answer, is what bounds guessing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../../../engine/input/index.js';
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
    // Moderation (challenge lifecycle): admins everywhere, INCs in their own country.
    ...(p.role === 'admin' || p.role === 'inc' ? { role: p.role } : {}),
  };
}

interface Strikes {
  /** Failures in the current window. */
  count: number;
  windowStart: number;
  /** Pauses served so far: the next one lasts twice as long. */
  pauses: number;
  pausedUntil: number;
}

/** Addresses remembered at most; past it the oldest entries go first (a flood cannot grow memory). */
const MAX_TRACKED = 10_000;
const MAX_PAUSE_MS = 3_600_000;

export class AuthBackoff {
  private readonly byAddress = new Map<string, Strikes>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the address must still wait, 0 when it may try. */
  pausedFor(address: string): number {
    const s = this.byAddress.get(address);
    return s === undefined ? 0 : Math.max(0, s.pausedUntil - this.now());
  }

  /** Counts a failure; returns the pause it starts (0: none yet). */
  fail(address: string): number {
    const now = this.now();
    let s = this.byAddress.get(address);
    if (s === undefined) {
      if (this.byAddress.size >= MAX_TRACKED) {
        const oldest = this.byAddress.keys().next().value;
        if (oldest !== undefined) this.byAddress.delete(oldest);
      }
      s = { count: 0, windowStart: now, pauses: 0, pausedUntil: 0 };
      this.byAddress.set(address, s);
    }
    if (now - s.windowStart >= this.windowMs) {
      s.count = 0;
      s.windowStart = now;
    }
    s.count += 1;
    if (s.count < this.max) return 0;
    const pause = Math.min(this.windowMs * 2 ** s.pauses, MAX_PAUSE_MS);
    s.pauses += 1;
    s.count = 0;
    s.pausedUntil = now + pause;
    return pause;
  }
}

const paused = (ms: number) =>
  new ApiError('ERR_RATE_LIMITED', `too many failed authentications; retry in ${Math.ceil(ms / 1000)} s`);

async function auth(
  app: FastifyInstance,
  o: { tokens: TokenTable; failedAuth?: { max: number; timeWindow: number } },
): Promise<void> {
  app.decorateRequest('principal', null);
  const backoff = new AuthBackoff(o.failedAuth?.max ?? 30, o.failedAuth?.timeWindow ?? 60_000);
  const refuse = (req: FastifyRequest, reply: FastifyReply, message: string): ApiError => {
    const wait = backoff.pausedFor(req.ip);
    if (wait > 0) {
      reply.header('Retry-After', String(Math.ceil(wait / 1000)));
      return paused(wait);
    }
    const pause = backoff.fail(req.ip);
    if (pause === 0) return new ApiError('ERR_UNAUTHENTICATED', message);
    reply.header('Retry-After', String(Math.ceil(pause / 1000)));
    return paused(pause);
  };
  app.addHook('onRequest', async (req, reply) => {
    const rule = req.routeOptions.config.auth;
    const route = req.routeOptions.url;
    // Unknown routes get their 404 whoever asks; the dashboard's files and the docs are public.
    if (rule === 'public' || req.is404 || route === undefined || (rule === undefined && !route.startsWith('/api/')))
      return;
    const token = bearerToken(req);
    const principal = token === undefined ? undefined : o.tokens.principal(token);
    if (principal === undefined) {
      throw refuse(
        req,
        reply,
        token === undefined
          ? 'send an API token: Authorization: Bearer <token>'
          : 'the API token is not known to this server',
      );
    }
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
