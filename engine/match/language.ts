/**
 * The language of a question, and the words of a question or a text in a language other
 * than English, as the lexical index sees them.
 *
 * Detection is tinyld's, made cautious: the content is English and so are most questions, and
 * a short English title is easily taken for something else (tinyld gives "Counter-drone systems
 * for prisons" English at 5 % confidence). So a question leaves English only when the detector
 * is sure (≥ 50 %) or, when it is not, when the question holds stop words of the detected
 * language that are not English ones and no English stop word.
 *
 * Stemming is Snowball 3.1.1's, per language (multilingual-stemmer, one library for all six
 * target languages; Polish is not in the older snowball-stemmers). A word of a non-English
 * question yields two terms: its English-side term (fold and plural-fold, text.ts) so that the
 * names, acronyms and shared words ("CBRN", "drones", "cyber") still meet the English index,
 * and its own language's stem, which meets texts written in that language (indexed the same
 * way by documentTerms).
 */
import { createRequire } from 'node:module';
import { stem as snowball } from 'multilingual-stemmer';
import { detectAll } from 'tinyld';
import { LEXICON_LANGUAGES } from './lexicon.js';
import { fold, STOP, term, terms, words } from './text.js';

/** Languages with a stemmer here: the EU's languages that Snowball covers, and a few neighbours. */
export const STEMMED_LANGUAGES = {
  cs: 'Czech',
  da: 'Danish',
  de: 'German',
  el: 'Greek',
  es: 'Spanish',
  et: 'Estonian',
  fi: 'Finnish',
  fr: 'French',
  ga: 'Irish',
  hu: 'Hungarian',
  it: 'Italian',
  lt: 'Lithuanian',
  nl: 'Dutch',
  no: 'Norwegian',
  pl: 'Polish',
  pt: 'Portuguese',
  ro: 'Romanian',
  ru: 'Russian',
  sr: 'Serbian',
  sv: 'Swedish',
  tr: 'Turkish',
} as const;
export type StemmedLanguage = keyof typeof STEMMED_LANGUAGES;

const isStemmed = (code: string): code is StemmedLanguage => Object.hasOwn(STEMMED_LANGUAGES, code);

export interface DetectedLanguage {
  /** ISO 639-1 code, `en` when in doubt. */
  readonly code: string;
  /** English name of the language, when known. */
  readonly name: string;
  /** The detector's confidence in [0, 1] (0 when English was kept for want of evidence). */
  readonly confidence: number;
}

const ENGLISH: DetectedLanguage = { code: 'en', name: 'English', confidence: 0 };
const SURE = 0.5;

// stopwords-iso is one JSON file (language → words), loaded the way Node loads JSON packages.
const STOPS = createRequire(import.meta.url)('stopwords-iso') as Readonly<Record<string, readonly string[]>>;
const stopCache = new Map<string, ReadonlySet<string>>();
/** Stop words of a language, folded (stopwords-iso; empty for a language it lacks). */
export function stopsOf(code: string): ReadonlySet<string> {
  let s = stopCache.get(code);
  if (s === undefined) {
    s = new Set((STOPS[code] ?? []).map(fold));
    stopCache.set(code, s);
  }
  return s;
}

const NAMES = new Intl.DisplayNames(['en'], { type: 'language' });
const nameOf = (code: string): string => {
  try {
    return NAMES.of(code) ?? code;
  } catch {
    return code;
  }
};

const rawWords = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The languages the network's questions are read in beyond English (the lexicons' languages).
 * A question the detector gives to a language outside them (Danish, Romanian, Kirundi) is read
 * again by the detector among these alone, and the language it then finds is taken when the
 * question holds more of its stop words than of the first one's (bench:languages: "Volledig
 * raamwerk voor dreigingsmodellering, eerste versie" is Kirundi to tinyld at 78 %, "… over de
 * beveiliging van logistiek …" Danish at 100 %; both are Dutch).
 */
const SERVED: string[] = Object.keys(LEXICON_LANGUAGES);

/** The language of a short text (a question); English unless the evidence says otherwise. */
export function detectLanguage(text: string): DetectedLanguage {
  const found = detectAll(text);
  const first = found[0];
  if (first === undefined || first.lang === 'en') return ENGLISH;
  const words = rawWords(text).map(fold);
  const top = servedInstead(first, text, words);
  if (top !== first) return { code: top.lang, name: nameOf(top.lang), confidence: top.accuracy };
  // Letters of one non-Latin script decide by themselves (tinyld is then sure as well).
  if (top.accuracy >= SURE) return { code: top.lang, name: nameOf(top.lang), confidence: top.accuracy };
  const own = stopsOf(top.lang);
  // Words that are stop words in both ("per", "in", "an") tell nothing either way.
  const english = words.filter((w) => STOP.has(w) && !own.has(w)).length;
  const theirs = words.filter((w) => own.has(w) && !STOP.has(w)).length;
  if (theirs > 0 && english === 0) return { code: top.lang, name: nameOf(top.lang), confidence: top.accuracy };
  return ENGLISH;
}

