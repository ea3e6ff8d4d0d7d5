/**
 * Per-need answers cached per snapshot revision (engine/suggest/need-cache.ts): a repeated call on
 * one revision is answered from the cache, a new revision runs it again, a failure is not kept; and
 * through the engine, a write that gives a need a new answer is in the very next suggestion (the
 * same as a new engine's), though the suggestion before it was cached.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Matcher } from '../../engine/match/index.js';
import { openMatcher } from '../../engine/match/index.js';
import { openEngine } from '../../engine/service.js';
import { NeedCache } from '../../engine/suggest/need-cache.js';
import { openStore } from '../../graph/index.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { ingestDemo } from '../helpers/demo-engine.js';

const NEED = 'demo:challenge:crypto-atm-mules';
const VIEWER: Viewer = { id: 'u', clearance: 'network', orgs: [] };

describe('need cache', () => {
  let dir = '';
  let store: GraphStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ileanet-need-cache-'));
    await ingestDemo(dir);
    store = await openStore({ backend: 'embedded', dataDir: dir });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  test('one run per need and viewer class on a revision; again on the next; a failure is not kept', async () => {
    const opened = await openMatcher({ store, dataDir: dir, mode: 'lexical' });
    try {
      let runs = 0;
      const counting: Matcher = {
        ...opened.matcher,
        matchNeed: (id, viewer, options) => {
          runs++;
          return opened.matcher.matchNeed(id, viewer, options);
        },
      };
      const cache = new NeedCache();
      const options = { kinds: ['Organisation' as const], limit: 50, mode: 'lexical' as const };
      const first = await cache.matcher(counting, 'e:1').matchNeed(NEED, VIEWER, options);
      const again = await cache.matcher(counting, 'e:1').matchNeed(NEED, VIEWER, options);
      expect(again).toEqual(first);
      expect(runs).toBe(1);
      await cache.matcher(counting, 'e:1').matchNeed(NEED, SYSTEM, options); // another viewer class
      expect(runs).toBe(2);
      await cache.matcher(counting, 'e:2').matchNeed(NEED, VIEWER, options); // the graph moved
      expect(runs).toBe(3);
      const m = cache.matcher(counting, 'e:2');
      await expect(m.matchNeed('demo:no-such-challenge', VIEWER, options)).rejects.toThrow();
      await expect(m.matchNeed('demo:no-such-challenge', VIEWER, options)).rejects.toThrow();
      expect(runs, 'the failed call ran twice').toBe(5);
    } finally {
      await opened.close();
    }
  });

  test('a write that answers a need is in the next suggestion, as a new engine has it', async () => {
    const a = await mkdtemp(join(tmpdir(), 'ileanet-need-cache-a-'));
    const b = await mkdtemp(join(tmpdir(), 'ileanet-need-cache-b-'));
    const engine = await openEngine({ store, dataDir: a, mode: 'lexical' });
    try {
      const q = { for: { country: 'BE' }, limit: 100 };
      const before = await engine.suggest(q, VIEWER);
      expect(before.needs.map((n) => n.id)).toContain(NEED);
      expect(await engine.suggest(q, VIEWER), 'the cached answer').toEqual(before);
      await store.upsert({
        nodes: [
          { id: 'test:org:mulestop', kind: 'Organisation', name: 'Mulestop', orgKind: 'industry', country: 'PT' },
          {
            id: 'test:result:mulestop',
            kind: 'Result',
            title: 'Spotting money mules at crypto ATMs',
            description: 'Cash deposits into crypto ATMs by money mules, flagged in real time.',
          },
        ],
        relationships: [
          { type: 'PRODUCED', from: 'test:org:mulestop', to: 'test:result:mulestop' },
          { type: 'ADDRESSES', from: 'test:result:mulestop', to: NEED },
        ],
      });
      const after = await engine.suggest(q, VIEWER);
      const found = after.suggestions.find((s) => s.to.id === 'test:org:mulestop');
      expect(found?.complements[0]).toMatchObject({ need: { id: NEED }, basis: 'addresses' });
      const fresh = await openEngine({ store, dataDir: b, mode: 'lexical' });
      try {
        expect(after).toEqual(await fresh.suggest(q, VIEWER));
      } finally {
        await fresh.close();
      }
    } finally {
      await engine.close();
      await rm(a, { recursive: true, force: true });
      await rm(b, { recursive: true, force: true });
    }
  }, 120_000);
});
