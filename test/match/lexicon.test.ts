/**
 * Dictionary query translation (engine/match/lexicon.ts): reading dictd dictionaries in the
 * shapes FreeDict's Debian packages use, finding inflected words and compounds, the checksum
 * of a provisioned lexicon, and a German question finding an English project by its words.
 * The dictionaries here are small ones written in the test, in the real files' format.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopsOf } from '../../engine/match/language.js';
import { LexicalIndex } from '../../engine/match/lexical.js';
import {
  type DictdEntry,
  dictdEntries,
  KEPT_SENSES,
  key,
  LanguageLexicon,
  LEXICON_FILE,
  LEXICON_FORMAT,
  LEXICON_LANGUAGES,
  type LexiconLanguage,
  Lexicons,
  mergeHeadwords,
  readForward,
  readReverse,
  translatedTerms,
} from '../../engine/match/lexicon.js';
import {
  defaultLexiconsDir,
  fetchLexicons,
  LEXICON_PACKAGES,
  lexiconDir,
  lexiconSources,
  readLexiconManifest,
} from '../../engine/match/lexicon-fetch.js';
import { createMatcher } from '../../engine/match/who-solved.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { GraphStore } from '../../graph/store.js';
import type { Viewer } from '../../graph/viewer.js';
import { requireService } from '../helpers/services.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64 = (n: number): string => {
  let s = '';
  do {
    s = B64[n % 64] + s;
    n = Math.floor(n / 64);
  } while (n > 0);
  return s;
};

/** A dictd index and .dict text for these entries, as dictfmt writes them. */
function dictd(entries: readonly [string, string][]): { index: string; dict: Buffer } {
  const parts: Buffer[] = [];
  const rows: string[] = [];
  let offset = 0;
  for (const [head, body] of [['00-database-info', 'about this dictionary\n'] as [string, string], ...entries]) {
    const b = Buffer.from(body);
    rows.push(`${head}\t${b64(offset)}\t${b64(b.length)}`);
    parts.push(b);
    offset += b.length;
  }
  return { index: `${rows.join('\n')}\n`, dict: Buffer.concat(parts) };
}
const entries = (e: readonly [string, string][]): DictdEntry[] => {
  const { index, dict } = dictd(e);
  return [...dictdEntries(index, dict)];
};

