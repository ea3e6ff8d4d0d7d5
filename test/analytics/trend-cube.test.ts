/**
 * Trends with no filter are read from per-bucket counts kept per snapshot state, viewer class and
 * unit (engine/analytics/trends.ts trendCube); with any filter, fact by fact. A filter that keeps
 * every fact (`from: '0001'`) takes the second way, so the two must give the same answer, for
 * every viewer class, unit and grouping, before and after a write, with today cutting off the
 * planned starts after it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedSource } from '../../datasets/generator/generate.js';
import { runIngest } from '../../engine/ingest/index.js';
import { type Engine, openEngine } from '../../engine/service.js';
import { ANONYMOUS, type GraphStore, openStore, SYSTEM, type Viewer } from '../../graph/index.js';

const NOW = new Date('2024-05-20T12:00:00Z');
let dir: string;
let store: GraphStore;
let engine: Engine;
let viewers: [string, Viewer][];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ileanet-trend-cube-'));
  store = await openStore({ backend: 'embedded', dataDir: dir });
  await store.init();
  await runIngest(store, generatedSource({ seed: 23, people: 400, countries: ['PT', 'BE', 'FR', 'DE'] }));
  engine = await openEngine({ store, dataDir: dir, mode: 'lexical', now: () => NOW });
  const org = (await store.list({ kind: 'Organisation', limit: 1 }, SYSTEM)).items[0]?.id ?? 'org:none';
  viewers = [
    ['system', SYSTEM],
    ['network member', { id: 'p:cube', clearance: 'network', orgs: [org] }],
    ['network, no organisation', { id: 'p:cube2', clearance: 'network', orgs: [] }],
    ['anonymous', ANONYMOUS],
  ];
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await store?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const ways = async (viewer: Viewer) => {
  const out: { label: string; counted: unknown; scanned: unknown }[] = [];
  for (const unit of ['year', 'quarter'] as const)
    for (const by of ['topic', 'country'] as const) {
      const q = { unit, by, minSupport: 1, limit: 200 };
      out.push({
        label: `${unit} by ${by}`,
        counted: await engine.trends(q, viewer),
        scanned: await engine.trends({ ...q, from: '0001' }, viewer),
      });
    }
  return out;
};

describe('trends without filters, from the kept counts', () => {
  it('answer as the same request read fact by fact, for every viewer class, unit and grouping', async () => {
    for (const [name, viewer] of viewers)
      for (const { label, counted, scanned } of await ways(viewer))
        expect(counted, `${name}, ${label}`).toEqual(scanned);
    // Not a comparison of two empty answers: the system viewer sees series, quarters and emerging topics,
    // and today (2024-Q2) cuts the buckets where the scan cuts them.
    const all = await engine.trends({ unit: 'quarter', minSupport: 1 }, SYSTEM);
    expect(all.series.length).toBeGreaterThan(3);
    expect(all.emerging.length).toBeGreaterThan(0);
    expect((all.buckets.at(-1) ?? '') <= '2024-Q2').toBe(true);
    const anon = await engine.trends({}, ANONYMOUS);
    expect(anon.series.length).toBeLessThan(all.series.length);
  });

  it('follow a write: a new challenge counts in both ways alike', async () => {
    const before = await engine.trends({ unit: 'year' }, SYSTEM);
    await store.upsert({
      nodes: [
        {
          kind: 'Challenge',
          id: 'ch:cube-new',
          title: 'A need raised today',
          date: '2024-05-01',
          visibility: 'network',
        },
      ],
    });
    await expect
      .poll(async () => (await engine.trends({ unit: 'year' }, SYSTEM)).totals.challenges.at(-1))
      .toBe((before.totals.challenges.at(-1) ?? 0) + 1);
    for (const [name, viewer] of viewers)
      for (const { label, counted, scanned } of await ways(viewer))
        expect(counted, `${name}, ${label}`).toEqual(scanned);
  });
});
