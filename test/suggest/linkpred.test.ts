/** Link-prediction features on a graph small enough to count by hand, and the logistic fit. */
import { describe, expect, it } from 'vitest';
import { collaborationGraph } from '../../engine/analytics/network.js';
import { Snapshot } from '../../engine/analytics/snapshot.js';
import {
  adamicAdar,
  CollabIndex,
  commonNeighbours,
  DEFAULT_LINK_MODEL,
  FEATURES,
  fitLinkModel,
  logit,
  pairFeatures,
} from '../../engine/suggest/linkpred.js';
import { SYSTEM } from '../../graph/viewer.js';

/**
 * Organisations a, b, c, d, e; projects joining {a,b,c}, {c,d} and {d,e} (2020), and {a,e} in 2010.
 * Graph: a–b, a–c, b–c, c–d, d–e, a–e.
 */
function snapshot(): Snapshot {
  const s = new Snapshot({ epoch: 'test', seq: 0 }, new Date());
  const add = (id: string, kind: 'Organisation' | 'Project', extra: Record<string, string> = {}) => {
    const k = s.nodes.length;
    s.nodes.push({ id, kind, visibility: 'public', label: id, ...extra });
    s.key.set(id, k);
    s.byKind.set(kind, [...(s.byKind.get(kind) ?? []), k]);
    return k;
  };
  const orgs = Object.fromEntries(
    ['a', 'b', 'c', 'd', 'e'].map((o, i) => [o, add(o, 'Organisation', { country: i < 2 ? 'BE' : 'FR' })]),
  );
  const project = (id: string, date: string, members: string[]) => {
    const p = add(id, 'Project', { date });
    for (const m of members) {
      const o = orgs[m] as number;
      s.participants.set(p, [...(s.participants.get(p) ?? []), { to: o }]);
      s.projectsOf.set(o, [...(s.projectsOf.get(o) ?? []), { to: p }]);
    }
  };
  project('p1', '2020-01-01', ['a', 'b', 'c']);
  project('p2', '2020-01-01', ['c', 'd']);
  project('p3', '2020-01-01', ['d', 'e']);
  project('p4', '2010-01-01', ['a', 'e']);
  return s;
}

describe('link prediction', () => {
  const s = snapshot();
  const mask = s.visibleMask(SYSTEM);
  const ix = new CollabIndex(collaborationGraph(s, mask), s, mask, '2021-01-01');
  const at = (id: string) => ix.pos.get(s.key.get(id) as number) as number;

  it('counts common neighbours, Adamic–Adar and paths of length 3 as by hand', () => {
    // b and d: common neighbour c (degree 3).
    expect(commonNeighbours(ix, at('b'), at('d'))).toBe(1);
    expect(adamicAdar(ix, at('b'), at('d'))).toBeCloseTo(1 / Math.log(3), 12);
    // b and e: common neighbour a (degree 3); paths of length 3: b-c-d-e and b-a-... none other (b-c-a-e too).
    const maps = ix.sourceMaps(at('b'));
    expect(maps.three.get(at('e'))).toBe(2);
    expect(maps.sums.get(at('d'))?.aa).toBeCloseTo(1 / Math.log(3), 12);
    const x = pairFeatures(ix, s, at('b'), at('e'), maps);
    expect(x).toHaveLength(FEATURES.length);
    expect(x[FEATURES.indexOf('cn')]).toBeCloseTo(Math.log1p(1), 12);
    expect(x[FEATURES.indexOf('same')]).toBe(0);
    // Recent activity (3 years before 2021-01-01): b has p1, e has p3; p4 (2010) is old.
    expect(ix.recent[at('e')]).toBe(1);
    expect(ix.recent[at('a')]).toBe(1);
  });

  it('ends the recent window at the given day (the engine clock), not the system clock; no project is left out', () => {
    const graph = collaborationGraph(s, mask);
    // 2011: p4 (2010) is recent, the 2020 projects not yet; 2022: the reverse.
    const in2011 = new CollabIndex(graph, s, mask, undefined, '2011-01-01');
    const in2022 = new CollabIndex(graph, s, mask, undefined, '2022-01-01');
    expect(['a', 'b', 'e'].map((o) => in2011.recent[in2011.pos.get(s.key.get(o) as number) as number])).toEqual([
      1, 0, 1,
    ]);
    expect(['a', 'b', 'e'].map((o) => in2022.recent[in2022.pos.get(s.key.get(o) as number) as number])).toEqual([
      1, 1, 1,
    ]);
    // Unlike an evaluation's cut (`until`), the day keeps every project in the profiles.
    expect(in2011.profile).toEqual(new CollabIndex(graph, s, mask).profile);
  });

  it('a time cut keeps later projects out of the graph', () => {
    const before = collaborationGraph(s, mask, { until: '2015-12-31' });
    expect(before.order).toBe(2); // only p4: a–e
    const after = collaborationGraph(s, mask, { after: '2015-12-31' });
    expect(after.hasEdge(String(s.key.get('a')), String(s.key.get('e')))).toBe(false);
  });

  it('the logistic fit separates separable data and ranks positives first', () => {
    const xs = [
      [0, 0],
      [0.1, 0.2],
      [0.2, 0.1],
      [1, 1],
      [0.9, 1.1],
      [1.1, 0.8],
    ];
    const ys = [0, 0, 0, 1, 1, 1];
    const m = fitLinkModel(xs, ys, { iterations: 500, rate: 0.5, features: ['a', 'b'] });
    const scores = xs.map((x) => logit(m, x));
    expect(Math.min(...scores.slice(3))).toBeGreaterThan(Math.max(...scores.slice(0, 3)));
    expect(m.weights.every((w) => w > 0)).toBe(true);
    expect(m.features).toEqual(['a', 'b']);
  });

  it('refuses rows whose width is not the number of features', () => {
    expect(() => fitLinkModel([[1, 2, 3]], [1], { features: ['a', 'b'] })).toThrow(
      /row 0 has 3 values; the model has 2/,
    );
  });

  it('ships a model fitted on exactly FEATURES: same names, same order, one value per feature', () => {
    expect(DEFAULT_LINK_MODEL.features).toEqual([...FEATURES]);
    for (const field of ['mean', 'std', 'weights'] as const) {
      expect(DEFAULT_LINK_MODEL[field], field).toHaveLength(FEATURES.length);
      expect(DEFAULT_LINK_MODEL[field].every(Number.isFinite), field).toBe(true);
    }
  });
});
