/** The snapshot cache: fresh after writes on small graphs, stale-while-reloading on slow ones. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Snapshots } from '../../engine/analytics/snapshot.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { GraphStore } from '../../graph/store.js';

describe('Snapshots', () => {
  let dir: string;
  let store: GraphStore;
  const topic = (id: string) => ({ nodes: [{ id, kind: 'Topic' as const, label: id, scheme: 'keyword' as const }] });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ileanet-snap-'));
    store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
    await store.init();
    await store.upsert(topic('t:a'));
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reuses the snapshot while the revision holds and reloads at once after a write when loads are quick', async () => {
    const snaps = new Snapshots(store);
    const first = await snaps.get();
    expect(await snaps.get()).toBe(first);
    await store.upsert(topic('t:b'));
    const second = await snaps.get();
    expect(second).not.toBe(first);
    expect(second.of('Topic')).toHaveLength(2);
  });

  it('keeps answering from the old snapshot while a slow reload runs, then switches', async () => {
    const lines: string[] = [];
    const snaps = new Snapshots(store, -1, (l) => lines.push(l)); // every load counts as slow
    const first = await snaps.get();
    await store.upsert(topic('t:b'));
    expect(await snaps.get(), 'stale while the reload runs').toBe(first);
    expect(lines.join('\n')).toMatch(/reloading the snapshot in the background/u);
    let next = first;
    for (let i = 0; i < 100 && next === first; i++) {
      await new Promise((r) => setTimeout(r, 10));
      next = await snaps.get();
    }
    expect(next).not.toBe(first);
    expect(next.of('Topic')).toHaveLength(2);
  });

  it('derived values are computed once per snapshot', async () => {
    const snaps = new Snapshots(store);
    const s = await snaps.get();
    let calls = 0;
    const f = () => ++calls;
    expect(snaps.derived(s, 'x', f)).toBe(1);
    expect(snaps.derived(s, 'x', f)).toBe(1);
    await store.upsert(topic('t:c'));
    const s2 = await snaps.get();
    expect(snaps.derived(s2, 'x', f)).toBe(2);
  });
});
