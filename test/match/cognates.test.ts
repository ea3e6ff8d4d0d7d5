/**
 * Regular cognates (engine/match/cognates.ts): English spellings of learned words by their
 * endings and the spelling correspondences of each language. Only candidates: who-solved keeps
 * one only if the English texts use it (checked in the language tests of who-solved).
 */
import { describe, expect, it } from 'vitest';
import { englishSpellings } from '../../engine/match/cognates.js';
import { fold } from '../../engine/match/text.js';

const spell = (code: string, word: string) => englishSpellings(code, fold(word));

describe('englishSpellings', () => {
  it.each([
    ['pl', 'walidacja', 'validation'],
    ['pl', 'radykalizacji', 'radicalisation'],
    ['pl', 'dekontaminacja', 'decontamination'],
    ['pl', 'infrastrukturze', 'infrastructure'],
    ['pl', 'sytuacyjnej', 'situational'],
    ['nl', 'detectie', 'detection'],
    ['nl', 'infrastructuur', 'infrastructure'],
    ['nl', 'radicalisering', 'radicalisation'],
    ['nl', 'kritieke', 'critical'],
    ['es', 'detección', 'detection'],
    ['it', 'radicalizzazione', 'radicalization'],
    ['fr', 'vulnérabilité', 'vulnerability'],
    ['de', 'Radikalisierung', 'radicalisation'],
  ])('%s "%s" may be "%s"', (code, word, english) => {
    expect(spell(code, word)).toContain(english);
  });

  it('offers nothing for a short word, a word no rule fits, or a language without rules', () => {
    expect(spell('pl', 'racja')).toEqual([]);
    expect(spell('nl', 'opsporing')).toEqual([]);
    expect(spell('fi', 'tunnistaminen')).toEqual([]);
    expect(spell('en', 'detection')).toEqual([]);
  });
});
