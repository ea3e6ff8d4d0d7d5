/**
 * Erasure end to end (issue 19), on both backends, with real processes: `ileanet serve` and an
 * engine process (what `ileanet bots` runs: engine reads, engine/input writes, feed follower) stay
 * up while `ileanet erase person` runs in a third. Afterwards no file the project wrote in the data
 * folder (SQLite files with their WAL, lexical index files, HNSW indexes and id lists, the analytics
 * snapshot, vectors, the bots' audit log, the API's request log, the tokens file, the bots config)
 * holds the person's id or name, in any of UTF-8, Latin-1 or UTF-16; the running processes no
 * longer know them; tallies and trends for others are what they were. Before the erasure the same
 * scan must find them in those files, so the test cannot pass on files that never held them.
 * On Neo4j the database is asked too (nodes, feed segments); its own store files are outside the
 * data folder and not scanned (docs/privacy.md says why).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4jDriver from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSource } from '../../datasets/demo/index.js';
import { SHARED_NAME, Snapshots } from '../../engine/analytics/snapshot.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { createPseudonymizer, scanFiles } from '../../engine/privacy/index.js';
import { openEngine } from '../../engine/service.js';
import { openStore } from '../../graph/index.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM } from '../../graph/viewer.js';
import { type EngineChild, engineChild, OFFICER, serveChild, TOKEN } from '../feed/helpers.js';
import { embedWithFake } from '../helpers/demo-engine.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';
import { neo4jTestDatabase, processBackends } from '../helpers/neo4j.js';
import { ADMIN_TOKEN, addPerson, CHALLENGE, ERASED, NEEDLES, PERSON_TOKEN, POLL, runCli } from './helpers.js';

const neo4j = await neo4jTestDatabase();

const BACKENDS = processBackends('erasure with real processes', neo4j);
afterAll(async () => {
  await neo4j.close();
});

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function get<T>(base: string, path: string, token = ADMIN_TOKEN): Promise<T> {
  const res = await fetch(`${base}${path.replace(/^\//u, '')}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

for (const backend of BACKENDS) {
  describe(`erasure with real processes: ${backend.name}`, () => {
    let dir: string;
    let store: GraphStore;
    const env = (d: string): NodeJS.ProcessEnv => ({
      ...backend.env,
      ILEANET_TOKENS: JSON.stringify([
        { token: TOKEN, role: 'officer', ...OFFICER },
        { token: ADMIN_TOKEN, role: 'admin', name: 'admin' },
      ]),
      ILEANET_TOKENS_FILE: join(d, 'api-tokens.json'),
      ILEANET_BOTS_CONFIG: join(d, 'bots.json'),
    });

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), `ileanet-erasure-${backend.name}-`));
      await backend.reset();
      store = await openStore(backend.config(dir));
      expect((await runIngest(store, demoSource())).rejected).toBe(0);
      await addPerson(store, dir);
      const fake = createFakeEmbedder({ dimensions: 128 });
      await embedWithFake(dir, store, fake);
      // Persisted read models that hold the person: lexical files, HNSW id lists, the snapshot.
      const engine = await openEngine({ store, dataDir: dir, embedder: fake });
      await engine.catchUp();
      // On a store that searches itself (Neo4j) no lexical index holds the person outside the store.
      if (store.capabilities.nativeFullText) expect(engine.readModels.lexical).toBeUndefined();
      else expect(engine.readModels.lexical?.ids('Person')).toContain(ERASED.id);
      await engine.readModels.snapshot();
      await engine.close();
      await fake.close();
    }, 600_000);

    afterAll(async () => {
      await store?.close();
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    });

    /** How many vector companions of this id the Neo4j store holds (graph/neo4j/vectors.ts); 0 on other stores. */
    const vectorNodesOf = async (id: string): Promise<number> => {
      if (backend.name !== 'neo4j') return 0;
      const driver = neo4jDriver.driver(neo4j.config.uri);
      const session = driver.session({ database: neo4j.config.database });
      try {
        const r = await session.run('MATCH (v:IleanetVec {id: $id}) RETURN count(v) AS n', { id });
        return Number(r.records[0]?.get('n'));
      } finally {
        await session.close();
        await driver.close();
      }
    };

    it('erases the person everywhere while serve and an engine process run; others’ answers stay', async () => {
      let serve: Awaited<ReturnType<typeof serveChild>> | undefined;
      let bots: EngineChild | undefined;
      try {
        serve = await serveChild(dir, env(dir), ['--mode', 'lexical', '--log', join(dir, 'api.log')]);
        bots = await engineChild(dir, 'fake', env(dir));
        // The person's own requests, logged under their pseudonym.
        await get(serve.url, '/api/me', PERSON_TOKEN);
        const challengeBefore = await get<{ votes: unknown }>(serve.url, `/api/challenges/${CHALLENGE}`);
        const pollBefore = await get<unknown>(serve.url, `/api/polls/${POLL}`);
        const trendsBefore = await get<unknown>(serve.url, '/api/trends');
        const gapsBefore = await get<unknown>(serve.url, '/api/gaps');
        const dumpBefore = JSON.stringify(await bots.send('dump'));
        expect(dumpBefore).toContain(ERASED.id);

        // Every kind of file holds the person before: the scan can see them.
        const before = new Set((await scanFiles(dir, NEEDLES)).map((h) => h.file.slice(dir.length + 1)));
        const expected = ['bots/audit.jsonl', 'api-tokens.json', 'bots.json'];
        if (backend.name === 'embedded') expected.push('graph.sqlite');
        // A store that keeps the vectors itself (Neo4j) holds the person's vector, not the data folder.
        if (store.capabilities.nativeVectorSearch) {
          expect([...before].some((b) => b.startsWith('vectors.sqlite'))).toBe(false);
          await expect.poll(() => vectorNodesOf(ERASED.id), { timeout: 20_000, interval: 250 }).toBeGreaterThan(0);
        } else expected.push('vectors.sqlite');
        for (const f of expected)
          expect(
            [...before].some((b) => b.startsWith(f)),
            `${f} held the person before`,
          ).toBe(true);
        // On a store that searches itself (Neo4j) no lexical files exist at all.
        expect(
          [...before].some((b) => b.startsWith('lexical/')),
          'lexical files held the person before',
        ).toBe(!store.capabilities.nativeFullText);
        // A store that keeps read models itself (Neo4j) holds the snapshot's saved copy, not the data folder.
        expect(
          [...before].some((b) => b.startsWith('analytics/')),
          'the snapshot file held the person before',
        ).toBe(!store.capabilities.sharedReadModels);
        const sharedCopy = async (): Promise<string | undefined> => {
          const copy = await store.shared?.load(SHARED_NAME);
          if (copy === undefined) return undefined;
          const body = Buffer.from(copy.body);
          return `${body.toString('latin1')}\n${body.toString('utf16le')}`;
        };
        if (store.capabilities.sharedReadModels) {
          // A copy saved now, as a server would: it holds the person.
          const saver = new Snapshots(store, { ...(store.shared ? { shared: store.shared } : {}), holder: 'test' });
          await saver.get();
          await saver.persist('erasure');
          await saver.close();
          expect(await sharedCopy(), 'the snapshot in the store held the person before').toContain(ERASED.id);
        }
        // (The demo has fewer vectors per kind than an HNSW index starts at: exact indexes, no index files.)

        // The logs name people by keyed pseudonyms only: the request log has the person's, never their id.
        const pseudonyms = createPseudonymizer(dir, 90);
        const apiLog = await readFile(join(dir, 'api.log'), 'utf8');
        expect(apiLog).not.toContain(ERASED.id);
        expect(
          pseudonyms.all(ERASED.id).some((p) => apiLog.includes(p)),
          'the request log has their pseudonym',
        ).toBe(true);
        const auditLog = await readFile(join(dir, 'bots', 'audit.jsonl'), 'utf8');
        expect(auditLog).not.toContain(ERASED.chat);
        expect(auditLog).toContain(pseudonyms.of(ERASED.chat));

        const run = runCli(
          ['--data', dir, 'erase', 'person', ERASED.id, '--reason', `asked by ${ERASED.name}`, '--json'],
          env(dir),
        );
        const { code, out, err } = await run.done;
        expect(code, err).toBe(0);
        const report = JSON.parse(out) as {
          removed: Record<string, number>;
          leftovers: unknown[];
          feed: { records: number };
        };
        expect(report.leftovers).toEqual([]);
        expect(report.removed).toMatchObject({ votes: 2, 'bots audit log': 2, 'api tokens': 1, 'chat identities': 1 });
        expect(report.removed['api request log']).toBeGreaterThan(0);
        expect(report.feed.records).toBeGreaterThan(0);

        // The running processes forgot the person, in memory and in what they answer.
        const dumpAfter = JSON.stringify(await bots.send('dump'));
        for (const n of NEEDLES) expect(dumpAfter).not.toContain(n);
        // Tallies and trends for others are unchanged: the votes stay, anonymously.
        expect(await get(serve.url, `/api/challenges/${CHALLENGE}`)).toMatchObject({ votes: challengeBefore.votes });
        expect(await get(serve.url, `/api/polls/${POLL}`)).toEqual(pollBefore);
        expect(await get(serve.url, '/api/trends')).toEqual(trendsBefore);
        expect(await get(serve.url, '/api/gaps')).toEqual(gapsBefore);

        const apiLogAfter = await readFile(join(dir, 'api.log'), 'utf8');
        expect(pseudonyms.all(ERASED.id).some((p) => apiLogAfter.includes(p))).toBe(false);
        expect(apiLogAfter, 'other requests stay in the log').toContain('"route"');
        expect(await readFile(join(dir, 'bots', 'audit.jsonl'), 'utf8')).toContain('cross-border money laundering');
        // No file of the data folder holds them, while the processes run and after they stop.
        expect(await scanFiles(dir, NEEDLES)).toEqual([]);
        serve.kill('SIGTERM');
        bots.kill('SIGTERM');
        await Promise.all([serve.exited, bots.exited]);
        serve = undefined;
        bots = undefined;
        expect(await scanFiles(dir, NEEDLES)).toEqual([]);
        if (store.capabilities.sharedReadModels) {
          // The servers saw the erasure and saved the snapshot in the store at once, without the person.
          const copy = await sharedCopy();
          expect(copy).toBeDefined();
          for (const n of NEEDLES) expect(copy).not.toContain(n);
        }

        expect(await store.getNode(ERASED.id, SYSTEM)).toBeUndefined();
        if (store.capabilities.nativeVectorSearch)
          expect(await vectorNodesOf(ERASED.id), 'their vector in the store').toBe(0);
        const page = await store.changes((await store.feedInfo()).redacted);
        expect(JSON.stringify(page.changes)).not.toContain(ERASED.id);
        if (backend.name === 'neo4j') {
          const driver = neo4jDriver.driver(neo4j.config.uri);
          const session = driver.session({ database: neo4j.config.database });
          try {
            const r = await session.run(
              `MATCH (n) UNWIND keys(n) AS k WITH n, n[k] AS v
               WHERE (v IS :: STRING AND (v CONTAINS $id OR v CONTAINS $name))
                  OR (v IS :: LIST<STRING> AND any(x IN v WHERE x CONTAINS $id OR x CONTAINS $name))
               RETURN count(n) AS n`,
              { id: ERASED.id, name: ERASED.name },
            );
            expect(Number(r.records[0]?.get('n'))).toBe(0);
          } finally {
            await session.close();
            await driver.close();
          }
        }
        // The erasure log says what went, and names no one.
        const log = await scanFiles(join(dir, 'privacy'), NEEDLES);
        expect(log).toEqual([]);
        expect(existsSync(join(dir, 'privacy', 'erasures.jsonl'))).toBe(true);
        expect(await readdir(join(dir, 'privacy', 'pending'))).toEqual([]);
      } finally {
        serve?.kill('SIGKILL');
        bots?.kill('SIGKILL');
        await settle(100);
      }
    }, 300_000);

    it('erasing someone who does not exist: a clear error, and nothing changed', async () => {
      const head = await store.headSeq();
      const info = await store.feedInfo();
      const { code, err } = await runCli(
        ['--data', dir, 'erase', 'person', 'test:person:nobody', '--reason', 'asked'],
        env(dir),
      ).done;
      expect(code).toBe(2);
      expect(err).toContain('ERR_PERSON_NOT_FOUND');
      expect(err).toContain('test:person:nobody');
      expect(await store.headSeq()).toBe(head);
      expect((await store.feedInfo()).redacted).toBe(info.redacted);
      const org = await runCli(
        ['--data', dir, 'erase', 'person', 'demo:org:scheldemond-police', '--reason', 'x'],
        env(dir),
      ).done;
      expect(org.code).toBe(2);
      expect(org.err).toContain('not a person');
      expect(await store.getNode('demo:org:scheldemond-police', SYSTEM)).toBeDefined();
    }, 120_000);
  });
}
