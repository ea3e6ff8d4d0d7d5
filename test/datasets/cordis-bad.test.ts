/** Malformed CORDIS rows become rejects with file, line and reason; the valid rows are imported. */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cordisSource } from '../../datasets/cordis/importer.js';
import { type IngestSummary, runIngest } from '../../engine/ingest/pipeline.js';
import type { GraphNode } from '../../graph/model.js';
import { type Dump, dump, type TempStore, tempStore } from '../ingest/helpers/store.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/cordis-bad/', import.meta.url));
const ROWS = `${FIXTURES}rows`;

describe('CORDIS importer on malformed files', () => {
  let t: TempStore;
  let summary: IngestSummary;
  let content: Dump;
  const node = (id: string): GraphNode | undefined => content.nodes.find((n) => n.id === id);
  const rejectsOf = (file: string) =>
    summary.rejects.filter((r) => r.file.endsWith(`/${file}`)).map((r) => [r.line, r.reason] as const);

  beforeAll(async () => {
    t = await tempStore();
    summary = await runIngest(t.store, cordisSource(ROWS));
    content = await dump(t.store);
  });
  afterAll(async () => t?.dispose());

  it('rejects each malformed project row with its line and why', () => {
    expect(rejectsOf('project.csv')).toEqual([
      [4, 'startDate "2022-02-30" is not a date (YYYY-MM-DD)'],
      [5, 'row has 5 fields, the header has 21'],
      [6, 'malformed quoting: a closing quote is followed by other characters'],
      [7, 'row is not valid UTF-8 (in column title)'],
      [10, 'totalCost "12k" is not an amount'],
      [9, 'node cordis:project:900007: title is empty'],
    ]);
  });

  it('imports the valid rows around them, including those after the unterminated quote', () => {
    const projects = content.nodes.filter((n) => n.kind === 'Project').map((n) => n.id);
    expect(projects).toEqual(['cordis:project:900001', 'cordis:project:900006']);
    expect(node('cordis:project:900001')).toMatchObject({
      acronym: 'ALPHA',
      objective: 'An invented objective\nthat spans two lines; with a "quoted" word.',
      keywords: ['drones', 'border checks'],
      totalCost: 1_000_000,
      date: '2022-01-01',
    });
  });

  it('rejects organisation rows with an unknown country or a missing project', () => {
    expect(rejectsOf('organization.csv')).toEqual([
      [4, 'country "ZZ" is not a known country code'],
      [5, 'project 900002 is not in project.csv (or its row was rejected)'],
    ]);
    expect(rejectsOf('topics.csv')).toEqual([[4, 'project 900099 is not in project.csv (or its row was rejected)']]);
  });

  it('rejects a deliverable whose URL is not one, and drops its link to the project', () => {
    expect(rejectsOf('projectDeliverables.csv')).toEqual([
      [3, 'node cordis:deliverable:900001_2_DELIVHORIZON: url Invalid URL'],
      [
        3,
        'relationship PRODUCED cordis:project:900001->cordis:deliverable:900001_2_DELIVHORIZON: dropped, its end cordis:deliverable:900001_2_DELIVHORIZON was rejected',
      ],
    ]);
    expect(node('cordis:deliverable:900001_1_DELIVHORIZON')).toMatchObject({ resultType: 'Documents, reports' });
    expect(summary.rejected).toBe(11);
  });

  it('keeps an organisation once, under its first name, with its strongest role in each project', () => {
    // Its first row (line 3) names it "Example Widgets SA"; line 7 calls it otherwise.
    expect(node('cordis:org:999000002')).toMatchObject({ name: 'Example Widgets SA', orgKind: 'industry', sme: true });
    const roles = content.relationships
      .filter((r) => r.type === 'PARTICIPATED_IN')
      .map((r) => `${r.from} ${r.to} ${r.role}`);
    expect(roles).toContain('cordis:org:999000002 cordis:project:900006 participant');
    expect(roles).toContain('cordis:org:999000002 cordis:project:900001 participant');
    expect(roles.filter((r) => r.startsWith('cordis:org:999000002 cordis:project:900006'))).toHaveLength(1);
  });

  it('turns activity types into organisation kinds, with lea for law-enforcement names', () => {
    expect(node('cordis:org:999000001')).toMatchObject({ orgKind: 'lea' }); // EXAMPLE NATIONAL POLICE ACADEMY (HES)
    expect(node('cordis:org:999000004')).toMatchObject({ orgKind: 'lea', country: 'EL' }); // MINISTRY OF THE INTERIOR
    expect(node('cordis:org:999000005')).toMatchObject({ orgKind: 'academia' }); // Example Politecnico Institute
    expect(node('cordis:org:np-01')).toMatchObject({ name: 'Natural person (name withheld)', orgKind: 'other' });
    expect(node('country:EL')).toMatchObject({ kind: 'Country', code: 'EL', name: 'Greece' });
  });

  it('rejects a whole file whose header lacks a required column, and still reads the others', async () => {
    const other = await tempStore();
    try {
      const s = await runIngest(other.store, cordisSource(`${FIXTURES}header`));
      expect(s.rejects.map((r) => [r.file.split('/').at(-1), r.line, r.reason])).toEqual([
        ['organization.csv', 0, 'the header lacks column(s) organisationID'],
      ]);
      expect(s.nodes.Project?.created).toBe(1);
    } finally {
      await other.dispose();
    }
  });
});
