/** Law-enforcement detection from organisation names, across the EU's languages and scripts. */
import { describe, expect, it } from 'vitest';
import { leaRule, normaliseName } from '../../datasets/cordis/lea.js';

describe('normaliseName', () => {
  it('folds case and diacritics and pads words with spaces', () => {
    expect(normaliseName('Straż Graniczna')).toBe(' straz graniczna ');
    expect(normaliseName('Országos Rendőr-főkapitányság')).toBe(' orszagos rendor fokapitanysag ');
    expect(normaliseName("MINISTERE DE L'INTERIEUR")).toBe(' ministere de l interieur ');
    expect(normaliseName('Ελληνική Αστυνομία')).toBe(' ελληνικη αστυνομια ');
    expect(normaliseName('Landhelgisgæslan')).toBe(' landhelgisgaeslan ');
  });
});

describe('leaRule', () => {
  const yes: [string, string, string][] = [
    // [name, CORDIS activity type, rule]
    ['Police nationale', 'PUB', 'police'],
    ['Polizia di Stato', 'PUB', 'police'],
    ['Policía Nacional', 'PUB', 'police'],
    ['Polícia Judiciária', 'PUB', 'police'],
    ['Komenda Główna Policji', 'PUB', 'police'],
    ['Politie Nederland', 'PUB', 'police'],
    ['Poliisihallitus', 'PUB', 'police'],
    ['Keskusrikospoliisi', 'PUB', 'police'],
    ['Országos Rendőr-főkapitányság', 'PUB', 'police'],
    ['Policie České republiky', 'PUB', 'police'],
    ['Poliția Română', 'PUB', 'police'],
    ['Ελληνική Αστυνομία', 'PUB', 'police'],
    ['Национална полиция', 'PUB', 'police'],
    ['Національна поліція України', 'PUB', 'police'],
    ['Policijska uprava Ljubljana', 'PUB', 'police'],
    ['Valsts policija', 'PUB', 'police'],
    ['Bundespolizei', 'PUB', 'police'],
    ['Polismyndigheten', 'PUB', 'police'],
    ['Rigspolitiet', 'PUB', 'police'],
    ['Københavns Politi', 'PUB', 'police'],
    ['Korp tal-Pulizija ta’ Malta', 'PUB', 'police'],
    ['Ríkislögreglustjóri', 'PUB', 'police'],
    ['An Garda Síochána', 'PUB', 'police'],
    ['Mossos d’Esquadra', 'PUB', 'police'],
    ['Emniyet Genel Müdürlüğü', 'PUB', 'police'],
    ['Merseyside Police and Crime Commissioner', 'PUB', 'police'],
    ['Durham Constabulary', 'PUB', 'police'],
    ['Gendarmerie nationale', 'PUB', 'gendarmerie'],
    ['Arma dei Carabinieri', 'PUB', 'gendarmerie'],
    ['Guardia di Finanza', 'PUB', 'gendarmerie'],
    ['Guardia Civil', 'PUB', 'gendarmerie'],
    ['Koninklijke Marechaussee', 'PUB', 'gendarmerie'],
    ['Jandarmeria Română', 'PUB', 'gendarmerie'],
    ['Bundeskriminalamt', 'PUB', 'criminal investigation'],
    ['National Crime Agency', 'PUB', 'criminal investigation'],
    ['Straż Graniczna', 'PUB', 'border guard'],
    ['Valsts robežsardze', 'PUB', 'border guard'],
    ['Rajavartiolaitos', 'PUB', 'border guard'],
    ['Державна прикордонна служба України', 'PUB', 'border guard'],
    ['UK Border Force', 'PUB', 'border guard'],
    ['Kustbevakningen', 'PUB', 'coast guard'],
    ['Guardia Costiera', 'PUB', 'coast guard'],
    ['Λιμενικό Σώμα', 'PUB', 'coast guard'],
    ['Direction générale des douanes et droits indirects', 'PUB', 'customs'],
    ['Zollkriminalamt', 'PUB', 'criminal investigation'],
    ['Generalzolldirektion', 'PUB', 'customs'],
    ['Agenzia delle Dogane e dei Monopoli', 'PUB', 'customs'],
    ['Agencia Tributaria, Departamento de Aduanas', 'PUB', 'customs'],
    ['Celní správa České republiky', 'PUB', 'customs'],
    ['Finanční správa a Generální ředitelství cel', 'PUB', 'customs'],
    ['Tullverket', 'PUB', 'customs'],
    ['Toldstyrelsen', 'PUB', 'customs'],
    ['Maksu- ja Tolliamet', 'PUB', 'customs'],
    ['Muitinės departamentas', 'PUB', 'customs'],
    ['Gümrük ve Ticaret Bakanlığı', 'PUB', 'customs'],
    ['Агенция Митници', 'PUB', 'customs'],
    ['Ministère de l’Intérieur', 'PUB', 'interior ministry'],
    ['Bundesministerium des Innern und für Heimat', 'PUB', 'interior ministry'],
    ['Bundesministerium für Inneres', 'PUB', 'interior ministry'],
    ['Ministerio del Interior', 'PUB', 'interior ministry'],
    ['Ministero dell’Interno', 'PUB', 'interior ministry'],
    ['Ministerstwo Spraw Wewnętrznych i Administracji', 'PUB', 'interior ministry'],
    ['Ministerul Afacerilor Interne', 'PUB', 'interior ministry'],
    ['Belügyminisztérium', 'PUB', 'interior ministry'],
    ['Sisäministeriö', 'PUB', 'interior ministry'],
    ['Siseministeerium', 'PUB', 'interior ministry'],
    ['Lietuvos Respublikos vidaus reikalų ministerija', 'PUB', 'interior ministry'],
    ['Министерство на вътрешните работи', 'PUB', 'interior ministry'],
    ['Υπουργείο Προστασίας του Πολίτη', 'PUB', 'interior ministry'],
    ['Home Office', 'PUB', 'interior ministry'],
    ['Europol', 'PUB', 'EU or international agency'],
    ['European Union Agency for Law Enforcement Training (CEPOL)', 'PUB', 'EU or international agency'],
    ['Frontex', 'PUB', 'EU or international agency'],
    ['Deutsche Hochschule der Polizei', 'HES', 'police'],
    ['Institut national de police scientifique', 'REC', 'police'],
    ['Example Police Service', '', 'police'],
  ];
  it.each(yes)('marks %s (%s) by its %s', (name, type, rule) => {
    expect(leaRule(name, type)).toBe(rule);
  });

  const no: [string, string][] = [
    ['Politecnico di Milano', 'HES'],
    ['Politechnika Warszawska', 'HES'],
    ['Centre for European Policy Studies', 'REC'],
    ['Institute for Public Policy Research', 'OTH'],
    ['Public policies observatory', 'PUB'],
    ['Policlinico Universitario', 'REC'],
    ['Sciences Politiques', 'HES'],
    ['Instituut voor Politieke Wetenschappen', 'REC'],
    ['Political Development Forum', 'OTH'],
    ['Metropolis Research', 'OTH'],
    ['Συνήγορος του Πολίτη', 'PUB'],
    ['The Police Foundation', 'REC'],
    ['European Association of Airport and Seaport Police', 'OTH'],
    ['Police Federation of England and Wales', 'OTH'],
    ['Clecat - European Association for Forwarding, Transport, Logistics and Customs Services', 'OTH'],
    ['Example Customs Brokers', 'OTH'],
    ['Stiftung Zollverein', 'OTH'],
    ['Eidgenössisches Departement des Innern', 'PUB'],
    ['US Department of the Interior', 'PUB'],
    ['Maritime and Coastguard Agency', 'PUB'],
    ['İçişleri Bakanlığı Afet ve Acil Durum Yönetimi Başkanlığı', 'PUB'],
    ['Priešgaisrinės apsaugos ir gelbėjimo departamentas prie Vidaus reikalų ministerijos', 'PUB'],
    ['Ministère de l’Intérieur, Direction de la sécurité civile', 'PUB'],
    ['Kystverket', 'PUB'],
    ['Garda Națională de Mediu', 'PUB'],
    ['Example Toll Road Operator', 'OTH'],
    ['Police Equipment Ltd', 'PRC'],
    ['Border Security Systems GmbH', 'PRC'],
    ['Ministry of Defence', 'PUB'],
  ];
  it.each(no)('does not mark %s (%s)', (name, type) => {
    expect(leaRule(name, type)).toBeUndefined();
  });
});
