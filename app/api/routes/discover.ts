/** Hit/no-hit: the owner of a restricted work marks it discoverable (engine/discover). */
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../plugins/app/auth.js';
import { BODY_ERRORS, errors, idParams, noQuery, PATH_ERRORS } from '../schemas/common.js';
import { bool, obj, str, strictObj } from '../schemas/json.js';
import { WRITERS } from './challenges.js';

const body = strictObj(
  {
    discoverable: bool({
      description:
        'true: members who may not see the work learn, when it matches their question, only that it exists (kind, your organisation kind and country) and may ask for an introduction; false: invisible to them again',
    }),
  },
  ['discoverable'],
);

export default async function discoverRoutes(app: FastifyInstance): Promise<void> {
  app.put<{ Params: { id: string }; Body: { discoverable: boolean } }>(
    '/api/works/:id/discoverable',
    {
      config: { auth: { roles: WRITERS } },
      schema: {
        tags: ['input'],
        summary: 'Mark a restricted project, result or document of your organisation discoverable (hit/no-hit), or not',
        querystring: noQuery,
        params: idParams,
        body,
        response: {
          200: obj({ id: str(), discoverable: bool() }, ['id', 'discoverable']),
          ...errors(404, ...PATH_ERRORS, ...BODY_ERRORS),
        },
      },
    },
    async (req) => {
      const node = await app.engine.discovery.mark(req.params.id, req.body.discoverable, principalOf(req).viewer);
      return { id: node.id, discoverable: (node as { discoverable?: boolean }).discoverable === true };
    },
  );
}
