/**
 * Trends without dates (no filter, a country or a topic) are read from per-bucket counts kept per
 * snapshot state, viewer class, unit and filter (engine/analytics/trends.ts trendCube); with dates,
 * fact by fact. A date filter that keeps every fact (`from: '0001'`) takes the second way, so the
 * two must give the same answer (or the same failure), for every viewer class, filter, unit and
 * grouping, before and after a write, with today cutting off the planned starts after it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedSource } from '../../datasets/generator/generate.js';
import { computeFacts } from '../../engine/analytics/facts.js';
import { loadSnapshot } from '../../engine/analytics/snapshot.js';
import { type CubeFilter, trendCube, trends } from '../../engine/analytics/trends.js';
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
  const topics = (await engine.trends({ minSupport: 1 }, SYSTEM)).series.map((x) => x.key);
  filters = [
    {},
    { country: 'BE' },
    { country: 'DE' },
    { topic: topics[0] ?? 'none' },
    { topic: topics.at(-1) ?? 'none' },
  ];
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await store?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Each request both ways: as asked, and with a date filter that keeps every fact (read fact by fact). */
const ways = async (viewer: Viewer, filters: Record<string, string>[]) => {
  // Only the refusal of a topic the viewer may not see is an expected failure; any other fails the test.
  const settle = (p: Promise<unknown>) =>
    p.catch((e: unknown) => {
      if ((e as { code?: string }).code !== 'ERR_NOT_FOUND') throw e;
      return { failed: (e as Error).message };
    });
  const out: { label: string; counted: unknown; scanned: unknown }[] = [];
  for (const filter of filters)
    for (const unit of ['year', 'quarter'] as const)
      for (const by of ['topic', 'country'] as const) {
        const q = { ...filter, unit, by, minSupport: 1, limit: 200 };
        out.push({
          label: `${JSON.stringify(filter)} ${unit} by ${by}`,
          counted: await settle(engine.trends(q, viewer)),
          scanned: await settle(engine.trends({ ...q, from: '0001' }, viewer)),
        });
      }
  return out;
};

/** No filter, a country, a topic: the requests a cube answers. */
let filters: Record<string, string>[];

describe('trends without dates, from the kept counts', () => {
  it('answer as the same request read fact by fact, for every viewer class, filter, unit and grouping', async () => {
    for (const [name, viewer] of viewers)
      for (const { label, counted, scanned } of await ways(viewer, filters))
        expect(counted, `${name}, ${label}`).toEqual(scanned);
    // Not a comparison of two empty answers: the system viewer sees series, quarters and emerging topics,
    // and today (2024-Q2) cuts the buckets where the scan cuts them.
    const all = await engine.trends({ unit: 'quarter', minSupport: 1 }, SYSTEM);
    expect(all.series.length).toBeGreaterThan(3);
    expect(all.emerging.length).toBeGreaterThan(0);
    expect((all.buckets.at(-1) ?? '') <= '2024-Q2').toBe(true);
    const be = await engine.trends({ country: 'BE', minSupport: 1 }, SYSTEM);
    expect(be.series.length).toBeGreaterThan(0);
    expect(be.totals.projects.reduce((a, b) => a + b, 0)).toBeLessThan(all.totals.projects.reduce((a, b) => a + b, 0));
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
      for (const { label, counted, scanned } of await ways(viewer, filters))
        expect(counted, `${name}, ${label}`).toEqual(scanned);
  });

  it('are read from the cube, and requests with dates or with both filters are not', async () => {
    const s = await loadSnapshot(store);
    const facts = computeFacts(s, s.visibleMask(SYSTEM));
    const asked: string[] = [];
    const cubeOf = (unit: 'year' | 'quarter', filter: CubeFilter) => {
      asked.push(`${unit} ${JSON.stringify(filter)}`);
      return trendCube(facts, unit, filter);
    };
    const topic = s.of('Topic')[0] as number;
    const topicId = s.node(topic).id;
    const ask = (q: Parameters<typeof trends>[2]) => trends(s, facts, q, SYSTEM, NOW, cubeOf);
    ask({});
    ask({ unit: 'quarter', by: 'country', country: 'BE' });
    ask({ topic: topicId });
    expect(asked).toEqual(['year {}', 'quarter {"country":"BE"}', `year {"topic":${topic}}`]);
    ask({ from: '2020' });
    ask({ to: '2023-06' });
    ask({ country: 'BE', topic: topicId });
    expect(asked).toHaveLength(3);
  });
});
