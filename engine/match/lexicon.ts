/**
 * Bilingual lexicons for the lexical side of a question in another language: each word of the
 * question is looked up in a FreeDict dictionary (Debian's dict-freedict-* packages, provisioned
 * by `ileanet model fetch`, ./lexicon-fetch.ts) and its English translations join the question's
 * terms. This is dictionary query translation, the classic cross-language retrieval method: the
 * content is English, so a German "Gefängnissen" meets nothing in the index, "prison" does.
 *
 * A question's words are inflected and, in German and Dutch, glued into compounds, while the
 * dictionary holds lemmas. So a word is found by its own form, else by its Snowball stem (a
 * stem of a headword: "Gefängnissen" and "Gefängnis" share "gefangnis"; Polish
 * "bezpieczeństwa" and "bezpieczeństwo" share "bezpieczenstw"), else, for a long word, as a
 * compound of two found parts ("Drohnenabwehr" → "Drohne" + "Abwehr", linking -n-/-s-/-en-
 * allowed), each part translated. Before the stem, an inflected form the lexicon knows the
 * lemma of ("strategii" → "strategia", "kritieke" → "kritiek") is looked up as that lemma: the
 * Snowball stemmers of Dutch and Polish leave many forms apart from their lemma ("nieuwe",
 * "ciała" → "ci"). A word made of an international prefix and a known word
 * ("cyberbezpieczeństwem", "cyberdreigingen") is the prefix and that word's senses.
 *
 * Only the first few translations of a word join the lexical query: the long tail ("Abwehr":
 * defence, parry, warding off, rebuff, …) would add noise terms that outweigh the few right
 * ones in BM25. The whole question rendered in English (./render.ts) chooses among all kept senses.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stem as snowball } from 'multilingual-stemmer';
import { MatchError } from './errors.js';
import { fold, term, words } from './text.js';

/** Languages with a FreeDict dictionary provisioned here, by ISO 639-1 code → FreeDict's ISO 639-3. */
export const LEXICON_LANGUAGES = { de: 'deu', fr: 'fra', es: 'spa', it: 'ita', pl: 'pol', nl: 'nld' } as const;
export type LexiconLanguage = keyof typeof LEXICON_LANGUAGES;
export const isLexiconLanguage = (code: string): code is LexiconLanguage => Object.hasOwn(LEXICON_LANGUAGES, code);

/** The file a provisioned language's headwords are stored in (headword → English phrases). */
export const LEXICON_FILE = 'lexicon.json';

/** Translations per word used by default in the lexical query (./who-solved.ts passes its own). */
export const MAX_TRANSLATIONS = 3;
/**
 * Translations kept per headword in the provisioned file. FreeDict's German dictionary lists a
 * word's senses as separate entries in no useful order ("Sicherheit": certitude, sureness,
 * certainty, then safety, security, …), so the file keeps enough of them for the English
 * rendering (./render.ts) to choose the sense the question means; 12 holds every sense of the
 * words of bench:languages' questions.
 */
export const KEPT_SENSES = 12;
/**
 * Version of the lexicon file's content: 4 reads WikDict's numbered glosses as glosses, not
 * translations (translationLines); 3 adds the wordnet and pivot senses and the inflected
 * forms (./lexicon-sources.ts); 2 kept KEPT_SENSES senses per headword (1 kept 3). A folder of
 * another format is rebuilt by the next `ileanet model fetch --model lexicons`.
 */
export const LEXICON_FORMAT = 4;
/** Languages whose long words are tried as compounds of two dictionary words. */
const COMPOUNDING: ReadonlySet<string> = new Set(['de', 'nl']);
/** Parts of a compound shorter than this are not trusted ("ab", "an" match too much). */
const MIN_PART = 4;
/**
 * A first part this short is taken only as a headword written out, and only when no split with
 * longer parts is known: Dutch "zee|grenzen" (sea borders), "nep|nieuws" (fake news).
 */
const SHORT_PART = 3;
/** Letters that may join the parts of a German or Dutch compound ("Katastrophen|vorsorge", "Sicherheits|lücke"). */
const LINKS = ['', 's', 'n', 'en', 'es', 'e'] as const;

