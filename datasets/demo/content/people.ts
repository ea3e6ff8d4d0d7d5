/**
 * Sixty-two fictional people. Names are made up in each country's style; none is meant to
 * be anyone real. `inc` marks members of a national contact point (the first one listed
 * coordinates it). A few people are `restricted` to their own organisation (forensic and
 * financial investigators), the INC coordinators are `public`, the rest `network`.
 */
import type { Visibility } from '../../../graph/index.js';

export type Role = 'practitioner' | 'researcher' | 'industry' | 'policy';

export interface DemoPerson {
  readonly key: string;
  readonly name: string;
  readonly org: string;
  readonly role: Role;
  /** Area codes. */
  readonly expertise: readonly string[];
  readonly languages: readonly string[];
  /** Position, kept on MEMBER_OF. */
  readonly title: string;
  readonly inc?: string;
  readonly visibility?: Visibility;
  readonly bio?: string;
}

type Row = [
  key: string,
  name: string,
  org: string,
  role: Role,
  expertise: string,
  languages: string,
  title: string,
  extra?: Partial<DemoPerson>,
];

// biome-ignore format: one row per line reads as a table; the formatter would spread each row over a dozen lines
const ROWS: Row[] = [
  // Belgium
  ['pieter-van-akkerdonk', 'Pieter van Akkerdonk', 'scheldemond-police', 'practitioner', 'drugs critical-infrastructure', 'nl fr en', 'Head of the port crime unit', { inc: 'BE', bio: 'Twenty years in the port of Antwerp, first on the quays, now leading the unit that deals with cocaine smuggling and the people who get it out of the terminals.' }],
  ['sanne-brinkhoven', 'Sanne Brinkhoven', 'scheldemond-police', 'practitioner', 'cybercrime crypto-assets', 'nl en', 'Cybercrime investigator'],
  ['claire-montbel', 'Claire Montbel', 'scheldemond-police', 'practitioner', 'public-spaces body-worn-cameras', 'fr nl en', 'Public order commander'],
  ['joris-lindeveld', 'Joris Lindeveld', 'brugmont-university', 'researcher', 'osint radicalisation', 'nl en de', 'Professor of criminology', { bio: 'Studies how investigators use open sources, and where the law draws the line. Coordinates SOURCEWISE.' }],
  ['amelie-durocher', 'Amélie Durocher', 'brugmont-university', 'researcher', 'crypto-assets money-laundering', 'fr en', 'Postdoctoral researcher'],
  ['camille-valcombe', 'Camille Valcombe', 'brugmont-university', 'researcher', 'deepfakes digital-forensics', 'fr nl en', 'PhD candidate in media forensics'],
  ['koen-verhoeve', 'Koen Verhoeve', 'brugmont-security-office', 'policy', 'crisis-management public-spaces', 'nl fr en', 'Senior advisor', { inc: 'BE', visibility: 'public', bio: 'Coordinates the Belgian contact point: collects what police zones need, and finds who in Europe has already solved it.' }],
  ['ines-lacourt', 'Inès Lacourt', 'brugmont-security-office', 'policy', 'radicalisation public-spaces', 'fr en', 'Policy officer', { inc: 'BE' }],
  // Germany
  ['anna-lindhofer', 'Anna Lindhofer', 'nordmark-police', 'practitioner', 'counter-uas public-spaces', 'de en', 'Head of the drone unit', { bio: 'Runs the drone unit of the Nordmark State Police: flying our own drones, and dealing with everyone else\u2019s over stadiums and concerts.' }],
  ['tobias-eichbauer', 'Tobias Eichbauer', 'nordmark-police', 'practitioner', 'digital-forensics forensic-science csam', 'de en', 'Forensic examiner', { visibility: 'restricted' }],
  ['miriam-steinwieser', 'Miriam Steinwieser', 'nordmark-police', 'practitioner', 'deepfakes cybercrime', 'de en fr', 'Cybercrime investigator'],
  ['andreas-reinfeld', 'Andreas Reinfeld', 'nordmark-police', 'practitioner', 'body-worn-cameras digital-forensics', 'de en', 'Innovation officer'],
  ['felix-hagemann', 'Felix Hagemann', 'nordmark-institute', 'researcher', 'counter-uas critical-infrastructure', 'de en', 'Senior researcher', { bio: 'Radio-frequency sensing and sensor fusion. Led the SKYFENCE pilots at three prisons.' }],
  ['katrin-lauterbach', 'Katrin Lauterbach', 'nordmark-institute', 'researcher', 'cbrn crisis-management', 'de en', 'Head of the CBRN group'],
  ['jonas-ahornberger', 'Jonas Ahornberger', 'luftwacht', 'industry', 'counter-uas', 'de en', 'Chief engineer'],
  ['lena-birkhaus', 'Lena Birkhaus', 'luftwacht', 'industry', 'counter-uas border-security', 'de en pl', 'Product manager'],
  // France
  ['julien-rochevalle', 'Julien Rochevalle', 'valmont-gendarmerie', 'practitioner', 'counter-uas crisis-management', 'fr en', 'Squadron leader'],
  ['manon-belcourt', 'Manon Belcourt', 'valmont-gendarmerie', 'practitioner', 'trafficking osint', 'fr es en', 'Investigator'],
  ['olivier-dufresnel', 'Olivier Dufresnel', 'valmont-prisons', 'practitioner', 'counter-uas', 'fr en', 'Head of prison security', { bio: 'Responsible for security at the five prisons of Haute-Valmont. Drones dropping phones and drugs into the yards are his daily problem.' }],
  ['nathalie-hautbois', 'Nathalie Hautbois', 'valmont-prisons', 'practitioner', 'counter-uas radicalisation', 'fr', 'Security officer'],
  ['hugo-marlieu', 'Hugo Marlieu', 'orbivia', 'industry', 'osint deepfakes', 'fr en', 'Data scientist'],
  ['margaux-fontval', 'Margaux Fontval', 'orbivia', 'industry', 'border-security osint', 'fr en it', 'Chief executive'],
  // Netherlands
  ['bram-ter-hoeven', 'Bram ter Hoeven', 'polderstad-police', 'practitioner', 'csam digital-forensics', 'nl en', 'Victim identification specialist'],
  ['femke-zandwijk', 'Femke Zandwijk', 'polderstad-police', 'practitioner', 'drugs osint', 'nl en de', 'Criminal analyst'],
  ['daan-weidewijk', 'Daan Weidewijk', 'polderstad-police', 'practitioner', 'public-spaces counter-uas', 'nl en', 'Event security coordinator'],
  ['maarten-oosterveld', 'Maarten Oosterveld', 'polderstad-tech', 'researcher', 'deepfakes csam', 'nl en', 'Associate professor of computer vision', { bio: 'Works on detecting manipulated images and video, and on tools that spare analysts from watching abuse material. Coordinates TRUEFRAME.' }],
  ['noor-hoogvliet', 'Noor Hoogvliet', 'polderstad-tech', 'researcher', 'digital-forensics', 'nl en', 'PhD candidate'],
  ['wouter-kampveld', 'Wouter Kampveld', 'deltalytics', 'industry', 'money-laundering crypto-assets', 'nl en', 'Founder'],
  ['lieke-veldhorst', 'Lieke Veldhorst', 'safe-harbour', 'researcher', 'trafficking csam', 'nl en', 'Programme lead'],
  // Spain
  ['javier-torrente', 'Javier Torrente Almeda', 'almarena-coastguard', 'practitioner', 'border-security drugs', 'es en', 'Maritime surveillance officer'],
  ['lucia-pardales', 'Lucía Pardales Moreda', 'almarena-coastguard', 'practitioner', 'border-security crisis-management', 'es en fr', 'Head of operations'],
  ['diego-serrada', 'Diego Serrada Lunares', 'almarena-poly', 'researcher', 'border-security counter-uas', 'es en', 'Professor of signal processing', { bio: 'Radar and thermal imaging at sea. Coordinated TIDEWATCH with the coast guard in Valencia.' }],
  ['nuria-castelar', 'Nuria Castelar Ribera', 'almarena-poly', 'researcher', 'crisis-management', 'es en', 'Researcher'],
  ['pablo-alameda', 'Pablo Alameda Torres', 'faro-vision', 'industry', 'border-security body-worn-cameras', 'es en', 'Solutions architect'],
  ['marta-ferrera', 'Marta Ferrera Cid', 'puente', 'researcher', 'trafficking', 'es en pt', 'Victim support coordinator'],
  // Italy
  ['marco-valleresi', 'Marco Valleresi', 'valdoro-customs', 'practitioner', 'drugs money-laundering', 'it en', 'Customs investigator'],
  ['giulia-castelmonte', 'Giulia Castelmonte', 'valdoro-customs', 'practitioner', 'crypto-assets money-laundering', 'it en fr', 'Financial investigator', { visibility: 'restricted' }],
  ['chiara-poggioverde', 'Chiara Poggioverde', 'valdoro-customs', 'practitioner', 'drugs', 'it en es', 'Container inspection team leader'],
  ['elena-roccalunga', 'Elena Roccalunga', 'valdoro-forensics', 'researcher', 'forensic-science drugs', 'it en', 'Forensic chemist'],
  ['davide-montechiaro', 'Davide Montechiaro', 'valdoro-forensics', 'researcher', 'forensic-science digital-forensics', 'it en', 'Head of DNA analysis'],
  ['silvia-borgofranco', 'Silvia Borgofranco', 'tessera', 'industry', 'forensic-science digital-forensics', 'it en', 'Head of research and development', { visibility: 'restricted' }],
  ['paolo-morvalle', 'Paolo Morvalle', 'valdoro-prosecution', 'policy', 'money-laundering crypto-assets', 'it en', 'Deputy prosecutor'],
  // Poland
  ['piotr-jodlowiecki', 'Piotr Jodłowiecki', 'bugowice-border', 'practitioner', 'border-security counter-uas', 'pl en uk', 'Shift commander', { inc: 'PL', visibility: 'public', bio: 'Commands a shift at a river crossing on the eastern border, and speaks for Polish border services in the network.' }],
  ['agnieszka-olszanecka', 'Agnieszka Olszanecka', 'bugowice-border', 'practitioner', 'trafficking border-security', 'pl en ru', 'Risk analyst', { inc: 'PL' }],
  ['tomasz-kalinowiak', 'Tomasz Kalinowiak', 'lipowo-tech', 'researcher', 'counter-uas critical-infrastructure', 'pl en de', 'Professor of radar engineering'],
  ['zofia-sosniak', 'Zofia Sośniak', 'lipowo-tech', 'researcher', 'osint', 'pl en', 'Research engineer'],
  ['michal-cisowski', 'Michał Cisowski', 'pustulka', 'industry', 'counter-uas', 'pl en', 'Founder and chief technology officer'],
  ['ewa-jastrzebiak', 'Ewa Jastrzębiak', 'pustulka', 'industry', 'counter-uas public-spaces', 'pl en fr', 'Business developer'],
  // Greece
  ['nikos-stavratos', 'Nikos Stavratos', 'thalassa-police', 'practitioner', 'trafficking border-security', 'el en', 'Head of the anti-trafficking unit'],
  ['eleni-karamidou', 'Eleni Karamidou', 'thalassa-police', 'practitioner', 'cybercrime csam deepfakes', 'el en', 'Cybercrime investigator'],
  ['dimitris-argyratos', 'Dimitris Argyratos', 'thalassa-research', 'researcher', 'cybercrime osint deepfakes', 'el en de', 'Principal researcher'],
  ['sofia-lambridou', 'Sofia Lambridou', 'thalassa-research', 'researcher', 'crisis-management critical-infrastructure', 'el en', 'Researcher'],
  ['giorgos-theodatos', 'Giorgos Theodatos', 'thalassa-civil-protection', 'policy', 'crisis-management cbrn', 'el en', 'Head of operations planning'],
  // Finland
  ['mikko-koskiaho', 'Mikko Koskiaho', 'jarvenkoski-police', 'practitioner', 'digital-forensics body-worn-cameras deepfakes', 'fi sv en', 'Detective inspector'],
  ['aino-lahtivaara', 'Aino Lahtivaara', 'jarvenkoski-police', 'practitioner', 'crisis-management public-spaces', 'fi en', 'Training coordinator'],
  ['eero-saloranta', 'Eero Saloranta', 'jarvenkoski-university', 'researcher', 'body-worn-cameras border-security', 'fi en', 'Senior lecturer'],
  ['venla-harjuniemi', 'Venla Harjuniemi', 'revontuli', 'industry', 'critical-infrastructure cybercrime', 'fi en sv', 'Security architect'],
  // Estonia
  ['kadri-tammik', 'Kadri Tammik', 'tammekula-cyber', 'practitioner', 'crypto-assets cybercrime', 'et en ru', 'Head of the crypto desk', { bio: 'Set up the bureau\u2019s crypto desk after its first large bitcoin seizure, and has trained colleagues from six countries since.' }],
  ['siim-kaskoja', 'Siim Kaskoja', 'tammekula-cyber', 'practitioner', 'osint cybercrime', 'et en', 'OSINT analyst'],
  ['triin-saarmets', 'Triin Saarmets', 'tammekula-lab', 'researcher', 'digital-forensics deepfakes', 'et en fi', 'Lead forensic scientist'],
  ['priit-lepavere', 'Priit Lepavere', 'ledgerlens', 'industry', 'crypto-assets', 'et en', 'Blockchain analyst'],
  ['merle-kivioja', 'Merle Kivioja', 'ledgerlens', 'industry', 'crypto-assets money-laundering', 'et en ru', 'Chief executive'],
];

export const DEMO_PEOPLE: readonly DemoPerson[] = ROWS.map(
  ([key, name, org, role, expertise, languages, title, extra]) => ({
    key,
    name,
    org,
    role,
    expertise: expertise.split(' '),
    languages: languages.split(' '),
    title,
    ...extra,
  }),
);
