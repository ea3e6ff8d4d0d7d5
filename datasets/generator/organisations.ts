/**
 * Organisations and projects. Real ones from a store are registered (not written again);
 * fictional ones are written where the store has none: every organisation kind in every
 * country when there is no store, or just the kinds a country lacks (often its LEAs) when
 * there is one, so that every practitioner can sit in an LEA of their own country.
 */
import type { OrgKind } from '../../graph/index.js';
import type { StoredWorld } from './from-store.js';
import { dayInYear, isoDay, Weighted } from './random.js';
import { at, type CountryEntry, type Gen, ids, type OrgEntry, PERSON_ROLES, type PersonRole } from './state.js';
import { inSentence, lowerFirst, Slots } from './text.js';
import { LEA_FLAVOURS, type LeaFlavour } from './vocab/area.js';
import { placeName } from './vocab/names.js';
import {
  COMPANY_SECTORS,
  COMPANY_STEMS,
  COMPANY_TAILS,
  LEA_FLAVOUR_WEIGHTS,
  LEA_NAMES,
  LEGAL_FORMS,
  leaFlavourOf,
  ORG_NAMES,
} from './vocab/organisations.js';
import { ACRONYM_HEADS, ACRONYM_TAILS, PROJECT_AUDIENCES, PROJECT_OBJECTIVES } from './vocab/phrases.js';

/** Which organisation kinds employ each role, with relative weights; the first is the main one. */
export const ROLE_ORG_KINDS: Readonly<
  Record<PersonRole, readonly [readonly [OrgKind, number], ...(readonly [OrgKind, number])[]]>
> = {
  practitioner: [['lea', 1]],
  researcher: [
    ['academia', 1],
    ['research', 0.8],
    ['ngo', 0.15],
  ],
  industry: [['industry', 1]],
  policy: [['public', 1]],
};
export const ROLE_SHARES: Readonly<Record<PersonRole, number>> = {
  practitioner: 0.38,
  researcher: 0.3,
  industry: 0.2,
  policy: 0.12,
};
const KIND_SHARES: Readonly<Record<Exclude<OrgKind, 'other'>, number>> = {
  lea: 0.22,
  academia: 0.16,
  research: 0.14,
  industry: 0.3,
  public: 0.12,
  ngo: 0.06,
};
/** People per fictional organisation filling a gap beside real ones. */
const PEOPLE_PER_FILLER = 250;
const DAY_OF = (iso: string): number => Math.floor(Date.parse(iso.slice(0, 10)) / 86_400_000);

const leaFlavours = new Weighted<LeaFlavour>(
  LEA_FLAVOURS,
  LEA_FLAVOURS.map((f) => LEA_FLAVOUR_WEIGHTS[f]),
);

export function registerStoredOrgs(g: Gen, stored: StoredWorld): void {
  for (const o of stored.orgs) {
    const flavour = o.orgKind === 'lea' ? leaFlavourOf(o.name) : 'police';
    g.orgs.push({ id: o.id, name: o.name, kind: o.orgKind, country: o.country, flavour, projects: [], members: [] });
  }
}

/** How many fictional organisations of each kind each country gets. */
function plan(g: Gen, stored: StoredWorld | undefined): [CountryEntry, OrgKind, number][] {
  const totalWeight = g.countries.reduce((s, c) => s + c.info.weight, 0);
  const out: [CountryEntry, OrgKind, number][] = [];
  const have = new Set(g.orgs.map((o) => `${o.country}|${o.kind}`));
  for (const c of g.countries) {
    const share = c.info.weight / totalWeight;
    if (stored === undefined || stored.orgs.length === 0) {
      const budget = Math.max(6, Math.round(g.o.organisations * share));
      for (const [kind, s] of Object.entries(KIND_SHARES))
        out.push([c, kind as OrgKind, Math.max(1, Math.round(budget * s))]);
      continue;
    }
    for (const role of PERSON_ROLES) {
      const kinds = ROLE_ORG_KINDS[role];
      // Minor employers (NGOs for researchers) do not count as covering the role.
      if (kinds.some(([k, w]) => w >= 0.5 && have.has(`${c.info.code}|${k}`))) continue;
      const expected = g.o.people * share * ROLE_SHARES[role];
      out.push([c, kinds[0][0], Math.min(25, Math.max(1, Math.round(expected / PEOPLE_PER_FILLER)))]);
    }
  }
  return out;
}

