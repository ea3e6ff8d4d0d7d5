/**
 * One clock for the engine: matching measures recency from the engine's `now` (EngineOptions.now),
 * as trends do, not from the system clock. Pinned, the scores stay put when the system clock moves;
 * unpinned, they follow it (so the first half can fail). The suggestions' recent-work window, which
 * the engine's clock also ends: test/suggest/linkpred.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openEngine } from '../../engine/service.js';
import { openStore } from '../../graph/index.js';
import type { GraphStore } from '../../graph/store.js';
import type { Viewer } from '../../graph/viewer.js';
import { ingestDemo } from '../helpers/demo-engine.js';
import { stable } from '../visibility/helpers/normalise.js';

const viewer: Viewer = { id: 'clock', clearance: 'network', orgs: [] };
const NOW = new Date('2026-06-01T00:00:00Z');
const YEAR = 365 * 86_400_000;
let dir = '';
let store: GraphStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-clock-'));
  await ingestDemo(dir);
  store = await openStore({ backend: 'embedded', dataDir: dir });
}, 120_000);
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** A who-solved and a match-need answer's hits and scores. */
async function answers(now: (() => Date) | undefined): Promise<unknown[]> {
  const engine = await openEngine({ store, dataDir: dir, mode: 'lexical', ...(now === undefined ? {} : { now }) });
  try {
    const who = await engine.whoSolved('drone detection at prisons', { mode: 'lexical' }, viewer);
    const need = await engine.matchNeed('demo:challenge:sport-events-drones', viewer, { mode: 'lexical' });
    expect(who.hits.length).toBeGreaterThan(3);
    expect(need.hits.length).toBeGreaterThan(3);
    return [who.hits, need.hits].map((h) => stable(h));
  } finally {
    await engine.close();
  }
}

describe('the engine clock', () => {
  it('pinned: who-solved and match-need score alike whatever the system clock says', async () => {
    const first = await answers(() => NOW);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * YEAR });
    expect(await answers(() => NOW)).toEqual(first);
  });

  it('unpinned: the scores follow the system clock (recency ages)', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW.getTime() });
    const first = await answers(undefined);
    vi.setSystemTime(NOW.getTime() + 10 * YEAR);
    const later = await answers(undefined);
    for (const [i, part] of ['who-solved', 'match-need'].entries())
      expect(later[i], `${part} ten years later`).not.toEqual(first[i]);
    // The same answers as an engine pinned to that day.
    const pinned = await answers(() => NOW);
    vi.setSystemTime(NOW.getTime());
    expect(await answers(undefined)).toEqual(pinned);
  });
});
