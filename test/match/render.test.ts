/**
 * A question in another language rendered in English (engine/match/render.ts): phrase entries
 * before words, compounds, cognates, names and acronyms kept, stop words left out, and the
 * choice among a word's senses. Then the real thing: the provisioned FreeDict lexicons and the
 * multilingual model choosing senses, on questions of the kind bench:languages measures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../engine/embed/embedder.js';
import { defaultModelsDir, USEM3 } from '../../engine/embed/models.js';
import { createOnnxEmbedder, type OnnxEmbedder } from '../../engine/embed/onnx-embedder.js';
import { modelDir, readManifest } from '../../engine/embed/provision.js';
import { stopsOf } from '../../engine/match/language.js';
import { LanguageLexicon, LEXICON_FORMAT, type LexiconLanguage, Lexicons } from '../../engine/match/lexicon.js';
import { defaultLexiconsDir, lexiconDir, readLexiconManifest } from '../../engine/match/lexicon-fetch.js';
import {
  corpusSense,
  firstSense,
  meaningSense,
  renderEnglish,
  renderedTerms,
  type SenseChooser,
} from '../../engine/match/render.js';
import { requireService } from '../helpers/services.js';

describe('renderEnglish', () => {
  const de = new LanguageLexicon(
    'de',
    new Map([
      ['sicherheit', ['certitude', 'security', 'safety']],
      ['kritische infrastruktur', ['critical infrastructure']],
      ['kritisch', ['critical']],
      ['infrastruktur', ['infrastructure']],
      ['drohne', ['drone']],
      ['abwehr', ['hostility', 'defence']],
      ['gefangnis', ['imprisonment', 'prison']],
    ]),
  );
  const stops = stopsOf('de');

  it('takes a phrase entry before its words, and finds it inflected by the stems of its words', async () => {
    const r = await renderEnglish(de, 'Schutz kritischer Infrastrukturen', { stops });
    expect(r.words.map((w) => [w.source, w.english, w.how])).toEqual([
      ['Schutz', 'Schutz', 'kept'],
      ['kritischer Infrastrukturen', 'critical infrastructure', 'phrase'],
    ]);
  });

  it('renders each word by its first sense by default, compounds part by part, stop words left out', async () => {
    const r = await renderEnglish(de, 'Drohnenabwehr in den Gefängnissen', { stops });
    expect(r.text).toBe('drone hostility imprisonment');
    expect(r.words.map((w) => w.how)).toEqual(['compound', 'word']);
  });

  it('keeps acronyms, numbers and unknown words as written, and uses a cognate where the lexicon has none', async () => {
    const r = await renderEnglish(de, 'CBRN Sicherheit 2030 Quatschwort Infrastrukturprogramm', {
      stops,
      cognate: async (folded) => (folded === 'infrastrukturprogramm' ? 'infrastructure' : undefined),
    });
    expect(r.words.map((w) => [w.english, w.how])).toEqual([
      ['CBRN', 'kept'],
      ['certitude', 'word'],
      ['2030', 'kept'],
      ['Quatschwort', 'kept'],
      // A compound of two known parts is the lexicon's; "Infrastrukturprogramm" is not (no "programm").
      ['infrastructure', 'cognate'],
    ]);
  });

  it('asks the chooser once for every word and compound part, and refuses an answer that does not fit', async () => {
    const asked: string[][] = [];
    const second: SenseChooser = async (items) => {
      asked.push(items.map((i) => i.source));
      return items.map((i) => Math.min(1, i.senses.length - 1));
    };
    const r = await renderEnglish(de, 'Drohnenabwehr und Sicherheit', { stops, choose: second });
    expect(asked).toEqual([['Drohnenabwehr', 'Drohnenabwehr', 'Sicherheit']]);
    expect(r.text).toBe('drone defence security');
    await expect(renderEnglish(de, 'Sicherheit', { stops, choose: async () => [] })).rejects.toThrow(
      /0 choices for 1 words/u,
    );
    await expect(renderEnglish(de, 'Sicherheit', { stops, choose: async () => [7] })).rejects.toThrow(/sense 7 of 3/u);
  });

  it('gives the index terms of a rendering for the lexical side', async () => {
    const r = await renderEnglish(de, 'Sicherheit kritischer Infrastrukturen', { stops, choose: firstSense });
    expect(renderedTerms(r)).toEqual(['certitude', 'critical', 'infrastructure']);
  });
});

describe('corpusSense', () => {
  it('takes the sense the texts use most, a phrase as used as its rarest word, unused words by the dictionary', async () => {
    const uses: Record<string, number> = { security: 40, safety: 25, prison: 3, critical: 50, infrastructure: 9 };
    const choose = corpusSense((t) => uses[t] ?? 0);
    expect(
      await choose(
        [
          { source: 'Sicherheit', senses: ['certitude', 'safety', 'security'] },
          { source: 'Gefängnis', senses: ['imprisonment', 'prison'] },
          { source: 'x', senses: ['critical infrastructure', 'critical'] },
          { source: 'Quatsch', senses: ['nonsense', 'rubbish'] },
        ],
        'ignored',
      ),
    ).toEqual([2, 1, 1, 0]);
  });
});

describe('meaningSense with a prior on use', () => {
  // A model written out by hand: each text's vector is given; the question and the word lie
  // as close to "boundary" as to "border", and far closer to "consciousness" than "awareness".
  const vectors: Record<string, number[]> = {
    q: [1, 0, 0],
    grens: [1, 0, 0],
    boundary: [0.8, 0.6, 0],
    border: [0.8, -0.6, 0],
    bewustzijn: [0, 0, 1],
    consciousness: [0, 0.3, 0.95],
    awareness: [0, 0.95, 0.3],
  };
  const model: Embedder = {
    model: 'by-hand',
    dimensions: 3,
    embed: async (texts) =>
      texts.map((t) => {
        const v = vectors[t];
        if (v === undefined) throw new Error(`no vector for ${t}`);
        return Float32Array.from(v);
      }),
    close: async () => {},
  };
  const uses: Record<string, number> = { border: 400, boundary: 20, awareness: 300, consciousness: 10 };
  const items = [
    { source: 'grens', senses: ['boundary', 'border'] },
    { source: 'bewustzijn', senses: ['consciousness', 'awareness'] },
  ];

  it("breaks a tie of meaning by the texts' use, and leaves a clear difference of meaning to meaning", async () => {
    expect(await meaningSense(model, (t) => uses[t] ?? 0)(items, 'q')).toEqual([0, 0]);
    expect(await meaningSense(model, (t) => uses[t] ?? 0, 0.25)(items, 'q')).toEqual([1, 0]);
    // A prior as large as the closeness scores themselves outweighs meaning too.
    expect(await meaningSense(model, (t) => uses[t] ?? 0, 4)(items, 'q')).toEqual([1, 1]);
  });
});

// The real lexicons (format LEXICON_FORMAT: every sense kept) and USE Multilingual v3.
const lexiconsDir = defaultLexiconsDir();
const stale = (['de', 'pl'] as const).filter(
  (code: LexiconLanguage) => readLexiconManifest(lexiconDir(lexiconsDir, code))?.format !== LEXICON_FORMAT,
);
const ready = requireService(
  'the provisioned lexicons and USE Multilingual v3',
  stale.length > 0
    ? `German and Polish lexicons of format ${LEXICON_FORMAT} in ${lexiconsDir} (run \`ileanet model fetch --model lexicons\`)`
    : readManifest(modelDir(defaultModelsDir(), USEM3)) === undefined
      ? `model usem3 provisioned in ${defaultModelsDir()} (run \`ileanet model fetch --model usem3\`)`
      : undefined,
);

if (ready) {
  describe('renderings with the provisioned lexicons, senses chosen by meaning', () => {
    const lexicons = Lexicons.load(lexiconsDir);
    let usem: OnnxEmbedder;
    beforeAll(async () => {
      usem = await createOnnxEmbedder({ model: 'usem3', threads: 2 });
    });
    afterAll(() => usem?.close());

    const render = async (code: LexiconLanguage, text: string, choose: SenseChooser) => {
      const lexicon = lexicons.get(code);
      if (lexicon === undefined) throw new Error(`no ${code} lexicon in ${lexiconsDir}`);
      return (await renderEnglish(lexicon, text, { stops: stopsOf(code), choose })).text.toLowerCase().split(' ');
    };

    it('reads "Sicherheit" in a question about software as security or safety, where the dictionary lists certitude first', async () => {
      const question = 'Analyse neuer Strategien für mehr Resilienz und Sicherheit von Software';
      expect(await render('de', question, firstSense)).toContain('certitude');
      const words = await render('de', question, meaningSense(usem));
      expect(words).not.toContain('certitude');
      expect(words.some((w) => w === 'security' || w === 'safety')).toBe(true);
      expect(words).toEqual(expect.arrayContaining(['analysis', 'software']));
    });

    it('reads "Gefängnissen" as a prison, not imprisonment (the first sense), beside the drones of "Drohnenabwehr"', async () => {
      expect(await render('de', 'Drohnenabwehr in Gefängnissen', firstSense)).toContain('imprisonment');
      const words = await render('de', 'Drohnenabwehr in Gefängnissen', meaningSense(usem));
      expect(words.some((w) => w === 'drone' || w === 'drones')).toBe(true);
      expect(words.some((w) => ['prison', 'jail', 'gaol', 'jailhouse'].includes(w))).toBe(true);
    });

    it('renders an inflected Polish question in the English of the texts', async () => {
      const words = await render(
        'pl',
        'Analiza nowych strategii poprawy bezpieczeństwa oprogramowania',
        meaningSense(usem),
      );
      expect(words).toEqual(expect.arrayContaining(['analysis', 'software']));
      expect(words.some((w) => w === 'security' || w === 'safety')).toBe(true);
    });
  });
}
