/**
 * The European countries the generator places people and organisations in, with codes as
 * CORDIS writes them (EL for Greece, UK for the United Kingdom), so that generated records
 * meet imported ones on the same Country nodes.
 *
 * `weight` is a rough size of the country's security-research community: it sets how many
 * people and organisations a country gets. `communities` say which language a person speaks
 * natively and which name list their name comes from, so a Belgian with a Dutch name speaks Dutch.
 */
import type { NameGroup } from './names.js';

export interface Community {
  readonly lang: string;
  readonly names: NameGroup;
  readonly share: number;
}

export interface CountryInfo {
  readonly code: string;
  readonly name: string;
  readonly weight: number;
  readonly cities: readonly string[];
  readonly communities: readonly Community[];
  /** Languages many people there speak besides their own. */
  readonly also?: readonly string[];
}

const one = (lang: string, names: NameGroup): Community[] => [{ lang, names, share: 1 }];

export const COUNTRIES: readonly CountryInfo[] = [
  {
    code: 'AT',
    name: 'Austria',
    weight: 2.5,
    cities: ['Vienna', 'Graz', 'Linz', 'Innsbruck'],
    communities: one('de', 'german'),
  },
  {
    code: 'BE',
    name: 'Belgium',
    weight: 3,
    cities: ['Brussels', 'Antwerp', 'Ghent', 'Liège'],
    communities: [
      { lang: 'nl', names: 'dutch', share: 0.58 },
      { lang: 'fr', names: 'french', share: 0.42 },
    ],
  },
  {
    code: 'BG',
    name: 'Bulgaria',
    weight: 2,
    cities: ['Sofia', 'Plovdiv', 'Varna'],
    communities: one('bg', 'bulgarian'),
  },
  {
    code: 'HR',
    name: 'Croatia',
    weight: 1.5,
    cities: ['Zagreb', 'Split', 'Rijeka'],
    communities: one('hr', 'southslavic'),
  },
  {
    code: 'CY',
    name: 'Cyprus',
    weight: 0.7,
    cities: ['Nicosia', 'Limassol', 'Larnaca'],
    also: ['en'],
    communities: one('el', 'greek'),
  },
  { code: 'CZ', name: 'Czechia', weight: 3, cities: ['Prague', 'Brno', 'Ostrava'], communities: one('cs', 'czech') },
  {
    code: 'DK',
    name: 'Denmark',
    weight: 2,
    cities: ['Copenhagen', 'Aarhus', 'Odense'],
    communities: one('da', 'nordic'),
  },
  {
    code: 'EE',
    name: 'Estonia',
    weight: 1,
    cities: ['Tallinn', 'Tartu'],
    also: ['ru'],
    communities: one('et', 'estonian'),
  },
  {
    code: 'FI',
    name: 'Finland',
    weight: 2,
    cities: ['Helsinki', 'Espoo', 'Tampere', 'Oulu'],
    communities: [
      { lang: 'fi', names: 'finnish', share: 0.9 },
      { lang: 'sv', names: 'nordic', share: 0.1 },
    ],
  },
  {
    code: 'FR',
    name: 'France',
    weight: 10,
    cities: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Lille'],
    communities: one('fr', 'french'),
  },
  {
    code: 'DE',
    name: 'Germany',
    weight: 10,
    cities: ['Berlin', 'Munich', 'Hamburg', 'Cologne', 'Stuttgart'],
    communities: one('de', 'german'),
  },
  {
    code: 'EL',
    name: 'Greece',
    weight: 3,
    cities: ['Athens', 'Thessaloniki', 'Patras'],
    communities: one('el', 'greek'),
  },
  {
    code: 'HU',
    name: 'Hungary',
    weight: 3,
    cities: ['Budapest', 'Debrecen', 'Szeged'],
    communities: one('hu', 'hungarian'),
  },
  { code: 'IE', name: 'Ireland', weight: 1.5, cities: ['Dublin', 'Cork', 'Galway'], communities: one('en', 'english') },
  {
    code: 'IT',
    name: 'Italy',
    weight: 9,
    cities: ['Rome', 'Milan', 'Turin', 'Naples', 'Bologna'],
    communities: one('it', 'italian'),
  },
  {
    code: 'LV',
    name: 'Latvia',
    weight: 1,
    cities: ['Riga', 'Daugavpils'],
    also: ['ru'],
    communities: one('lv', 'latvian'),
  },
  {
    code: 'LT',
    name: 'Lithuania',
    weight: 1.2,
    cities: ['Vilnius', 'Kaunas', 'Klaipėda'],
    communities: one('lt', 'lithuanian'),
  },
  {
    code: 'LU',
    name: 'Luxembourg',
    weight: 0.6,
    cities: ['Luxembourg', 'Esch-sur-Alzette'],
    also: ['fr', 'de'],
    communities: [
      { lang: 'lb', names: 'french', share: 0.5 },
      { lang: 'lb', names: 'german', share: 0.5 },
    ],
  },
  {
    code: 'MT',
    name: 'Malta',
    weight: 0.5,
    cities: ['Valletta', 'Birkirkara'],
    also: ['en'],
    communities: one('mt', 'maltese'),
  },
  {
    code: 'NL',
    name: 'Netherlands',
    weight: 4,
    cities: ['Amsterdam', 'The Hague', 'Rotterdam', 'Utrecht', 'Eindhoven'],
    communities: one('nl', 'dutch'),
  },
  {
    code: 'PL',
    name: 'Poland',
    weight: 6,
    cities: ['Warsaw', 'Kraków', 'Gdańsk', 'Wrocław', 'Poznań'],
    communities: one('pl', 'polish'),
  },
  {
    code: 'PT',
    name: 'Portugal',
    weight: 3,
    cities: ['Lisbon', 'Porto', 'Coimbra'],
    communities: one('pt', 'portuguese'),
  },
  {
    code: 'RO',
    name: 'Romania',
    weight: 4,
    cities: ['Bucharest', 'Cluj-Napoca', 'Iași', 'Timișoara'],
    communities: one('ro', 'romanian'),
  },
  { code: 'SK', name: 'Slovakia', weight: 2, cities: ['Bratislava', 'Košice'], communities: one('sk', 'czech') },
  { code: 'SI', name: 'Slovenia', weight: 1, cities: ['Ljubljana', 'Maribor'], communities: one('sl', 'southslavic') },
  {
    code: 'ES',
    name: 'Spain',
    weight: 8,
    cities: ['Madrid', 'Barcelona', 'Valencia', 'Seville', 'Bilbao'],
    communities: one('es', 'spanish'),
  },
  {
    code: 'SE',
    name: 'Sweden',
    weight: 3,
    cities: ['Stockholm', 'Gothenburg', 'Malmö', 'Linköping'],
    communities: one('sv', 'nordic'),
  },
  { code: 'NO', name: 'Norway', weight: 2, cities: ['Oslo', 'Bergen', 'Trondheim'], communities: one('no', 'nordic') },
  {
    code: 'CH',
    name: 'Switzerland',
    weight: 2.5,
    cities: ['Zurich', 'Geneva', 'Bern', 'Lausanne'],
    communities: [
      { lang: 'de', names: 'german', share: 0.65 },
      { lang: 'fr', names: 'french', share: 0.25 },
      { lang: 'it', names: 'italian', share: 0.1 },
    ],
  },
  {
    code: 'UK',
    name: 'United Kingdom',
    weight: 8,
    cities: ['London', 'Manchester', 'Birmingham', 'Edinburgh', 'Belfast'],
    communities: one('en', 'english'),
  },
  {
    code: 'RS',
    name: 'Serbia',
    weight: 2,
    cities: ['Belgrade', 'Novi Sad', 'Niš'],
    communities: one('sr', 'southslavic'),
  },
  {
    code: 'UA',
    name: 'Ukraine',
    weight: 3,
    cities: ['Kyiv', 'Lviv', 'Odesa', 'Kharkiv'],
    communities: one('uk', 'ukrainian'),
  },
];