const initials = (name: string): string => (name.match(/\b\p{Lu}/gu) ?? []).join('');

function orgName(
  g: Gen,
  kind: OrgKind,
  country: CountryEntry,
  flavour: LeaFlavour,
): { name: string; shortName: string } {
  const rng = g.rng;
  if (kind === 'industry') {
    const stem = rng.pick(COMPANY_STEMS) + rng.pick(COMPANY_TAILS);
    return { name: `${stem} ${rng.pick(COMPANY_SECTORS)} ${LEGAL_FORMS[country.info.code] ?? 'Ltd'}`, shortName: stem };
  }
  const templates = kind === 'lea' ? LEA_NAMES[flavour] : kind === 'other' ? ORG_NAMES.public : ORG_NAMES[kind];
  const name = rng.pick(templates).replace('{place}', placeName(rng, country.communities.pick(rng).names));
  return { name, shortName: initials(name) };
}

export function* fictionalOrgs(g: Gen, stored: StoredWorld | undefined): Generator<void> {
  const names = new Set<string>();
  for (const [country, kind, count] of plan(g, stored)) {
    for (let i = 0; i < count; i++) {
      const flavour: LeaFlavour = kind === 'lea' ? leaFlavours.pick(g.rng) : 'police';
      let named = orgName(g, kind, country, flavour);
      // Invented names can repeat; a few redraws keep two agencies from sharing one.
      for (let tries = 0; names.has(named.name) && tries < 4; tries++) named = orgName(g, kind, country, flavour);
      names.add(named.name);
      const id = ids.org(++g.count.org);
      const code = country.info.code;
      g.out.node({
        id,
        kind: 'Organisation',
        visibility: 'public',
        name: named.name,
        shortName: named.shortName,
        orgKind: kind,
        country: code,
        city: g.rng.pick(country.info.cities),
        ...(kind === 'industry' ? { sme: g.rng.chance(0.7) } : {}),
      });
      g.out.rel('LOCATED_IN', id, country.id);
      g.orgs.push({ id, name: named.name, kind, country: code, flavour, projects: [], members: [] });
      yield;
    }
  }
}

/** Registers the store's projects and who took part; their dates bound the results found later. */
export function registerStoredProjects(g: Gen, stored: StoredWorld): void {
  const orgs = new Map(g.orgs.map((o) => [o.id, o]));
  const projects = new Map(
    stored.projects.map((p) => {
      const start = p.startDate ? DAY_OF(p.startDate) : dayInYear(g.rng, g.o.fromYear);
      const entry = {
        id: p.id,
        areas: p.areas.map((i) => at(g.areas, i)),
        start,
        end: p.endDate ? DAY_OF(p.endDate) : start + 1_095,
      };
      g.projects.push(entry);
      return [p.id, entry] as const;
    }),
  );
  for (const [orgId, projectId] of stored.participations) {
    const o = orgs.get(orgId);
    const p = projects.get(projectId);
    if (o !== undefined && p !== undefined && !o.projects.includes(p)) o.projects.push(p);
  }
}

