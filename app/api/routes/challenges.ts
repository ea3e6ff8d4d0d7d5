/**
 * The bottom-up input over HTTP: list, raise, read and vote on challenges. The writes are
 * engine/input's, the same the bots call; officers, INCs and administrators may write.
 */
import type { FastifyInstance } from 'fastify';
import {
  challengeHistory,
  changeChallenge,
  previewChallenge,
  readChallenge,
  submitChallenge,
  tallyChallenges,
  voteChallenge,
} from '../../../engine/input/index.js';
import type { Where } from '../../../graph/index.js';
import { actorOf, principalOf } from '../plugins/app/auth.js';
import { BODY_ERRORS, errors, idParams, noQuery, PATH_ERRORS } from '../schemas/common.js';
import {
  challengeBody,
  challengeChangeBody,
  challengeChangeResult,
  challengeHistoryAnswer,
  challengeList,
  challengeListQuery,
  challengePreview,
  challengeView,
  challengeVoteBody,
  challengeVoteResult,
  submittedChallenge,
} from '../schemas/input.js';
import type { Role } from '../tokens.js';

/** Who may raise and vote on challenges: practitioners and their contact points, not readers of analytics. */
export const WRITERS: readonly Role[] = ['officer', 'inc', 'admin'];

interface ListQuery {
  status?: string;
  country?: string;
  limit?: number;
  cursor?: string;
}

export default async function challengeRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: ListQuery }>(
    '/api/challenges',
    {
      schema: {
        tags: ['input'],
        summary: 'Challenges you may see, by id, a page at a time, with their votes and topic ids',
        querystring: challengeListQuery,
        response: { 200: challengeList, ...errors() },
      },
    },
    async (req) => {
      const viewer = principalOf(req).viewer;
      const { status, country, limit, cursor } = req.query;
      const where: Record<string, string> = {};
      if (status !== undefined) where['status'] = status;
      if (country !== undefined) where['country'] = country.toUpperCase();
      const page = await app.engine.store.list(
        {
          kind: 'Challenge',
          where: where as Where,
          limit: limit ?? 50,
          ...(cursor === undefined ? {} : { cursor }),
        },
        viewer,
      );
      // Topics in one read for the page, so a board can filter by topic without a request per card.
      const topics = new Map<string, string[]>();
      const ids = page.items.map((c) => c.id);
      let next: string | undefined;
      while (ids.length > 0) {
        const about = await app.engine.store.relationships(
          { type: 'ABOUT', from: ids, limit: 1_000, ...(next === undefined ? {} : { cursor: next }) },
          viewer,
        );
        for (const r of about.items) topics.set(r.from, [...(topics.get(r.from) ?? []), r.to]);
        next = about.next;
        if (next === undefined) break;
      }
      const votes = await tallyChallenges(app.engine.store, ids, viewer);
      const items = page.items.map((challenge) => ({
        challenge,
        votes: votes.get(challenge.id),
        topics: topics.get(challenge.id) ?? [],
      }));
      return { items, ...(page.next === undefined ? {} : { next: page.next }) };
    },
  );

  app.post<{ Body: unknown }>(
    '/api/challenges',
    {
      config: { auth: { roles: WRITERS } },
      schema: {
        tags: ['input'],
        summary: 'Raise a challenge: stored, findable at once, and returned with the most similar existing ones',
        querystring: noQuery,
        body: challengeBody,
        response: { 201: submittedChallenge, ...errors(409, ...BODY_ERRORS) },
      },
    },
    async (req, reply) => {
      const submitted = await submitChallenge(app.engine, req.body, actorOf(req));
      return reply
        .code(201)
        .header('Location', `/api/challenges/${encodeURIComponent(submitted.challenge.id)}`)
        .send(submitted);
    },
  );

  app.post<{ Body: unknown }>(
    '/api/challenges/preview',
    {
      config: { auth: { roles: WRITERS } },
      schema: {
        tags: ['input'],
        summary:
          'What raising this challenge would do, with nothing written: its country, the topics it would be given and the most similar existing challenges (the duplicate check)',
        querystring: noQuery,
        body: challengeBody,
        response: { 200: challengePreview, ...errors(...BODY_ERRORS) },
      },
    },
    async (req) => previewChallenge(app.engine, req.body, actorOf(req)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/challenges/:id',
    {
      schema: {
        tags: ['input'],
        summary: 'A challenge with its topics, who raised it, its votes and the status moves you may make',
        querystring: noQuery,
        params: idParams,
        response: { 200: challengeView, ...errors(404, ...PATH_ERRORS) },
      },
    },
    // The view's moves come from the rule the PATCH applies (engine/input), as on every surface.
    async (req) => readChallenge(app.engine, req.params.id, actorOf(req)),
  );

  app.post<{ Params: { id: string }; Body: { value: 1 | -1 } }>(
    '/api/challenges/:id/votes',
    {
      config: { auth: { roles: WRITERS } },
      schema: {
        tags: ['input'],
        summary: 'Vote for (1) or against (-1) a challenge; one vote per person, a new vote replaces yours',
        querystring: noQuery,
        params: idParams,
        body: challengeVoteBody,
        response: { 200: challengeVoteResult, ...errors(404, 409, ...PATH_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (req) => voteChallenge(app.engine, req.params.id, actorOf(req), req.body.value),
  );

  app.patch<{ Params: { id: string }; Body: unknown }>(
    '/api/challenges/:id',
    {
      config: { auth: { roles: WRITERS } },
      schema: {
        tags: ['input'],
        summary:
          'Move a challenge along its lifecycle (admins, the INC of its country; the raiser may withdraw) or edit its topics',
        querystring: noQuery,
        params: idParams,
        body: challengeChangeBody,
        response: { 200: challengeChangeResult, ...errors(404, 409, ...PATH_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (req) => changeChallenge(app.engine, req.params.id, req.body, actorOf(req)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/challenges/:id/history',
    {
      schema: {
        tags: ['input'],
        summary: 'A challenge’s status changes, oldest first: when, from, to, why and who',
        querystring: noQuery,
        params: idParams,
        response: { 200: challengeHistoryAnswer, ...errors(404, ...PATH_ERRORS) },
      },
    },
    async (req) => challengeHistory(app.engine, req.params.id, actorOf(req)),
  );
}
