/**
 * `POST /api/grants/exchange`: a chat link's grant for a session token. Public (the grant is the
 * credential); the grant must be genuine, unexpired and unspent, and is spent by the exchange.
 * Sessions read as the grant's viewer and may change nothing: every other method is refused
 * for them here, before any route runs.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { GRANT_SESSION_MS, readGrant, SpentGrants } from '../../../engine/grants/index.js';
import { ApiError } from '../errors.js';
import { errors } from '../schemas/common.js';
import { str, strictObj } from '../schemas/json.js';
import { addGrantSession, type TokenTable } from '../tokens.js';

const WHY: Readonly<Record<string, string>> = {
  invalid: 'this link is not valid: ask the bot again for a new one',
  expired: 'this link has expired (links from chat last 10 minutes): ask the bot again',
  used: 'this link was already opened once: ask the bot again for a new one',
};

async function grantRoutes(app: FastifyInstance, o: { key: Buffer; tokens: TokenTable }): Promise<void> {
  const spent = new SpentGrants();

  app.addHook('onRequest', async (req) => {
    if (req.principal?.readOnly === true && req.method !== 'GET' && req.method !== 'HEAD') {
      throw new ApiError(
        'ERR_FORBIDDEN',
        'a link from chat opens the dashboard read-only: sign in with an API token to change anything',
      );
    }
  });

  app.post<{ Body: { grant: string } }>(
    '/api/grants/exchange',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['service'],
        summary: 'Exchange a chat link’s grant for a read-only session token (once)',
        body: strictObj({ grant: str({ minLength: 1, maxLength: 2_000 }) }, ['grant']),
        response: {
          200: strictObj(
            {
              token: str(),
              expiresAt: str(),
              clearance: str(),
            },
            ['token', 'expiresAt', 'clearance'],
          ),
          ...errors(),
        },
      },
    },
    async (req) => {
      const now = Date.now();
      const claims = readGrant(o.key, req.body.grant, now);
      if (typeof claims === 'string') throw new ApiError('ERR_UNAUTHENTICATED', WHY[claims] ?? WHY['invalid'] ?? '');
      if (!spent.spend(claims.jti, claims.exp, now)) throw new ApiError('ERR_UNAUTHENTICATED', WHY['used'] ?? '');
      const viewer = { id: `grant:${claims.jti.slice(0, 8)}`, clearance: claims.v.clearance, orgs: claims.v.orgs };
      const session = addGrantSession(o.tokens, viewer, GRANT_SESSION_MS, now);
      return { ...session, clearance: viewer.clearance };
    },
  );
}

// Not encapsulated: the read-only rule must hold for every route, after auth has found the principal.
export default fp(grantRoutes, { name: 'grants', dependencies: ['auth'] });
