/**
 * The analytics snapshot kept inside Neo4j (graph/shared.ts, graph/neo4j/shared.ts; engine/analytics
 * snapshot.ts): a new app server with an empty data folder starts from the copy another one saved
 * and applies the feed since; a damaged or foreign copy is reported and never used; one writer at a
 * time (a lease per name). Needs the Neo4j server ($NEO4J_URI).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { feedReport } from '../../app/cli/commands/stats.js';
import { demoSource } from '../../datasets/demo/index.js';
import { SHARED_NAME, type Snapshot, Snapshots } from '../../engine/analytics/snapshot.js';
import { encodeSnapshot } from '../../engine/analytics/snapshot-file.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { openEngine } from '../../engine/service.js';
import { createNeo4jStore } from '../../graph/neo4j/index.js';
import { PART_BYTES } from '../../graph/neo4j/shared.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { connectNeo4j, neo4jTestDatabase } from '../helpers/neo4j.js';
import { requireService } from '../helpers/services.js';

const db = await neo4jTestDatabase();
const topic = (id: string) => ({ nodes: [{ id, kind: 'Topic' as const, label: id, scheme: 'keyword' as const }] });
const topics = (s: Snapshot) =>
  s
    .of('Topic')
    .map((k) => s.node(k).id)
    .sort();

if (requireService('the analytics snapshot inside Neo4j', db.reachable ? undefined : `no Neo4j at ${db.config.uri}`)) {
  describe('the analytics snapshot inside Neo4j', () => {
    let store: GraphStore;
    let other: GraphStore;

    beforeAll(async () => {
      if (!db.mayWipe) throw new Error(`refusing to wipe ${db.config.uri}: ${db.refusal}`);
      store = createNeo4jStore(db.config);
      other = createNeo4jStore(db.config); // a second app server's connection
    });
    beforeEach(async () => {
      await db.wipe();
      await store.init();
      await store.upsert(topic('t:a'));
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await other?.close();
      try {
        if (db.mayWipe) await db.wipe();
      } finally {
        await db.close();
      }
    });

    const shared = (s: GraphStore) => {
      if (!s.capabilities.sharedReadModels || s.shared === undefined) throw new Error('no shared read models');
      return s.shared;
    };

    test('a copy of several parts reads back byte for byte; a smaller one replaces it whole', async () => {
      const big = randomBytes(PART_BYTES * 2 + 12_345);
      expect(await shared(store).save('probe', { header: 'h1', body: big }, { holder: 'a', leaseMs: 60_000 })).toBe(
        'saved',
      );
      const read = await shared(other).load('probe');
      expect(read?.header).toBe('h1');
      expect(Buffer.from(read?.body ?? new Uint8Array()).equals(big)).toBe(true);
      const small = randomBytes(1_000);
      await shared(store).save('probe', { header: 'h2', body: small }, { holder: 'a', leaseMs: 60_000 });
      const again = await shared(other).load('probe');
      expect(again?.header).toBe('h2');
      expect(Buffer.from(again?.body ?? new Uint8Array()).equals(small)).toBe(true);
      expect(await shared(other).header('probe')).toBe('h2');
      expect(await shared(other).load('nothing-here')).toBeUndefined();
    });

    test('one writer: another holder is refused while the lease lasts, unless forced or released', async () => {
      const copy = { header: 'h', body: new Uint8Array([1, 2, 3]) };
      expect(await shared(store).save('leased', copy, { holder: 'a', leaseMs: 60_000 })).toBe('saved');
      expect(await shared(other).save('leased', copy, { holder: 'b', leaseMs: 60_000 })).toBe('leased');
      expect(await shared(other).save('leased', copy, { holder: 'b', leaseMs: 60_000, force: true })).toBe('saved');
      expect(await shared(store).save('leased', copy, { holder: 'a', leaseMs: 60_000 })).toBe('leased');
      await shared(other).release('leased', 'b');
      expect(await shared(store).save('leased', copy, { holder: 'a', leaseMs: 60_000 })).toBe('saved');
    });

    test('a new server starts from the copy in the store and sees a write made after it was saved', async () => {
      const dirA = await mkdtemp(join(tmpdir(), 'ileanet-shared-a-'));
      const dirB = await mkdtemp(join(tmpdir(), 'ileanet-shared-b-'));
      try {
        const a = new Snapshots(store, { dataDir: dirA, shared: shared(store) });
        const saved = await a.get();
        await a.persist();
        await a.close();
        await store.upsert(topic('t:later'));
        // `ileanet stats` reads the copy's position from the store, one record behind now.
        const report = await feedReport(other, dirB);
        expect(report.readModels.find((m) => m.name === 'analytics snapshot')).toMatchObject({
          seq: saved.position.seq,
          lag: 1,
        });
        const lines: string[] = [];
        const b = new Snapshots(other, { dataDir: dirB, shared: shared(other), log: (l) => lines.push(l) });
        const warm = await b.get();
        expect(lines.join('\n')).toMatch(
          /warm start from the saved snapshot in the store at seq \d+, 1 change\(s\) applied/u,
        );
        expect(topics(warm)).toEqual(['t:a', 't:later']);
      } finally {
        await rm(dirA, { recursive: true, force: true });
        await rm(dirB, { recursive: true, force: true });
      }
    });

    test('a slow first load saves in the background; persist and close wait for that save, never skip it', async () => {
      // syncReloadMs 0: every load counts as slow, as the 2 s default does on a loaded machine (CI
      // once found no copy after persist and close: persist saw the background save's cleared flag
      // and returned, and close let the lease go, before that save was written).
      for (let round = 0; round < 3; round++) {
        await store.upsert(topic(`t:r${round}`));
        const lines: string[] = [];
        const a = new Snapshots(store, { shared: shared(store), syncReloadMs: 0, log: (l) => lines.push(l) });
        const s = await a.get();
        const copy = encodeSnapshot(s);
        await a.persist();
        // The save is in the store when persist returns, before close.
        const stored = JSON.parse((await shared(other).header(SHARED_NAME)) ?? '{}') as {
          seq?: number;
          sha256?: string;
        };
        const wanted = JSON.parse(copy.header) as { seq: number; sha256: string };
        expect(stored).toMatchObject({ seq: wanted.seq, sha256: wanted.sha256 });
        await a.close();
        expect(lines.filter((l) => /saved in the store/u.test(l))).toHaveLength(1);
        // close released the lease: another holder may write at once.
        const b = new Snapshots(other, { shared: shared(other) });
        expect(topics(await b.get())).toEqual(topics(s));
        expect(await shared(other).save(SHARED_NAME, copy, { holder: 'b', leaseMs: 60_000 })).toBe('saved');
        await shared(other).release(SHARED_NAME, 'b');
        await b.close();
      }
    });

    test('a damaged copy in the store is reported and not used', async () => {
      const a = new Snapshots(store, { shared: shared(store) });
      await a.get();
      await a.persist();
      await a.close();
      // Change one character of a stored part, behind the store's back.
      const driver = connectNeo4j(db.config);
      try {
        const session = driver.session({ database: db.config.database });
        const key = `shared:${SHARED_NAME}:0`;
        const res = await session.run('MATCH (p:IleanetMeta {key: $key}) RETURN p.data AS d', { key });
        const data = String(res.records[0]?.get('d'));
        const at = Math.floor(data.length / 2);
        const flipped = `${data.slice(0, at)}${data[at] === 'A' ? 'B' : 'A'}${data.slice(at + 1)}`;
        await session.run('MATCH (p:IleanetMeta {key: $key}) SET p.data = $d', { key, d: flipped });
        await session.close();
      } finally {
        await driver.close();
      }
      await store.upsert(topic('t:b'));
      const lines: string[] = [];
      const b = new Snapshots(other, { shared: shared(other), log: (l) => lines.push(l) });
      const s = await b.get();
      expect(lines.join('\n')).toMatch(/saved snapshot in the store .*unreadable .*loading from the store/u);
      expect(lines.join('\n')).not.toMatch(/warm start/u);
      expect(topics(s)).toEqual(['t:a', 't:b']);
    });

    test('a copy whose body does not match its header is reported and not used', async () => {
      const a = new Snapshots(store, { shared: shared(store) });
      const { header, body } = encodeSnapshot(await a.get());
      const wrong = Buffer.from(body);
      wrong[wrong.length - 1] = (wrong[wrong.length - 1] ?? 0) ^ 0xff;
      await shared(store).save(SHARED_NAME, { header, body: wrong }, { holder: 'test', leaseMs: 1, force: true });
      const lines: string[] = [];
      const b = new Snapshots(store, { shared: shared(store), log: (l) => lines.push(l) });
      expect(topics(await b.get())).toEqual(['t:a']);
      expect(lines.join('\n')).toMatch(
        /saved snapshot in the store .*fails its checksum \(damaged\); it is not used; loading from the store/u,
      );
    });

    test('a copy from another database (epoch) is not taken for this one: the snapshot is rebuilt', async () => {
      const a = new Snapshots(store, { shared: shared(store) });
      const s = await a.get();
      // A well-formed copy that claims to be of another database, holding a topic this one lacks.
      s.changed({ epoch: 'another-database', seq: s.position.seq });
      const ghost = s.nodes.length;
      s.nodes.push({ id: 't:ghost', kind: 'Topic', visibility: 'public', label: 'ghost' });
      s.key.set('t:ghost', ghost);
      s.byKind.get('Topic')?.push(ghost);
      await shared(store).save(SHARED_NAME, encodeSnapshot(s), { holder: 'test', leaseMs: 1, force: true });
      const lines: string[] = [];
      const b = new Snapshots(other, { shared: shared(other), log: (l) => lines.push(l) });
      const read = await b.get();
      expect(lines.join('\n')).toMatch(/another database now/u);
      expect(topics(read)).toEqual(['t:a']);
    });

    test('engines: the second server with an empty data folder answers as the first, from the copy', async () => {
      await db.wipe();
      await store.init();
      await runIngest(store, demoSource());
      const viewer: Viewer = { id: 'u', clearance: 'network', orgs: [] };
      const dirs = [
        await mkdtemp(join(tmpdir(), 'ileanet-shared-e1-')),
        await mkdtemp(join(tmpdir(), 'ileanet-shared-e2-')),
      ];
      try {
        const first = await openEngine({ store, dataDir: dirs[0] as string, mode: 'lexical' });
        const trends = await first.trends({}, viewer);
        const gaps = await first.gaps({}, SYSTEM);
        await first.close(); // saves the snapshot in the store
        const lines: string[] = [];
        const second = await openEngine({
          store: other,
          dataDir: dirs[1] as string,
          mode: 'lexical',
          log: (l) => lines.push(l),
        });
        try {
          expect(await second.trends({}, viewer)).toEqual(trends);
          expect(await second.gaps({}, SYSTEM)).toEqual(gaps);
          expect(lines.join('\n')).toMatch(/warm start from the saved snapshot in the store/u);
        } finally {
          await second.close();
        }
      } finally {
        for (const d of dirs) await rm(d, { recursive: true, force: true });
      }
    }, 120_000);
  });
}
