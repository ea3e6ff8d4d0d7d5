/**
 * The offline bulk load (graph/neo4j/offline-import.ts) against upserts, on two spare servers of their own:
 * the same sources (the real CORDIS extract, the demo, the generator, and records made to be hard
 * for a CSV) go into one through `upsert` and into the other through the importer, and the two
 * graphs must be equal property for property, types included (an integer is not a float, an empty
 * list is not a missing one). Then what a bulk load refuses: a database that holds a node, a bad
 * record, a source that fails; each before the server is stopped, leaving the database as it was.
 */
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cordisSource } from '../../datasets/cordis/index.js';
import { demoSource } from '../../datasets/demo/index.js';
import { generatedSource } from '../../datasets/generator/generate.js';
import { type IngestTarget, runIngest } from '../../engine/ingest/pipeline.js';
import { GraphError } from '../../graph/errors.js';
import type { Batch } from '../../graph/index.js';
import { createNeo4jStore } from '../../graph/neo4j/index.js';
import { ARRAY_DELIMITER, type BulkServer, bulkLoadNeo4j } from '../../graph/neo4j/offline-import.js';
import {
  importNeo4jCsv,
  neo4jStatus,
  type SpareServer,
  spareNeo4jHome,
  startSpareNeo4j,
} from '../../graph/neo4j/server/control.js';
import { SYSTEM } from '../../graph/viewer.js';
import { freePort } from '../helpers/free-port.js';
import { requireService } from '../helpers/services.js';
import { SHARED_CORDIS, skipWithoutSharedData } from '../ingest/helpers/shared-data.js';

const status = await neo4jStatus();
const withCordis = !skipWithoutSharedData('bulk load of the CORDIS extract');

/** Records a CSV file finds hard: quotes, separators, line breaks, empty and one-empty-string lists, the array delimiter inside an item. */
const HARD: Batch[] = [
  {
    nodes: [
      {
        id: 'hard:org',
        kind: 'Organisation',
        name: 'Quote "and", comma; semicolon\r\nCRLF\nLF, tab\there',
        orgKind: 'lea',
        country: 'BE',
        city: '  padded  ',
        sme: false,
        visibility: 'public',
      },
      {
        id: 'hard:p1',
        kind: 'Person',
        name: 'Ünïcødé ✓ 漢字 😀',
        roles: [],
        expertise: [''],
        languages: ['', 'en', ''],
        country: 'FR',
        bio: '',
        visibility: 'restricted',
        owner: 'hard:org',
      },
      {
        id: 'hard:p2',
        kind: 'Person',
        name: 'Delimiter',
        roles: ['researcher'],
        expertise: [`a${ARRAY_DELIMITER}b`, 'back\\slash', '"quoted"'],
        country: 'DE',
        visibility: 'public',
      },
      { id: 'hard:p3', kind: 'Person', name: 'Plain', expertise: ['x'], country: 'DE', visibility: 'network' },
    ],
    relationships: [
      { type: 'MEMBER_OF', from: 'hard:p1', to: 'hard:org', role: 'head "of" unit, x' },
      { type: 'MEMBER_OF', from: 'hard:p2', to: 'hard:org', weight: 0.1, date: '2024-02-29' },
    ],
  },
  // Second records of an id and of a relationship: upsert replaces, so must the bulk load.
  {
    nodes: [{ id: 'hard:p3', kind: 'Person', name: 'Plain, renamed', country: 'NL', visibility: 'public' }],
    relationships: [
      { type: 'MEMBER_OF', from: 'hard:p2', to: 'hard:org', weight: 1e21 },
      { type: 'MEMBER_OF', from: 'hard:p3', to: 'hard:org' },
    ],
  },
];

async function fill(target: IngestTarget): Promise<void> {
  const sources = [
    ...(withCordis ? [cordisSource(SHARED_CORDIS)] : []),
    demoSource(),
    generatedSource({ seed: 5, people: 400 }),
  ];
  for (const source of sources) expect((await runIngest(target, source, { batchSize: 1_500 })).rejected).toBe(0);
  for (const batch of HARD) await target.upsert(batch);
}

/** Every :Node and every relationship between them, with labels and properties, in a stable order. */
async function dump(uri: string): Promise<{ nodes: string[]; rels: string[] }> {
  const driver: Driver = neo4j.driver(uri);
  const session = driver.session();
  // Integers and floats stay apart: 3 and 3.0 are different values here.
  const show = (v: unknown): string =>
    JSON.stringify(v, (_k, x) => (neo4j.isInt(x) ? `int ${x.toString()}` : typeof x === 'number' ? `float ${x}` : x));
  try {
    const nodes = await session.run('MATCH (n:Node) RETURN n.id AS id, labels(n) AS l, properties(n) AS p ORDER BY id');
    const rels = await session.run(
      'MATCH (a:Node)-[r]->(b:Node) RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p ORDER BY t, a, b',
    );
    const sorted = (p: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(p).sort(([x], [y]) => x.localeCompare(y)));
    return {
      nodes: nodes.records.map((r) => show([[...(r.get('l') as string[])].sort(), sorted(r.get('p'))])),
      rels: rels.records.map((r) => show([r.get('t'), r.get('a'), r.get('b'), sorted(r.get('p'))])),
    };
  } finally {
    await session.close();
    await driver.close();
  }
}

