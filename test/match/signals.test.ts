import { describe, expect, it } from 'vitest';
import { maturity, recency, roleWeight, workDate } from '../../engine/match/signals.js';
import { queryTerms, snippets, stem, terms } from '../../engine/match/text.js';
import type { GraphNode } from '../../graph/model.js';

const result = (extra: Partial<Extract<GraphNode, { kind: 'Result' }>>): GraphNode => ({
  kind: 'Result',
  id: 'r',
  visibility: 'public',
  title: 'R',
  ...extra,
});

describe('maturity', () => {
  it('uses TRL when known', () => {
    expect(maturity(result({ trl: 9 })).value).toBe(1);
    expect(maturity(result({ trl: 3, resultType: 'Demonstrators, pilots, prototypes' })).value).toBeCloseTo(3 / 9);
  });

  it('otherwise ranks demonstrators above tools and data, above reports, above websites and plans', () => {
    const m = (t: string) => maturity(result({ resultType: t })).value;
    expect(m('Demonstrators, pilots, prototypes')).toBeGreaterThan(m('software tool'));
    expect(m('Data sets, microdata, etc')).toBeGreaterThan(m('Documents, reports'));
    expect(m('Documents, reports')).toBeGreaterThan(m('Websites, patent fillings, videos etc.'));
    expect(m('Websites, patent fillings, videos etc.')).toBeGreaterThan(m('Data Management Plan'));
    expect(maturity(result({})).basis).toBe('type unknown');
  });
});

describe('recency and dates', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('halves every eight years, is 1 for the future and 0.5 when undated', () => {
    expect(recency('2026-01-01', now)).toBe(1);
    expect(recency('2030-01-01', now)).toBe(1);
    expect(recency('2018-01-01', now)).toBeCloseTo(0.5, 2);
    expect(recency(undefined, now)).toBe(0.5);
  });
  it('counts a project from its end, falling back to its start', () => {
    const p = { kind: 'Project', id: 'p', visibility: 'public', title: 'P', keywords: [] } as GraphNode;
    expect(workDate({ ...p, startDate: '2020-01-01', endDate: '2022-01-01' } as GraphNode)).toBe('2022-01-01');
    expect(workDate({ ...p, startDate: '2020-01-01' } as GraphNode)).toBe('2020-01-01');
  });
});

describe('roles', () => {
  it('coordinator > participant > associated partner', () => {
    expect(roleWeight('PARTICIPATED_IN', 'coordinator')).toBeGreaterThan(roleWeight('PARTICIPATED_IN', 'participant'));
    expect(roleWeight('PARTICIPATED_IN', 'participant')).toBeGreaterThan(
      roleWeight('PARTICIPATED_IN', 'associatedPartner'),
    );
    expect(roleWeight('PRODUCED', undefined)).toBe(1);
  });
});

describe('terms and snippets', () => {
  it('folds case and accents, drops stop words and question fillers, folds plurals only', () => {
    expect(terms('Who has solved Drone detection at the Prisons?')).toEqual(['drone', 'detection', 'prison']);
    expect(terms('Gendarmería policies')).toEqual(['gendarmeria', 'policy']);
    expect(stem('police')).toBe('police');
    expect(stem('glass')).toBe('glass');
    expect(stem('virus')).toBe('virus');
    expect(queryTerms('drones drone DRONE')).toEqual(['drone']);
  });

  it('picks the sentence with most query terms and reports the words as written', () => {
    const node: GraphNode = {
      kind: 'Project',
      id: 'p',
      visibility: 'public',
      title: 'SKY',
      objective: 'A first sentence about budgets. Then Drones near PRISONS are detected early. The end.',
      keywords: [],
    };
    const [s] = snippets(node, queryTerms('drone detection prisons'));
    expect(s?.field).toBe('objective');
    expect(s?.text).toBe('Then Drones near PRISONS are detected early.');
    expect(s?.matched).toEqual(['Drones', 'PRISONS']);
  });
});
