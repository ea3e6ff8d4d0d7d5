import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calibrateFloor,
  embedProbes,
  judge,
  OFF_TOPIC_PROBES,
  type RelevanceFloor,
} from '../../engine/match/abstain.js';
import type { DenseKeep } from '../../engine/match/dense-keep.js';
import { aggregateEvidence } from '../../engine/match/rank.js';
import { SYSTEM } from '../../graph/index.js';
import { IN_DOMAIN, OUT_OF_DOMAIN } from '../bench/quality-abstain.js';
import { droneGraph, OUTSIDER } from './graph.js';
import { type Fixture, openFixture } from './setup.js';

/** Dense filters that let every vector through, or none (calibration over what a viewer sees). */
const KEEP_ALL: DenseKeep = {
  viewer: SYSTEM,
  exclude: new Set(),
  now: () => true,
  resolve: async (ids) => new Set(ids),
};
const KEEP_NONE: DenseKeep = { viewer: SYSTEM, exclude: new Set(), now: () => false, resolve: async () => new Set() };

const floor: RelevanceFloor = {
  model: 'test',
  kinds: new Map([
    ['Project', { weak: 0.3, strong: 0.5 }],
    ['Result', { weak: 0.2, strong: 0.4 }],
  ]),
  probes: 40,
};
const support = (project: number, result: number, lexicalCoverage: number) => ({
  cosine: new Map([
    ['Project', project],
    ['Result', result],
  ] as const),
  lexicalCoverage,
});

describe('judge', () => {
  it('answers on strong dense support alone, in any kind', () => {
    expect(judge(floor, support(0.55, 0.1, 0)).answer).toBe(true);
    const v = judge(floor, support(0.1, 0.45, 0));
    expect(v.answer).toBe(true);
    expect(v.kind).toBe('Result');
  });

  it('answers on weak dense support only when more than half the words occur in one work', () => {
    expect(judge(floor, support(0.35, 0.1, 0.6)).answer).toBe(true);
    expect(judge(floor, support(0.35, 0.1, 0.5)).answer).toBe(false);
  });

  it('abstains on words alone when the meaning is as far as off-topic questions get', () => {
    const v = judge(floor, support(0.25, 0.15, 1));
    expect(v.answer).toBe(false);
    expect(v.cosine).toBe(0.25);
  });

  it('lets the lexical side decide when no kind could be calibrated', () => {
    const none: RelevanceFloor = { model: 'test', kinds: new Map(), probes: 40 };
    expect(judge(none, support(0.9, 0.9, 0)).answer).toBe(false);
    expect(judge(none, support(0, 0, 0.6)).answer).toBe(true);
  });
});

describe('the labelled sets', () => {
  it('keep the calibration probes apart from the benchmark queries', () => {
    const probes = new Set(OFF_TOPIC_PROBES.map((p) => p.toLowerCase()));
    for (const q of [...OUT_OF_DOMAIN, ...IN_DOMAIN]) expect(probes.has(q.toLowerCase())).toBe(false);
    expect(OUT_OF_DOMAIN.length).toBeGreaterThanOrEqual(50);
    expect(IN_DOMAIN.length).toBeGreaterThanOrEqual(50);
  });
});

describe('abstention in who-solved', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(droneGraph());
  });
  afterAll(async () => {
    await fx.close();
  });

  it('calibrates a floor per kind from the off-topic probes', async () => {
    const f = await calibrateFloor(fx.dense, await embedProbes(fx.dense), () => KEEP_ALL);
    expect(f.probes).toBe(OFF_TOPIC_PROBES.length);
    expect(f.kinds.size).toBeGreaterThan(0);
    for (const k of f.kinds.values()) expect(k.weak).toBeLessThanOrEqual(k.strong);
    // Calibrated only on what a viewer may see: with nothing visible there is no floor at all.
    const blind = await calibrateFloor(fx.dense, await embedProbes(fx.dense), () => KEEP_NONE);
    expect(blind.kinds.size).toBe(0);
  });

  it('returns an empty answer that says why and offers to raise a challenge for gibberish', async () => {
    for (const mode of ['hybrid', 'dense'] as const) {
      const a = await fx.matcher().whoSolved('xqzv plorf', { mode }, OUTSIDER);
      expect(a.hits).toEqual([]);
      expect(a.abstained?.suggestion).toBe('raise-challenge');
      expect(a.abstained?.reason).toContain('nothing in the network is close enough');
      expect(a.empty).toMatch(/raise it as a challenge/iu);
      expect(a.stats.walks).toBe(0);
    }
  });

  it('still answers a question the network covers', async () => {
    const a = await fx.matcher().whoSolved('drone detection at prisons', {}, OUTSIDER);
    expect(a.abstained).toBeUndefined();
    expect(a.hits.length).toBeGreaterThan(0);
  });

  it('answers with the nearest neighbours when abstention is off, and never abstains in lexical mode', async () => {
    // Shares only common words with the graph: near in a bag-of-words sense, about nothing in it.
    const cake = 'how to bake a chocolate cake for the family and the children';
    // A floor pinned from the whole fixture: the six-work graph is too small for a floor calibrated
    // on one viewer's share of it to say much (each viewer's own calibration is tested above).
    const floor = await calibrateFloor(fx.dense, await embedProbes(fx.dense), () => KEEP_ALL);
    const on = await fx.matcher({ abstention: floor }).whoSolved(cake, { mode: 'dense' }, OUTSIDER);
    expect(on.abstained).toBeDefined();
    const off = await fx.matcher({ abstention: 'off' }).whoSolved(cake, { mode: 'dense' }, OUTSIDER);
    expect(off.abstained).toBeUndefined();
    expect(off.hits.length).toBeGreaterThan(0);
    const lexical = await fx.matcher().whoSolved('xqzv plorf', { mode: 'lexical' }, OUTSIDER);
    expect(lexical.abstained).toBeUndefined();
  });
});

describe('aggregateEvidence', () => {
  const t = { evidenceDiscount: 0.8, evidenceGain: 1.5 };
  it('ranks many relevant works above one equally strong work, with diminishing returns', () => {
    const one = aggregateEvidence([0.5], t);
    const three = aggregateEvidence([0.5, 0.5, 0.5], t);
    const six = aggregateEvidence([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], t);
    expect(three).toBeGreaterThan(one);
    expect(six).toBeGreaterThan(three);
    expect(six - three).toBeLessThan(three - one);
    expect(six).toBeLessThan(1);
  });

  it('does not depend on the order of the works, and counts only the strongest with no discount left', () => {
    expect(aggregateEvidence([0.1, 0.7, 0.3], t)).toBeCloseTo(aggregateEvidence([0.7, 0.3, 0.1], t), 12);
    const only = { evidenceDiscount: 0, evidenceGain: 1.5 };
    expect(aggregateEvidence([0.7, 0.6, 0.5], only)).toBeCloseTo(aggregateEvidence([0.7], only), 12);
    expect(aggregateEvidence([], t)).toBe(0);
  });
});
