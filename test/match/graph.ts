/**
 * A small hand-built graph whose answers are known by hand, for the matching tests: who has
 * solved drone detection at prisons. All names and ids are fictional.
 *
 *  - SKYWALL (2023–2025), coordinated by DroneLab (DE, industry) with the Gendarmerie (FR, lea):
 *    produced a demonstrator at TRL 7 (made by Anna of DroneLab), which ADDRESSES the challenge.
 *  - PRISONWATCH (2019–2021), coordinated by Univ (ES, academia): produced a report with no TRL
 *    (made by Bruno of Univ).
 *  - HIVE (2022–2024): a six-partner consortium on drone detection at prisons and airports, no results.
 *  - Secret Corp (FR, industry, restricted to itself) with Hidden Person (restricted): a radar at
 *    TRL 9 made by Secret Corp with the Gendarmerie (restricted). An outsider sees none of it.
 *  - A restricted challenge of the Gendarmerie, and an unrelated project about money laundering.
 */
import type { NodeInput, RelInput } from '../../graph/model.js';
import type { Batch } from '../../graph/validate.js';
import type { Viewer } from '../../graph/viewer.js';

export const OUTSIDER: Viewer = { id: 'outsider', clearance: 'network', orgs: [] };
export const INSIDER: Viewer = { id: 'insider', clearance: 'network', orgs: ['org:secret'] };

export const ID = {
  skywall: 'prj:skywall',
  prisonwatch: 'prj:prisonwatch',
  hive: 'prj:hive',
  laundry: 'prj:laundry',
  demonstrator: 'res:demonstrator',
  report: 'res:report',
  radar: 'res:radar',
  dronelab: 'org:dronelab',
  gendarmerie: 'org:gendarmerie',
  univ: 'org:univ',
  secret: 'org:secret',
  anna: 'per:anna',
  bruno: 'per:bruno',
  hidden: 'per:hidden',
  need: 'chl:contraband',
  secretNeed: 'chl:secret',
  topic: 'top:counter-drone',
} as const;

export const HIVE_PARTNERS = ['org:hive1', 'org:hive2', 'org:hive3', 'org:hive4', 'org:hive5', 'org:hive6'];