export type HeadwordMap = ReadonlyMap<string, readonly string[]>;
/** Inflected form → its headword (both folded). */
export type FormMap = ReadonlyMap<string, string>;

/**
 * Prefixes written the same across Europe's languages and English, glued to a word of the
 * language: the word after one is translated and the prefix kept.
 */
const PREFIXES = ['cyber', 'semi', 'poł', 'anti', 'anty', 'bio', 'multi', 'nano', 'tele'] as const;
/**
 * Endings taken off a word, before its Snowball stem, to find a headword or a known form:
 * plural and adjective endings, and derivations that keep the base's sense. Dutch Snowball
 * cuts "kwetsbaarheid" (vulnerability) to "kwets" (hurt) and leaves "geavanceerde" apart from
 * "geavanceerd"; without the ending they are "kwetsbaar" (vulnerable) and "geavanceerd". A
 * doubled last consonant is also tried single ("modellen" → "model").
 */
const ENDINGS: Readonly<Partial<Record<LexiconLanguage, readonly string[]>>> = {
  nl: ['heid', 'en', 'e', 's'],
};
/**
 * A base left by an ending, as the headword may spell it: a doubled last consonant single
 * ("modell|en" → model), z and v as s and f ("grenz|en" → grens, "brieven" → brief), a vowel
 * before the last consonant doubled ("strat|en" → straat).
 */
function spellings(base: string): string[] {
  const out = [base];
  if (/([^aeiou])\1$/u.test(base)) out.push(base.slice(0, -1));
  if (/z$/u.test(base)) out.push(`${base.slice(0, -1)}s`);
  if (/v$/u.test(base)) out.push(`${base.slice(0, -1)}f`);
  const open = /^(.*[^aeiou])([aeou])([^aeiou])$/u.exec(base);
  if (open !== null) out.push(`${open[1]}${open[2]}${open[2]}${open[3]}`);
  return out;
}

/** What a prefix is in English, where it is spelt otherwise (Polish "pół", folded "poł"). */
const PREFIX_ENGLISH: Readonly<Record<string, string>> = { poł: 'semi', anty: 'anti' };

// ---------------------------------------------------------------------------------------------
// Reading a dictd dictionary (what Debian's dict-freedict packages hold): an index of
// `headword \t offset \t length` lines, offsets in dictd's base64 digits, into the (gunzipped)
// .dict text.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function b64(s: string): number {
  let n = 0;
  for (const c of s) {
    const d = B64.indexOf(c);
    if (d < 0) throw new Error(`"${s}" is not a dictd offset`);
    n = n * 64 + d;
  }
  return n;
}

export interface DictdEntry {
  readonly headword: string;
  readonly body: string;
}

/** Entries of a dictd index over its .dict text; the `00-database-*` meta entries are skipped. */
export function* dictdEntries(index: string, dict: Buffer): Generator<DictdEntry> {
  let line = 0;
  for (const row of index.split('\n')) {
    line++;
    if (row === '') continue;
    const [headword, offset, length] = row.split('\t');
    if (headword === undefined || offset === undefined || length === undefined)
      throw new Error(
        `index line ${line} is not "headword<TAB>offset<TAB>length": ${JSON.stringify(row.slice(0, 80))}`,
      );
    if (headword.startsWith('00-database') || headword.startsWith('00database')) continue;
    const start = b64(offset);
    const end = start + b64(length);
    if (end > dict.length) throw new Error(`index line ${line} (${headword}) points past the end of the dictionary`);
    yield { headword, body: dict.subarray(start, end).toString('utf8') };
  }
}

