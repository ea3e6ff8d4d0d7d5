/**
 * How fictional organisations are named. `{place}` is an invented place name in the
 * country's naming customs, so no name claims to be a real agency.
 */
import type { OrgKind } from '../../../graph/index.js';
import type { LeaFlavour } from './area.js';

export const LEA_NAMES: Readonly<Record<LeaFlavour, readonly string[]>> = {
  police: [
    '{place} Police Directorate',
    '{place} Regional Police',
    'Criminal Investigation Bureau {place}',
    '{place} Metropolitan Police Service',
  ],
  border: ['{place} Border Guard Command', 'Coast Guard District {place}', '{place} Border Police Inspectorate'],
  customs: ['{place} Customs Investigation Office', 'Customs Anti-Fraud Unit {place}'],
  gendarmerie: ['{place} Gendarmerie Group', 'Gendarmerie Brigade {place}'],
  cyber: ['Cybercrime Centre {place}', '{place} Digital Crime Unit'],
  forensic: ['{place} Forensic Science Institute', 'Forensic Laboratory {place}'],
};

/** Shares of LEA flavours among fictional agencies. */
export const LEA_FLAVOUR_WEIGHTS: Readonly<Record<LeaFlavour, number>> = {
  police: 5,
  border: 2,
  customs: 1.5,
  gendarmerie: 1,
  cyber: 1,
  forensic: 1,
};

export const ORG_NAMES: Readonly<Record<Exclude<OrgKind, 'lea' | 'industry' | 'other'>, readonly string[]>> = {
  academia: [
    'University of {place}',
    '{place} University of Technology',
    '{place} Police University College',
    '{place} School of Criminology',
  ],
  research: [
    '{place} Centre for Security Research',
    'Institute for Applied Forensics {place}',
    '{place} Institute of Societal Security',
    '{place} Research Foundation',
  ],
  public: [
    '{place} Regional Security Office',
    'Office for Public Safety {place}',
    '{place} Civil Protection Authority',
    '{place} Prosecution Service',
  ],
  ngo: [
    '{place} Foundation for Victim Support',
    'Safe Childhood Network {place}',
    '{place} Centre for Human Rights and Policing',
    'Open Roads against Trafficking {place}',
  ],
};

export const COMPANY_STEMS = [
  'Vigil',
  'Sentra',
  'Aster',
  'Noctis',
  'Orbis',
  'Klar',
  'Veris',
  'Lumen',
  'Tessel',
  'Argo',
  'Corvid',
  'Strata',
  'Nexa',
  'Quill',
  'Borea',
  'Fenn',
  'Ostra',
  'Calyx',
];
export const COMPANY_TAILS = ['', 'ix', 'on', 'era', 'is', 'ware', 'io'];
export const COMPANY_SECTORS = [
  'Systems',
  'Analytics',
  'Dynamics',
  'Labs',
  'Sensors',
  'Security',
  'Robotics',
  'Forensics',
  'Vision',
  'Intelligence',
];

/** Legal forms of companies by country; CORDIS codes. */
export const LEGAL_FORMS: Readonly<Record<string, string>> = {
  AT: 'GmbH',
  DE: 'GmbH',
  CH: 'AG',
  FR: 'SAS',
  BE: 'SRL',
  LU: 'S.à r.l.',
  IT: 'S.r.l.',
  ES: 'S.L.',
  PT: 'Lda.',
  NL: 'B.V.',
  PL: 'Sp. z o.o.',
  CZ: 's.r.o.',
  SK: 's.r.o.',
  SE: 'AB',
  NO: 'AS',
  DK: 'ApS',
  FI: 'Oy',
  EE: 'OÜ',
  UK: 'Ltd',
  IE: 'Ltd',
  MT: 'Ltd',
  EL: 'S.A.',
  CY: 'Ltd',
  RO: 'S.R.L.',
  BG: 'EOOD',
  HR: 'd.o.o.',
  SI: 'd.o.o.',
  RS: 'd.o.o.',
  HU: 'Kft.',
  LV: 'SIA',
  LT: 'UAB',
  UA: 'LLC',
};

/** Recognises the flavour of a real agency from its name, in the languages CORDIS names appear in. */
export function leaFlavourOf(name: string): LeaFlavour {
  if (
    /border|grenz|fronti|frontera|granic|granič|coast ?guard|guardia costiera|kustbevak|rajavartio|hraničn/i.test(name)
  )
    return 'border';
  if (/customs|douane|\bzoll|aduan|dogan|celn|\btull|tulli|vám|carin|muitas|muita/i.test(name)) return 'customs';
  if (/gendarm|carabin|guardia civil|marechaus|guarda nacional|jandarm/i.test(name)) return 'gendarmerie';
  if (/forens|kriminaltechn|criminalist|kriminalist/i.test(name)) return 'forensic';
  if (/cyber/i.test(name)) return 'cyber';
  return 'police';
}
