import { describe, expect, it } from 'vitest';
import { areasOfText } from '../../datasets/generator/from-store.js';
import { Rng, Weighted } from '../../datasets/generator/random.js';
import { Slots } from '../../datasets/generator/text.js';
import { AREAS } from '../../datasets/generator/vocab/area.js';
import { COUNTRIES, LANGUAGE_NAMES } from '../../datasets/generator/vocab/countries.js';
import { NAME_GROUPS, personName, placeName } from '../../datasets/generator/vocab/names.js';
import { LEGAL_FORMS, leaFlavourOf } from '../../datasets/generator/vocab/organisations.js';
import * as phrases from '../../datasets/generator/vocab/phrases.js';

/** Every value a shared slot can take somewhere in the generator. */
const SHARED = {
  lang: 'Polish',
  city: 'Gdańsk',
  since: 2019,
  title: 'A title',
  n: 4,
  k: 3,
  year: 2022,
  type: 'prototype',
  trl: 6,
  label: 'cybercrime',
  country: 'Poland',
  from: 2018,
  acronym: 'SAFENET',
  need: 'faster triage',
  org: 'An agency',
};

describe('vocabulary', () => {
  it('fills every template of every area without an unknown slot or a left-over brace', () => {
    const rng = new Rng(1);
    for (const area of AREAS) {
      expect(area.problems.length, area.code).toBe(area.titles.length);
      expect(area.results.length, area.code).toBeGreaterThanOrEqual(area.titles.length);
      for (const t of [...area.titles, ...area.problems, ...area.results, ...area.docs]) {
        for (let i = 0; i < 5; i++) expect(new Slots(rng, area, SHARED).text(t)).not.toMatch(/[{}]/);
      }
    }
    const shared = [
      phrases.CONTEXTS,
      phrases.CONSTRAINTS,
      phrases.ASKS,
      phrases.RESULT_DESCRIPTIONS,
      phrases.DOC_SUMMARIES,
      phrases.EVENT_TITLES,
      phrases.NETWORK_EVENT_TITLES,
      phrases.EVENT_DESCRIPTIONS,
      phrases.POLL_QUESTIONS,
      phrases.PROJECT_OBJECTIVES,
    ].flat();
    for (const t of shared) expect(new Slots(rng, undefined, SHARED).text(t)).not.toMatch(/[{}]/);
    expect(() => new Slots(rng, undefined, {}).text('Over {nowhere}')).toThrow(/\{nowhere\}/);
  });

  it('has unique area codes and a slug for each', () => {
    expect(new Set(AREAS.map((a) => a.code)).size).toBe(AREAS.length);
    for (const a of AREAS) expect(a.code).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
  });

  it('recognises areas in project texts', () => {
    const code = (text: string) => areasOfText(text).map((i) => AREAS[i]?.code);
    expect(code('Counter-UAS sensors for prison perimeters')).toContain('counter-uas');
    expect(code('Tracing bitcoin payments of ransomware gangs')).toEqual(
      expect.arrayContaining(['crypto-assets', 'cybercrime']),
    );
    expect(code('Improving citizen satisfaction surveys')).toEqual([]);
  });

  it('knows the languages, names and company forms of every country', () => {
    const rng = new Rng(2);
    for (const c of COUNTRIES) {
      expect(LEGAL_FORMS[c.code], c.code).toBeDefined();
      for (const l of [...c.communities.map((x) => x.lang), ...(c.also ?? [])])
        expect(LANGUAGE_NAMES[l], l).toBeDefined();
    }
    for (const g of NAME_GROUPS) {
      const name = personName(rng, g);
      expect(name, g).toMatch(/^\S+ .*\S$/u);
      expect(name).not.toMatch(/ {2}|undefined/);
      expect(placeName(rng, g).length).toBeGreaterThan(2);
    }
  });

  it('tells border, customs and other agencies apart by name', () => {
    expect(leaFlavourOf('BUNDESPOLIZEI GRENZSCHUTZ')).toBe('border');
    expect(leaFlavourOf('Direction générale des douanes')).toBe('customs');
    expect(leaFlavourOf('ARMA DEI CARABINIERI')).toBe('gendarmerie');
    expect(leaFlavourOf('Netherlands Forensic Institute')).toBe('forensic');
    expect(leaFlavourOf('POLICIA JUDICIARIA')).toBe('police');
  });
});

describe('random draws', () => {
  it('repeat for a seed and differ between seeds', () => {
    const draw = (seed: number) => {
      const r = new Rng(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(9)).toEqual(draw(9));
    expect(draw(9)).not.toEqual(draw(10));
    for (const x of draw(11)) expect(x >= 0 && x < 1).toBe(true);
  });

  it('follow the weights given', () => {
    const r = new Rng(5);
    const w = new Weighted(['a', 'b', 'c'], [1, 0, 3]);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[w.pick(r) as 'a' | 'b' | 'c']++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.7);
    expect(counts.c / counts.a).toBeLessThan(3.3);
  });

  it('sample distinct items and Poisson counts with the right mean', () => {
    const r = new Rng(6);
    const s = r.sample([1, 2, 3, 4, 5, 6, 7, 8], 5);
    expect(new Set(s).size).toBe(5);
    let total = 0;
    for (let i = 0; i < 20_000; i++) total += r.poisson(1.5);
    expect(total / 20_000).toBeCloseTo(1.5, 1);
  });
});
