/**
 * Admin-only privacy routes (docs/privacy.md): erase a person at their request, and export
 * everything held about one. Other roles get 403; an unknown person 404 with nothing changed.
 */
import type { FastifyInstance } from 'fastify';
import { erasePerson, exportPerson } from '../../../engine/privacy/index.js';
import { erasureOptions } from '../../privacy/run.js';
import { principalOf } from '../plugins/app/auth.js';
import { BODY_ERRORS, errors, id, idParams, noQuery, PATH_ERRORS } from '../schemas/common.js';
import { bool, int, obj, str, strictObj } from '../schemas/json.js';
import { json } from './json.js';

const ADMIN = { auth: { roles: ['admin'] as const } };

const counts = obj({}, [], { additionalProperties: int() });

const erasureReport = obj(
  {
    erasure: str({ description: 'The erasure’s own random id (names no one): its line in the erasure log' }),
    removed: { ...counts, description: 'Records removed or anonymised, per kind of personal record' },
    feed: obj({ records: int(), segments: int(), redacted: int() }, ['records', 'segments', 'redacted']),
    leftovers: int({ description: 'Files of the data folder still holding the id or name after the wait (0: none)' }),
    resumed: bool(),
  },
  ['erasure', 'removed', 'feed', 'leftovers', 'resumed'],
);

const personExport = obj(
  {
    format: str({ enum: ['ileanet-person-export/1'] }),
    exportedAt: str(),
    person: str(),
    records: obj({}, [], { description: 'One section per kind of personal record that holds something' }),
  },
  ['format', 'exportedAt', 'person', 'records'],
);

export default async function privacyRoutes(app: FastifyInstance): Promise<void> {
  const options = () =>
    erasureOptions(app.engine.store, app.engine.dataDir, (line) => app.log.info({ privacy: line }, 'privacy'));

  app.post<{ Body: { person: string; reason: string } }>(
    '/api/admin/erasures',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary: 'Erase a person at their request: store, every process’s read models, the change feed, files, logs',
        querystring: noQuery,
        body: strictObj(
          {
            person: id,
            reason: str({ minLength: 1, maxLength: 500, description: 'Why (kept with the id and name struck out)' }),
          },
          ['person', 'reason'],
        ),
        response: { 200: erasureReport, ...errors(404, ...BODY_ERRORS) },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      const r = await erasePerson(
        { ...options(), verifyMs: 10_000, afterRedaction: () => app.engine.afterErasure() },
        req.body.person,
        req.body.reason,
        principal.fingerprint,
      );
      await app.engine.catchUp();
      return { ...r, leftovers: r.leftovers.length };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/admin/persons/:id/export',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary: 'Everything held about a person, across the store and the logs (data-subject access)',
        querystring: noQuery,
        params: idParams,
        response: { 200: personExport, ...errors(404, ...PATH_ERRORS) },
      },
    },
    async (req, reply) => json(reply, JSON.stringify(await exportPerson(options(), req.params.id))),
  );
}
