import { beforeAll, describe, expect, it } from 'vitest';
import { generatedSource } from '../../datasets/generator/generate.js';
import type { SourceChunk } from '../../engine/ingest/source.js';
import type { NodeInput, NodeKind, RelInput } from '../../graph/model.js';
import { type Checked, checkChunks, collect } from './check.js';
import { fakeStore } from './fake-store.js';

/**
 * A few organisations and projects shaped like the CORDIS import (ids, kinds, names); Germany has no LEA.
 * The stored Country and Topic carry ids unlike the generator's own, to show they are matched by code.
 */
const nodes: NodeInput[] = [
  { id: 'cordis:country:PT', kind: 'Country', code: 'PT', name: 'Portugal' },
  { id: 'cordis:topic:cybercrime', kind: 'Topic', label: 'Cybercrime', scheme: 'area', code: 'cybercrime' },
  {
    id: 'cordis:org:900000001',
    kind: 'Organisation',
    name: 'POLICIA EXEMPLAR NACIONAL',
    orgKind: 'lea',
    country: 'PT',
    city: 'LISBOA',
  },
  {
    id: 'cordis:org:900000002',
    kind: 'Organisation',
    name: 'UNIVERSIDADE DE EXEMPLO',
    orgKind: 'academia',
    country: 'PT',
  },
  {
    id: 'cordis:org:900000003',
    kind: 'Organisation',
    name: 'BEISPIEL FORSCHUNGSGESELLSCHAFT EV',
    orgKind: 'research',
    country: 'DE',
  },
  {
    id: 'cordis:org:900000004',
    kind: 'Organisation',
    name: 'MUSTER SENSORIK GMBH',
    orgKind: 'industry',
    country: 'DE',
  },
  {
    id: 'cordis:org:900000005',
    kind: 'Organisation',
    name: 'BUNDESAMT FUER BEISPIELE',
    orgKind: 'public',
    country: 'DE',
  },
  { id: 'cordis:org:900000006', kind: 'Organisation', name: 'GUARDA FRONTEIRA EXEMPLO', orgKind: 'lea', country: 'PT' },
  { id: 'cordis:org:900000007', kind: 'Organisation', name: 'ELSEWHERE INC', orgKind: 'industry', country: 'US' },
  {
    id: 'cordis:project:1',
    kind: 'Project',
    title: 'Detecting drones over prisons',
    acronym: 'DRONEX',
    startDate: '2018-05-01',
    endDate: '2021-04-30',
  },
  {
    id: 'cordis:project:2',
    kind: 'Project',
    title: 'Cross-border ransomware investigation toolkit',
    acronym: 'RANSX',
    startDate: '2021-09-01',
    endDate: '2024-08-31',
  },
];
const rels: RelInput[] = [
  { type: 'PARTICIPATED_IN', from: 'cordis:org:900000003', to: 'cordis:project:1', role: 'coordinator' },
  { type: 'PARTICIPATED_IN', from: 'cordis:org:900000001', to: 'cordis:project:1', role: 'participant' },
  { type: 'PARTICIPATED_IN', from: 'cordis:org:900000002', to: 'cordis:project:2', role: 'coordinator' },
  { type: 'PARTICIPATED_IN', from: 'cordis:org:900000004', to: 'cordis:project:2', role: 'participant' },
  { type: 'PARTICIPATED_IN', from: 'cordis:org:900000007', to: 'cordis:project:2', role: 'participant' },
];
const storedKinds = new Map<string, NodeKind>(nodes.map((n) => [n.id, n.kind]));