/** Stop words of `code` among `words` that are not English ones. */
const ownStops = (code: string, words: readonly string[]): number => {
  const own = stopsOf(code);
  return words.filter((w) => own.has(w) && !STOP.has(w)).length;
};

/**
 * The detector's choice, or the served language it finds among SERVED alone when the question
 * holds more of that language's stop words than of the first choice's, and no fewer than of any
 * other language with a stemmer here (a Danish question shares "af" with Dutch, but holds more
 * Danish stop words).
 */
function servedInstead(
  top: { lang: string; accuracy: number },
  text: string,
  words: readonly string[],
): { lang: string; accuracy: number } {
  if (SERVED.includes(top.lang)) return top;
  const served = detectAll(text, { only: SERVED })[0];
  if (served === undefined) return top;
  const n = ownStops(served.lang, words);
  if (n <= ownStops(top.lang, words)) return top;
  const others = Object.keys(STEMMED_LANGUAGES).filter((c) => !SERVED.includes(c));
  return others.every((c) => ownStops(c, words) <= n) ? served : top;
}

/** The stem of one lower-cased word in a language, folded like every index term. */
function nativeStem(word: string, code: StemmedLanguage): string {
  return fold(snowball(code, word));
}

/**
 * Distinct terms of a question in language `code`: for each word that is not a stop word of
 * that language (or of English), its English-side term and, when different, its own stem.
 * English, or a language without a stemmer here, gets the plain English terms.
 */
export function queryTermsIn(text: string, code: string): string[] {
  if (code === 'en') return [...new Set(terms(text))];
  const own = stopsOf(code);
  const out = new Set<string>();
  for (const raw of rawWords(text)) {
    const folded = fold(raw);
    if (own.has(folded) || own.has(raw)) continue;
    const english = term(folded);
    if (english === undefined) continue;
    out.add(english);
    if (isStemmed(code)) {
      const native = nativeStem(raw, code);
      if (native.length >= 2 && native !== english) out.add(native);
    }
  }
  return [...out];
}

/** Shorter words are not looked up as cognates: at two edits apart, short words are mostly unrelated. */
const MIN_COGNATE = 6;

/**
 * Words of a question in language `code` worth looking up as cognates of English index terms
 * (./lexical.ts similarTerms), folded, with the edits allowed for each: a quarter of its length,
 * at most 3 ("infraestructuras" → "infrastructure" is 3, "deteccion" → "detection" 1).
 */
export function cognateWords(text: string, code: string): { word: string; maxDistance: number }[] {
  if (code === 'en') return [];
  const own = stopsOf(code);
  const out = new Map<string, number>();
  for (const raw of rawWords(text)) {
    const word = fold(raw);
    if (word.length < MIN_COGNATE || own.has(word) || STOP.has(word) || /\d/u.test(word)) continue;
    out.set(word, Math.min(3, Math.floor(word.length / 4)));
  }
  return [...out].map(([word, maxDistance]) => ({ word, maxDistance }));
}

/** Fewer words than this and a text's language is not guessed: titles stay English-side. */
const MIN_WORDS = 8;
/** English prose runs at about 40 % stop words; below this share a long text may be another language. */
const ENGLISH_STOP_SHARE = 0.12;

/**
 * Index terms of a stored text. English text (nearly all of it) gets text.ts' terms as before;
 * a long text that is surely in a stemmed language gets, per word, the English-side term and
 * its own stem, so that a question in that language meets it whatever the inflection, and an
 * English question still meets its shared words.
 */
export function documentTerms(text: string): string[] {
  // Folded once: the English terms and the stop-word share come from the same words.
  const folded = words(text);
  const english = folded.flatMap((w) => term(w) ?? []);
  if (folded.length < MIN_WORDS) return english;
  const stops = folded.filter((w) => STOP.has(w)).length;
  if (stops / folded.length >= ENGLISH_STOP_SHARE) return english;
  const raw = rawWords(text);
  if (raw.length !== folded.length) return english;
  const top = detectAll(text)[0];
  if (top === undefined || top.accuracy < SURE || !isStemmed(top.lang)) return english;
  const code = top.lang;
  const own = stopsOf(code);
  const out: string[] = [];
  raw.forEach((w, i) => {
    const f = folded[i] as string;
    if (own.has(f)) return;
    const e = term(f);
    if (e === undefined) return;
    out.push(e);
    const native = nativeStem(w, code);
    if (native.length >= 2 && native !== e) out.push(native);
  });
  return out;
}
