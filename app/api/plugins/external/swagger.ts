/**
 * The OpenAPI document (@fastify/swagger, built from the routes' own schemas) and its UI
 * (@fastify/swagger-ui) at /docs; the document itself at /docs/json. Both are public: they
 * describe the API, and every operation still asks for a token.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const DOCS_PREFIX = '/docs';

async function openApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ileanet API',
        version: '1',
        description:
          "Matchmaking and analytics for Europe's law-enforcement innovation network. Every operation but " +
          '`/api/health` needs an API token (`Authorization: Bearer <token>`); its role (officer, inc, policy, ' +
          'admin) decides what may be seen and done. Errors answer `{ statusCode, error, code, message, field?, ' +
          'requestId }` with a stable `code`.',
      },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
      security: [{ token: [] }],
      tags: [
        { name: 'matching', description: 'Who has solved X; experts and results for a challenge' },
        { name: 'input', description: 'Challenges raised bottom-up, votes, polls' },
        { name: 'analytics', description: 'Trends, gaps, the collaboration network, the policy brief' },
        { name: 'suggestions', description: 'Cross-border collaborations and consortia' },
        { name: 'notify', description: 'Subscriptions and your inbox of alerts, introductions and digests' },
        { name: 'introductions', description: 'Introductions brokered by INCs: request, decide, follow' },
        { name: 'service', description: 'Health and the caller' },
        { name: 'people', description: 'Contact routes: how members prefer to be reached (vetted members only)' },
        { name: 'admin', description: 'Erasure and data-subject export (admin only)' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, uiConfig: { docExpansion: 'list', deepLinking: false } });
}

export default fp(openApi, { name: 'openapi' });
