/** /api/health (public: for load balancers and `npm run demo`'s check) and /api/me (the caller). */
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../plugins/app/auth.js';
import { errorBody, errors, noQuery } from '../schemas/common.js';
import { bool, nullable, obj, str } from '../schemas/json.js';

export default async function serviceRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['service'],
        summary: 'Whether the server is up, and whether matching has its sentence model',
        querystring: noQuery,
        security: [],
        response: {
          200: obj({ status: str({ enum: ['ok'] }), backend: str(), dense: bool(), model: nullable(str()) }, [
            'status',
            'backend',
            'dense',
            'model',
          ]),
          400: errorBody,
          429: errorBody,
          431: errorBody,
          500: errorBody,
          503: errorBody,
        },
      },
    },
    async () => ({
      status: 'ok',
      backend: app.engine.store.backend,
      dense: app.engine.model !== undefined,
      model: app.engine.model ?? null,
    }),
  );

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['service'],
        summary: 'Who the token stands for, and what the server can do',
        querystring: noQuery,
        response: {
          200: obj(
            {
              role: str(),
              clearance: str(),
              person: str(),
              organisation: str(),
              defaultMode: str({ enum: ['hybrid', 'lexical'] }),
              model: nullable(str()),
              denseProblem: str({ description: 'Why there is no sentence model, when there is none' }),
            },
            ['role', 'clearance', 'defaultMode', 'model'],
          ),
          ...errors(),
        },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return {
        role: p.role,
        clearance: p.viewer.clearance,
        ...(p.person === undefined ? {} : { person: p.person }),
        ...(p.organisation === undefined ? {} : { organisation: p.organisation }),
        defaultMode: app.defaultMode,
        model: app.engine.model ?? null,
        ...(app.engine.denseProblem === undefined ? {} : { denseProblem: app.engine.denseProblem }),
      };
    },
  );
}
