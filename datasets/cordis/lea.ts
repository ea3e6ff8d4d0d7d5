/**
 * Which organisations are law-enforcement bodies, judged from their names: police,
 * gendarmeries, border guards, coast guards, customs, interior ministries and the EU's
 * law-enforcement agencies, in the EU's languages (and the neighbours that take part in
 * CORDIS projects), in Latin, Greek and Cyrillic script and in CORDIS's transliterations.
 *
 * Precision first: each term is a whole word or a known compound, never a bare stem such as
 * "poli" (which would take in politecnico, policy, policlinico, political science).
 * The rules were checked against every organisation name in the shared CORDIS extract;
 * test/datasets/lea.test.ts holds the known examples and non-examples.
 */

export interface LeaRule {
  /** Short name shown as evidence, e.g. `police`. */
  readonly rule: string;
  readonly pattern: RegExp;
  /** A match of this pattern in the same name cancels the rule (e.g. fire brigades for interior ministries). */
  readonly unless?: RegExp;
}

// Names are normalised to lower case without diacritics, every run of non-letters becomes
// one space, and a space is added at both ends: ` word ` then means a whole word.
const w = (alternatives: string) => new RegExp(` (?:${alternatives}) `, 'u');
/** Terms that may stand at the end of a compound (Bundespolizei, keskusrikospoliisi). */
const inWord = (alternatives: string) => new RegExp(`(?:${alternatives})`, 'u');

/** Fire, rescue and civil-protection bodies sit under interior ministries but are not law enforcement. */
const CIVIL_PROTECTION = inWord(
  [
    ' fire ',
    ' rescue',
    ' brand',
    'feuerwehr',
    'pompier',
    'incendie',
    'bomber',
    'bombeir',
    'vigili del fuoco',
    'gasilsk',
    'vatrogas',
    'hasic',
    'pozar',
    'pyrosvest',
    'pojarn',
    'priesgaisrin',
    'gelbejim',
    ' afet ',
    'acil durum',
    'katasztrof',
    'civil protection',
    'protection civile',
    'protezione civile',
    'proteccion civil',
    'protectie civil',
    'securite civile',
    'civil defen',
    'emergenc',
    'emergenz',
    'urgenta',
    'urgence',
    'disaster',
    'zivilschutz',
    'bevolkerungsschutz',
    'pelastus',
    'raddning',
    'redning',
  ].join('|'),
);

/** Bodies *about* law enforcement rather than of it: professional associations, unions, think tanks. */
const NOT_AN_AUTHORITY = w(
  'foundation|association|associazione|asociacion|associacao|stichting|stiftung|verein|ev|e v|' +
    'federation|syndicat|sindacato|gewerkschaft|vakbond|trade union|forum|network|aisbl|asbl',
);

