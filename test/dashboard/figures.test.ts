/**
 * The dashboard's own arithmetic and formats, without a browser: what a CSV cell becomes, how
 * growth is written, and the per-measure totals and growth the Trends table shows (the API's
 * `total` and `growth` add all three measures).
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { seriesFigures } from '../../dashboard/src/features/trends/components/series-figures.js';
import { toCsv } from '../../dashboard/src/lib/csv.js';
import { fmtGrowth } from '../../dashboard/src/lib/format.js';
import type { TrendsAnswer } from '../../engine/analytics/types.js';

describe('CSV export', () => {
  it('quotes what needs quoting, keeps numbers plain, and parses back to the same table', () => {
    const table = {
      name: 't',
      columns: ['topic', 'demand', 'note'],
      rows: [
        ['Drones, counter-UAS', 11.4, 'said "urgent"'],
        ['Line\nbreak', 0, ''],
      ],
    };
    const text = toCsv(table);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text, { cast: true })).toEqual([table.columns, ...table.rows]);
  });

  it('never hands a spreadsheet a formula: a leading = + - @ is prefixed with an apostrophe', () => {
    const text = toCsv({ name: 't', columns: ['title'], rows: [['=HYPERLINK("x")'], ['@SUM(A1)'], ['+1'], ['-2']] });
    expect((parse(text) as string[][]).slice(1).map((r) => r[0])).toEqual([
      `'=HYPERLINK("x")`,
      "'@SUM(A1)",
      "'+1",
      "'-2",
    ]);
  });
});

describe('growth as written', () => {
  it('"new" only when something happened recently, "—" when nothing happened in either window', () => {
    expect(fmtGrowth(null, 3)).toBe('new');
    expect(fmtGrowth(null, 0)).toBe('—');
    expect(fmtGrowth(1, 2)).toBe('+100\u00a0%');
    expect(fmtGrowth(-0.5, 1)).toBe('−50\u00a0%');
  });
});

describe('Trends figures per measure', () => {
  const answer: TrendsAnswer = {
    by: 'topic',
    unit: 'year',
    buckets: ['2019', '2020', '2021', '2022'],
    window: 2,
    series: [
      {
        key: 'a',
        label: 'A',
        counts: { challenges: [1, 1, 2, 2], projects: [0, 0, 0, 5], results: [0, 0, 0, 0] },
        total: 11,
        growth: 3.5,
      },
      {
        key: 'b',
        label: 'B',
        counts: { challenges: [0, 0, 0, 0], projects: [0, 0, 3, 0], results: [1, 0, 0, 0] },
        total: 4,
        growth: null,
      },
    ],
    totals: { challenges: [1, 1, 2, 2], projects: [0, 0, 3, 5], results: [1, 0, 0, 0] },
    emerging: [],
    cycle: {
      challenges: 0,
      addressed: 0,
      daysToAddressed: { count: 0, median: null, mean: null },
      byTopic: [],
      byCountry: [],
      participation: [],
    },
  };

  it('totals and growth follow the measure, not all three together', () => {
    const challenges = seriesFigures(answer, 'challenges');
    expect(challenges.map((f) => f.total)).toEqual([6, 0]);
    // A: 4 in 2021–22 against 2 in 2019–20; B: nothing in either window.
    expect(challenges.map((f) => f.growth)).toEqual([1, null]);
    expect(challenges.map((f) => fmtGrowth(f.growth, f.recent))).toEqual(['+100\u00a0%', '—']);
    const projects = seriesFigures(answer, 'projects');
    expect(projects.map((f) => f.total)).toEqual([5, 3]);
    expect(projects.map((f) => fmtGrowth(f.growth, f.recent))).toEqual(['new', 'new']);
    const results = seriesFigures(answer, 'results');
    expect(results.map((f) => fmtGrowth(f.growth, f.recent))).toEqual(['—', '−100\u00a0%']);
  });
});