describe('generating on top of stored organisations and projects', () => {
  let chunks: SourceChunk[];
  let checked: Checked;
  beforeAll(async () => {
    chunks = await collect(
      generatedSource({ seed: 3, people: 1_500, countries: ['PT', 'DE', 'FR'] }, fakeStore(nodes, rels)),
    );
    checked = checkChunks(chunks, storedKinds);
  });

  it('is valid against the stored nodes and writes none of them again', () => {
    expect(checked.problems.slice(0, 10)).toEqual([]);
  });

  it('reuses stored countries and area topics by code', () => {
    const ids = new Set(checked.nodes.map((n) => n.id));
    expect(ids.has('country:PT')).toBe(false);
    expect(ids.has('country:DE')).toBe(true);
    expect(ids.has('area:cybercrime')).toBe(false);
    expect(checked.rels.some((r) => r.type === 'LOCATED_IN' && r.to === 'cordis:country:PT')).toBe(true);
    expect(checked.rels.some((r) => r.type === 'EXPERT_IN' && r.to === 'cordis:topic:cybercrime')).toBe(true);
  });

  it('attaches people to the real organisations, and fills in only what a country lacks', () => {
    const employer = new Map(
      checked.rels.filter((r) => r.type === 'MEMBER_OF' && !r.to.startsWith('gen:inc:')).map((r) => [r.from, r.to]),
    );
    const people = checked.nodes.flatMap((n) => (n.kind === 'Person' ? [n] : []));
    const portuguesePractitioners = people.filter((p) => p.country === 'PT' && p.roles.includes('practitioner'));
    expect(portuguesePractitioners.length).toBeGreaterThan(20);
    expect(new Set(portuguesePractitioners.map((p) => employer.get(p.id)))).toEqual(
      new Set(['cordis:org:900000001', 'cordis:org:900000006']),
    );
    // Germany has real research, industry and public bodies but no LEA: practitioners go to fictional German LEAs.
    const fictional = new Map(checked.nodes.flatMap((n) => (n.kind === 'Organisation' ? [[n.id, n] as const] : [])));
    expect([...fictional.values()].filter((o) => o.country === 'DE').map((o) => o.orgKind)).toEqual(
      expect.arrayContaining(['lea']),
    );
    expect([...fictional.values()].some((o) => o.country === 'DE' && o.orgKind === 'industry')).toBe(false);
    for (const p of people.filter((x) => x.country === 'DE' && x.roles.includes('practitioner'))) {
      expect(fictional.get(employer.get(p.id) ?? '')?.orgKind).toBe('lea');
    }
    expect(people.some((p) => employer.get(p.id) === 'cordis:org:900000004')).toBe(true);
    // France has nothing stored: every role gets a fictional employer there.
    expect(new Set([...fictional.values()].filter((o) => o.country === 'FR').map((o) => o.orgKind))).toEqual(
      new Set(['lea', 'academia', 'industry', 'public']),
    );
    // Organisations outside the chosen countries are left alone.
    expect([...employer.values()]).not.toContain('cordis:org:900000007');
  });

  it('lets researchers join only real projects their organisation took part in, and writes no projects', () => {
    expect(checked.nodes.some((n) => n.kind === 'Project')).toBe(false);
    const employer = new Map(
      checked.rels.filter((r) => r.type === 'MEMBER_OF' && !r.to.startsWith('gen:inc:')).map((r) => [r.from, r.to]),
    );
    const joined = checked.rels.filter((r) => r.type === 'PARTICIPATED_IN');
    expect(joined.length).toBeGreaterThan(0);
    for (const r of joined) expect(rels.some((p) => p.from === employer.get(r.from) && p.to === r.to)).toBe(true);
    // The drone project is recognised as being about drones: its members get that expertise.
    const droneTopic = 'area:counter-uas';
    const onDrones = joined.filter((r) => r.to === 'cordis:project:1').map((r) => r.from);
    for (const p of onDrones)
      expect(checked.rels.some((r) => r.type === 'EXPERT_IN' && r.from === p && r.to === droneTopic)).toBe(true);
  });

  it('ignores its own earlier output in the store, so a second run writes the same records', async () => {
    const first = checkChunks(await collect(generatedSource({ seed: 5, people: 300, countries: ['PT'] })));
    const own = first.nodes.filter((n) => n.kind === 'Organisation' || n.kind === 'Project');
    const ownRels = first.rels.filter((r) => r.type === 'PARTICIPATED_IN' && !r.from.startsWith('gen:person:'));
    const store = fakeStore([...own, ...first.nodes.filter((n) => n.kind === 'Country')], ownRels);
    const second = checkChunks(await collect(generatedSource({ seed: 5, people: 300, countries: ['PT'] }, store)));
    const key = (n: { id: string }) => JSON.stringify(n);
    // Everything but the Country node (already stored, so not written again) comes out the same.
    expect(second.nodes.map(key)).toEqual(first.nodes.filter((n) => n.kind !== 'Country').map(key));
    expect(second.rels).toEqual(first.rels);
  });

  it('is deterministic for the same store content', async () => {
    const again = await collect(
      generatedSource({ seed: 3, people: 1_500, countries: ['PT', 'DE', 'FR'] }, fakeStore(nodes, rels)),
    );
    expect(JSON.stringify(again)).toBe(JSON.stringify(chunks));
  });
});
