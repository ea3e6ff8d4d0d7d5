/**
 * Rate limits on every path, the API, the docs and the dashboard's files alike
 * (@fastify/rate-limit), as the first hook of every request, so before authentication: per
 * token when the request carries one this server knows (by the token's hash, never the token),
 * else per client address. A made-up or wrong token therefore spends its sender's address
 * budget instead of opening a fresh bucket per value. Exceeding answers 429 ERR_RATE_LIMITED
 * with Retry-After. Failed authentications have their own, much smaller budget and back off
 * (plugins/app/auth.ts).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors.js';
import { hashToken, type TokenTable } from '../../tokens.js';
import { bearerToken } from '../app/auth.js';

export interface RateLimitOptions {
  /** Requests per window and key (default 600). */
  readonly max: number;
  /** Window in milliseconds (default one minute). */
  readonly timeWindow: number;
  /**
   * Failed authentications (no token, or an unknown one, on a route that needs one) an address
   * may make per window before it is refused for a while, the pause doubling at each repeat
   * (default 30 per window).
   */
  readonly failedAuth?: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, timeWindow: 60_000 };

async function limits(app: FastifyInstance, o: { rateLimit?: RateLimitOptions; tokens: TokenTable }): Promise<void> {
  const { max, timeWindow } = o.rateLimit ?? DEFAULT_RATE_LIMIT;
  const keyOf = (req: FastifyRequest): string => {
    const token = bearerToken(req);
    return token !== undefined && o.tokens.principal(token) !== undefined
      ? `token:${hashToken(token).slice(0, 24)}`
      : `ip:${req.ip}`;
  };
  await app.register(rateLimit, {
    // Not per route: a root hook also covers the not-found handler and routes of encapsulated
    // plugins (the docs' static files), which a per-route registration leaves out.
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new ApiError('ERR_RATE_LIMITED', `too many requests: at most ${ctx.max} per ${ctx.after}; retry later`),
  });
  app.addHook('onRequest', app.rateLimit({ max, timeWindow, keyGenerator: keyOf }));
}

export default fp(limits, { name: 'rate-limit' });