/** Phrases of one translation line: notes in brackets dropped, split at commas and semicolons. */
function phrases(line: string): string[] {
  return line
    .replace(/<[^>]*>/gu, ' ')
    .replace(/\[[^\]]*\]/gu, ' ')
    .replace(/\([^)]*\)/gu, ' ')
    .replace(/\{[^}]*\}/gu, ' ')
    .replace(/``[^']*''/gu, ' ')
    .split(/[,;]/u)
    .map((p) => p.replace(/\s+/gu, ' ').trim())
    .filter((p) => p !== '' && !/[:=]/u.test(p));
}

const NUMBERED = /^\s*(?:[IVX]+\.\s*)?(?:<[^>]*>\s*)?\d+\.\s+/u;
const ROMAN = /^\s*[IVX]+\.\s+/u;

/**
 * Translation lines of a FreeDict entry body. The first line is the headword (with its
 * pronunciation and part of speech). Numbered senses ("1. authoritative") are the translations
 * when the line after the headword is one (Polish entries follow each with a gloss in Polish,
 * which is left out); otherwise that line is the only translation. Indented lines are notes,
 * synonyms and examples.
 *
 * FreeDict's WikDict dictionaries (the 2022.12 ones: nld-spa, nld-pol, fra-spa, …) number their
 * glosses, which are in the headword's own language: "maatregel / μέτρο / 1. iets dat wordt
 * beslist om een doel te treffen" is one sense, μέτρο, glossed in Dutch; several senses read
 * "1. αραβικά / 1. een taal … / 2. αραβικός / 2. een … alfabet". So a numbered line after an
 * unnumbered translation, or repeating the number of the line before it, is a gloss. Read as
 * translations, they made 12,000 of nld-spa's 27,000 entries Dutch definitions.
 */
function translationLines(body: string): string[] {
  const lines = body.split('\n').slice(1);
  const first = lines.find((l) => l.trim() !== '');
  if (first === undefined || /^\s/u.test(first)) return [];
  if (numberOf(first) === undefined) return [first];
  const gloss = glosses(lines);
  return lines
    .filter((l, i) => numberOf(l) !== undefined && !gloss[i])
    .map((l) => l.replace(ROMAN, '').replace(NUMBERED, ''));
}

/** The number a numbered line starts with ("2.", "II. <Adv> 1."), undefined for another line. */
function numberOf(line: string): string | undefined {
  if (!NUMBERED.test(line) && !ROMAN.test(line)) return undefined;
  return /^\s*(?:[IVX]+\.\s*)?(?:<[^>]*>\s*)?(?:\d+\.)?/u.exec(line)?.[0].trim() ?? line;
}

/**
 * Which lines of an entry body (after the headword) are WikDict glosses: numbered lines after an
 * unnumbered first line, and numbered lines repeating the number of the numbered line before.
 */
function glosses(lines: readonly string[]): boolean[] {
  const first = lines.find((l) => l.trim() !== '');
  const afterTranslation = first !== undefined && !/^\s/u.test(first) && numberOf(first) === undefined;
  let before: string | undefined;
  return lines.map((l) => {
    const n = numberOf(l);
    if (n === undefined) return false;
    const gloss = afterTranslation || n === before;
    before = n;
    return gloss;
  });
}

/**
 * Phrases of one or two words are translations; longer ones are explanations ("post mortem
 * analysis" for "Analyse") whose extra words are noise terms.
 */
export const short = (phrase: string): boolean => phrase.split(' ').length <= 2;

/** A headword as lexicons store it: folded, single-spaced. */
export const key = (headword: string): string => fold(headword.trim()).replace(/\s+/gu, ' ');

function add(out: Map<string, string[]>, k: string, value: string): void {
  if (k === '' || value === '') return;
  let list = out.get(k);
  if (list === undefined) {
    list = [];
    out.set(k, list);
  }
  if (!list.includes(value)) list.push(value);
}

/**
 * Headwords of a foreign → English dictionary (e.g. freedict-deu-eng), folded, to their English
 * phrases in the dictionary's order.
 */
export function readForward(entries: Iterable<DictdEntry>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of entries) {
    const k = key(e.headword);
    for (const line of translationLines(e.body)) for (const p of phrases(line)) if (short(p)) add(out, k, p);
  }
  return out;
}

/**
 * Foreign words of an English → foreign dictionary (e.g. freedict-eng-fra), folded, to the
 * English headwords that list them: the same pairs read the other way, which doubles the small
 * FreeDict French, Spanish and Italian dictionaries. Only one-word foreign phrases are kept: a
 * phrase ("prendre feu") is not a question's word.
 */
