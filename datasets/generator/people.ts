/**
 * People: practitioners in LEAs, researchers, industry engineers and policy makers, each
 * with an organisation in their own country, languages of that country, expertise drawn
 * from what their agency or projects work on, and what they do in the network (events,
 * challenges, results, best practices). A person's records all go into one chunk, and
 * everything they point to was written before them.
 */
import { raiseChallenge } from './challenges.js';
import { attend } from './events.js';
import { orgChooser, ROLE_SHARES } from './organisations.js';
import { Weighted } from './random.js';
import {
  type AreaState,
  type CountryEntry,
  type Gen,
  type InputOf,
  ids,
  type OrgEntry,
  PERSON_ROLES,
  type PersonRole,
  type ProjectEntry,
} from './state.js';
import { inSentence, Slots } from './text.js';
import { LEA_FLAVOURS, type LeaFlavour } from './vocab/area.js';
import { personName } from './vocab/names.js';
import { BIOS, ROLE_TITLES } from './vocab/phrases.js';
import { produceResult, writeDocument } from './works.js';

const EXTRA_LANGUAGES = ['en', 'fr', 'de', 'es', 'it'];

function languagesOf(g: Gen, country: CountryEntry, native: string, role: PersonRole): string[] {
  const rng = g.rng;
  const langs = [native];
  for (const c of country.info.communities) if (!langs.includes(c.lang) && rng.chance(0.5)) langs.push(c.lang);
  for (const l of country.info.also ?? []) if (!langs.includes(l) && rng.chance(0.6)) langs.push(l);
  if (!langs.includes('en') && rng.chance(role === 'researcher' || role === 'industry' ? 0.95 : 0.75)) langs.push('en');
  const extra = rng.pick(EXTRA_LANGUAGES);
  if (!langs.includes(extra) && rng.chance(0.2)) langs.push(extra);
  return langs;
}

function expertiseOf(
  g: Gen,
  draw: Weighted<AreaState>,
  role: PersonRole,
  projects: readonly ProjectEntry[],
): AreaState[] {
  const rng = g.rng;
  const areas: AreaState[] = [];
  for (const p of projects) for (const a of p.areas) if (!areas.includes(a) && areas.length < 4) areas.push(a);
  const want = Math.max(areas.length, rng.int(1, role === 'researcher' ? 4 : 3));
  for (let tries = 0; areas.length < want && tries < 10; tries++) {
    const a = draw.pick(rng);
    if (!areas.includes(a)) areas.push(a);
  }
  return areas;
}

