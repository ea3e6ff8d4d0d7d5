/** Matching: who has solved X (`/api/who-solved`) and experts and results for a stored challenge. */
import type { FastifyInstance } from 'fastify';
import type { AnswerKind, MatchMode, WhoSolvedFilters } from '../../../engine/match/index.js';
import type { OrgKind } from '../../../graph/index.js';
import { principalOf } from '../plugins/app/auth.js';
import { errors, idParams, PATH_ERRORS } from '../schemas/common.js';
import { answer, matchQuery, whoSolvedQuery } from '../schemas/match.js';

interface FilterQuery {
  country?: string;
  orgKind?: OrgKind;
  minTrl?: number;
  limit?: number;
  perKind?: number;
  kinds?: AnswerKind[];
  mode?: MatchMode;
}

export default async function matchRoutes(app: FastifyInstance): Promise<void> {
  const filters = (q: FilterQuery): WhoSolvedFilters => ({ ...q, mode: q.mode ?? app.defaultMode });
  const withModel = <T extends object>(a: T) => ({ ...a, model: app.engine.model ?? null });

  app.get<{ Querystring: FilterQuery & { text: string } }>(
    '/api/who-solved',
    {
      schema: {
        tags: ['matching'],
        summary: 'Who has solved X: ranked experts, organisations and mature results, each with its explanation path',
        querystring: whoSolvedQuery,
        response: { 200: answer, ...errors() },
      },
    },
    async (req) => {
      const { text, ...rest } = req.query;
      return withModel(await app.engine.whoSolved(text, filters(rest), principalOf(req).viewer));
    },
  );

  app.get<{ Params: { id: string }; Querystring: FilterQuery }>(
    '/api/challenges/:id/matches',
    {
      schema: {
        tags: ['matching'],
        summary: 'Experts and mature results for a stored challenge (its text is the query, its topics evidence)',
        params: idParams,
        querystring: matchQuery,
        response: { 200: answer, ...errors(404, ...PATH_ERRORS) },
      },
    },
    async (req) => withModel(await app.engine.matchNeed(req.params.id, principalOf(req).viewer, filters(req.query))),
  );
}
