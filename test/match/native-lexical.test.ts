/**
 * Search inside Neo4j (engine/match/native-lexical.ts over graph/neo4j/search.ts): the same hits
 * as the in-process index on the same data, visibility applied inside the store's query (a
 * restricted document never reaches a viewer who may not see it, even as the top hit), a write
 * found through another store instance the moment it commits (the upsert writes the terms), and
 * one through a store without the analysis once the feed is applied. Needs the Neo4j server ($NEO4J_URI).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4jDriver, { type ManagedTransaction } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { seeded } from '../../engine/analytics/network.js';
import { catchUpModel } from '../../engine/feed/index.js';
import { LEXICAL_KINDS, LexicalIndex } from '../../engine/match/lexical.js';
import { NativeLexical, NativeLexicalModel, nodeTerms } from '../../engine/match/native-lexical.js';
import { queryTerms } from '../../engine/match/text.js';
import { openEngine } from '../../engine/service.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { GraphNode, NodeInput } from '../../graph/model.js';
import { createNeo4jStore } from '../../graph/neo4j/index.js';
import { MAX_CLAUSES, Neo4jFullText } from '../../graph/neo4j/search.js';
import type { FullTextSearch } from '../../graph/search.js';
import type { GraphStore } from '../../graph/store.js';
import { ANONYMOUS, SYSTEM, type Viewer } from '../../graph/viewer.js';
import { connectNeo4j, neo4jTestDatabase, watchedRun } from '../helpers/neo4j.js';
import { requireService } from '../helpers/services.js';
import { droneGraph, ID, INSIDER, OUTSIDER } from './graph.js';

const db = await neo4jTestDatabase();
const QUERIES = [
  'drone detection at prisons',
  'radar',
  'counter drone radar demonstrator',
  'money laundering',
  'contraband',
  'report prison drones',
  'gendarmerie',
  'anna',
];
const VIEWERS: Viewer[] = [ANONYMOUS, OUTSIDER, INSIDER, SYSTEM];
/** The Result fields and BM25+ parameters the store-level searches below ask with. */
const RESULT_FIELDS = [
  { field: 'title', boost: 2 },
  { field: 'description', boost: 1 },
];
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const log = () => undefined;

