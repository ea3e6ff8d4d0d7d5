/**
 * Rate limits on the API (@fastify/rate-limit): per token when the request carries one (by
 * the token's hash, never the token), else per client address. Static files and the docs are
 * not limited. Exceeding answers 429 ERR_RATE_LIMITED with Retry-After.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors.js';
import { hashToken } from '../../tokens.js';
import { bearerToken } from '../app/auth.js';

export interface RateLimitOptions {
  /** Requests per window and key (default 600). */
  readonly max: number;
  /** Window in milliseconds (default one minute). */
  readonly timeWindow: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, timeWindow: 60_000 };

function keyOf(req: FastifyRequest): string {
  const token = bearerToken(req);
  return token === undefined ? `ip:${req.ip}` : `token:${hashToken(token).slice(0, 24)}`;
}

async function limits(app: FastifyInstance, o: { rateLimit?: RateLimitOptions }): Promise<void> {
  const { max, timeWindow } = o.rateLimit ?? DEFAULT_RATE_LIMIT;
  await app.register(rateLimit, {
    global: true,
    max,
    timeWindow,
    keyGenerator: keyOf,
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, ctx) =>
      new ApiError('ERR_RATE_LIMITED', `too many requests: at most ${ctx.max} per ${ctx.after}; retry later`),
  });
}

export default fp(limits, { name: 'rate-limit' });
