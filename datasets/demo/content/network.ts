/**
 * The demo network's frame: ten countries, two national contact points and thirty-three
 * fictional organisations. Place names are invented (Nordmark, Haute-Valmont, Lipowo...)
 * so that no organisation claims to be a real agency. Country and area ids are the shared
 * ones (`country:<CODE>`, `area:<code>`), so the demo meets CORDIS and generated data.
 */
import type { OrgKind } from '../../../graph/index.js';

export const DEMO_COUNTRIES: readonly (readonly [code: string, name: string])[] = [
  ['BE', 'Belgium'],
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['NL', 'Netherlands'],
  ['ES', 'Spain'],
  ['IT', 'Italy'],
  ['PL', 'Poland'],
  ['EL', 'Greece'],
  ['FI', 'Finland'],
  ['EE', 'Estonia'],
];

export interface DemoOrg {
  readonly key: string;
  readonly name: string;
  readonly shortName: string;
  readonly orgKind: OrgKind;
  readonly country: string;
  readonly city: string;
  readonly sme?: boolean;
}

const org = (
  key: string,
  name: string,
  shortName: string,
  orgKind: OrgKind,
  country: string,
  city: string,
  sme?: boolean,
): DemoOrg => ({
  key,
  name,
  shortName,
  orgKind,
  country,
  city,
  ...(sme === undefined ? {} : { sme }),
});

export const DEMO_ORGS: readonly DemoOrg[] = [
  // Law enforcement
  org('scheldemond-police', 'Scheldemond Police Zone', 'SPZ', 'lea', 'BE', 'Antwerp'),
  org('nordmark-police', 'Nordmark State Police', 'NSP', 'lea', 'DE', 'Hamburg'),
  org('valmont-gendarmerie', 'Haute-Valmont Gendarmerie Group', 'HVGG', 'lea', 'FR', 'Lyon'),
  org('valmont-prisons', 'Haute-Valmont Prison Administration', 'HVPA', 'lea', 'FR', 'Lyon'),
  org('polderstad-police', 'Polderstad Police Unit', 'PPU', 'lea', 'NL', 'Rotterdam'),
  org('almarena-coastguard', 'Almarena Coast Guard Command', 'ACGC', 'lea', 'ES', 'Valencia'),
  org('valdoro-customs', 'Valdoro Customs Investigation Office', 'VCIO', 'lea', 'IT', 'Genoa'),
  org('bugowice-border', 'Bugowice Border Guard Post', 'BBGP', 'lea', 'PL', 'Lublin'),
  org('thalassa-police', 'Thalassa Police Directorate', 'TPD', 'lea', 'EL', 'Piraeus'),
  org('jarvenkoski-police', 'Järvenkoski Police Department', 'JPD', 'lea', 'FI', 'Tampere'),
  org('tammekula-cyber', 'Tammeküla Cybercrime Bureau', 'TCB', 'lea', 'EE', 'Tallinn'),
  // Universities and research centres
  org('brugmont-university', 'University of Brugmont', 'UBRU', 'academia', 'BE', 'Ghent'),
  org('nordmark-institute', 'Nordmark Institute for Applied Security Research', 'NIASR', 'research', 'DE', 'Bremen'),
  org('polderstad-tech', 'Polderstad University of Technology', 'PUT', 'academia', 'NL', 'Delft'),
  org('almarena-poly', 'Almarena Polytechnic University', 'APU', 'academia', 'ES', 'Valencia'),
  org('valdoro-forensics', 'Valdoro Centre for Forensic Science', 'VCFS', 'research', 'IT', 'Turin'),
  org('lipowo-tech', 'Lipowo University of Technology', 'LUT', 'academia', 'PL', 'Kraków'),
  org(
    'thalassa-research',
    'Thalassa Research Centre for Information Technology',
    'TRCIT',
    'research',
    'EL',
    'Thessaloniki',
  ),
  org('jarvenkoski-university', 'Järvenkoski University', 'JU', 'academia', 'FI', 'Tampere'),
  org('tammekula-lab', 'Tammeküla Digital Forensics Laboratory', 'TDFL', 'research', 'EE', 'Tartu'),
  // Industry
  org('luftwacht', 'Luftwacht Sensorik GmbH', 'Luftwacht', 'industry', 'DE', 'Munich', true),
  org('orbivia', 'Orbivia Analytics SAS', 'Orbivia', 'industry', 'FR', 'Toulouse', true),
  org('deltalytics', 'Deltalytics B.V.', 'Deltalytics', 'industry', 'NL', 'Eindhoven', true),
  org('faro-vision', 'Faro Vision Systems S.L.', 'Faro', 'industry', 'ES', 'Bilbao', false),
  org('tessera', 'Tessera Forensics S.r.l.', 'Tessera', 'industry', 'IT', 'Milan', true),
  org('pustulka', 'Pustułka Robotics Sp. z o.o.', 'Pustułka', 'industry', 'PL', 'Wrocław', true),
  org('revontuli', 'Revontuli Secure Oy', 'Revontuli', 'industry', 'FI', 'Oulu', true),
  org('ledgerlens', 'LedgerLens OÜ', 'LedgerLens', 'industry', 'EE', 'Tallinn', true),
  // Public bodies and NGOs
  org('brugmont-security-office', 'Brugmont Regional Security Office', 'BRSO', 'public', 'BE', 'Brussels'),
  org('thalassa-civil-protection', 'Thalassa Civil Protection Authority', 'TCPA', 'public', 'EL', 'Athens'),
  org('valdoro-prosecution', 'Valdoro Prosecution Office', 'VPO', 'public', 'IT', 'Genoa'),
  org('safe-harbour', 'Safe Harbour Foundation against Exploitation', 'SHF', 'ngo', 'NL', 'Amsterdam'),
  org('puente', 'Puente Network for Trafficking Survivors', 'Puente', 'ngo', 'ES', 'Madrid'),
];

export interface DemoInc {
  readonly country: string;
  readonly name: string;
  readonly mandate: string;
}

export const DEMO_INCS: readonly DemoInc[] = [
  {
    country: 'BE',
    name: 'Belgian Innovation Contact Point for Internal Security',
    mandate:
      'Gathers the needs of Belgian police zones and federal services twice a year, brings them to the network, and finds partners for pilots. Also runs the Brussels network conference.',
  },
  {
    country: 'PL',
    name: 'Polish Innovation Contact Point for Law Enforcement',
    mandate:
      'Connects Polish border, police and customs services with universities and companies, and organises field demonstrations near the eastern border.',
  },
];