export function droneGraph(options: { secrets?: boolean } = {}): Batch {
  const secrets = options.secrets ?? true;
  const nodes: NodeInput[] = [
    { kind: 'Country', id: 'cty:FR', code: 'FR', name: 'France', visibility: 'public' },
    { kind: 'Country', id: 'cty:DE', code: 'DE', name: 'Germany', visibility: 'public' },
    { kind: 'Country', id: 'cty:ES', code: 'ES', name: 'Spain', visibility: 'public' },
    { kind: 'Topic', id: ID.topic, label: 'Counter-drone', scheme: 'area', visibility: 'public' },
    {
      kind: 'Organisation',
      id: ID.dronelab,
      name: 'DroneLab GmbH',
      orgKind: 'industry',
      country: 'DE',
      visibility: 'public',
    },
    {
      kind: 'Organisation',
      id: ID.gendarmerie,
      name: 'Gendarmerie Nationale',
      orgKind: 'lea',
      country: 'FR',
      visibility: 'public',
    },
    {
      kind: 'Organisation',
      id: ID.univ,
      name: 'Universidad de Ejemplo',
      orgKind: 'academia',
      country: 'ES',
      visibility: 'public',
    },
    ...HIVE_PARTNERS.map(
      (id, i): NodeInput => ({
        kind: 'Organisation',
        id,
        name: `Hive Partner ${i + 1}`,
        orgKind: 'research',
        country: i % 2 === 0 ? 'DE' : 'ES',
        visibility: 'public',
      }),
    ),
    {
      kind: 'Project',
      id: ID.skywall,
      acronym: 'SKYWALL',
      title: 'Counter-drone protection of prisons',
      objective: 'Detect and track drones that fly contraband over prison walls, and alert the guards.',
      startDate: '2023-01-01',
      endDate: '2025-06-30',
      keywords: ['drone detection', 'prisons'],
      visibility: 'public',
    },
    {
      kind: 'Project',
      id: ID.prisonwatch,
      acronym: 'PRISONWATCH',
      title: 'Studies on drone detection at prisons',
      objective: 'A study of drone incidents at prisons and of detection methods.',
      startDate: '2019-01-01',
      endDate: '2021-12-31',
      visibility: 'public',
    },
    {
      kind: 'Project',
      id: ID.hive,
      acronym: 'HIVE',
      title: 'Drone detection for prisons and airports',
      objective: 'Sensor networks for drone detection at prisons and airports.',
      startDate: '2022-01-01',
      endDate: '2024-12-31',
      visibility: 'public',
    },
    {
      kind: 'Project',
      id: ID.laundry,
      acronym: 'LAUNDRY',
      title: 'Tracing money laundering through shell companies',
      startDate: '2022-01-01',
      endDate: '2024-12-31',
      visibility: 'public',
    },
    {
      kind: 'Result',
      id: ID.demonstrator,
      title: 'Drone detection demonstrator at a prison',
      description: 'Radio-frequency sensors detect drones approaching the prison and alert guards.',
      resultType: 'Demonstrators, pilots, prototypes',
      trl: 7,
      date: '2025-03-01',
      visibility: 'public',
    },
    {
      kind: 'Result',
      id: ID.report,
      title: 'Report on drone detection at prisons',
      description: 'A survey of drone detection at prisons.',
      resultType: 'Documents, reports',
      date: '2021-06-01',
      visibility: 'public',
    },
    {
      kind: 'Person',
      id: ID.anna,
      name: 'Anna Example',
      expertise: ['radio engineering'],
      country: 'DE',
      visibility: 'network',
    },
    {
      kind: 'Person',
      id: ID.bruno,
      name: 'Bruno Example',
      expertise: ['criminology'],
      country: 'ES',
      visibility: 'network',
    },
    {
      kind: 'Challenge',
      id: ID.need,
      title: 'Drones dropping contraband into prisons',
      description: 'Prisons need to detect drones before they drop phones and drugs over the walls.',
      keywords: ['drones', 'prisons'],
      visibility: 'network',
    },
  ];
  const rels: RelInput[] = [
    { type: 'LOCATED_IN', from: ID.dronelab, to: 'cty:DE' },
    { type: 'LOCATED_IN', from: ID.gendarmerie, to: 'cty:FR' },
    { type: 'LOCATED_IN', from: ID.univ, to: 'cty:ES' },
    { type: 'PARTICIPATED_IN', from: ID.dronelab, to: ID.skywall, role: 'coordinator' },
    { type: 'PARTICIPATED_IN', from: ID.gendarmerie, to: ID.skywall, role: 'participant' },
    { type: 'PARTICIPATED_IN', from: ID.univ, to: ID.prisonwatch, role: 'coordinator' },
    ...HIVE_PARTNERS.map(
      (id, i): RelInput => ({
        type: 'PARTICIPATED_IN',
        from: id,
        to: ID.hive,
        role: i === 0 ? 'coordinator' : 'participant',
      }),
    ),
    { type: 'PRODUCED', from: ID.skywall, to: ID.demonstrator },
    { type: 'PRODUCED', from: ID.dronelab, to: ID.demonstrator },
    { type: 'PRODUCED', from: ID.anna, to: ID.demonstrator },
    { type: 'PRODUCED', from: ID.prisonwatch, to: ID.report },
    { type: 'PRODUCED', from: ID.univ, to: ID.report },
    { type: 'PRODUCED', from: ID.bruno, to: ID.report },
    { type: 'MEMBER_OF', from: ID.anna, to: ID.dronelab },
    { type: 'MEMBER_OF', from: ID.bruno, to: ID.univ },
    { type: 'ADDRESSES', from: ID.demonstrator, to: ID.need },
    { type: 'ABOUT', from: ID.need, to: ID.topic },
    { type: 'ABOUT', from: ID.skywall, to: ID.topic },
  ];
  if (secrets) {
    nodes.push(
      {
        kind: 'Organisation',
        id: ID.secret,
        name: 'Secret Corp',
        orgKind: 'industry',
        country: 'FR',
        visibility: 'restricted',
        owner: ID.secret,
      },
      {
        kind: 'Person',
        id: ID.hidden,
        name: 'Hidden Person',
        expertise: ['drone detection at prisons'],
        bio: 'Builds drone detection radars for prisons.',
        country: 'FR',
        visibility: 'restricted',
        owner: ID.secret,
      },
      {
        kind: 'Result',
        id: ID.radar,
        title: 'Drone detection radar for prison walls',
        description: 'A radar that detects drones over prison walls.',
        resultType: 'Demonstrators, pilots, prototypes',
        trl: 9,
        date: '2025-09-01',
        visibility: 'restricted',
        owner: ID.secret,
      },
      {
        kind: 'Challenge',
        id: ID.secretNeed,
        title: 'Drone detection at the secret prison',
        visibility: 'restricted',
        owner: ID.secret,
      },
    );
    rels.push(
      { type: 'MEMBER_OF', from: ID.hidden, to: ID.secret },
      { type: 'PRODUCED', from: ID.hidden, to: ID.radar },
      { type: 'PRODUCED', from: ID.secret, to: ID.radar },
      // A visible organisation tied to the hidden radar: an outsider must not see it credited.
      { type: 'PRODUCED', from: ID.gendarmerie, to: ID.radar },
    );
  }
  return { nodes, relationships: rels };
}