describe('reading FreeDict dictionaries', () => {
  it('reads headwords and bodies by their base64 offsets, skipping the meta entries', () => {
    const got = entries([
      ['Drohne', 'Drohne /ˈdʁoːnə/ <fem, n, sg>\ndrone <n>\n'],
      ['Abwehr', 'Abwehr <fem, n>\ndefence <n> [Br.], defense <n> [Am.]\n'],
    ]);
    expect(got.map((e) => e.headword)).toEqual(['Drohne', 'Abwehr']);
    expect(got[1]?.body).toContain('defence');
  });

  it('names the index line that does not fit', () => {
    const { dict } = dictd([['a', 'a\nb\n']]);
    expect(() => [...dictdEntries('a\tA\n', dict)]).toThrow(/index line 1/u);
    expect(() => [...dictdEntries('a\tA\tzz\n', dict)]).toThrow(/past the end/u);
  });

  it('takes the translation line of a German entry, not its notes, synonyms or cross-references', () => {
    const m = readForward(
      entries([
        [
          'Gefängnis',
          'Gefängnis <neut, n>\nprison <n>, jail <n> [Am.]\n         Note: building\n   Synonyms: {Haftanstalt}\n\n see: {Gefängnisse}\n',
        ],
      ]),
    );
    expect(m.get('gefangnis')).toEqual(['prison', 'jail']);
  });

  it('takes the numbered senses of a Polish entry and leaves out their Polish glosses', () => {
    const m = readForward(
      entries([
        [
          'bezpieczeństwo',
          'bezpieczeństwo <n>\n1. security\nstan braku zagrożenia\n2. safety\nochrona przed wypadkiem\n',
        ],
      ]),
    );
    expect(m.get('bezpieczenstwo')).toEqual(['security', 'safety']);
  });

  it("takes a WikDict entry's unnumbered translation, not its numbered glosses in the headword's language", () => {
    const wikdict: [string, string][] = [
      // One sense: the translation, then its Dutch gloss numbered 1.
      ['maatregel', 'maatregel /mˈaːtreːɣəl/ <n>\nμέτρο\n1. iets dat wordt beslist om een doel te treffen\n'],
      // Several senses: each numbered translation followed by its gloss under the same number.
      ['Arabisch', 'Arabisch <n>\n1. αραβικά, αραβικός\n1. een taal\n2. αλφάβητο\n2. meisjesnaam\n'],
    ];
    const m = readForward(entries(wikdict));
    expect(m.get('maatregel')).toEqual(['μέτρο']);
    expect(m.get('arabisch')).toEqual(['αραβικά', 'αραβικός', 'αλφάβητο']);
    // Read backwards (a pivot → Dutch dictionary), a gloss is no word of the other language either.
    const r = readReverse(entries(wikdict));
    expect(r.get(key('μέτρο'))).toEqual(['maatregel']);
    expect(r.has('meisjesnaam')).toBe(false);
  });

  it('drops explanations longer than two words', () => {
    const m = readForward(entries([['Analyse', 'Analyse <fem, n>\nanalysis, post mortem analysis\n']]));
    expect(m.get('analyse')).toEqual(['analysis']);
  });

  it('reads an English → French dictionary backwards, one-word French phrases only, no multi-word English headwords', () => {
    const m = readReverse(
      entries([
        ['character', 'character /kærəktər/\n1. caractère\n2. nature\n3. personnage\n'],
        ['New York', 'New York\nNew York\n'],
        ['buy', 'buy\nI.  <V>  acheter\nII.  <N>  achat\nIII.  <V Phras>buy out   racheter\n'],
      ]),
    );
    expect(m.get('caractere')).toEqual(['character']);
    expect(m.get('acheter')).toEqual(['buy']);
    expect(m.has('racheter')).toBe(false);
    expect(m.has('new')).toBe(false);
  });

  it('merges both directions, the foreign → English translations first, at most KEPT_SENSES per headword', () => {
    const m = mergeHeadwords(
      new Map([['menace', ['threat']]]),
      new Map([['menace', ['menace', 'threat', 'danger', 'peril']]]),
    );
    expect(m.get('menace')).toEqual(['threat', 'menace', 'danger', 'peril']);
    const many = Array.from({ length: KEPT_SENSES + 5 }, (_, i) => `sense${i}`);
    expect(mergeHeadwords(new Map([['wort', many]])).get('wort')).toEqual(many.slice(0, KEPT_SENSES));
  });
});