export function* fictionalProjects(g: Gen): Generator<void> {
  const rng = g.rng;
  const byKind = new Map<OrgKind, OrgEntry[]>();
  for (const o of g.orgs) {
    const list = byKind.get(o.kind);
    if (list) list.push(o);
    else byKind.set(o.kind, [o]);
  }
  const pickOf = (kinds: readonly OrgKind[]): OrgEntry | undefined => {
    const pool = byKind.get(rng.pick(kinds));
    return pool && pool.length > 0 ? rng.pick(pool) : undefined;
  };
  const used = new Set<string>();
  const lastStart = Math.max(g.o.fromYear, g.o.toYear - 1);
  for (let k = 0; k < g.o.projects; k++) {
    const main = g.areaWeights.pick(rng);
    const second = g.areaWeights.pick(rng);
    const areas = rng.chance(0.4) && second !== main ? [main, second] : [main];
    const start = dayInYear(rng, rng.int(g.o.fromYear, lastStart));
    const end = start + rng.int(24, 48) * 30;
    let acronym = rng.pick(ACRONYM_HEADS) + rng.pick(ACRONYM_TAILS);
    if (used.has(acronym)) acronym += String(used.size);
    used.add(acronym);
    const title = `${new Slots(rng, main.area).text(rng.pick(main.area.results))} for ${rng.pick(PROJECT_AUDIENCES)}`;
    const objective = new Slots(rng, main.area, {
      acronym,
      title: lowerFirst(title),
      need: rng.pick(main.area.needs).toLowerCase(),
      label: inSentence(main.area.label),
      n: rng.int(3, 9),
      k: rng.int(2, 5),
    }).text(rng.pick(PROJECT_OBJECTIVES));
    const id = ids.project(++g.count.project);
    const startDate = isoDay(start);
    const startYear = Number(startDate.slice(0, 4));
    g.out.node({
      id,
      kind: 'Project',
      visibility: 'public',
      date: startDate,
      acronym,
      title,
      objective,
      startDate,
      endDate: isoDay(end),
      programme: startYear >= 2021 ? 'HORIZON' : startYear >= 2014 ? 'H2020' : 'FP7',
      fundingScheme: rng.pick(['RIA', 'IA', 'CSA']),
      status: end <= g.endDay ? 'CLOSED' : 'SIGNED',
      keywords: rng.sample(main.area.keywords, 3),
    });
    for (const a of areas) g.out.rel('ABOUT', id, a.topicId);
    const project = { id, areas, start, end };
    // A coordinator (mostly research), an LEA as end user, industry to build it, then anyone.
    const members = [pickOf(['research', 'academia', 'research', 'industry']), pickOf(['lea']), pickOf(['industry'])];
    for (let i = rng.int(1, 7); i > 0; i--)
      members.push(pickOf(['lea', 'academia', 'research', 'industry', 'public', 'ngo']));
    const seen = new Set<OrgEntry>();
    for (const m of members) {
      if (m === undefined || seen.has(m)) continue;
      g.out.rel('PARTICIPATED_IN', m.id, id).role = seen.size === 0 ? 'coordinator' : 'participant';
      seen.add(m);
      m.projects.push(project);
    }
    g.projects.push(project);
    yield;
  }
}

/**
 * Draws the organisation a person of `role` works for in a country, favouring those with
 * projects; `undefined` when there is none. Draws are set up per country and role once.
 */
export function orgChooser(g: Gen): (country: CountryEntry, role: PersonRole) => OrgEntry | undefined {
  // Keyed by the country entry itself: this sits on the per-person path, where building string keys showed in profiles.
  const table = new Map<CountryEntry, Partial<Record<PersonRole, Weighted<OrgEntry>>>>();
  for (const c of g.countries) {
    const perRole: Partial<Record<PersonRole, Weighted<OrgEntry>>> = {};
    for (const role of PERSON_ROLES) {
      const kinds = new Map(ROLE_ORG_KINDS[role]);
      const items: OrgEntry[] = [];
      const weights: number[] = [];
      for (const o of g.orgs) {
        const k = kinds.get(o.kind);
        if (o.country !== c.info.code || k === undefined) continue;
        items.push(o);
        weights.push(k * (1 + (role === 'researcher' ? 4 : 1) * o.projects.length));
      }
      if (items.length > 0) perRole[role] = new Weighted(items, weights);
    }
    table.set(c, perRole);
  }
  return (country, role) => table.get(country)?.[role]?.pick(g.rng);
}
