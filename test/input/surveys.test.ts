/**
 * Surveys through the engine on both backends (embedded, and Neo4j when a scratch database is
 * reachable): create, answers sent at once by many people and twice by each (one set each stays,
 * none lost), results, a free-text answer turned into a challenge, participation figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSource } from '../../datasets/demo/index.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import type { Actor } from '../../engine/input/actor.js';
import { answerSurvey, createSurvey, proposeChallenge, surveyResults } from '../../engine/input/index.js';
import { type Engine, openEngine } from '../../engine/service.js';
import { openStore } from '../../graph/index.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM } from '../../graph/viewer.js';
import { neo4jTestDatabase, processBackends } from '../helpers/neo4j.js';

const neo4j = await neo4jTestDatabase();
const BACKENDS = processBackends('surveys', neo4j);
afterAll(async () => {
  await neo4j.close();
});

const incBE: Actor = {
  viewer: { id: 'test:koen', clearance: 'network', orgs: [] },
  person: 'demo:person:koen-verhoeve',
  organisation: 'demo:inc:BE',
  role: 'inc',
};
const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

for (const backend of BACKENDS) {
  describe(`surveys: ${backend.name}`, () => {
    let dir: string;
    let store: GraphStore;
    let engine: Engine;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), `ileanet-surveys-${backend.name}-`));
      await backend.reset();
      store = await openStore(backend.config(dir));
      expect((await runIngest(store, demoSource())).rejected).toBe(0);
      engine = await openEngine({ store, dataDir: dir, mode: 'lexical' });
    }, 300_000);
    afterAll(async () => {
      await engine?.close();
      await store?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('parallel answers lose nothing; results, a challenge from free text, participation', async () => {
      const { survey } = await createSurvey(
        engine,
        {
          title: 'Prison drones',
          questions: [
            { type: 'single', prompt: 'Worst?', options: ['Drops', 'Filming'] },
            { type: 'scale', prompt: 'Readiness?' },
            { type: 'text', prompt: 'Need?' },
          ],
          closesAt: future,
        },
        incBE,
      );
      const people = (await store.list({ kind: 'Person', where: { visibility: 'network' }, limit: 30 }, SYSTEM)).items;
      expect(people.length).toBeGreaterThanOrEqual(10);
      const actor = (person: string): Actor => ({
        viewer: { id: `test:${person}`, clearance: 'network', orgs: [] },
        person,
      });
      const before = (await engine.trends({}, SYSTEM)).cycle.participation;
      const sent = await Promise.allSettled(
        people.flatMap((p, i) =>
          ['Filming', 'Drops'].map((choice, j) =>
            answerSurvey(engine, survey.id, actor(p.id), {
              answers: [
                { question: 'q1', choice },
                { question: 'q2', scale: 1 + ((i + j) % 5) },
                ...(i === 0 ? [{ question: 'q3', text: 'Drones drop phones into the yard at night.' }] : []),
              ],
            }),
          ),
        ),
      );
      expect(sent.filter((s) => s.status === 'rejected')).toEqual([]);
      const r = await surveyResults(engine, survey.id, incBE);
      expect(r.respondents).toBe(people.length);
      const q1 = r.questions[0];
      expect(q1?.type === 'single' ? q1.options.reduce((s, o) => s + o.count, 0) : -1).toBe(people.length);
      const q2 = r.questions[1];
      expect(q2?.type === 'scale' ? q2.histogram.reduce((s, h) => s + h.count, 0) : -1).toBe(people.length);
      const q3 = r.questions[2];
      const text = q3?.type === 'text' ? q3.texts[0] : undefined;
      expect(text?.text).toBe('Drones drop phones into the yard at night.');

      const made = await proposeChallenge(engine, survey.id, text?.answer ?? '', incBE, { question: 'q3' });
      expect(made.linked).toBe(false);
      const links = await store.relationships({ type: 'PROPOSED', from: [text?.answer ?? ''] }, SYSTEM);
      expect(links.items.map((l) => l.to)).toEqual([made.challenge.id]);

      const after = (await engine.trends({}, SYSTEM)).cycle.participation;
      const sum = (rows: typeof before) => rows.reduce((s, p) => s + p.surveyAnswers, 0);
      const withCountry = people.filter((p) => p.kind === 'Person' && p.country !== undefined).length;
      expect(sum(after) - sum(before)).toBe(withCountry);
    }, 120_000);
  });
}