/** Labels as they read inside a sentence: "cybercrime and CBRN threats". */
function listOf(labels: readonly string[]): string {
  const words = labels.map(inSentence);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function titleOf(g: Gen, role: PersonRole, org: OrgEntry): string {
  if (role !== 'practitioner') return g.rng.pick(ROLE_TITLES[role]);
  const f = org.flavour;
  return g.rng.pick(
    f === 'border' || f === 'customs' || f === 'forensic' || f === 'cyber' ? ROLE_TITLES[f] : ROLE_TITLES.practitioner,
  );
}

export function* people(g: Gen): Generator<void> {
  const rng = g.rng;
  const chooseOrg = orgChooser(g);
  const countryW = new Weighted(
    g.countries,
    g.countries.map((c) => c.info.weight),
  );
  const roleW = new Weighted(
    PERSON_ROLES,
    PERSON_ROLES.map((r) => ROLE_SHARES[r]),
  );
  // Practitioners mostly raise needs in what their kind of agency deals with.
  const byFlavour = Object.fromEntries(
    LEA_FLAVOURS.map((f) => [
      f,
      new Weighted(
        g.areas,
        g.areas.map((a) => a.area.weight * (a.area.flavours.includes(f) ? 4 : 1)),
      ),
    ]),
  ) as Record<LeaFlavour, Weighted<AreaState>>;
  for (let n = 1; n <= g.o.people; n++) {
    g.count.person = n;
    const country = countryW.pick(rng);
    const role = roleW.pick(rng);
    const org = chooseOrg(country, role);
    // Organisation planning gives every country an employer for every role; this is a bug guard.
    if (org === undefined) throw new Error(`no organisation for a ${role} in ${country.info.code}`);
    const community = country.communities.pick(rng);
    const name = personName(rng, community.names);
    const languages = languagesOf(g, country, community.lang, role);

    let projects: ProjectEntry[] = [];
    const joins = role === 'researcher' ? 0.75 : role === 'industry' ? 0.4 : role === 'practitioner' ? 0.1 : 0;
    if (org.projects.length > 0 && rng.chance(joins)) projects = rng.sample(org.projects, rng.int(1, 2));
    const areas = expertiseOf(g, role === 'practitioner' ? byFlavour[org.flavour] : g.areaWeights, role, projects);
    const labels = areas.map((a) => a.area.label);

    const inc = (role === 'practitioner' || role === 'policy') && country.incMembers < g.o.incMembersPerCountry;
    const roles: (PersonRole | 'inc')[] = inc ? [role, 'inc'] : [role];
    const r = rng.next();
    const visibility = r < g.o.restrictedShare ? 'restricted' : r < g.o.restrictedShare + 0.03 ? 'public' : 'network';
    const title = titleOf(g, role, org);
    const bio = rng.chance(0.7)
      ? new Slots(rng, undefined, { title, org: org.name, expertise: listOf(labels), years: rng.int(3, 25) })
          .text(rng.pick(BIOS))
          .replace('..', '.') // names ending in a legal form ("S.L.") before the full stop
      : undefined;

    const id = ids.person(n);
    const node: InputOf<'Person'> = {
      id,
      kind: 'Person',
      visibility,
      name,
      roles,
      expertise: labels,
      languages,
      country: country.info.code,
    };
    if (visibility === 'restricted') node.owner = org.id;
    if (bio !== undefined) node.bio = bio;
    g.out.node(node);
    g.out.rel('MEMBER_OF', id, org.id).role = title;
    g.out.rel('LOCATED_IN', id, country.id);
    for (const a of areas) g.out.rel('EXPERT_IN', id, a.topicId);
    if (inc) {
      g.out.rel('MEMBER_OF', id, country.incId).role = 'national contact point';
      if (country.incMembers === 0) g.out.rel('COORDINATES', id, country.incId);
      country.incMembers++;
    }
    for (const p of projects) g.out.rel('PARTICIPATED_IN', id, p.id).role = 'participant';
    g.personOrg.push(org);
    g.personProject.push(projects[0]);

    attend(g, n, areas, role === 'practitioner' || inc ? 0.9 : 0.6);
    const raised =
      role === 'practitioner'
        ? rng.poisson(g.o.challengesPerPractitioner)
        : role === 'policy'
          ? rng.poisson(g.o.challengesPerPractitioner * 0.25)
          : 0;
    for (let i = 0; i < raised + (inc ? rng.poisson(0.5) : 0); i++) {
      raiseChallenge(g, { n, org, country, areas, lang: community.lang, inc });
    }
    const first = projects[0];
    if ((role === 'researcher' && first && rng.chance(0.3)) || (role === 'industry' && rng.chance(0.25))) {
      produceResult(g, rng.pick(first && first.areas.length > 0 ? first.areas : areas), n);
    }
    if (rng.chance(inc ? 0.3 : role === 'policy' ? 0.12 : role === 'practitioner' ? 0.04 : 0)) {
      writeDocument(g, n, rng.pick(areas), org, country);
    }

    // Indexed only now, so that nobody votes on their own challenge.
    for (const a of areas) {
      a.people.push(n);
      if (role === 'researcher' || role === 'industry') a.solvers.push(n);
    }
    org.members.push(n);
    yield;
  }
}