if (
  requireService(
    'Neo4j bulk load',
    status.installed ? undefined : 'the Neo4j jars and launcher (`npm run neo4j:install`)',
  )
) {
  describe('Neo4j bulk load', () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    let upserted: SpareServer;
    let spare: SpareServer;
    let bulk: BulkServer;
    let dir: string;
    /** How the importer was told to read fields (`--multiline-fields`), import by import. */
    const multiline: boolean[] = [];

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ileanet-bulk-test-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      const [p1, p2] = [await freePort(), await freePort()];
      upserted = await startSpareNeo4j({ port: p1, dataDir: join(dir, 'upserted') });
      cleanups.push(() => upserted.stop('SIGKILL'));
      const bulkDir = join(dir, 'bulk');
      spare = await startSpareNeo4j({ port: p2, dataDir: bulkDir });
      cleanups.push(() => spare.stop('SIGKILL'));
      bulk = {
        importCsv: async (files) => {
          multiline.push(files.multiline);
          await importNeo4jCsv({ home: spareNeo4jHome(bulkDir), ...files });
        },
        get uri() {
          return spare.uri;
        },
        stop: () => spare.stop(),
        start: async () => {
          spare = await startSpareNeo4j({ port: p2, dataDir: bulkDir });
          return { uri: spare.uri };
        },
      };
    }, 240_000);
    afterAll(async () => {
      for (const c of cleanups.reverse()) await c().catch(() => undefined);
    });

    it('refuses a bad record and a failing source before anything stops; the database stays empty', async () => {
      const pid = spare.pid;
      await expect(
        bulkLoadNeo4j(bulk, async (w) => {
          await w.upsert({ nodes: [{ id: 'bad', kind: 'Person', name: 'Bad', country: 'Belgium' }] });
        }),
      ).rejects.toThrow(GraphError);
      await expect(
        bulkLoadNeo4j(bulk, async (w) => {
          await w.upsert({ nodes: [{ id: 'ok', kind: 'Person', name: 'Ok', country: 'BE' }] });
          throw new Error('the source broke');
        }),
      ).rejects.toThrow('the source broke');
      expect(spare.pid).toBe(pid); // never stopped
      const store = createNeo4jStore({ uri: bulk.uri });
      try {
        expect(Object.values((await store.stats(SYSTEM)).nodes).reduce((a, b) => a + (b ?? 0), 0)).toBe(0);
      } finally {
        await store.close();
      }
    }, 120_000);

    it('an importer failure leaves an empty database that answers and takes upserts', async () => {
      const work = join(dir, 'failing-import');
      await expect(
        bulkLoadNeo4j(
          bulk,
          async (w) => {
            await w.upsert({ nodes: [{ id: 'once', kind: 'Person', name: 'Once', country: 'BE' }] });
            // A second row of the same id, behind the writer's back: the importer refuses the file.
            appendFileSync(join(work, 'node-Person.csv'), `"once",${'"x"'}\n`);
          },
          { workDir: work },
        ),
      ).rejects.toThrow(/neo4j offline import failed \(exit \d+\): .*once/);
      // No field held a line break: the importer read the files line by line, and still named the bad row.
      expect(multiline.at(-1)).toBe(false);
      const store = createNeo4jStore({ uri: bulk.uri });
      try {
        await store.init();
        expect(Object.values((await store.stats(SYSTEM)).nodes).reduce((a, b) => a + (b ?? 0), 0)).toBe(0);
        await store.upsert({ nodes: [{ id: 'after', kind: 'Person', name: 'After', country: 'BE' }] });
        expect(await store.getNodes(['after'], SYSTEM)).toHaveLength(1);
        await store.deleteNodes(['after']);
      } finally {
        await store.close();
      }
    }, 180_000);

    it('writes the same graph as upserts, property for property, and the store answers on it', async () => {
      const store = createNeo4jStore({ uri: upserted.uri });
      try {
        await store.init();
        await fill(store);
      } finally {
        await store.close();
      }
      const report = await bulkLoadNeo4j(bulk, fill);
      expect(multiline.at(-1)).toBe(true); // hard:org's name holds line breaks
      // p1 (empty lists) and p2 (the delimiter in an item) are replayed; the second batch's three records too.
      expect(report.replayed).toBeGreaterThanOrEqual(5);

      const [a, b] = [await dump(upserted.uri), await dump(bulk.uri)];
      expect(b.nodes.length).toBe(report.nodes);
      expect(b.rels.length).toBe(report.relationships);
      expect(a.nodes.length).toBeGreaterThan(withCordis ? 5_000 : 500);
      expect(b.nodes).toEqual(a.nodes);
      expect(b.rels).toEqual(a.rels);

      const after = createNeo4jStore({ uri: bulk.uri });
      try {
        const [p1] = await after.getNodes(['hard:p1'], SYSTEM);
        expect(p1).toMatchObject({ roles: [], expertise: [''], languages: ['', 'en', ''], bio: '' });
        const page = await after.changes(0, 10);
        expect(page.epoch).toEqual(expect.any(String));
        // The indexes init() made over the imported store are online and used.
        expect((await after.getNodes(['hard:p3'], SYSTEM))[0]).toMatchObject({ name: 'Plain, renamed', country: 'NL' });
      } finally {
        await after.close();
      }
    }, 600_000);

    it('refuses a database that holds nodes, and leaves it as it was', async () => {
      const before = await dump(bulk.uri);
      expect(before.nodes.length).toBeGreaterThan(0);
      await expect(bulkLoadNeo4j(bulk, fill)).rejects.toThrow(/needs an empty database: .* holds \d+ nodes/);
      expect(await dump(bulk.uri)).toEqual(before);
    }, 120_000);
  });
}
