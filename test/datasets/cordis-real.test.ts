/**
 * The CORDIS importer on the real shared extract (FP7, H2020, HORIZON security research).
 * Expected counts come from the files themselves, read with a plain reader of the test's own.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cordisSource } from '../../datasets/cordis/importer.js';
import { euroSciVocSlug } from '../../datasets/cordis/rows.js';
import { type IngestSummary, runIngest } from '../../engine/ingest/pipeline.js';
import type { GraphNode } from '../../graph/model.js';
import { SHARED_CORDIS, skipWithoutSharedData } from '../ingest/helpers/shared-data.js';
import { type Dump, dump, type TempStore, tempStore } from '../ingest/helpers/store.js';
import { readRecords } from './helpers/simple-csv.js';

const PROGRAMMES = ['FP7', 'H2020', 'HORIZON'] as const;
const read = (programme: string, file: string) => readRecords(join(SHARED_CORDIS, programme, file));

/** What the files hold, computed without the importer. */
function expected() {
  const projects = new Set<string>();
  const orgs = new Set<string>();
  const orgsWithCountry = new Set<string>();
  const countries = new Set<string>();
  const pairs = new Set<string>();
  const callTopics = new Set<string>();
  const about = new Set<string>();
  const paths = new Set<string>();
  const deliverables = new Set<string>();
  for (const p of PROGRAMMES) {
    for (const r of read(p, 'project.csv')) projects.add(r['id'] ?? '');
    for (const r of read(p, 'organization.csv')) {
      orgs.add(r['organisationID'] ?? '');
      if (r['country']) {
        countries.add(r['country']);
        orgsWithCountry.add(r['organisationID'] ?? '');
      }
      pairs.add(`${r['organisationID']}|${r['projectID']}`);
    }
    for (const r of read(p, 'topics.csv')) {
      callTopics.add(r['topic'] ?? '');
      about.add(`${r['projectID']}|call|${r['topic']}`);
    }
    for (const r of read(p, 'euroSciVoc.csv')) {
      // One term, two spellings: "eHealth" and "ehealth" are the same EuroSciVoc term.
      const path = (r['euroSciVocPath'] ?? '').toLowerCase();
      paths.add(path);
      about.add(`${r['projectID']}|esv|${path}`);
    }
    if (p === 'HORIZON') for (const r of read(p, 'projectDeliverables.csv')) deliverables.add(r['id'] ?? '');
  }
  return { projects, orgs, orgsWithCountry, countries, pairs, callTopics, about, paths, deliverables };
}

