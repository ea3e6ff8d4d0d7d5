/**
 * Reads what the generator builds on from a store that already holds real data (e.g. the
 * CORDIS import): countries, area topics, organisations, projects and who took part in
 * which. Only what the generator needs is kept (ids, kinds, dates, the areas a project is
 * about), so ~5,000 organisations and ~1,000 projects cost little memory.
 */
import type { GraphNode, GraphStore, OrgKind, Page } from '../../graph/index.js';
import { SYSTEM } from '../../graph/index.js';
import { AREAS } from './vocab/area.js';

export interface StoredOrg {
  readonly id: string;
  readonly name: string;
  readonly orgKind: OrgKind;
  readonly country: string;
}

export interface StoredProject {
  readonly id: string;
  readonly areas: readonly number[];
  readonly startDate?: string;
  readonly endDate?: string;
}

export interface StoredWorld {
  /** Country code -> id of the stored Country node. */
  readonly countryIds: ReadonlyMap<string, string>;
  /** Area code -> id of the stored Topic (scheme `area`) with that code. */
  readonly topicIds: ReadonlyMap<string, string>;
  readonly orgs: readonly StoredOrg[];
  readonly projects: readonly StoredProject[];
  /** [organisation id, project id], for organisations and projects kept above. */
  readonly participations: readonly (readonly [string, string])[];
}

const PAGE = 10_000;

/**
 * The generator's own earlier output is not "real" data to build on: reading it back would
 * make a second run with the same seed differ from the first, instead of changing nothing.
 */
const ownRecord = (id: string): boolean => id.startsWith('gen:');

async function* all<T>(fetch: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    yield* page.items;
    cursor = page.next;
  } while (cursor !== undefined);
}

const nodesOf = (store: GraphStore, kind: GraphNode['kind'], where?: Record<string, string>) =>
  all((cursor) =>
    store.list({ kind, limit: PAGE, ...(where ? { where } : {}), ...(cursor ? { cursor } : {}) }, SYSTEM),
  );

/** Which areas a project's own words point to (none is a fine answer). */
export function areasOfText(text: string): number[] {
  const out: number[] = [];
  AREAS.forEach((a, i) => {
    if (a.match.test(text)) out.push(i);
  });
  return out;
}

/** Reads the store as the SYSTEM viewer, in the store's own order (by id), so the same content gives the same graph. */
export async function readStore(store: GraphStore, countries: readonly string[]): Promise<StoredWorld> {
  const wanted = new Set(countries);
  const countryIds = new Map<string, string>();
  for await (const n of nodesOf(store, 'Country')) {
    if (n.kind === 'Country' && !countryIds.has(n.code)) countryIds.set(n.code, n.id);
  }
  const topicIds = new Map<string, string>();
  for await (const n of nodesOf(store, 'Topic', { scheme: 'area' })) {
    if (n.kind === 'Topic' && n.code !== undefined && !topicIds.has(n.code)) topicIds.set(n.code, n.id);
  }
  const orgs: StoredOrg[] = [];
  for await (const n of nodesOf(store, 'Organisation')) {
    // 'other' bodies (e.g. anonymised natural persons) employ none of the roles generated.
    if (
      n.kind !== 'Organisation' ||
      ownRecord(n.id) ||
      n.country === undefined ||
      !wanted.has(n.country) ||
      n.orgKind === 'other'
    )
      continue;
    orgs.push({ id: n.id, name: n.name, orgKind: n.orgKind, country: n.country });
  }
  const projects: StoredProject[] = [];
  for await (const n of nodesOf(store, 'Project')) {
    if (n.kind !== 'Project' || ownRecord(n.id)) continue;
    const text = [n.acronym ?? '', n.title, n.keywords.join(' '), n.objective ?? ''].join(' ');
    projects.push({
      id: n.id,
      areas: areasOfText(text),
      ...(n.startDate ? { startDate: n.startDate } : {}),
      ...(n.endDate ? { endDate: n.endDate } : {}),
    });
  }
  const orgIds = new Set(orgs.map((o) => o.id));
  const projectIds = new Set(projects.map((p) => p.id));
  const participations: [string, string][] = [];
  const rels = all((cursor) =>
    store.relationships({ type: 'PARTICIPATED_IN', limit: PAGE, ...(cursor ? { cursor } : {}) }, SYSTEM),
  );
  for await (const r of rels) {
    if (orgIds.has(r.from) && projectIds.has(r.to)) participations.push([r.from, r.to]);
  }
  return { countryIds, topicIds, orgs, projects, participations };
}
