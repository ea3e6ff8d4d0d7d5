/** Trends, gaps, the collaboration network and the policy brief, computed for the caller's viewer. */
import type { FastifyInstance } from 'fastify';
import type { GapsQuery, NetworkQuery, TrendsQuery } from '../../../engine/analytics/index.js';
import { principalOf } from '../plugins/app/auth.js';
import { gapsAnswer, gapsQuery, networkAnswer, networkQuery, trendsAnswer, trendsQuery } from '../schemas/analytics.js';
import { errors, noQuery } from '../schemas/common.js';
import { json } from './json.js';

export default async function analyticsRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: TrendsQuery }>(
    '/api/trends',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Challenges, projects and results per topic (or country) over time, and emerging topics',
        querystring: trendsQuery,
        response: { 200: trendsAnswer, ...errors(404) },
      },
    },
    async (req, reply) => {
      const viewer = principalOf(req).viewer;
      return json(
        reply,
        await app.answers.json('trends', req.query, viewer, () => app.engine.trends(req.query, viewer)),
      );
    },
  );

  app.get<{ Querystring: GapsQuery }>(
    '/api/gaps',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Demand (challenges and votes) against mature results, per topic, and the open needs nobody answers',
        querystring: gapsQuery,
        response: { 200: gapsAnswer, ...errors(404) },
      },
    },
    async (req, reply) => {
      const viewer = principalOf(req).viewer;
      return json(reply, await app.answers.json('gaps', req.query, viewer, () => app.engine.gaps(req.query, viewer)));
    },
  );

  app.get<{ Querystring: NetworkQuery }>(
    '/api/network',
    {
      schema: {
        tags: ['analytics'],
        summary: 'The collaboration network: central organisations, communities, cross-border index per country',
        querystring: networkQuery,
        response: { 200: networkAnswer, ...errors(404) },
      },
    },
    async (req, reply) => {
      const viewer = principalOf(req).viewer;
      return json(
        reply,
        await app.answers.json('network', req.query, viewer, () => app.engine.network(req.query, viewer)),
      );
    },
  );

  app.get(
    '/api/report',
    {
      schema: {
        tags: ['analytics'],
        summary: 'A policy brief in Markdown: top gaps, trends, suggested actions',
        querystring: noQuery,
        response: {
          200: { description: 'The brief', content: { 'text/markdown': { schema: { type: 'string' } } } },
          ...errors(404),
        },
      },
    },
    async (req, reply) => {
      const viewer = principalOf(req).viewer;
      const brief = JSON.parse(await app.answers.json('report', {}, viewer, () => app.engine.report(viewer))) as string;
      return reply.type('text/markdown; charset=utf-8').send(brief);
    },
  );
}
