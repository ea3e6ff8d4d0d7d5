/**
 * English spellings of a word the lexicon does not know, by the regular correspondences of
 * learned vocabulary between Europe's languages and English: Polish "walidacja" and Dutch
 * "validatie" are "validation", Polish "infrastrukturze" and Dutch "infrastructuur"
 * "infrastructure", Italian "radicalizzazione" "radicalization". Dictionaries lack most such
 * words (they are taken to need no translation), and they carry much of a technical question.
 *
 * A candidate is only a guess: the caller keeps one only if the English texts use it
 * (who-solved.ts checks the index term's document frequency), so a rule that misfires on a
 * word costs nothing unless it lands on a real English term. The edit-distance cognates of
 * ./language.ts stay the fallback.
 */

/** Ending of the folded word → English endings, longest first per language. */
type Rules = readonly (readonly [string, readonly string[]])[];

const ATION = ['ation'];
const TION = ['tion'];
const IC = ['ic', 'ical'];

const SUFFIXES: Readonly<Record<string, Rules>> = {
  pl: [
    ['yzacja', ['isation', 'ization']],
    ['yzacji', ['isation', 'ization']],
    ['izacja', ['isation', 'ization']],
    ['izacji', ['isation', 'ization']],
    ['acyjnej', ['ational']],
    ['acyjny', ['ational']],
    ['acyjna', ['ational']],
    ['acyjne', ['ational']],
    ['acyjnych', ['ational']],
    ['acja', ATION],
    ['acji', ATION],
    ['acje', ATION],
    ['cja', TION],
    ['cji', TION],
    ['cje', TION],
    ['ologia', ['ology']],
    ['ologii', ['ology']],
    ['yczny', IC],
    ['yczna', IC],
    ['yczne', IC],
    ['ycznej', IC],
    ['ycznych', IC],
    ['ycznego', IC],
    ['izmu', ['ism']],
    ['izm', ['ism']],
    ['ysta', ['ist']],
    ['ista', ['ist']],
    ['urze', ['ure']],
    ['ura', ['ure']],
    ['ury', ['ure']],
    ['ia', ['y']],
    ['ii', ['y']],
    ['yka', ['ics']],
    ['yki', ['ics']],
    ['owanie', ['ing']],
    ['owania', ['ing']],
    ['ment', ['ment']],
    ['mentu', ['ment']],
  ],
  nl: [
    ['isering', ['isation', 'ization']],
    ['iseringen', ['isation', 'ization']],
    ['atie', ATION],
    ['aties', ATION],
    ['tie', TION],
    ['ties', TION],
    ['uur', ['ure']],
    ['uren', ['ure']],
    ['ieke', IC],
    ['iek', IC],
    ['ische', IC],
    ['isch', IC],
    ['ieve', ['ive']],
    ['ief', ['ive']],
    ['iteit', ['ity']],
    ['iteiten', ['ity']],
    ['isme', ['ism']],
    ['isten', ['ist']],
    ['ieen', ['ies']],
    ['ie', ['y']],
    ['eren', ['ate', 'e', '']],
    ['ele', ['al']],
    ['eel', ['al']],
  ],
  de: [
    ['isierung', ['isation', 'ization']],
    ['ation', ATION],
    ['ationen', ATION],
    ['itat', ['ity']],
    ['ische', IC],
    ['ischen', IC],
    ['isch', IC],
    ['ismus', ['ism']],
    ['ieren', ['ate', 'e', '']],
    ['ie', ['y']],
    ['iv', ['ive']],
    ['ive', ['ive']],
    ['ur', ['ure']],
    ['ell', ['al']],
  ],
  fr: [
    ['isation', ['isation', 'ization']],
    ['ique', IC],
    ['iques', IC],
    ['ite', ['ity']],
    ['ites', ['ity']],
    ['isme', ['ism']],
    ['iste', ['ist']],
    ['ie', ['y']],
    ['eur', ['or']],
    ['if', ['ive']],
    ['ive', ['ive']],
    ['aire', ['ary']],
    ['elle', ['al']],
    ['el', ['al']],
  ],
  es: [
    ['izacion', ['isation', 'ization']],
    ['cion', TION],
    ['ciones', TION],
    ['sion', ['sion']],
    ['dad', ['ty']],
    ['dades', ['ty']],
    ['ia', ['y']],
    ['ico', IC],
    ['ica', IC],
    ['icos', IC],
    ['icas', IC],
    ['ismo', ['ism']],
    ['ista', ['ist']],
    ['ivo', ['ive']],
    ['iva', ['ive']],
    ['ario', ['ary']],
    ['ura', ['ure']],
    ['mente', ['ly']],
  ],
  it: [
    ['izzazione', ['isation', 'ization']],
    ['zione', TION],
    ['zioni', TION],
    ['sione', ['sion']],
    ['ta', ['ty']],
    ['ia', ['y']],
    ['ico', IC],
    ['ica', IC],
    ['ici', IC],
    ['iche', IC],
    ['ismo', ['ism']],
    ['ista', ['ist']],
    ['ivo', ['ive']],
    ['iva', ['ive']],
    ['ivi', ['ive']],
    ['ale', ['al']],
    ['ali', ['al']],
    ['ario', ['ary']],
    ['ura', ['ure']],
    ['mente', ['ly']],
  ],
};

/** Spelling correspondences tried on the word as well as as written (Polish w → v, k → c, y → i; Dutch and German k → c). */
const LETTERS: Readonly<Record<string, readonly (readonly [RegExp, string])[]>> = {
  pl: [
    [/w/gu, 'v'],
    [/k/gu, 'c'],
    [/y/gu, 'i'],
    [/sz/gu, 'sh'],
    [/cz/gu, 'ch'],
    [/ks/gu, 'x'],
  ],
  nl: [
    [/k/gu, 'c'],
    [/ij/gu, 'i'],
  ],
  de: [
    [/k/gu, 'c'],
    [/z/gu, 'c'],
  ],
};

/** Shortest word rules are tried on: a stem of three letters or fewer is no evidence. */
const MIN_WORD = 6;

/**
 * English spellings a folded word of language `code` may be a cognate of, most specific rule
 * first; empty when no rule applies. The word's own letters are kept as well as respelt.
 */
export function englishSpellings(code: string, folded: string): string[] {
  const rules = SUFFIXES[code];
  if (rules === undefined || folded.length < MIN_WORD) return [];
  const out: string[] = [];
  for (const [ending, englishEndings] of rules) {
    if (!folded.endsWith(ending)) continue;
    const stem = folded.slice(0, folded.length - ending.length);
    if (stem.length < 3) continue;
    let respelt = stem;
    for (const [from, to] of LETTERS[code] ?? []) respelt = respelt.replace(from, to);
    for (const s of respelt === stem ? [stem] : [respelt, stem])
      for (const e of englishEndings) if (!out.includes(s + e)) out.push(s + e);
  }
  return out;
}
