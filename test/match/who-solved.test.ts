import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hit } from '../../engine/match/answer.js';
import { MatchError } from '../../engine/match/errors.js';
import { createMatcher } from '../../engine/match/who-solved.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { droneGraph, HIVE_PARTNERS, ID, INSIDER, OUTSIDER } from './graph.js';
import { type Fixture, NOW, openFixture } from './setup.js';

const QUERY = 'who has solved drone detection at prisons?';
const ids = (hits: readonly Hit[], kind?: string) =>
  hits.filter((h) => kind === undefined || h.kind === kind).map((h) => h.id);

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture(droneGraph());
});
afterAll(async () => {
  await fx.close();
});

describe('ranking', () => {
  it('ranks the producer of a mature result above the producer of a report', async () => {
    const a = await fx.matcher().whoSolved(QUERY, {}, OUTSIDER);
    const orgs = ids(a.hits, 'Organisation');
    const people = ids(a.hits, 'Person');
    expect(orgs.indexOf(ID.dronelab)).toBeLessThan(orgs.indexOf(ID.univ));
    expect(people.indexOf(ID.anna)).toBeLessThan(people.indexOf(ID.bruno));
    const results = ids(a.hits, 'Result');
    expect(results).toEqual([ID.demonstrator, ID.report]);
    expect(orgs[0]).toBe(ID.dronelab);
  });

  it('credits a coordinator above a participant of the same project', async () => {
    const a = await fx
      .matcher()
      .whoSolved('drone detection at prisons and airports', { kinds: ['Organisation'], limit: 20 }, OUTSIDER);
    const hive = a.hits.filter((h) => HIVE_PARTNERS.includes(h.id));
    expect(hive[0]?.id).toBe('org:hive1');
    const coordinator = hive[0]?.scores.score ?? 0;
    for (const h of hive.slice(1)) expect(h.scores.score).toBeLessThan(coordinator);
  });

  it('answers with `limit` hits in all, and at most `perKind` of each kind when asked', async () => {
    const all = await fx.matcher().whoSolved(QUERY, { limit: 50 }, OUTSIDER);
    const three = await fx.matcher().whoSolved(QUERY, { limit: 3 }, OUTSIDER);
    expect(three.hits.length).toBe(3);
    // The total cut keeps the best of every kind, in the order of the full answer.
    expect(ids(three.hits)).toEqual(ids(all.hits).slice(0, 3));
    const a = await fx.matcher().whoSolved(QUERY, { limit: 50, perKind: 2 }, OUTSIDER);
    expect(a.filters.perKind).toBe(2);
    for (const kind of ['Person', 'Organisation', 'Result', 'Project']) {
      expect(ids(a.hits, kind).length).toBeGreaterThan(0);
      expect(ids(a.hits, kind).length).toBeLessThanOrEqual(2);
    }
    const only = await fx.matcher().whoSolved(QUERY, { kinds: ['Result'] }, OUTSIDER);
    expect(new Set(only.hits.map((h) => h.kind))).toEqual(new Set(['Result']));
  });

  it('is the same answer, in the same order, when asked twice', async () => {
    const m = fx.matcher();
    const a = await m.whoSolved(QUERY, {}, OUTSIDER);
    const b = await m.whoSolved(QUERY, {}, OUTSIDER);
    expect(b.hits).toEqual(a.hits);
  });

  it("searches each kind's vectors without waiting for its words, and answers as before", async () => {
    const plain = await fx.matcher().whoSolved(QUERY, {}, OUTSIDER);
    // Each kind's word search is held until the dense side has searched that kind, or 2 s passed:
    // a dense search that waited for the words would find the gate still shut.
    const openedBy = new Map<string, 'dense' | 'timeout'>();
    const opens = new Map<string, (by: 'dense' | 'timeout') => void>();
    const gates = new Map<string, Promise<void>>();
    const gate = (kind: string): Promise<void> => {
      let g = gates.get(kind);
      if (g === undefined) {
        g = new Promise<void>((done) => {
          const open = (by: 'dense' | 'timeout') => {
            if (!openedBy.has(kind)) openedBy.set(kind, by);
            done();
          };
          opens.set(kind, open);
          setTimeout(() => open('timeout'), 2_000);
        });
        gates.set(kind, g);
      }
      return g;
    };
    type Rest<F> = F extends (kind: never, ...rest: infer R) => unknown ? R : never;
    const lexical = new Proxy(fx.lexical, {
      get(target, prop) {
        if (prop === 'search')
          return async (kind: string, ...rest: Rest<typeof target.search>) => {
            await gate(kind);
            return target.search(kind as never, ...rest);
          };
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const index = {
      search(...args: Parameters<typeof fx.dense.index.search>) {
        void gate(args[0]);
        opens.get(args[0])?.('dense');
        return fx.dense.index.search(...args);
      },
    };
    const held = await fx
      .matcher({ lexical, dense: { embedder: fx.dense.embedder, index } })
      .whoSolved(QUERY, {}, OUTSIDER);
    expect(openedBy.size).toBeGreaterThan(3);
    expect([...openedBy].filter(([, by]) => by !== 'dense')).toEqual([]);
    expect(held.hits.map((h) => [h.id, h.scores.score])).toEqual(plain.hits.map((h) => [h.id, h.scores.score]));
  });
});

describe('filters', () => {
  it('keeps only hits of the country (lower case accepted), and works with a partner there', async () => {
    const a = await fx.matcher().whoSolved(QUERY, { country: 'fr' }, OUTSIDER);
    expect(a.filters.country).toBe('FR');
    expect(ids(a.hits).sort()).toEqual([ID.gendarmerie, ID.skywall].sort());
  });

  it('keeps only organisations of the kind and people and works tied to one', async () => {
    const a = await fx.matcher().whoSolved(QUERY, { orgKind: 'lea' }, OUTSIDER);
    expect(ids(a.hits, 'Organisation')).toEqual([ID.gendarmerie]);
    expect(ids(a.hits, 'Person')).toEqual([]);
    const b = await fx.matcher().whoSolved(QUERY, { orgKind: 'industry' }, OUTSIDER);
    expect(ids(b.hits, 'Person')).toEqual([ID.anna]);
  });

  it('with a minimum TRL keeps results at or above it and those who made them', async () => {
    const a = await fx.matcher().whoSolved(QUERY, { minTrl: 7 }, OUTSIDER);
    expect(ids(a.hits, 'Result')).toEqual([ID.demonstrator]);
    expect(ids(a.hits)).not.toContain(ID.univ);
    expect(ids(a.hits)).not.toContain(ID.bruno);
    expect(ids(a.hits)).toContain(ID.dronelab);
    const none = await fx.matcher().whoSolved(QUERY, { minTrl: 9 }, OUTSIDER);
    expect(none.hits).toEqual([]);
    expect(none.empty).toMatch(/no visible match for .* with TRL 9 or more \(\d+ without these filters\)/u);
  });
});

describe('visibility', () => {
  const hidden: string[] = [ID.secret, ID.hidden, ID.radar, ID.secretNeed];
  const mentions = (hits: readonly Hit[]) =>
    hits.flatMap((h) => [
      h.id,
      ...h.path.nodes.map((n) => n.id),
      ...h.path.relationships.flatMap((r) => [r.from, r.to]),
      ...h.evidence.map((e) => e.work.id),
      ...h.snippets.map((s) => s.node),
    ]);

  it("never shows a restricted organisation's person, work or need to an outsider", async () => {
    for (const mode of ['hybrid', 'lexical', 'dense'] as const) {
      const a = await fx.matcher().whoSolved(QUERY, { mode, limit: 50 }, OUTSIDER);
      for (const id of hidden) expect(mentions(a.hits)).not.toContain(id);
    }
  });

  it('neither counts nor uses hidden nodes as evidence: the outsider gets the answer of a graph without them', async () => {
    const bare = await openFixture(droneGraph({ secrets: false }));
    try {
      for (const mode of ['hybrid', 'lexical'] as const) {
        const withSecrets = await fx.matcher().whoSolved(QUERY, { mode, limit: 50 }, OUTSIDER);
        const without = await bare.matcher().whoSolved(QUERY, { mode, limit: 50 }, OUTSIDER);
        expect(withSecrets.hits).toEqual(without.hits);
        expect(withSecrets.stats.lexical).toBe(without.stats.lexical);
        expect(withSecrets.stats.dense).toBe(without.stats.dense);
      }
    } finally {
      await bare.close();
    }
  });

  it('shows them to a member of the owning organisation, with the hidden radar as evidence', async () => {
    const a = await fx.matcher().whoSolved(QUERY, { limit: 50 }, INSIDER);
    expect(ids(a.hits)).toContain(ID.hidden);
    expect(ids(a.hits)).toContain(ID.radar);
    const gendarmerie = a.hits.find((h) => h.id === ID.gendarmerie);
    expect(gendarmerie?.evidence.map((e) => e.work.id)).toContain(ID.radar);
  });

  it('an anonymous viewer sees only public nodes', async () => {
    const anonymous: Viewer = { id: 'anon', clearance: 'public', orgs: [] };
    const a = await fx.matcher().whoSolved(QUERY, { limit: 50 }, anonymous);
    expect(ids(a.hits, 'Person')).toEqual([]);
    expect(ids(a.hits, 'Organisation')).toContain(ID.dronelab);
  });
});

describe('diversity', () => {
  it('does not fill the organisations with one consortium', async () => {
    const q = 'drone detection for prisons and airports sensor networks';
    const plain = await fx
      .matcher({ tuning: { diversity: 1, entityDiversity: 1 } })
      .whoSolved(q, { kinds: ['Organisation'], limit: 7 }, OUTSIDER);
    // The default penalty for partners of one project is mild (bench:quality: partners of the
    // most relevant consortium are mostly right answers); a stronger one shows the mechanism here.
    const diverse = await fx
      .matcher({ tuning: { entityDiversity: 0.8 } })
      .whoSolved(q, { kinds: ['Organisation'], limit: 7 }, OUTSIDER);
    const hive = (hits: readonly Hit[]) => hits.filter((h) => HIVE_PARTNERS.includes(h.id)).length;
    expect(hive(plain.hits)).toBeGreaterThan(hive(diverse.hits));
    expect(ids(plain.hits)).not.toContain(ID.gendarmerie);
    expect(ids(diverse.hits)).toContain(ID.gendarmerie);
    // The penalty grows with each partner of the same project ranked above.
    const factors = diverse.hits.filter((h) => HIVE_PARTNERS.includes(h.id)).map((h) => h.scores.diversity);
    expect(factors).toEqual([...factors].sort((a, b) => b - a));
    expect(factors[0]).toBe(1);
    expect(factors.at(-1)).toBeLessThan(1);
  });
});

describe('explanations', () => {
  it('each hit carries a real path in the store, from its evidence to itself, through visible nodes', async () => {
    for (const viewer of [OUTSIDER, INSIDER]) {
      const a = await fx.matcher().whoSolved(QUERY, { limit: 50 }, viewer);
      expect(a.hits.length).toBeGreaterThan(5);
      for (const h of a.hits) {
        const { nodes, relationships } = h.path;
        expect(nodes.at(-1)?.id).toBe(h.id);
        expect(relationships.length).toBe(nodes.length - 1);
        relationships.forEach((r, i) => {
          const pair = [nodes[i]?.id, nodes[i + 1]?.id].sort();
          expect([r.from, r.to].sort()).toEqual(pair);
        });
        for (const r of relationships) {
          const page = await fx.store.relationships({ type: r.type, from: [r.from], to: [r.to] }, viewer);
          expect(page.items).toEqual([r]);
        }
        const visible = await fx.store.getNodes(
          nodes.map((n) => n.id),
          viewer,
        );
        expect(visible.map((n) => n.id)).toEqual(nodes.map((n) => n.id));
      }
    }
  });

  it('an organisation credited through a result starts its path at that result', async () => {
    const a = await fx.matcher().whoSolved(QUERY, {}, OUTSIDER);
    const dronelab = a.hits.find((h) => h.id === ID.dronelab);
    expect(dronelab?.path.nodes.map((n) => n.id)).toEqual([ID.demonstrator, ID.dronelab]);
    expect(dronelab?.why).toMatch(/produced: result "Drone detection demonstrator at a prison" \(TRL 7\)/u);
    expect(dronelab?.evidence[0]).toMatchObject({ work: { id: ID.demonstrator, kind: 'Result' }, role: 'produced' });
  });

  it('snippets show the matched words as written, and the score parts add up', async () => {
    const a = await fx.matcher().whoSolved(QUERY, {}, OUTSIDER);
    for (const h of a.hits) {
      expect(h.snippets.length).toBeGreaterThan(0);
      for (const s of h.snippets) for (const w of s.matched) expect(s.text).toContain(w);
      expect(h.scores.final).toBeCloseTo(h.scores.score * h.scores.diversity, 3);
      for (const p of ['fused', 'evidence', 'maturity', 'recency', 'score', 'final'] as const) {
        expect(h.scores[p]).toBeGreaterThanOrEqual(0);
        expect(h.scores[p]).toBeLessThanOrEqual(1);
      }
    }
    const report = a.hits.find((h) => h.id === ID.report);
    expect(report?.scores.lexicalRank).toBe(1);
    expect(report?.snippets[0]?.matched).toEqual(expect.arrayContaining(['drone', 'detection', 'prisons']));
    expect(a.terms).toEqual(['drone', 'detection', 'prison']);
  });
});

describe('bad input', () => {
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(MatchError);
      return (e as MatchError).code;
    }
    return 'resolved';
  };

  it('rejects empty, blank and over-long queries', async () => {
    const m = fx.matcher();
    expect(await code(m.whoSolved('', {}, OUTSIDER))).toBe('ERR_QUERY_EMPTY');
    expect(await code(m.whoSolved(' \n\t ', {}, OUTSIDER))).toBe('ERR_QUERY_EMPTY');
    expect(await code(m.whoSolved('drone '.repeat(300), {}, OUTSIDER))).toBe('ERR_QUERY_TOO_LONG');
  });

  it('rejects unknown filters and malformed values, naming them', async () => {
    const m = fx.matcher();
    await expect(m.whoSolved(QUERY, { orgKind: 'police' as never }, OUTSIDER)).rejects.toThrow(
      /orgKind must be one of lea, /u,
    );
    await expect(m.whoSolved(QUERY, { country: 'FRA' }, OUTSIDER)).rejects.toThrow(/country must be a two-letter/u);
    await expect(m.whoSolved(QUERY, { country: 'F1' }, OUTSIDER)).rejects.toThrow(MatchError);
    await expect(m.whoSolved(QUERY, { minTrl: 12 }, OUTSIDER)).rejects.toThrow(
      /minTrl must be a whole number from 1 to 9/u,
    );
    await expect(m.whoSolved(QUERY, { limit: 0 }, OUTSIDER)).rejects.toThrow(/limit/u);
    await expect(m.whoSolved(QUERY, { colour: 'red' } as never, OUTSIDER)).rejects.toThrow(/unknown filter: colour/u);
    expect(await code(m.whoSolved(QUERY, { mode: 'fuzzy' as never }, OUTSIDER))).toBe('ERR_INVALID_FILTER');
  });

  it('says why an answer is empty instead of returning nothing silently', async () => {
    const a = await fx.matcher().whoSolved('zebra crossing maintenance', { mode: 'lexical' }, OUTSIDER);
    expect(a.hits).toEqual([]);
    expect(a.empty).toBe('no visible match for "zebra crossing maintenance"');
    // Hybrid abstains on it (nothing is close in meaning either) and says so.
    const hybrid = await fx.matcher().whoSolved('zebra crossing maintenance', {}, OUTSIDER);
    expect(hybrid.hits).toEqual([]);
    expect(hybrid.abstained?.reason).toMatch(/nothing in the network is close enough/u);
    const b = await fx.matcher().whoSolved(QUERY, { country: 'PT' }, OUTSIDER);
    expect(b.empty).toMatch(/with country PT \(\d+ without these filters\)/u);
    const c = await fx.matcher().whoSolved('who has?', { mode: 'lexical' }, OUTSIDER);
    expect(c.empty).toMatch(/no searchable words/u);
  });

  it('fails clearly when the dense side is configured but unavailable, unless lexical mode is asked for', async () => {
    const noModel = createMatcher({
      store: fx.store,
      lexical: fx.lexical,
      denseProblem: 'ERR_MODEL_NOT_PROVISIONED: model folder .cache/models/x is missing',
      now: () => NOW,
    });
    await expect(noModel.whoSolved(QUERY, {}, OUTSIDER)).rejects.toMatchObject({
      code: 'ERR_DENSE_UNAVAILABLE',
      message: expect.stringMatching(/model folder .* is missing; ask for lexical mode/u),
    });
    await expect(noModel.whoSolved(QUERY, { mode: 'dense' }, OUTSIDER)).rejects.toMatchObject({
      code: 'ERR_DENSE_UNAVAILABLE',
    });
    const lexical = await noModel.whoSolved(QUERY, { mode: 'lexical' }, OUTSIDER);
    expect(ids(lexical.hits)).toContain(ID.dronelab);
    expect(lexical.stats.dense).toBe(0);

    const broken = fx.matcher({
      dense: {
        embedder: {
          ...fx.dense.embedder,
          model: 'broken',
          embed: () => Promise.reject(new Error('onnx session crashed')),
        },
        index: fx.dense.index,
      },
    });
    await expect(broken.whoSolved(QUERY, {}, OUTSIDER)).rejects.toMatchObject({
      code: 'ERR_DENSE_UNAVAILABLE',
      message: expect.stringMatching(/onnx session crashed/u),
    });
    const badIndex = fx.matcher({
      dense: {
        embedder: fx.dense.embedder,
        index: { search: () => Promise.reject(new Error('index file truncated')) },
      },
    });
    await expect(badIndex.whoSolved(QUERY, {}, OUTSIDER)).rejects.toMatchObject({ code: 'ERR_DENSE_UNAVAILABLE' });
  });

  it('the system viewer is not special-cased: it simply sees everything', async () => {
    const a = await fx.matcher().whoSolved(QUERY, { limit: 50 }, SYSTEM);
    expect(ids(a.hits)).toContain(ID.hidden);
  });
});