export function readReverse(entries: Iterable<DictdEntry>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of entries) {
    const english = e.headword.trim();
    // "New York" → "Nuova York" would make every "nuove" a city.
    if (/\s/u.test(english)) continue;
    const lines = e.body.split('\n').slice(1);
    const gloss = glosses(lines);
    for (const [i, line] of lines.entries()) {
      if (gloss[i] || /Phras|^\s*-/u.test(line)) continue;
      const cleaned = line.replace(ROMAN, '').replace(NUMBERED, '');
      for (const p of phrases(cleaned)) if (!/\s/u.test(p)) add(out, key(p), english);
    }
  }
  return out;
}

/** One map from both directions: the foreign → English dictionary's translations first, then the reverse ones. */
export function mergeHeadwords(...maps: ReadonlyMap<string, readonly string[]>[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of maps) for (const [k, list] of m) for (const v of list) add(out, k, v);
  for (const [k, list] of out) out.set(k, list.slice(0, KEPT_SENSES));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Looking words up.

const stemOf = (code: LexiconLanguage, word: string): string => fold(snowball(code, word.toLowerCase()));
const phraseStem = (code: LexiconLanguage, span: readonly string[]): string =>
  span.map((w) => stemOf(code, w)).join(' ');

/** One language's lexicon: headwords to English phrases, and the same by Snowball stem. */
export class LanguageLexicon {
  readonly code: LexiconLanguage;
  readonly #headwords: HeadwordMap;
  readonly #forms: FormMap;
  #stems: Map<string, string[]> | undefined;
  #phrases: Map<string, readonly string[]> | undefined;

  constructor(code: LexiconLanguage, headwords: HeadwordMap, forms: FormMap = new Map()) {
    this.code = code;
    this.#headwords = headwords;
    this.#forms = forms;
  }

  get size(): number {
    return this.#headwords.size;
  }

  /** Stems of one-word headwords, built at first use (a second or so for German's 400,000 headwords). */
  #byStem(): Map<string, string[]> {
    if (this.#stems === undefined) {
      const stems = new Map<string, string[]>();
      for (const [head, list] of this.#headwords) {
        if (head.includes(' ')) continue;
        const s = stemOf(this.code, head);
        if (s.length < 3) continue;
        // The shortest headword of a stem is usually its lemma ("gefangnis" before "gefangnisse").
        const have = stems.get(s);
        if (have === undefined) stems.set(s, [...list]);
      }
      this.#stems = stems;
    }
    return this.#stems;
  }

  /**
   * English phrases for one word: by its form, else as the lemma of an inflected form, else by
   * its stem; undefined when none is known.
   */
  #direct(word: string): readonly string[] | undefined {
    const folded = fold(word);
    const exact = this.#headwords.get(folded);
    if (exact !== undefined) return exact;
    const viaLemma = this.#lemma(folded);
    if (viaLemma !== undefined) return viaLemma;
    if (folded.length < 3) return undefined;
    return this.#unended(folded, 2) ?? this.#byStem().get(stemOf(this.code, word));
  }

  /** Senses of the word without up to `depth` of its language's ENDINGS ("kwetsbaar|heid|s"). */
  #unended(folded: string, depth: number): readonly string[] | undefined {
    for (const ending of ENDINGS[this.code] ?? []) {
      const base = folded.slice(0, -ending.length);
      if (!folded.endsWith(ending) || base.length < MIN_PART) continue;
      for (const b of spellings(base)) {
        const hit = this.#headwords.get(b) ?? this.#lemma(b) ?? (depth > 1 ? this.#unended(b, depth - 1) : undefined);
        if (hit !== undefined) return hit;
      }
    }
    return undefined;
  }

  /** The senses of a known inflected form's headword. */
  #lemma(folded: string): readonly string[] | undefined {
    const lemma = this.#forms.get(folded);
    return lemma === undefined ? undefined : this.#headwords.get(lemma);
  }

  /**
   * English phrases for a phrase headword of several words ("kritische Infrastruktur"): by its
   * folded form, else by the stems of its words (an inflected phrase: "kritischen
   * Infrastrukturen"); undefined when the lexicon has no such phrase.
   */
  phrase(span: readonly string[]): readonly string[] | undefined {
    const exact = this.#headwords.get(key(span.join(' ')));
    if (exact !== undefined) return exact;
    const last = span[span.length - 1];
    if (last === undefined || fold(last).length < 3) return undefined;
    return this.#phraseStems().get(phraseStem(this.code, span));
  }

  /** Phrase headwords by the stem of each word, built at first use. */
  #phraseStems(): Map<string, readonly string[]> {
    if (this.#phrases === undefined) {
      const phrases = new Map<string, readonly string[]>();
      for (const [head, list] of this.#headwords) {
        if (!head.includes(' ')) continue;
        const k = phraseStem(this.code, head.split(' '));
        if (!phrases.has(k)) phrases.set(k, list);
      }
      this.#phrases = phrases;
    }
    return this.#phrases;
  }

  /**
   * English phrases for one word of a question: by its form or stem, else (German, Dutch) as a
   * compound of two known parts, the split with the longest known head; empty when unknown.
   */
  translate(word: string): string[] {
    return this.parts(word).flat();
  }

  /**
   * The same, per part: one list for a word found whole, two for a compound (each part's
   * translations, common sense first), none for an unknown word.
   */
  parts(word: string): (readonly string[])[] {
    const direct = this.#direct(word);
    if (direct !== undefined) return [direct];
    const w = fold(word);
    for (const prefix of PREFIXES) {
      if (prefix === 'poł' && this.code !== 'pl') continue;
      const rest = w.slice(prefix.length).replace(/^-/u, '');
      if (!w.startsWith(prefix) || rest.length < MIN_PART) continue;
      const after = this.#direct(rest);
      if (after !== undefined) return [[PREFIX_ENGLISH[prefix] ?? prefix], after];
    }
    if (!COMPOUNDING.has(this.code)) return [];
    return this.#split(w, false) ?? this.#split(w, true) ?? this.#split(w, false, SHORT_PART) ?? [];
  }

  /**
   * A compound's parts: the split with the longest known head whose first part is a known word,
   * or (`deeper`) itself a compound of two ("rampen|risico|vermindering"); undefined when none.
   */
  #split(w: string, deeper: boolean, shortFirst = 0): (readonly string[])[] | undefined {
    let best: { parts: (readonly string[])[]; head: number } | undefined;
    for (let i = w.length - MIN_PART; i >= Math.min(MIN_PART, shortFirst || MIN_PART); i--) {
      const second = this.#direct(w.slice(i));
      if (second === undefined) continue;
      for (const link of LINKS) {
        const left = w.slice(0, i);
        if (link !== '' && !left.endsWith(link)) continue;
        const stemPart = left.slice(0, left.length - link.length);
        if (stemPart.length < MIN_PART && stemPart.length !== shortFirst) continue;
        const whole = stemPart.length < MIN_PART ? this.#headwords.get(stemPart) : this.#direct(stemPart);
        const first = whole !== undefined ? [whole] : deeper ? this.#split(stemPart, false) : undefined;
        if (first === undefined) continue;
        const head = w.length - i;
        if (best === undefined || head > best.head) best = { parts: [...first, second], head };
        break;
      }
    }
    return best?.parts;
  }
}