describe.skipIf(skipWithoutSharedData('CORDIS real-data tests'))('CORDIS importer on the shared extract', () => {
  let t: TempStore;
  let first: IngestSummary;
  let second: IngestSummary;
  let content: Dump;
  const want = expected();
  const byId = new Map<string, GraphNode>();

  beforeAll(async () => {
    t = await tempStore();
    first = await runIngest(t.store, cordisSource(SHARED_CORDIS));
    content = await dump(t.store);
    for (const n of content.nodes) byId.set(n.id, n);
    second = await runIngest(t.store, cordisSource(SHARED_CORDIS));
  });
  afterAll(async () => t?.dispose());

  it('imports every row without a reject', () => {
    expect(first.rejects).toEqual([]);
    expect(first.rejected).toBe(0);
  });

  it('creates one node per project, organisation, country, topic and deliverable in the files', () => {
    expect(want.projects.size).toBe(904);
    expect(first.nodes.Project?.created).toBe(904);
    expect(first.nodes.Organisation?.created).toBe(want.orgs.size);
    expect(first.nodes.Country?.created).toBe(want.countries.size);
    expect(first.nodes.Topic?.created).toBe(want.callTopics.size + want.paths.size);
    expect(first.nodes.Result?.created).toBe(want.deliverables.size);
    expect(want.deliverables.size).toBe(660);
  });

  it('creates one participation per organisation and project (11,472 rows, 8 listed twice)', () => {
    expect(want.pairs.size).toBe(11_464);
    expect(first.relationships.PARTICIPATED_IN?.created).toBe(want.pairs.size);
    expect(first.relationships.LOCATED_IN?.created).toBe(want.orgsWithCountry.size);
    expect(first.relationships.ABOUT?.created).toBe(want.about.size);
    expect(first.relationships.PRODUCED?.created).toBe(want.deliverables.size);
  });

  it('links every participation to an existing organisation and project, matching the files pair by pair', () => {
    const participations = content.relationships.filter((r) => r.type === 'PARTICIPATED_IN');
    const got = new Set<string>();
    for (const r of participations) {
      expect(byId.get(r.from)?.kind).toBe('Organisation');
      expect(byId.get(r.to)?.kind).toBe('Project');
      got.add(`${r.from.replace('cordis:org:', '')}|${r.to.replace('cordis:project:', '')}`);
    }
    expect(got).toEqual(want.pairs);
  });

  it('keeps the strongest role of an organisation listed twice in a project', () => {
    const role = (pic: string, project: string) =>
      content.relationships.find((r) => r.from === `cordis:org:${pic}` && r.to === `cordis:project:${project}`)?.role;
    expect(role('889264185', '101070450')).toBe('participant'); // also listed as thirdParty
    expect(role('971994030', '101121321')).toBe('participant'); // also listed as associatedPartner
    expect(role('999654259', '647850')).toBe('coordinator');
  });

  it('names an organisation by its first row in the newest programme', () => {
    const names = new Map<string, string>();
    for (const p of ['HORIZON', 'H2020', 'FP7']) {
      for (const r of read(p, 'organization.csv')) {
        const pic = r['organisationID'] ?? '';
        if (!names.has(pic)) names.set(pic, (r['name'] ?? '').trim());
      }
    }
    for (const [pic, name] of names) expect(byId.get(`cordis:org:${pic}`)).toMatchObject({ name });
    expect(byId.get('cordis:org:996616995')).toMatchObject({ name: 'BUNDESMINISTERIUM DES INNERN UND FUR HEIMAT' });
  });

  it('fills projects from their rows, keywords split, dates as the files give them', () => {
    const octave = byId.get('cordis:project:647850');
    expect(octave).toMatchObject({
      kind: 'Project',
      acronym: 'OCTAVE',
      startDate: '2015-06-01',
      date: '2015-06-01',
      programme: 'H2020',
      fundingScheme: 'IA',
      visibility: 'public',
    });
    const certify = byId.get('cordis:project:101069471');
    expect(certify).toMatchObject({ acronym: 'CERTIFY', programme: 'HORIZON', keywords: ['Certification'] });
    const esv = byId.get(
      `euroscivoc:${euroSciVocSlug('/natural sciences/computer and information sciences/databases')}`,
    );
    expect(esv).toMatchObject({ kind: 'Topic', scheme: 'euroscivoc', label: 'databases' });
  });

  it('marks police, border, customs, gendarmerie and interior-ministry bodies as lea', () => {
    const lea = [
      '911255928', // HELLENIC POLICE
      '999827501', // MINISTERIO DEL INTERIOR
      '957895953', // BUNDESPOLIZEI
      '998211578', // GUARDIA CIVIL ESPANOLA
      '957378458', // EUROPEAN UNION AGENCY FOR LAW ENFORCEMENT COOPERATION (EUROPOL)
      '999952825', // AN GARDA SIOCHANA
      '942993261', // KOMENDA GLOWNA STRAZY GRANICZNEJ
      '951813471', // Politsei- ja Piirivalveamet
      '983999914', // AGENZIA DELLE DOGANE
      '911623558', // TULLI
      '997900887', // BUNDESKRIMINALAMT
      '893200542', // GARDA DE COASTA
      '999832351', // HOME OFFICE
      '945958260', // ORSZAGOS RENDOR - FOKAPITANYSAG
      '999882888', // DEUTSCHE HOCHSCHULE DER POLIZEI (registered as higher education)
      '952855930', // NEMZETI ADO- ES VAMHIVATAL (tax and customs)
    ];
    for (const pic of lea) expect(byId.get(`cordis:org:${pic}`), pic).toMatchObject({ orgKind: 'lea' });
  });

  it('does not mark names that only look alike', () => {
    const notLea: [string, string][] = [
      ['999879881', 'academia'], // POLITECNICO DI MILANO
      ['999747670', 'research'], // CENTRE FOR EUROPEAN POLICY STUDIES
      ['994823950', 'other'], // POLITICAL DEVELOPMENT FORUM
      ['998915604', 'other'], // Clecat - European Association for Forwarding, Transport, Logistics and Customs Service
      ['990186089', 'public'], // EIDGENOESSISCHES DEPARTEMENT DES INNERN (Swiss home affairs: health, culture)
      ['875430530', 'research'], // THE POLICE FOUNDATION (a think tank)
      ['918081430', 'research'], // FONDAZIONE POLICLINICO UNIVERSITARIO AGOSTINO GEMELLI IRCCS
      ['920781328', 'public'], // YPOURGEIO NAFTILIAS KAI NISIOTIKIS POLITIKIS
      ['891733902', 'industry'], // MD CUSTOMS AND BORDER SECURITY SERVICES LIMITED (a company)
      ['996100082', 'other'], // POLE PILOTE DE SECURITE LOCALE
      ['924515440', 'other'], // EUROPEAN ASSOCIATION OF AIRPORT & SEAPORT POLICE (an association)
      ['997981688', 'public'], // MARITIME AND COASTGUARD AGENCY (search and rescue)
      ['927986779', 'public'], // ICISLERI BAKANLIGI AFET VE ACIL DURUM YONETIMI BASKANLIGI (disaster management)
      ['999957869', 'academia'], // FONDATION NATIONALE DES SCIENCES POLITIQUES
      ['907332957', 'public'], // GARDA NATIONALA DE MEDIU (environmental guard)
    ];
    for (const [pic, kind] of notLea) expect(byId.get(`cordis:org:${pic}`), pic).toMatchObject({ orgKind: kind });
  });

  it('finds 170 law-enforcement organisations in the extract', () => {
    const lea = content.nodes.filter((n) => n.kind === 'Organisation' && n.orgKind === 'lea');
    expect(lea.length).toBe(170);
  });

  it('changes nothing when run again', () => {
    expect(second.changed).toBe(false);
    expect(second.totals.nodes).toEqual({ created: 0, updated: 0, unchanged: first.totals.nodes.created });
    expect(second.totals.relationships).toEqual({
      created: 0,
      updated: 0,
      unchanged: first.totals.relationships.created,
    });
  });
});
