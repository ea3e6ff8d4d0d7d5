import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEXICAL_KINDS, LexicalIndex } from '../../engine/match/lexical.js';
import { queryTerms, terms } from '../../engine/match/text.js';
import { TEXT_FIELDS } from '../../graph/model.js';
import { SYSTEM } from '../../graph/viewer.js';
import { droneGraph, ID, INSIDER, OUTSIDER } from './graph.js';
import { type Fixture, openFixture } from './setup.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture(droneGraph());
});
afterAll(async () => {
  await fx.close();
});

describe('lexical index', () => {
  it("scores exactly as MiniSearch's own BM25+ search, in the same order", async () => {
    for (const kind of ['Project', 'Result', 'Person'] as const) {
      const page = await fx.store.list({ kind, limit: 1000 }, SYSTEM);
      const boost: Record<string, number> =
        kind === 'Project'
          ? { acronym: 1.5, title: 2, objective: 1, keywords: 1.5 }
          : kind === 'Result'
            ? { title: 2, description: 1, resultType: 0.5 }
            : { name: 1, expertise: 2, bio: 1 };
      const ms = new MiniSearch({
        fields: [...TEXT_FIELDS[kind]],
        // A missing field counts as empty: the index averages field lengths over every document
        // it scores (MiniSearch's running average skips a document's missing fields unevenly).
        extractField: (d: Record<string, unknown>, f: string) => {
          const v = d[f];
          return Array.isArray(v) ? v.join('; ') : (v ?? '');
        },
        tokenize: terms,
        processTerm: (t) => t,
      });
      ms.addAll(page.items);
      const q = queryTerms('drone detection at prisons radio sensors');
      const expected = ms.search(q.join(' '), { tokenize: (s) => s.split(' '), boost }).map((r) => [r.id, r.score]);
      const got = fx.lexical.search(kind, q, 100, SYSTEM).map((h) => [h.id, h.score]);
      expect(got.map((g) => g[0])).toEqual(expected.map((e) => e[0]));
      got.forEach((g, i) => {
        expect(g[1]).toBeCloseTo(expected[i]?.[1] as number, 4);
      });
    }
  });

  it('keeps hidden documents out of the top k for viewers who may not see them', () => {
    const q = queryTerms('drone detection at prisons');
    expect(fx.lexical.search('Person', q, 10, OUTSIDER).map((h) => h.id)).not.toContain(ID.hidden);
    expect(fx.lexical.search('Person', q, 10, INSIDER).map((h) => h.id)).toContain(ID.hidden);
    expect(fx.lexical.visible('Person', ID.hidden, OUTSIDER)).toBe(false);
    expect(fx.lexical.visible('Person', ID.hidden, INSIDER)).toBe(true);
    expect(fx.lexical.visible('Person', 'per:nobody', OUTSIDER)).toBeUndefined();
  });

  it('reports which query terms each hit holds', () => {
    const [top] = fx.lexical.search('Result', queryTerms('demonstrator prisons zebra'), 1, OUTSIDER);
    expect(top).toMatchObject({ id: ID.demonstrator, terms: ['demonstrator', 'prison'] });
  });

  it('loads what it persisted without rebuilding, and replays the change feed from the seq it was saved at', async () => {
    const lines: string[] = [];
    const again = await LexicalIndex.open(fx.store, fx.dir, { log: (l) => lines.push(l) });
    expect(lines).toEqual([]);
    expect(again.size('Project')).toBe(fx.lexical.size('Project'));

    await fx.store.upsert({
      nodes: [{ kind: 'Project', id: 'prj:new', title: 'Acoustic drone detection', visibility: 'public' }],
    });
    const caught = await LexicalIndex.open(fx.store, fx.dir, { log: (l) => lines.push(l) });
    expect(lines, 'no rebuild: the feed reaches back').toEqual([]);
    expect(caught.search('Project', ['acoustic'], 5, OUTSIDER).map((h) => h.id)).toEqual(['prj:new']);
    expect(caught.position.seq).toBe(await fx.store.headSeq());
    // An edit that keeps every count equal is seen too (the old count stamp missed it).
    const report = await fx.store.getNode(ID.report, SYSTEM);
    if (report === undefined) throw new Error('fixture lost the report');
    await fx.store.upsert({ nodes: [{ ...report, title: 'Quokka census methods' } as typeof report] });
    const edited = await LexicalIndex.open(fx.store, fx.dir, { log: (l) => lines.push(l) });
    expect(edited.search('Result', ['quokka'], 5, SYSTEM).map((h) => h.id)).toEqual([ID.report]);
    expect(lines).toEqual([]);
    await fx.store.upsert({ nodes: [report] });
    await fx.store.deleteNodes(['prj:new']);
    await LexicalIndex.rebuild(fx.store, fx.dir);
  });

  it('rebuilds with a line when the feed no longer reaches back to the saved seq', async () => {
    await fx.store.upsert({ nodes: [{ kind: 'Project', id: 'prj:gap', title: 'Gap filler', visibility: 'public' }] });
    await fx.store.pruneChanges({ records: 0 });
    const lines: string[] = [];
    const rebuilt = await LexicalIndex.open(fx.store, fx.dir, { log: (l) => lines.push(l) });
    expect(lines).toEqual([expect.stringMatching(/lexical index is stale/u)]);
    expect(rebuilt.search('Project', ['gap'], 5, OUTSIDER).map((h) => h.id)).toEqual(['prj:gap']);
    await fx.store.deleteNodes(['prj:gap']);
    await LexicalIndex.rebuild(fx.store, fx.dir);
  });

  it('rebuilds a truncated or damaged file that still parses, with a line, and never serves it', async () => {
    const file = join(fx.dir, 'lexical', 'Project.jsonl');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"documentCount":', '"documentCount":1'));
    const lines: string[] = [];
    const repaired = await LexicalIndex.open(fx.store, fx.dir, { log: (l) => lines.push(l) });
    expect(lines).toEqual([expect.stringMatching(/Project\.jsonl is unreadable \(.*\); rebuilding it/u)]);
    expect(repaired.size('Project')).toBe(fx.lexical.size('Project'));
  });

  it('rebuilds a corrupt index file with a log line instead of failing', async () => {
    await writeFile(join(fx.dir, 'lexical', 'Result.jsonl'), '{"h": {"documentCount": 3}}\n{"i": [[');
    const lines: string[] = [];
    const repaired = await LexicalIndex.open(fx.store, fx.dir, { log: (l) => lines.push(l) });
    expect(lines).toEqual([expect.stringMatching(/lexical index .*Result\.jsonl is unreadable .*; rebuilding it/u)]);
    expect(repaired.search('Result', ['demonstrator'], 5, OUTSIDER).map((h) => h.id)).toEqual([ID.demonstrator]);
    // …and the repaired file loads silently next time.
    for (const line of (await readFile(join(fx.dir, 'lexical', 'Result.jsonl'), 'utf8')).trimEnd().split('\n'))
      JSON.parse(line);
    const quiet: string[] = [];
    await LexicalIndex.open(fx.store, fx.dir, { log: (l) => quiet.push(l) });
    expect(quiet).toEqual([]);
  });

  it('follows upserts and removals in memory', async () => {
    const index = await LexicalIndex.build(fx.store, LEXICAL_KINDS);
    index.remove([ID.report]);
    expect(index.search('Result', ['report'], 5, SYSTEM).map((h) => h.id)).toEqual([]);
    const report = await fx.store.getNode(ID.report, SYSTEM);
    if (report === undefined) throw new Error('fixture lost the report');
    index.upsert([{ ...report, title: 'Zebra study' } as typeof report]);
    expect(index.search('Result', ['zebra'], 5, SYSTEM).map((h) => h.id)).toEqual([ID.report]);
  });
});