export interface TranslateOptions {
  /** Translations kept per word of the question (per part of a compound). */
  readonly perWord?: number;
  /** Words already matched in the English index (a cognate, a shared word): not translated. */
  readonly matched?: (folded: string) => boolean;
  /**
   * How often the English texts use an index term. Given, a word's translations are taken in
   * that order rather than the dictionary's (the sense the texts use: "prison", not "durance"),
   * and translations the texts never use are dropped; absent, the dictionary's order stands.
   */
  readonly frequency?: (term: string) => number;
}

/** The English index terms (text.ts `term`) of a question's words in `lexicon`'s language. */
export function translatedTerms(
  lexicon: LanguageLexicon,
  text: string,
  stops: ReadonlySet<string>,
  options: TranslateOptions = {},
): string[] {
  const out = new Set<string>();
  const perWord = options.perWord ?? MAX_TRANSLATIONS;
  for (const raw of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const folded = fold(raw);
    if (folded.length < 2 || stops.has(folded) || /^\d+$/u.test(folded)) continue;
    if (options.matched?.(folded) === true) continue;
    for (const part of lexicon.parts(raw)) {
      const candidates = part.map((phrase) => words(phrase).flatMap((w) => term(w) ?? []));
      const chosen =
        options.frequency === undefined
          ? candidates.slice(0, perWord)
          : byUse(candidates, options.frequency).slice(0, perWord);
      for (const c of chosen) for (const t of c) out.add(t);
    }
  }
  return [...out];
}