if (requireService('Neo4j full-text search', db.reachable ? undefined : `no Neo4j at ${db.config.uri}`)) {
  describe('lexical search inside Neo4j', () => {
    let neo: GraphStore;
    let embedded: GraphStore;
    let native: NativeLexical;
    let model: NativeLexicalModel;
    let dir = '';

    beforeAll(async () => {
      if (!db.mayWipe) throw new Error(`refusing to wipe ${db.config.uri}: ${db.refusal}`);
      await db.wipe();
      neo = createNeo4jStore(db.config);
      await neo.init();
      dir = await mkdtemp(join(tmpdir(), 'ileanet-native-lexical-'));
      embedded = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
      await embedded.init();
      for (const s of [neo, embedded]) await s.upsert(droneGraph());
      if (neo.fullText === undefined) throw new Error('the Neo4j store offers no fullText');
      native = new NativeLexical(neo.fullText);
      model = await NativeLexicalModel.open(neo, neo.fullText, log);
      await catchUpModel(neo, model, log);
    }, 120_000);

    afterAll(async () => {
      await neo?.close();
      await embedded?.close();
      if (dir !== '') await rm(dir, { recursive: true, force: true });
      try {
        if (db.mayWipe) await db.wipe();
      } finally {
        await db.close();
      }
    });

    test('the capability names it and the store offers it', () => {
      expect(neo.capabilities.nativeFullText).toBe(true);
      expect(embedded.capabilities.nativeFullText).toBe(false);
      expect(embedded.fullText).toBeUndefined();
    });

    test('same hits, order and scores as the in-process index, for every kind and viewer', async () => {
      const local = await LexicalIndex.build(embedded);
      let compared = 0;
      for (const text of QUERIES) {
        const terms = queryTerms(text);
        for (const kind of LEXICAL_KINDS) {
          for (const viewer of VIEWERS) {
            const want = local.search(kind, terms, 10, viewer);
            const got = await native.search(kind, terms, 10, viewer);
            const where = `${kind} "${text}" as ${viewer.id}`;
            expect(
              got.map((h) => [h.id, [...h.terms].sort()]),
              where,
            ).toEqual(want.map((h) => [h.id, [...h.terms].sort()]));
            for (const [i, h] of got.entries()) expect(h.score, where).toBeCloseTo(want[i]?.score ?? Number.NaN, 4);
            compared += want.length;
          }
        }
      }
      // The fixture must exercise the comparison: hits for many (query, kind, viewer) triples.
      expect(compared).toBeGreaterThan(50);
    });

    test('the best k of many matches are cut inside Neo4j and equal the in-process index, ties at the cut included', async () => {
      // 60 results share "tiebreak"; a third also hold "widget" once or twice. k 3 lets the query
      // return 26 rows (a cut), and at k 12 the cut falls among equal scores: both must still be exact.
      const many: NodeInput[] = Array.from({ length: 60 }, (_, i) => ({
        kind: 'Result',
        id: `test:tie:${String(i).padStart(2, '0')}`,
        title: `Tiebreak ${i % 3 === 0 ? 'widget' : 'gadget'} study`,
        description: i % 6 === 0 ? 'A widget for the tiebreak.' : 'A study.',
        visibility: i % 5 === 0 ? 'restricted' : 'public',
        ...(i % 5 === 0 ? { owner: ID.secret } : {}),
      }));
      for (const s of [neo, embedded]) await s.upsert({ nodes: many });
      await catchUpModel(neo, model, log);
      const local = await LexicalIndex.build(embedded);
      for (const text of ['tiebreak', 'tiebreak widget', 'widget']) {
        for (const k of [3, 12, 40]) {
          for (const viewer of VIEWERS) {
            const terms = queryTerms(text);
            const want = local.search('Result', terms, k, viewer);
            const got = await native.search('Result', terms, k, viewer);
            const where = `"${text}" k ${k} as ${viewer.id}`;
            expect(
              got.map((h) => h.id),
              where,
            ).toEqual(want.map((h) => h.id));
            for (const [i, h] of got.entries()) expect(h.score, where).toBeCloseTo(want[i]?.score ?? Number.NaN, 4);
          }
        }
      }
      await neo.deleteNodes(many.map((n) => n.id));
      await embedded.deleteNodes(many.map((n) => n.id));
      await catchUpModel(neo, model, log);
    });

    test("Lucene's candidates, scored here, give the exact top k, asked again wider when hidden ones fill Lucene's first page", async () => {
      if (neo.fullText === undefined) throw new Error('no fullText');
      const fullText = neo.fullText;
      // 400 public results hold "sentinel" once in descriptions of distinct lengths (so no two
      // score alike and no tie falls at the cut); 100 restricted ones hold it thrice in the title,
      // so Lucene ranks every restricted one first. An outsider sees most of the kind, so the first
      // fetch (k × 10 over that share) holds restricted results only.
      const many: NodeInput[] = [
        ...Array.from({ length: 400 }, (_, i) => ({
          kind: 'Result' as const,
          id: `test:cand:p${String(i).padStart(4, '0')}`,
          title: `Study ${i}`,
          description: `A sentinel ${i % 7 === 0 ? 'beacon ' : ''}in trials ${Array.from({ length: i }, (_, j) => `filler${j}`).join(' ')}`,
          visibility: 'public' as const,
        })),
        ...Array.from({ length: 100 }, (_, i) => ({
          kind: 'Result' as const,
          id: `test:cand:r${String(i).padStart(3, '0')}`,
          title: `Sentinel sentinel sentinel ${i}`,
          visibility: 'restricted' as const,
          owner: ID.secret,
        })),
      ];
      await neo.upsert({ nodes: many });
      await catchUpModel(neo, model, log);
      const fields = RESULT_FIELDS;
      const bm25 = BM25;
      for (const text of ['sentinel', 'sentinel beacon', 'beacon trials'])
        for (const k of [5, 30])
          for (const viewer of VIEWERS) {
            const terms = queryTerms(text);
            const where = `"${text}" k ${k} as ${viewer.id}`;
            const exact = await fullText.search({ kind: 'Result', fields, terms, k, bm25, strategy: 'exact' }, viewer);
            const cand = await fullText.search(
              { kind: 'Result', fields, terms, k, bm25, strategy: 'candidates' },
              viewer,
            );
            expect(exact.length, where).toBe(k);
            expect(
              cand.map((h) => h.id),
              where,
            ).toEqual(exact.map((h) => h.id));
            for (const [i, h] of cand.entries()) expect(h.score, where).toBeCloseTo(exact[i]?.score ?? Number.NaN, 6);
            if (viewer === OUTSIDER || viewer === ANONYMOUS)
              expect(
                cand.every((h) => h.id.startsWith('test:cand:p') || !h.id.startsWith('test:cand:')),
                where,
              ).toBe(true);
          }
      // Above EXACT_BELOW matches, auto takes the candidates, with the same answer.
      const terms = queryTerms('sentinel');
      expect(await fullText.search({ kind: 'Result', fields, terms, k: 10, bm25 }, OUTSIDER)).toEqual(
        await fullText.search({ kind: 'Result', fields, terms, k: 10, bm25, strategy: 'exact' }, OUTSIDER),
      );
      await neo.deleteNodes(many.map((n) => n.id));
      await catchUpModel(neo, model, log);
    });

    test("a question too long to pair every term (a challenge's text) is still scored from Lucene's candidates, its rarest terms paired, with the exact top k", async () => {
      // 30 made-up words, from rare (in 2 % of the documents) to common (60 %), and 300 public
      // results each holding its own draw of them: before, such a question needed more pairs than
      // Lucene takes and every result holding any word was read and scored.
      const words = Array.from(
        { length: 30 },
        (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`,
      );
      const r = seeded(7);
      const many: NodeInput[] = Array.from({ length: 300 }, (_, d) => ({
        kind: 'Result' as const,
        id: `test:long:${String(d).padStart(4, '0')}`,
        title: `Trial ${d}`,
        description: [
          ...words.filter((_, i) => r() < 0.02 + (0.58 * i) / 29),
          ...Array.from({ length: d % 23 }, () => 'filler'),
        ].join(' '),
        visibility: 'public' as const,
      }));
      await neo.upsert({ nodes: many });
      await catchUpModel(neo, model, log);
      const fields = RESULT_FIELDS;
      const bm25 = BM25;
      const terms = queryTerms(words.join(' '));
      expect(terms).toHaveLength(30);
      // Every pair would be (30 + 30 × 29) × 2 = 1,800 clauses.
      expect((terms.length + terms.length * (terms.length - 1)) * fields.length).toBeGreaterThan(MAX_CLAUSES);
      // How many documents each search reads out of Neo4j (its result rows' `docs`), and the Lucene
      // queries that chose candidates.
      let read = 0;
      const asked: string[] = [];
      const driver = neo4jDriver.driver(
        db.config.uri,
        db.config.password ? neo4jDriver.auth.basic(db.config.user, db.config.password) : undefined,
      );
      const counted = new Neo4jFullText(async (_mode, work) => {
        const session = driver.session({ database: db.config.database });
        try {
          return await session.executeRead((tx) =>
            work({
              run: async (cypher: string, params?: Record<string, unknown>) => {
                const res = await tx.run(cypher, params);
                for (const rec of res.records) if (rec.has('docs')) read += (rec.get('docs') as unknown[]).length;
                if (typeof params?.['want'] === 'object') asked.push(params['lucene'] as string);
                return res;
              },
            } as unknown as ManagedTransaction),
          );
        } finally {
          await session.close();
        }
      });
      try {
        for (const k of [5, 10]) {
          read = 0;
          const exact = await counted.search({ kind: 'Result', fields, terms, k, bm25, strategy: 'exact' }, SYSTEM);
          const exactRead = read;
          read = 0;
          const cand = await counted.search({ kind: 'Result', fields, terms, k, bm25, strategy: 'candidates' }, SYSTEM);
          expect(exact).toHaveLength(k);
          expect(cand.map((h) => [h.id, h.score])).toEqual(exact.map((h) => [h.id, h.score]));
          expect(exactRead).toBeGreaterThanOrEqual(290);
          // k × 10 over the viewer's share (all of it), + 10: Lucene chose them.
          expect(read).toBe(k * 10 + 10);
        }
        // The pairs are those of the 22 rarest words in this corpus ((30 + 22 × 21) × 2 ≤ 1,000), by the
        // document frequencies the store counted: every result is public, so each word's count of
        // descriptions holding it, ties by position.
        expect(terms).toEqual(words);
        const df = words.map(
          (w) => many.filter((n) => (n as { description: string }).description.split(' ').includes(w)).length,
        );
        const rarest = words
          .map((w, i) => ({ w, i }))
          .sort((a, b) => (df[a.i] as number) - (df[b.i] as number) || a.i - b.i)
          .slice(0, 22)
          .map(({ w }) => w);
        expect(asked.length).toBeGreaterThan(0);
        for (const lucene of asked) {
          const paired = new Set([...lucene.matchAll(/\+\(_lx_title:"(\w+)"/g)].map((m) => m[1]));
          expect([...paired].sort()).toEqual([...rarest].sort());
        }
      } finally {
        await driver.close();
        await neo.deleteNodes(many.map((n) => n.id));
        await catchUpModel(neo, model, log);
      }
    });

    test('a restricted document that would be the top hit never reaches a viewer who may not see it', async () => {
      const terms = queryTerms('radar');
      const insider = await native.search('Result', terms, 10, INSIDER);
      expect(insider[0]?.id).toBe(ID.radar);
      for (const viewer of [ANONYMOUS, OUTSIDER]) {
        const hits = await native.search('Result', terms, 10, viewer);
        expect(hits.map((h) => h.id)).not.toContain(ID.radar);
      }
      // Nor does its text leak through the cognate lookup.
      expect(await native.similarTerms('Result', 'radr', 1, OUTSIDER)).not.toContain('radar');
      expect(await native.similarTerms('Result', 'radr', 1, INSIDER)).toContain('radar');
    });

    test('an engine on Neo4j searches inside it: no lexical index in the process, none on disk, writes found at once', async () => {
      const data = await mkdtemp(join(tmpdir(), 'ileanet-native-engine-'));
      const engine = await openEngine({ store: neo, dataDir: data, mode: 'lexical', log });
      try {
        expect(engine.readModels.lexical).toBeUndefined();
        const before = await engine.whoSolved('drone detection at prisons', { mode: 'lexical' }, OUTSIDER);
        expect(before.hits.length).toBeGreaterThan(0);
        expect(before.hits.map((h) => h.id)).not.toContain(ID.radar);
        const node = {
          kind: 'Project' as const,
          id: 'prj:lantern',
          title: 'Lantern fish bioluminescence for harbour surveillance',
          objective: 'Bioluminescent lantern fish mark divers in harbours',
          visibility: 'public' as const,
        };
        await neo.upsert({ nodes: [node] });
        await engine.afterWrite([(await neo.getNode(node.id, SYSTEM)) as GraphNode]);
        const after = await engine.whoSolved('lantern fish bioluminescence', { mode: 'lexical' }, OUTSIDER);
        expect(after.hits.map((h) => h.id)).toContain(node.id);
        await neo.deleteNodes([node.id]);
      } finally {
        await engine.close();
      }
      expect(existsSync(join(data, 'lexical'))).toBe(false);
      await rm(data, { recursive: true, force: true });
    });

    test('a write is found once the feed is applied, and a removal drops it', async () => {
      const terms = queryTerms('quantum sniffer dogs');
      expect(await native.search('Project', terms, 10, OUTSIDER)).toEqual([]);
      await neo.upsert({
        nodes: [
          {
            kind: 'Project',
            id: 'prj:sniffer',
            title: 'Quantum sniffer dogs',
            objective: 'Sniffer dogs helped by quantum sensors',
            visibility: 'public',
          },
        ],
      });
      await catchUpModel(neo, model, log);
      expect((await native.search('Project', terms, 10, OUTSIDER)).map((h) => h.id)).toEqual(['prj:sniffer']);
      await neo.deleteNodes(['prj:sniffer']);
      await catchUpModel(neo, model, log);
      expect(await native.search('Project', terms, 10, OUTSIDER)).toEqual([]);
      // The position is the store's: a second process opening the model starts where this one is.
      const again = await NativeLexicalModel.open(neo, neo.fullText as NonNullable<GraphStore['fullText']>, log);
      expect(again.position()).toEqual(model.position());
    });

    test("a kind's revision moves with writes of its nodes only: writes of other kinds or of relationships keep its search statistics", async () => {
      const driver = neo4jDriver.driver(
        db.config.uri,
        db.config.password ? neo4jDriver.auth.basic(db.config.user, db.config.password) : undefined,
      );
      const revs = async () => {
        const session = driver.session({ database: db.config.database });
        try {
          const r = (await session.run(`MATCH (m:IleanetMeta {key: 'revision'}) RETURN properties(m) AS p`)).records[0];
          const p = (r?.get('p') ?? {}) as Record<string, unknown>;
          return {
            project: Number(p['krev_Project']),
            challenge: Number(p['krev_Challenge']),
            head: await neo.headSeq(),
          };
        } finally {
          await session.close();
        }
      };
      try {
        await neo.upsert({
          nodes: [{ kind: 'Project', id: 'prj:krev', title: 'Kind revision', visibility: 'public' }],
        });
        const a = await revs();
        expect(a.project).toBe(a.head);
        await neo.upsert({
          nodes: [{ kind: 'Challenge', id: 'chl:krev', title: 'Kind revision need', visibility: 'public' }],
        });
        const b = await revs();
        expect([b.project, b.challenge]).toEqual([a.project, b.head]);
        await neo.upsert({ relationships: [{ type: 'ADDRESSES', from: 'prj:krev', to: 'chl:krev' }] });
        const c = await revs();
        expect(c.head).toBeGreaterThan(b.head);
        expect([c.project, c.challenge]).toEqual([b.project, b.challenge]);
        await neo.deleteNodes(['prj:krev']);
        const d = await revs();
        expect(d.project).toBe(d.head);
        expect(d.challenge).toBe(b.challenge);
      } finally {
        await neo.deleteNodes(['prj:krev', 'chl:krev']);
        await catchUpModel(neo, model, log);
        await driver.close();
      }
    });

    test('a write through one store is found at once through another: the upsert writes the terms, no feed applied', async () => {
      // Two processes on one database: the writer's engine gave its store the analysis; the reader only searches.
      const writer = createNeo4jStore(db.config);
      const reader = createNeo4jStore(db.config);
      const fresh = createNeo4jStore(db.config);
      for (const s of [writer, reader, fresh]) await s.init();
      const fullText = (s: GraphStore) => {
        if (s.fullText === undefined) throw new Error('the Neo4j store offers no fullText');
        return s.fullText;
      };
      await NativeLexicalModel.open(writer, fullText(writer), log);
      const search = new NativeLexical(fullText(reader));
      const ids = (text: string) =>
        search.search('Project', queryTerms(text), 10, OUTSIDER).then((hits) => hits.map((h) => h.id));
      const node = {
        kind: 'Project' as const,
        id: 'prj:otters',
        title: 'Glowing periscope otters',
        objective: 'Otters with periscopes watch the harbour at night',
        visibility: 'public' as const,
      };
      try {
        // The reader has searched before (its statistics are cached): the write must move them too.
        expect(await ids('periscope otters')).toEqual([]);
        await writer.upsert({ nodes: [node] });
        const hits = await search.search('Project', queryTerms('periscope otters'), 10, OUTSIDER);
        expect(hits.map((h) => h.id)).toEqual([node.id]);
        // Scored on today's statistics: the same score a process that never searched before gives.
        const first = await new NativeLexical(fullText(fresh)).search(
          'Project',
          queryTerms('periscope otters'),
          10,
          OUTSIDER,
        );
        expect(hits[0]?.score).toBeCloseTo(first[0]?.score ?? Number.NaN, 6);
        // An edit replaces them in the same write: the old words no longer find it, the new ones do.
        await writer.upsert({
          nodes: [{ ...node, title: 'Luminous periscope beavers', objective: 'Beavers at night' }],
        });
        expect(await ids('otters')).toEqual([]);
        expect(await ids('luminous beavers')).toEqual([node.id]);
        // The contrast: through a store given no analysis a write leaves no terms, until the feed is applied.
        await reader.upsert({ nodes: [{ ...node, title: 'Quiet periscope seals', objective: 'Seals at dawn' }] });
        expect(await ids('quiet seals')).toEqual([]);
        await catchUpModel(neo, model, log);
        expect(await ids('quiet seals')).toEqual([node.id]);
      } finally {
        await writer.deleteNodes([node.id]);
        await catchUpModel(neo, model, log);
        for (const s of [writer, reader, fresh]) await s.close();
      }
    });

    test("terms set for one kind keep every other kind's statistics; searches that find their kind moved at once read them once", async () => {
      // The feed's follower sets the terms of each written node (NativeLexicalModel): that is one
      // kind's term counts, so one kind's statistics go. And the searches of one answer (or of a
      // suggestion's needs) that find a kind moved at once wait for one read of its statistics.
      const driver = connectNeo4j(db.config);
      const asked: string[] = [];
      /** Each (field, term) whose document frequency a query counted. */
      const counts: string[] = [];
      let hold: Promise<void> | undefined;
      const counted = new Neo4jFullText(
        watchedRun(driver, db.config.database, (cypher, params) => {
          asked.push(cypher);
          if (cypher.includes('p.lucene'))
            for (const p of (params?.['pairs'] ?? []) as { f: string; t: string }[]) counts.push(`${p.f} ${p.t}`);
          return cypher.includes('WITH count(a) AS all') ? hold : undefined;
        }),
      );
      const statsReads = (kind: string) =>
        asked.filter((c) => c.includes(`MATCH (a:${kind}) WITH count(a) AS all`)).length;
      const search = (kind: 'Result' | 'Project', text: string) =>
        counted.search({ kind, fields: RESULT_FIELDS, terms: queryTerms(text), k: 10, bm25: BM25 }, SYSTEM);
      const node = {
        kind: 'Result' as const,
        id: 'res:kite-radar',
        title: 'Kite radar',
        description: 'A radar carried by kites over the prison yard',
        visibility: 'public' as const,
      };
      try {
        const before = await search('Result', 'radar drone');
        // The follower sets a Project's terms (here, as it does after a write of one): the Result
        // statistics stand, and the Result question is answered by its documents' query alone.
        // (Each node's own terms, as the follower writes them: the fixture's search is unchanged.)
        const termsOf = async (id: string) => nodeTerms((await neo.getNode(id, SYSTEM)) as GraphNode);
        await counted.setTerms('Project', [await termsOf(ID.skywall)]);
        asked.length = 0;
        expect(await search('Result', 'radar drone')).toEqual(before);
        expect(asked).toHaveLength(1);
        // Setting Result terms drops the Result statistics: read again.
        await counted.setTerms('Result', [await termsOf(ID.radar)]);
        asked.length = 0;
        await search('Result', 'radar drone');
        expect(statsReads('Result')).toBe(1);
        // A write of a Result moves its revision: four searches asking at once read its statistics once,
        // and answer as a handle that never searched does.
        await neo.upsert({ nodes: [node] });
        await catchUpModel(neo, model, log);
        asked.length = 0;
        counts.length = 0;
        const texts = ['radar drone', 'kite', 'prison yard radar', 'demonstrator'];
        const four = await Promise.all(texts.map((t) => search('Result', t)));
        expect(statsReads('Result')).toBe(1);
        // and count each term they have in common once ('radar', in two of them, in each field).
        expect(counts).toContain('title radar');
        expect(counts.length, counts.join(', ')).toBe(new Set(counts).size);
        expect(four[0]?.map((h) => h.id)).toContain(node.id);
        for (const [i, t] of texts.entries())
          expect(four[i]).toEqual(
            await (neo.fullText as FullTextSearch).search(
              { kind: 'Result', fields: RESULT_FIELDS, terms: queryTerms(t), k: 10, bm25: BM25 },
              SYSTEM,
            ),
          );
        // A read of the statistics begun before terms are set (held here until they are) is not
        // kept: the next search reads them again.
        await counted.setTerms('Result', [await termsOf(ID.radar)]);
        let release: () => void = () => undefined;
        hold = new Promise<void>((r) => {
          release = r;
        });
        asked.length = 0;
        const early = search('Result', 'radar drone');
        await vi.waitFor(() => expect(statsReads('Result')).toBe(1));
        await counted.setTerms('Result', [await termsOf(ID.radar)]);
        release();
        hold = undefined;
        await early;
        asked.length = 0;
        await search('Result', 'radar drone');
        expect(statsReads('Result'), 'read again after the terms were set').toBe(1);
      } finally {
        await neo.deleteNodes([node.id]);
        await catchUpModel(neo, model, log);
        await driver.close();
      }
    });

    test('a document-frequency count that fails fails its own search, not the search that joined it, which counts again', async () => {
      // Its own count failing means its transaction is done: the search fails, so that the driver may
      // retry it whole. A search that was waiting for that count counts the pairs itself.
      const driver = connectNeo4j(db.config);
      let failNext = true;
      const events: string[] = [];
      const handle = new Neo4jFullText(
        watchedRun(driver, db.config.database, (cypher) => {
          if (!cypher.includes('p.lucene')) return undefined;
          events.push('count');
          if (!failNext) return undefined;
          failNext = false;
          return new Promise((_, reject) =>
            setTimeout(() => {
              events.push('failed');
              reject(new Error('count failed (test)'));
            }, 200),
          );
        }),
      );
      const q = { kind: 'Result' as const, fields: RESULT_FIELDS, terms: queryTerms('radar drone'), k: 10, bm25: BM25 };
      try {
        const settled = await Promise.allSettled([handle.search(q, SYSTEM), handle.search(q, SYSTEM)]);
        const failed = settled.filter((r) => r.status === 'rejected');
        const answered = settled.filter((r) => r.status === 'fulfilled');
        expect(failed.map((r) => (r.reason as Error).message)).toEqual(['count failed (test)']);
        expect(answered).toHaveLength(1);
        const want = await (neo.fullText as FullTextSearch).search(q, SYSTEM);
        expect(want.length).toBeGreaterThan(0);
        expect(answered[0]?.value).toEqual(want);
        // The second search waited for the first one's count, and counted only once it had failed.
        expect(events).toEqual(['count', 'failed', 'count']);
        expect(await handle.search(q, SYSTEM)).toEqual(want);
      } finally {
        await driver.close();
      }
    });

    test('a question asked before costs one query while its kind is unchanged; a write of the kind moves it', async () => {
      // The documents' query reads the kind's revision after them (graph/neo4j/search.ts): statistics
      // read at that revision are used at once, and read again only when it moved.
      const store = createNeo4jStore(db.config);
      const fresh = createNeo4jStore(db.config);
      for (const s of [store, fresh]) await s.init();
      const queries = vi.spyOn(neo4jDriver.Session.prototype, 'run');
      const ask = (s: GraphStore) =>
        new NativeLexical(s.fullText as FullTextSearch).search(
          'Project',
          queryTerms('counter drone radar'),
          10,
          OUTSIDER,
        );
      const node = {
        kind: 'Project' as const,
        id: 'prj:radar-kites',
        title: 'Radar kites',
        objective: 'Kites that carry a counter drone radar over the yard',
        visibility: 'public' as const,
      };
      try {
        const first = await ask(store);
        expect(first.length).toBeGreaterThan(0);
        queries.mockClear();
        expect(await ask(store)).toEqual(first);
        expect(queries).toHaveBeenCalledTimes(1);
        // Another store's write of a Project: the revision moved, so the statistics are read again
        // and the answer is the one a store that never searched gives.
        await neo.upsert({ nodes: [node] });
        queries.mockClear();
        const after = await ask(store);
        expect(queries.mock.calls.length).toBeGreaterThan(1);
        expect(after.map((h) => h.id)).toContain(node.id);
        expect(after).toEqual(await ask(fresh));
        // A write of another kind leaves the Project statistics as they were.
        await neo.upsert({
          nodes: [{ kind: 'Challenge', id: 'chl:radar-kites', title: 'Kites', visibility: 'public' }],
        });
        queries.mockClear();
        expect(await ask(store)).toEqual(after);
        expect(queries).toHaveBeenCalledTimes(1);
      } finally {
        queries.mockRestore();
        await neo.deleteNodes([node.id, 'chl:radar-kites']);
        await catchUpModel(neo, model, log);
        for (const s of [store, fresh]) await s.close();
      }
    });
  });
}