export const COUNTRY_BY_CODE: ReadonlyMap<string, CountryInfo> = new Map(COUNTRIES.map((c) => [c.code, c]));

/** Languages a country's people may speak natively (a test checks people against this). */
export const countryLanguages = (code: string): readonly string[] => [
  ...new Set((COUNTRY_BY_CODE.get(code)?.communities ?? []).map((c) => c.lang)),
];

/** English names of the languages, for phrases such as "the tool must work in Polish". */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  de: 'German',
  nl: 'Dutch',
  fr: 'French',
  bg: 'Bulgarian',
  hr: 'Croatian',
  el: 'Greek',
  cs: 'Czech',
  da: 'Danish',
  et: 'Estonian',
  fi: 'Finnish',
  sv: 'Swedish',
  hu: 'Hungarian',
  en: 'English',
  it: 'Italian',
  lv: 'Latvian',
  lt: 'Lithuanian',
  lb: 'Luxembourgish',
  mt: 'Maltese',
  pl: 'Polish',
  pt: 'Portuguese',
  ro: 'Romanian',
  sk: 'Slovak',
  sl: 'Slovenian',
  es: 'Spanish',
  no: 'Norwegian',
  sr: 'Serbian',
  uk: 'Ukrainian',
  ru: 'Russian',
  ar: 'Arabic',
  tr: 'Turkish',
};