describe('LanguageLexicon.translate', () => {
  const de = new LanguageLexicon(
    'de',
    new Map([
      ['drohne', ['drone']],
      ['abwehr', ['defence', 'defense']],
      ['gefangnis', ['prison', 'jail']],
      ['katastrophe', ['disaster', 'catastrophe']],
      ['vorsorge', ['precaution', 'prevention']],
    ]),
  );
  const pl = new LanguageLexicon(
    'pl',
    new Map([
      ['bezpieczenstwo', ['security', 'safety']],
      ['zakład', ['plant']],
    ]),
  );

  it('finds an inflected form by its lemma before its stem, and a word after an international prefix', () => {
    const lemmas = new LanguageLexicon(
      'pl',
      new Map([
        ['strategia', ['strategy']],
        ['bezpieczenstwo', ['security', 'safety']],
        ['ciało', ['body']],
        ['autonomiczny', ['autonomous']],
      ]),
      new Map([
        ['strategii', 'strategia'],
        ['bezpieczenstwem', 'bezpieczenstwo'],
        ['ciała', 'ciało'],
        ['autonomiczne', 'autonomiczny'],
      ]),
    );
    // Snowball's Polish stem of "ciała" is "ci": only the lemma list finds it.
    expect(lemmas.translate('ciała')).toEqual(['body']);
    expect(lemmas.translate('strategii')).toEqual(['strategy']);
    expect(lemmas.parts('cyberbezpieczeństwem')).toEqual([['cyber'], ['security', 'safety']]);
    expect(lemmas.parts('półautonomiczne')).toEqual([['semi'], ['autonomous']]);
    // A prefix needs a known word of four letters or more after it.
    expect(lemmas.parts('cyberciał')).toEqual([]);
  });

  it('finds a Dutch word without its plural, adjective or -heid ending before its stem, a doubled consonant made single', () => {
    const nl = new LanguageLexicon(
      'nl',
      new Map([
        ['kwetsbaar', ['vulnerable']],
        ['kwetsen', ['hurt']],
        ['maatregel', ['measure']],
        ['model', ['model']],
        ['beoordeling', ['assessment']],
      ]),
      new Map([['geavanceerd', 'avanceren']]),
    );
    // Snowball cuts "kwetsbaarheid" to "kwets", the stem of "kwetsen" (hurt).
    expect(nl.translate('kwetsbaarheid')).toEqual(['vulnerable']);
    expect(nl.translate('maatregelen')).toEqual(['measure']);
    expect(nl.translate('modellen')).toEqual(['model']);
    // A linking -s- after an ending ("kwetsbaar|heid|s|beoordeling").
    expect(nl.parts('kwetsbaarheidsbeoordeling')).toEqual([['vulnerable'], ['assessment']]);
  });

  it('spells a Dutch base as its headword does (z as s, a vowel doubled), and splits off a short first part last', () => {
    const nl = new LanguageLexicon(
      'nl',
      new Map([
        ['grens', ['border']],
        ['straat', ['street']],
        ['zee', ['sea']],
        ['nep', ['fake']],
        ['nieuws', ['news']],
        ['rampen', ['disasters']],
      ]),
    );
    expect(nl.translate('grenzen')).toEqual(['border']);
    expect(nl.translate('straten')).toEqual(['street']);
    // A first part of three letters, written out as a headword, when no longer split is known.
    expect(nl.parts('zeegrenzen')).toEqual([['sea'], ['border']]);
    expect(nl.parts('nepnieuws')).toEqual([['fake'], ['news']]);
    expect(nl.parts('rampennieuws')).toEqual([['disasters'], ['news']]);
  });

  it('splits a compound of three known words when no split into two is known', () => {
    const nl = new LanguageLexicon(
      'nl',
      new Map([
        ['ramp', ['disaster']],
        ['risico', ['risk']],
        ['vermindering', ['reduction']],
      ]),
    );
    expect(nl.parts('rampenrisicovermindering')).toEqual([['disaster'], ['risk'], ['reduction']]);
    expect(de.parts('Drohnenabwehr')).toEqual([['drone'], ['defence', 'defense']]);
  });

  it('finds an inflected German word by its stem (dative plural "Gefängnissen" → "Gefängnis")', () => {
    expect(de.translate('Gefängnissen')).toEqual(['prison', 'jail']);
  });

  it('splits a German compound into two known words, linking -n- included ("Drohnenabwehr")', () => {
    expect(de.translate('Drohnenabwehr')).toEqual(['drone', 'defence', 'defense']);
    expect(de.translate('Katastrophenvorsorge')).toEqual(['disaster', 'catastrophe', 'precaution', 'prevention']);
  });

  it('finds an inflected Polish word by its stem (genitive "bezpieczeństwa" → "bezpieczeństwo")', () => {
    expect(pl.translate('bezpieczeństwa')).toEqual(['security', 'safety']);
  });

  it('leaves an unknown word untranslated, and splits no compounds in Polish', () => {
    expect(de.translate('Quatschwort')).toEqual([]);
    expect(pl.translate('bezpieczeństwodrohne')).toEqual([]);
  });

  it("gives a question's English index terms, its stop words left out", () => {
    expect(translatedTerms(de, 'Drohnenabwehr in den Gefängnissen', stopsOf('de')).sort()).toEqual(
      ['defence', 'defense', 'drone', 'jail', 'prison'].sort(),
    );
    // The first sense of each word, and of each part of a compound.
    expect(translatedTerms(de, 'Drohnenabwehr in den Gefängnissen', stopsOf('de'), { perWord: 1 }).sort()).toEqual(
      ['defence', 'drone', 'prison'].sort(),
    );
  });
});