/**
 * Translations (each a phrase's terms) the texts use, most used first, ties in the dictionary's
 * order; a phrase counts as used as often as its rarest term.
 */
function byUse(candidates: readonly string[][], frequency: (term: string) => number): string[][] {
  return candidates
    .map((c, i) => ({ c, i, f: c.length === 0 ? 0 : Math.min(...c.map(frequency)) }))
    .filter((x) => x.f > 0)
    .sort((a, b) => b.f - a.f || a.i - b.i)
    .map((x) => x.c);
}

/**
 * The lexicons of the provisioned languages (./lexicon-fetch.ts lays them out as
 * `<dir>/freedict-<iso3>/lexicon.json` with a manifest). Each is read at the first question in
 * its language, not at start: the German one is 15 MB of JSON, and most questions are English.
 */
export class Lexicons {
  readonly #byCode = new Map<string, LanguageLexicon | undefined>();
  readonly #dir: string | undefined;

  private constructor(dir: string | undefined) {
    this.#dir = dir;
  }

  /** Lexicons given in memory (tests, callers that build their own). */
  static of(...lexicons: LanguageLexicon[]): Lexicons {
    const out = new Lexicons(undefined);
    for (const l of lexicons) out.#byCode.set(l.code, l);
    return out;
  }

  /** The languages provisioned in `dir`, each read when first asked for; none when `dir` holds none. */
  static load(dir: string): Lexicons {
    return new Lexicons(dir);
  }

  /**
   * The lexicon of a language, or undefined when it is not provisioned. A lexicon file that no
   * longer matches its manifest's checksum is an error naming it (ERR_LEXICON_CORRUPT), not a
   * silent change of answers.
   */
  get(code: string): LanguageLexicon | undefined {
    if (this.#byCode.has(code)) return this.#byCode.get(code);
    const found = this.#dir === undefined || !isLexiconLanguage(code) ? undefined : readLexicon(this.#dir, code);
    this.#byCode.set(code, found);
    return found;
  }

  /** The languages with a lexicon (reading each). */
  get languages(): string[] {
    return Object.keys(LEXICON_LANGUAGES).filter((c) => this.get(c) !== undefined);
  }
}

function readLexicon(dir: string, code: LexiconLanguage): LanguageLexicon | undefined {
  const folder = join(dir, `freedict-${LEXICON_LANGUAGES[code]}`);
  let manifest: { files?: Record<string, { sha256?: string }> };
  let body: Buffer;
  try {
    manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    body = readFileSync(join(folder, LEXICON_FILE));
  } catch {
    return undefined;
  }
  const file = join(folder, LEXICON_FILE);
  const fix = 'run `ileanet model fetch --model lexicons --force`';
  if (createHash('sha256').update(body).digest('hex') !== manifest.files?.[LEXICON_FILE]?.sha256)
    throw new MatchError('ERR_LEXICON_CORRUPT', `${file} does not match the checksum in its manifest: ${fix}`);
  const parsed = JSON.parse(body.toString('utf8')) as {
    headwords?: Record<string, string[]>;
    forms?: Record<string, string>;
  };
  if (parsed.headwords === null || typeof parsed.headwords !== 'object')
    throw new MatchError('ERR_LEXICON_CORRUPT', `${file} holds no headwords: ${fix}`);
  return new LanguageLexicon(
    code,
    new Map(Object.entries(parsed.headwords)),
    new Map(parsed.forms === null || typeof parsed.forms !== 'object' ? [] : Object.entries(parsed.forms)),
  );
}
