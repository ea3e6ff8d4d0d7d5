/**
 * Pieces of the change-feed following, in one process: the writer lock of an index folder, and
 * nodes stored without a vector being embedded at start-up (issue 14, item 6).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { registerStats } from '../../app/cli/commands/stats.js';
import { Follower } from '../../engine/feed/follower.js';
import { FileLock } from '../../engine/feed/lock.js';
import { openEngine } from '../../engine/service.js';
import { vectorsPath } from '../../engine/vector/vector-store.js';
import { openStore } from '../../graph/index.js';
import { SYSTEM } from '../../graph/viewer.js';
import { cliRunner } from '../helpers/cli.js';
import { embedWithFake, ingestDemo } from '../helpers/demo-engine.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';

describe('FileLock', () => {
  it('one holder at a time; released, it can be taken again; a dead holder’s lock is taken over', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ileanet-lock-'));
    try {
      const path = join(dir, 'sub', 'writer.lock');
      const a = new FileLock(path);
      const b = new FileLock(path);
      expect(a.tryAcquire()).toBe(true);
      expect(a.tryAcquire(), 'taking it again is a no-op').toBe(true);
      expect(b.tryAcquire(), 'held by another handle').toBe(false);
      expect(a.owner()?.pid).toBe(process.pid);
      a.release();
      expect(b.tryAcquire()).toBe(true);
      b.release();
      // A process that died holding it (kill -9): its pid is gone.
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      });
      const { hostname } = await import('node:os');
      await writeFile(
        path,
        JSON.stringify({ pid: Number(dead.stdout), host: hostname(), since: new Date().toISOString() }),
      );
      expect(a.tryAcquire(), 'stale: its process is gone').toBe(true);
      a.release();
      // Alive and elsewhere: left alone.
      await writeFile(path, JSON.stringify({ pid: 1, host: 'another-host', since: new Date().toISOString() }));
      expect(a.tryAcquire()).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('ileanet stats', () => {
  it('shows the feed’s head seq and each saved read model’s seq and lag', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ileanet-stats-'));
    try {
      await ingestDemo(dir);
      const run = cliRunner(registerStats, () => dir);
      const before = await run('stats');
      expect(before.code).toBe(0);
      expect(before.stdout).toMatch(/change feed\n {2}head seq +[\d,]+\n {2}oldest kept +1 /u);
      expect(before.stdout).toMatch(/lexical index +seq - +\(not saved yet\)/u);
      const store = await openStore({ backend: 'embedded', dataDir: dir });
      const engine = await openEngine({ store, dataDir: dir, mode: 'lexical' });
      await engine.trends({}, SYSTEM);
      await engine.close();
      await store.upsert({ nodes: [{ id: 'stats:t', kind: 'Topic', label: 'Stats', scheme: 'keyword' }] });
      await store.close();
      const after = JSON.parse((await run('stats', '--json')).stdout) as {
        feed: { head: number };
        readModels: { name: string; seq: number | null; lag: number | null }[];
      };
      expect(after.readModels.map((m) => [m.name, m.seq, m.lag])).toEqual([
        ['lexical index', after.feed.head - 1, 1],
        ['analytics snapshot', after.feed.head - 1, 1],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('nodes stored without a vector', () => {
  it('are embedded at start-up when the vectors carry no feed position (a folder from before the feed)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ileanet-novec-'));
    const embedder = createFakeEmbedder({ dimensions: 128 });
    try {
      await ingestDemo(dir);
      const store = await openStore({ backend: 'embedded', dataDir: dir });
      await embedWithFake(dir, store, embedder);
      // Written while no engine ran, and the position forgotten: only a full pass can find it.
      await store.upsert({
        nodes: [
          { id: 'novec:challenge', kind: 'Challenge', title: 'Quokka smuggling by zeppelin', visibility: 'public' },
        ],
      });
      const db = new Database(vectorsPath(dir));
      db.prepare('DELETE FROM vector_feed').run();
      db.close();
      const lines: string[] = [];
      const engine = await openEngine({ store, dataDir: dir, embedder, log: (l) => lines.push(l) });
      try {
        await engine.catchUp();
        await engine.readModels.settled();
        expect(await engine.readModels.vectors?.has('Challenge', 'novec:challenge')).toBe(true);
        expect(lines.join('\n')).toMatch(
          /checking every node's vector in the background \(no feed position recorded\)/u,
        );
        const similar = await engine.similarChallenges('quokka zeppelin', SYSTEM, { mode: 'dense' });
        expect(similar.challenges[0]?.id).toBe('novec:challenge');
      } finally {
        await engine.close();
        await store.close();
      }
    } finally {
      await embedder.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('are embedded by the catch-up when the feed reaches back (a process died between write and embedding)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ileanet-novec-'));
    const embedder = createFakeEmbedder({ dimensions: 128 });
    try {
      await ingestDemo(dir);
      const store = await openStore({ backend: 'embedded', dataDir: dir });
      await embedWithFake(dir, store, embedder);
      await store.upsert({
        nodes: [{ id: 'novec:late', kind: 'Challenge', title: 'Wombat courier networks', visibility: 'public' }],
      });
      const lines: string[] = [];
      const engine = await openEngine({ store, dataDir: dir, embedder, log: (l) => lines.push(l) });
      try {
        await engine.catchUp();
        expect(await engine.readModels.vectors?.has('Challenge', 'novec:late')).toBe(true);
        expect(lines.join('\n')).not.toMatch(/rebuilding|background/u);
      } finally {
        await engine.close();
        await store.close();
      }
    } finally {
      await embedder.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the background follower', () => {
  it('runs one tick at a time: a store that answers slowly (or not, during an outage) is not asked again and again in parallel', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ileanet-tick-'));
    const store = await openStore({ backend: 'embedded', dataDir: dir });
    let open = 0;
    let most = 0;
    // The real store, each read held 150 ms as by a server that is restarting.
    const slow =
      <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        most = Math.max(most, ++open);
        try {
          await new Promise((r) => setTimeout(r, 150));
          return await read(...args);
        } finally {
          open--;
        }
      };
    const slowStore = Object.assign(Object.create(store) as typeof store, {
      headSeq: slow(() => store.headSeq()),
      feedMarks: slow(() => store.feedMarks()),
      changes: slow((after: number, limit?: number) => store.changes(after, limit)),
    });
    const follower = new Follower({ store: slowStore, models: [], log: () => undefined, maxStalenessMs: 10 });
    try {
      follower.start(10);
      await new Promise((r) => setTimeout(r, 1_000));
      // Before: a tick every 10 ms each starting its own read of the redaction mark, 15 at once here
      // (and 100 sessions, the Neo4j driver's whole pool, in the outage test).
      expect(most).toBe(1);
    } finally {
      await follower.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