describe('Lexicons.load', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ileanet-lexicons-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const provision = (iso3: string, body: string, sha = createHash('sha256').update(body).digest('hex')) => {
    const folder = join(dir, `freedict-${iso3}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, LEXICON_FILE), body);
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ files: { [LEXICON_FILE]: { sha256: sha } } }));
  };

  it('loads each provisioned language and leaves the others out', () => {
    provision('deu', JSON.stringify({ headwords: { drohne: ['drone'] } }));
    const l = Lexicons.load(dir);
    expect(l.languages).toEqual(['de']);
    expect(l.get('de')?.translate('Drohnen')).toEqual(['drone']);
    expect(l.get('fr')).toBeUndefined();
  });

  it('refuses a lexicon file changed since it was provisioned, naming it', () => {
    provision('fra', JSON.stringify({ headwords: { menace: ['threat'] } }), 'f'.repeat(64));
    const l = Lexicons.load(dir);
    expect(l.get('de')?.translate('Drohne')).toEqual(['drone']);
    expect(() => l.get('fr')).toThrow(/freedict-fra.*lexicon\.json does not match/u);
  });

  it('is empty for a folder with nothing provisioned', () => {
    expect(Lexicons.load(join(dir, 'nothing-here')).languages).toEqual([]);
  });
});

describe('a German question over English text', () => {
  const VIEWER: Viewer = { id: 'v', clearance: 'public', orgs: [] };
  let dir: string;
  let store: GraphStore;
  let lexical: LexicalIndex;
  const lexicons = Lexicons.of(
    new LanguageLexicon(
      'de',
      new Map([
        ['drohne', ['drone']],
        ['abwehr', ['defence']],
        ['gefangnis', ['prison']],
      ]),
    ),
  );
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ileanet-lexicon-match-'));
    store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
    await store.init();
    await store.upsert({
      nodes: [
        { kind: 'Project', id: 'p:drones', title: 'Counter-drone defence for prisons', visibility: 'public' },
        { kind: 'Project', id: 'p:floods', title: 'Flood forecasting for river basins', visibility: 'public' },
        {
          kind: 'Project',
          id: 'p:hidden',
          title: 'Hidden work',
          visibility: 'restricted',
          owner: 'o:x',
        },
      ],
    });
    lexical = await LexicalIndex.build(store);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the English project through the translated words, and nothing without the lexicon', async () => {
    const question = 'Drohnenabwehr in Gefängnissen';
    const filters = { kinds: ['Project' as const], mode: 'lexical' as const };
    // A test-sized lexicon: the size floor (MIN_HEADWORDS) lowered to let it in.
    const withLexicon = await createMatcher({ store, lexical, lexicons, translation: { minHeadwords: 0 } }).whoSolved(
      question,
      filters,
      VIEWER,
    );
    expect(withLexicon.hits.map((h) => h.id)).toEqual(['p:drones']);
    expect(withLexicon.terms).toEqual(expect.arrayContaining(['drone', 'defence', 'prison']));
    const without = await createMatcher({ store, lexical }).whoSolved(question, filters, VIEWER);
    expect(without.hits.map((h) => h.id)).not.toContain('p:drones');
    const tooSmall = await createMatcher({ store, lexical, lexicons }).whoSolved(question, filters, VIEWER);
    expect(tooSmall.terms).not.toContain('prison');
  });

  it('takes the translation the texts use, not the dictionary first sense, and only what the viewer may see', () => {
    const de = new LanguageLexicon('de', new Map([['gefangnis', ['durance', 'prison']]]));
    expect(translatedTerms(de, 'Gefängnis', stopsOf('de'), { perWord: 1 })).toEqual(['durance']);
    const frequency = (t: string) => lexical.frequency('Project', t, VIEWER);
    expect(translatedTerms(de, 'Gefängnis', stopsOf('de'), { perWord: 1, frequency })).toEqual(['prison']);
    expect(lexical.frequency('Project', 'flood', VIEWER)).toBe(1);
    expect(lexical.frequency('Project', 'hidden', VIEWER)).toBe(0);
    expect(lexical.frequency('Project', 'hidden', { id: 'x', clearance: 'public', orgs: ['o:x'] })).toBe(1);
  });
});

describe('fetchLexicons', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ileanet-lexicon-fetch-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a .deb that is not the pinned package, and puts nothing in place', () => {
    const debs = join(dir, 'debs');
    mkdirSync(debs, { recursive: true });
    writeFileSync(join(debs, 'dict-freedict-deu-eng_2022.04.21-1_all.deb'), 'not the package');
    const target = join(dir, 'lexicons');
    expect(() => fetchLexicons({ dir: target, fromDebs: debs, languages: ['de'] })).toThrow(
      expect.objectContaining({ code: 'ERR_CHECKSUM_MISMATCH' }),
    );
    expect(existsSync(lexiconDir(target, 'de'))).toBe(false);
    expect(readdirSync(target)).toEqual([]);
  });

  it('provisions again a lexicon of an older format (fewer senses kept), valid as it is', () => {
    const target = join(dir, 'old-format');
    const folder = lexiconDir(target, 'de');
    mkdirSync(folder, { recursive: true });
    const body = JSON.stringify({ headwords: { drohne: ['drone'] } });
    writeFileSync(join(folder, LEXICON_FILE), body);
    const manifest = (format: number) => ({
      format,
      language: 'de',
      packages: LEXICON_PACKAGES.de,
      sources: lexiconSources('de'),
      headwords: 1,
      forms: 0,
      files: { [LEXICON_FILE]: { sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length } },
    });
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest(LEXICON_FORMAT)));
    expect(fetchLexicons({ dir: target, fromDebs: join(dir, 'debs'), languages: ['de'] })[0]?.status).toBe('present');
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest(LEXICON_FORMAT - 1)));
    // Not "present": it goes for the pinned package (here a wrong one, refused).
    expect(() => fetchLexicons({ dir: target, fromDebs: join(dir, 'debs'), languages: ['de'] })).toThrow(
      expect.objectContaining({ code: 'ERR_CHECKSUM_MISMATCH' }),
    );
  });

  it('names the pinned package missing from --from-debs', () => {
    expect(() => fetchLexicons({ dir: join(dir, 'l2'), fromDebs: join(dir, 'debs'), languages: ['pl'] })).toThrow(
      /dict-freedict-pol-eng_2022\.12\.07-2_\*\.deb/u,
    );
  });
});

// The real German and Polish lexicons, as `ileanet model fetch --model all` provisions them.
const provisioned = Lexicons.load(defaultLexiconsDir());
const current = (Object.keys(LEXICON_LANGUAGES) as LexiconLanguage[]).filter(
  (code) =>
    provisioned.get(code) !== undefined &&
    readLexiconManifest(lexiconDir(defaultLexiconsDir(), code))?.format === LEXICON_FORMAT,
);
const ready = requireService(
  'the provisioned lexicons',
  current.length < 6
    ? `the six lexicons of format ${LEXICON_FORMAT} in ${defaultLexiconsDir()} (run \`ileanet model fetch --model lexicons\`)`
    : undefined,
);
if (ready) {
  describe('the provisioned lexicons', () => {
    it('translate a German compound and an inflected Polish word into the English of the index', () => {
      const de = provisioned.get('de') as LanguageLexicon;
      const pl = provisioned.get('pl') as LanguageLexicon;
      // FreeDict lists "imprisonment" first for Gefängnis, "hostility" before "defence" for Abwehr.
      expect(translatedTerms(de, 'Drohnenabwehr in Gefängnissen', stopsOf('de'), { perWord: 3 })).toEqual(
        expect.arrayContaining(['drone', 'defence', 'imprisonment']),
      );
      expect(translatedTerms(pl, 'bezpieczeństwa granic', stopsOf('pl'), { perWord: 2 })).toEqual(
        expect.arrayContaining(['security']),
      );
    });

    it('translate through the wordnets, the pivot languages and the lemma lists', () => {
      const senses = (code: string, word: string) => (provisioned.get(code) as LanguageLexicon).translate(word);
      // Wordnets: FreeDict's Italian and Spanish dictionaries lack these.
      expect(senses('it', 'carcere')).toContain('prison');
      expect(senses('es', 'detección')).toContain('detection');
      expect(senses('fr', 'vulnérabilité')).toContain('vulnerability');
      // Lemma lists: inflected forms Snowball leaves apart from their headword.
      expect(senses('pl', 'strategii')).toContain('strategy');
      expect(senses('nl', 'dreigingen')).toContain('threat');
      // Agreement (Dutch): FreeDict's own nld-eng lists "maatregel" as accommodation, …, measure; the pivots say measure.
      expect(senses('nl', 'maatregelen')[0]).toBe('measure');
      // A pivot (through German, French, Spanish, Italian): Polish "granica" → Grenze, frontière, … → border.
      expect(senses('pl', 'granicy')).toContain('border');
    });
  });
}
