/** Cross-border collaboration suggestions and consortium proposals. */
import type { FastifyInstance } from 'fastify';
import type { ConsortiumConstraints, SuggestFor } from '../../../engine/suggest/index.js';
import { ApiError } from '../errors.js';
import { principalOf } from '../plugins/app/auth.js';
import { errors } from '../schemas/common.js';
import { consortiumAnswer, consortiumQuery, suggestAnswer, suggestionsQuery } from '../schemas/suggest.js';

interface SuggestionsQuery {
  person?: string;
  organisation?: string;
  country?: string;
  inc?: string;
  limit?: number;
}

const TARGETS = ['person', 'organisation', 'country', 'inc'] as const;

/** Exactly one of person, organisation, country, inc (a rule JSON Schema states only as an unreadable oneOf). */
function suggestFor(q: SuggestionsQuery): SuggestFor {
  const given = TARGETS.filter((t) => q[t] !== undefined);
  if (given.length !== 1) {
    throw new ApiError(
      'ERR_VALIDATION',
      given.length === 0
        ? 'query parameter person, organisation, country or inc is required: whom are the suggestions for?'
        : `query parameters ${given.join(' and ')} exclude each other: give one`,
      given[1] ?? 'for',
    );
  }
  const t = given[0] as (typeof TARGETS)[number];
  const value = q[t] as string;
  return t === 'country' ? { country: value.toUpperCase() } : ({ [t]: value } as SuggestFor);
}

interface ConsortiumQuery {
  challenge: string;
  minCountries?: number;
  maxCountryShare?: number;
  minLea?: number;
  size?: number;
  exclude?: string[];
}

export default async function suggestRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: SuggestionsQuery }>(
    '/api/suggestions',
    {
      schema: {
        tags: ['suggestions'],
        summary: 'Cross-border partners for a person, organisation, country or INC, with why',
        querystring: suggestionsQuery,
        response: { 200: suggestAnswer, ...errors(404) },
      },
    },
    async (req) =>
      app.engine.suggest(
        { for: suggestFor(req.query), ...(req.query.limit === undefined ? {} : { limit: req.query.limit }) },
        principalOf(req).viewer,
      ),
  );

  app.get<{ Querystring: ConsortiumQuery }>(
    '/api/consortium',
    {
      schema: {
        tags: ['suggestions'],
        summary: 'A consortium for a challenge under country, share and law-enforcement constraints',
        querystring: consortiumQuery,
        response: { 200: consortiumAnswer, ...errors(404) },
      },
    },
    async (req) => {
      const { challenge, exclude, ...rest } = req.query;
      const constraints: ConsortiumConstraints = {
        ...rest,
        ...(exclude === undefined ? {} : { excludeCountries: exclude.map((c) => c.toUpperCase()) }),
      };
      return app.engine.consortium(challenge, constraints, principalOf(req).viewer);
    },
  );
}
