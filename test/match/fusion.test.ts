import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../engine/match/fusion.js';
import { noisyOr } from '../../engine/match/rank.js';

describe('reciprocal rank fusion', () => {
  it('sums weight / (k + rank) over the lists, divided by the best possible sum', () => {
    const fused = reciprocalRankFusion(
      [
        { name: 'lexical', ids: ['a', 'b', 'c'] },
        { name: 'dense', ids: ['b', 'd'] },
      ],
      60,
    );
    const best = 2 / 61;
    const byId = Object.fromEntries(fused.map((f) => [f.id, f]));
    expect(byId['b']?.score).toBeCloseTo((1 / 62 + 1 / 61) / best, 12);
    expect(byId['a']?.score).toBeCloseTo(1 / 61 / best, 12);
    expect(byId['c']?.score).toBeCloseTo(1 / 63 / best, 12);
    expect(byId['d']?.score).toBeCloseTo(1 / 62 / best, 12);
    expect(fused.map((f) => f.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(byId['b']?.ranks).toEqual({ lexical: 2, dense: 1 });
    expect(byId['c']?.ranks).toEqual({ lexical: 3 });
  });

  it('gives 1 to what both lists put first, and stays in [0, 1]', () => {
    const fused = reciprocalRankFusion([
      { name: 'x', ids: ['a', 'b'] },
      { name: 'y', ids: ['a', 'c'] },
    ]);
    expect(fused[0]).toMatchObject({ id: 'a', score: 1 });
    for (const f of fused) expect(f.score).toBeGreaterThan(0);
  });

  it('weights a side: a heavier list decides between two one-sided hits', () => {
    const lists = (wl: number, wd: number) =>
      reciprocalRankFusion([
        { name: 'lexical', ids: ['lex'], weight: wl },
        { name: 'dense', ids: ['den'], weight: wd },
      ]).map((f) => f.id);
    expect(lists(2, 1)).toEqual(['lex', 'den']);
    expect(lists(1, 2)).toEqual(['den', 'lex']);
  });

  it('small k favours the head of each list, large k favours agreement', () => {
    const lists = [
      { name: 'l', ids: ['top', 'both'] },
      { name: 'd', ids: ['x', 'y', 'z', 'both'] },
    ];
    expect(reciprocalRankFusion(lists, 0)[0]?.id).toBe('top');
    expect(reciprocalRankFusion(lists, 1000)[0]?.id).toBe('both');
  });

  it('keeps the first place of a repeated id, breaks ties by id, and rejects bad parameters', () => {
    const fused = reciprocalRankFusion([{ name: 'l', ids: ['b', 'a', 'b'] }]);
    expect(fused.map((f) => [f.id, f.ranks['l']])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    const tie = reciprocalRankFusion([
      { name: 'l', ids: ['z'] },
      { name: 'd', ids: ['a'] },
    ]);
    expect(tie.map((f) => f.id)).toEqual(['a', 'z']);
    expect(() => reciprocalRankFusion([], -1)).toThrow(RangeError);
    expect(() => reciprocalRankFusion([{ name: 'l', ids: ['a'], weight: -1 }])).toThrow(RangeError);
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});

describe('noisy-or', () => {
  it('joins independent evidence with diminishing returns, within [0, 1)', () => {
    expect(noisyOr([])).toBe(0);
    expect(noisyOr([0.5])).toBeCloseTo(0.5);
    expect(noisyOr([0.5, 0.5])).toBeCloseTo(0.75);
    expect(noisyOr([2, -1])).toBeCloseTo(0.99);
  });
});
