/**
 * Words as matching sees them, shared by the lexical index, the query and the snippets so
 * that the three always agree on what "matched" means.
 *
 * Terms are lower-cased, stripped of accents, English stop words and question fillers
 * ("who has solved …") dropped, and plurals folded by Harman's S-stemmer: conservative on
 * purpose, because a stronger stemmer merges words that officers keep apart
 * ("police"/"policy", "organ"/"organisation").
 */
import { type GraphNode, type NodeKind, TEXT_FIELDS } from '../../graph/index.js';

/** Bumped whenever tokenising changes: a stored index with another version is rebuilt. */
export const TOKENIZER_VERSION = 2;

/** English stop words and question fillers, folded. */
export const STOP: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have having he her his how i if in into ' +
    'is it its me my no nor not of on or our out over she so some such than that the their them then there these they ' +
    'this those through to too under up very was we were what when where which while who whom why will with would you ' +
    'your also any all both each few more most other own same just only should may might must shall us via per within ' +
    'without about against between during before after above below again further once here ' +
    // Question fillers: they carry no topic and would otherwise match every "solution" text.
    'anyone someone somebody solved solve solving'
  ).split(' '),
);

/** Harman's S-stemmer: plurals only. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) {
    return `${word.slice(0, -3)}y`;
  }
  if (word.length > 3 && word.endsWith('es') && !/[aeo]es$/u.test(word)) return word.slice(0, -1);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('us') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Lower case without diacritics: "Gendarmería" → "gendarmeria". ASCII (most text) skips normalisation. */
export const fold = (s: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point of the test.
  /^[\x00-\x7f]*$/u.test(s)
    ? s.toLowerCase()
    : s
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();

const WORD = /[\p{L}\p{N}]+/gu;

/** Raw words of a text (folded, not yet filtered). */
export const words = (text: string): string[] => fold(text).match(WORD) ?? [];

/** The index term of one folded word, or undefined for a stop word or a lone letter. */
export function term(word: string): string | undefined {
  if (word.length < 2 || STOP.has(word)) return undefined;
  return stem(word);
}

/** Index terms of a text, in order, duplicates kept (BM25 counts them). */
export const terms = (text: string): string[] => words(text).flatMap((w) => term(w) ?? []);

/** Distinct terms of a query, in order of first appearance. */
export const queryTerms = (text: string): string[] => [...new Set(terms(text))];

/** The text of one field of a node: strings as they are, string lists joined by "; ". */
export function fieldText(node: GraphNode, field: string): string | undefined {
  const v = (node as unknown as Record<string, unknown>)[field];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (Array.isArray(v)) {
    const s = v.filter((x): x is string => typeof x === 'string' && x !== '').join('; ');
    return s === '' ? undefined : s;
  }
  return undefined;
}

/** All matchable text of a node, field by field (TEXT_FIELDS order). */
export function nodeTexts(node: GraphNode): { field: string; text: string }[] {
  return (TEXT_FIELDS[node.kind as NodeKind] ?? []).flatMap((field) => {
    const text = fieldText(node, field);
    return text === undefined ? [] : [{ field, text }];
  });
}

/** What embedding and display call a node by: its title, name, label or question. */
export function nodeLabel(node: GraphNode): string {
  const r = node as unknown as Record<string, unknown>;
  for (const f of ['title', 'name', 'label', 'question', 'acronym']) {
    const v = r[f];
    if (typeof v === 'string' && v !== '') {
      const acronym = node.kind === 'Project' && typeof r['acronym'] === 'string' ? `${r['acronym']}: ` : '';
      return f === 'title' ? `${acronym}${v}` : v;
    }
  }
  return node.id;
}

export interface Snippet {
  readonly field: string;
  /** A sentence (or window of it) of the field, at most SNIPPET_CHARS long. */
  readonly text: string;
  /** Words of the snippet that matched the query, as written in the text. */
  readonly matched: readonly string[];
}

const SNIPPET_CHARS = 220;

/**
 * The passages of a node that best show why it matched: per field, the sentence holding the
 * most distinct query terms. Fields without a match are left out; when no field matches
 * (a dense-only hit), the node's first field stands in with no matched words.
 */
export function snippets(node: GraphNode, query: readonly string[], max = 2): Snippet[] {
  const wanted = new Set(query);
  const found: (Snippet & { score: number })[] = [];
  for (const { field, text } of nodeTexts(node)) {
    let best: { sentence: string; matched: string[] } | undefined;
    for (const sentence of text.split(/(?<=[.!?;])\s+|\n+/u)) {
      const matched = [
        ...new Set((sentence.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => wanted.has(term(fold(w)) ?? ''))),
      ];
      const distinct = new Set(matched.map((w) => term(fold(w)))).size;
      if (distinct > 0 && (best === undefined || distinct > new Set(best.matched.map((w) => term(fold(w)))).size)) {
        best = { sentence, matched };
      }
    }
    if (best !== undefined) {
      found.push({
        field,
        text: clip(best.sentence, best.matched[0]),
        matched: best.matched,
        score: best.matched.length,
      });
    }
  }
  if (found.length === 0) {
    const first = nodeTexts(node)[0];
    return first === undefined ? [] : [{ field: first.field, text: clip(first.text, undefined), matched: [] }];
  }
  return found
    .sort((a, b) => b.score - a.score)
    .slice(0, max)
    .map(({ field, text, matched }) => ({ field, text, matched }));
}

/** A window of at most SNIPPET_CHARS around the first matched word, cut at word boundaries. */
function clip(text: string, around: string | undefined): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  if (t.length <= SNIPPET_CHARS) return t;
  const at = around === undefined ? 0 : Math.max(0, t.indexOf(around));
  let start = Math.max(0, at - Math.floor(SNIPPET_CHARS / 3));
  if (start > 0) start = t.indexOf(' ', start) + 1 || start;
  let end = Math.min(t.length, start + SNIPPET_CHARS);
  if (end < t.length) end = t.lastIndexOf(' ', end) > start ? t.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${t.slice(start, end)}${end < t.length ? '…' : ''}`;
}