export const LEA_RULES: readonly LeaRule[] = [
  {
    rule: 'police',
    pattern: w(
      // English, French, Romance, Slavic, Baltic, Albanian and Maltese forms; "policy",
      // "policies" and "policlinico" are deliberately absent.
      'police|policing|policia|policias|policial|policiales|policiais|polizia|politia|politiei|' +
        'policie|policii|policejni|policajn\\w*|policja|policji|policyjn\\w*|policij\\w*|policise|pulizij\\w*|' +
        'politie(?!k)\\w*|constabulary|constable|' +
        // Danish and Norwegian; "tou politi" is Greek for "of the citizen" (the ombudsman's name).
        '(?<! tou )politi|(?<! tou )politiet|politidirektorat\\w*|politihogskol\\w*|politidistrikt\\w*|politiets|' +
        'polisen|polismyndighet\\w*|polisstyrelse\\w*|polishogskol\\w*|polis akademisi|emniyet genel mudurlugu|' +
        'politsi\\w*|rendor\\w*|astynomi\\w*|astinomi\\w*|garda siochana|mossos d esquadra|ertzaintza|guardia urbana',
    ),
  },
  {
    rule: 'police',
    // Compounds: Bundespolizei, Polizeipräsident, keskusrikospoliisi, Rikspolisstyrelsen, Politsei- ja Piirivalveamet.
    pattern: inWord(
      'polizei|poliisi|politsei|rikspolis|kriminalpolis|rigspoliti|kriminalpoliti|logregl|αστυνομ|полиц|поліц',
    ),
  },
  {
    rule: 'gendarmerie',
    pattern: w(
      'gendarmerie|gendarmeria|jandarmeria|jandarma|zandarmerie|carabinieri|guardia civil|guardia di finanza|' +
        'marechaussee|koninklijke marechaussee|guarda nacional republicana',
    ),
  },
  {
    rule: 'criminal investigation',
    pattern: inWord(
      'kriminalamt|rikskriminal| bureau of investigation| criminal investigation| crime agency|' +
        ' biuro sledcze|finansiniu nusikaltimu tyrimo| combating organi[sz]ed crime| organiziranata prestupnost',
    ),
  },
  {
    rule: 'border guard',
    pattern: inWord(
      ' border guard| border police| border force| state border |grenzschutz|grenzwacht| straz\\w* graniczn|' +
        'piirivalve|rajavartio|robezsardz|sienos apsaugos|estrangeiros e fronteiras|прикордонн|пограничн',
    ),
  },
  {
    rule: 'coast guard',
    pattern: inWord(
      ' coast ?guard|garde cotes|guardia costiera|guarda costeira|guardia costera|kustbevakning|kystvakt|' +
        'landhelgisgaesl|limeniko soma|λιμενικο σωμα|garda de coasta|capitanerie di porto',
    ),
    // The UK's agency is search and rescue and ship safety, without police powers.
    unless: inWord('maritime and coastguard agency'),
  },
  {
    rule: 'customs',
    pattern: inWord(
      ' customs | douane| zoll|zolldirektion|zollamt|zollfahndung|zollverwaltung| dogana | dogane | doganal| aduan| celn\\w*| reditelstvi cel | coln[aey] (?:sprava|urad)|' +
        ' carinsk| mitni[ct]| vamhivatal| vamal| vama | vamii | vamilor | tullverk| tulli | tullen | tolletat| tollregion|' +
        ' tolldirektorat| tollvesen| tollstjor| toldstyrelse| tolliamet| muitin| muitas | gumruk| telonei| τελων| dwana |' +
        ' митниц',
    ),
    // Freight forwarders and customs brokers carry "customs" in their names; Zollverein is a heritage site.
    unless: inWord(' forward| logistic| broker| agents? | zollverein'),
  },
  {
    rule: 'interior ministry',
    pattern: inWord(
      [
        ' ministry (?:of|for) (?:the )?(?:interior|internal affairs|home affairs|internal security|public security|security) ',
        ' ministry of administration and interior',
        ' interior ministry',
        ' home office ',
        ' homeland security',
        ' ministry of justice and (?:public )?(?:security|safety)',
        ' justitie en veiligheid',
        ' justis og beredskapsdepartement',
        ' ministere de l interieur',
        ' service public federal interieur',
        ' securite interieure',
        ' ministerio del interior',
        ' departament d interior',
        ' departamento (?:de )?seguridad',
        ' secretaria de estado de seguridad',
        ' administracao interna',
        ' ministero dell interno',
        ' ministero degli interni',
        ' pubblica sicurezza',
        ' \\w*(?:ministerium|senatsverwaltung|senator|senatorin) (?:des|der|fur|fuer) (?:innern|inneres)',
        ' \\w*innenminister',
        ' binnenlandse zaken',
        ' ministerstvo vnitra',
        ' ministerstvo vnutra',
        ' spraw wewnetrznych',
        ' afacerilor interne',
        ' administratiei si internelor',
        ' unutarnjih poslova',
        ' unutrasnjih poslova',
        ' notranje zadeve',
        ' vatreshnite raboti',
        ' mvr ',
        ' vnatresni raboti',
        ' belugy',
        // Nominative only: "... prie Vidaus reikalų ministerijos" is a body *under* the ministry.
        ' vidaus reikalu ministerija ',
        ' iekslietu ministrija ',
        ' siseministeerium',
        ' sisaministerio',
        ' sisaasiainministerio',
        ' ypourgeio esoterikon',
        ' prostasias tou politi ',
        ' dimosias taxis',
        ' icisleri bakanligi',
        ' punet e brendshme',
        ' puneve te brendshme',
        ' ministria e brendshme',
        ' innanrikisraduneyti',
        'υπουργειο εσωτερικων',
        'προστασιας του πολιτη',
        'δημοσιας ταξης',
        'вътрешните работи',
        'внатрешни работи',
        'унутрашњих послова',
        'внутренних дел',
        'внутрішніх справ',
      ].join('|'),
    ),
    unless: CIVIL_PROTECTION,
  },
  {
    rule: 'EU or international agency',
    pattern: w('europol|interpol|cepol|frontex|law enforcement|international criminal police organi[sz]ation'),
  },
];

/** Letters that Unicode decomposition leaves whole. */
const FOLD: Record<string, string> = { ł: 'l', ø: 'o', æ: 'ae', đ: 'd', ı: 'i', ß: 'ss', œ: 'oe', þ: 'th', ð: 'd' };

/** Lower case, no diacritics, words separated by single spaces, padded with a space at both ends. */
export function normaliseName(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łøæđıßœþð]/gu, (c) => FOLD[c] ?? c);
  return ` ${folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

/** CORDIS activity types whose names are checked: never private companies (PRC). */
const CHECKED_TYPES = new Set(['PUB', 'OTH', 'HES', 'REC', '']);

/**
 * The rule that marks this organisation as a law-enforcement body, or `undefined`.
 * Public bodies and "other" are checked, and so are higher-education and research bodies:
 * police and border-guard academies and police forensic institutes are registered as
 * such in CORDIS, yet belong to law enforcement. Private companies never are.
 */
export function leaRule(name: string, activityType = ''): string | undefined {
  if (!CHECKED_TYPES.has(activityType)) return undefined;
  const n = normaliseName(name);
  if (NOT_AN_AUTHORITY.test(n)) return undefined;
  for (const r of LEA_RULES) {
    if (r.pattern.test(n) && !(r.unless?.test(n) ?? false)) return r.rule;
  }
  return undefined;
}

export const isLea = (name: string, activityType = ''): boolean => leaRule(name, activityType) !== undefined;
