/**
 * Builds demo.json from the hand-written content in ./content. The texts are all in the
 * content files; this script adds ids, links, and the votes and attendance (drawn with a
 * fixed seed, so a rebuild gives the same file). Run: `npx tsx datasets/demo/build.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type NodeInput, nodeSchema, REL_ENDPOINTS, type RelInput, relationshipSchema } from '../../graph/index.js';
import { Rng } from '../generator/random.js';
import { AREAS } from '../generator/vocab/area.js';
import { DEMO_CHALLENGES } from './content/challenges.js';
import { DEMO_DOCUMENTS } from './content/documents.js';
import { DEMO_EVENTS, DEMO_POLLS } from './content/events.js';
import { DEMO_COUNTRIES, DEMO_INCS, DEMO_ORGS } from './content/network.js';
import { DEMO_PEOPLE, type DemoPerson } from './content/people.js';
import { DEMO_PROJECTS } from './content/projects.js';

/** The demo's "today": votes and later records never go past it. */
const LAST_DAY = '2025-12-31';
const DAY_MS = 86_400_000;

const id = {
  org: (k: string) => `demo:org:${k}`,
  person: (k: string) => `demo:person:${k}`,
  project: (acronym: string) => `demo:project:${acronym.toLowerCase()}`,
  result: (k: string) => `demo:result:${k}`,
  document: (k: string) => `demo:document:${k}`,
  challenge: (k: string) => `demo:challenge:${k}`,
  event: (k: string) => `demo:event:${k}`,
  poll: (k: string) => `demo:poll:${k}`,
  inc: (code: string) => `demo:inc:${code}`,
  country: (code: string) => `country:${code}`,
  area: (code: string) => `area:${code}`,
};

const addDays = (date: string, days: number): string => {
  const d = new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);
  return d > LAST_DAY ? LAST_DAY : d;
};

export function buildDemo(): { nodes: NodeInput[]; relationships: RelInput[] } {
  const rng = new Rng(2025);
  const nodes: NodeInput[] = [];
  const rels: RelInput[] = [];
  const rel = (type: RelInput['type'], from: string, to: string, extra: Partial<RelInput> = {}) =>
    rels.push({ type, from, to, ...extra });
  const orgs = new Map(DEMO_ORGS.map((o) => [o.key, o]));
  const people = new Map(DEMO_PEOPLE.map((p) => [p.key, p]));
  const areaLabel = new Map(AREAS.map((a) => [a.code, a.label]));
  const must = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`demo content names an unknown ${what}`);
    return v;
  };
  const orgOf = (p: DemoPerson) => must(orgs.get(p.org), `organisation ${p.org}`);

  for (const [code, name] of DEMO_COUNTRIES)
    nodes.push({ id: id.country(code), kind: 'Country', visibility: 'public', code, name });
  for (const a of AREAS) {
    nodes.push({
      id: id.area(a.code),
      kind: 'Topic',
      visibility: 'public',
      label: a.label,
      scheme: 'area',
      code: a.code,
      description: a.description,
    });
  }
  for (const o of DEMO_ORGS) {
    const { key, ...fields } = o;
    nodes.push({ id: id.org(key), kind: 'Organisation', visibility: 'public', ...fields });
    rel('LOCATED_IN', id.org(key), id.country(o.country));
  }
  for (const inc of DEMO_INCS) {
    nodes.push({
      id: id.inc(inc.country),
      kind: 'Inc',
      visibility: 'public',
      name: inc.name,
      country: inc.country,
      mandate: inc.mandate,
    });
    rel('LOCATED_IN', id.inc(inc.country), id.country(inc.country));
    rel('COORDINATES', id.inc(inc.country), id.country(inc.country));
  }

  const coordinating = new Set<string>();
  for (const p of DEMO_PEOPLE) {
    const org = orgOf(p);
    const labels = p.expertise.map((c) => must(areaLabel.get(c), `area ${c}`));
    const visibility = p.visibility ?? 'network';
    nodes.push({
      id: id.person(p.key),
      kind: 'Person',
      visibility,
      ...(visibility === 'restricted' ? { owner: id.org(org.key) } : {}),
      name: p.name,
      roles: p.inc ? [p.role, 'inc'] : [p.role],
      expertise: labels,
      languages: [...p.languages],
      country: org.country,
      ...(p.bio ? { bio: p.bio } : {}),
    });
    rel('MEMBER_OF', id.person(p.key), id.org(org.key), { role: p.title });
    rel('LOCATED_IN', id.person(p.key), id.country(org.country));
    for (const c of p.expertise) rel('EXPERT_IN', id.person(p.key), id.area(c));
    if (p.inc) {
      rel('MEMBER_OF', id.person(p.key), id.inc(p.inc), { role: 'national contact point' });
      if (!coordinating.has(p.inc)) rel('COORDINATES', id.person(p.key), id.inc(p.inc));
      coordinating.add(p.inc);
    }
  }

  for (const pr of DEMO_PROJECTS) {
    const pid = id.project(pr.acronym);
    const scale = pr.fundingScheme === 'IA' ? 6_000_000 : pr.fundingScheme === 'RIA' ? 4_000_000 : 1_500_000;
    const totalCost = Math.round((scale * (0.8 + rng.next() * 0.5)) / 1_000) * 1_000;
    nodes.push({
      id: pid,
      kind: 'Project',
      visibility: 'public',
      date: pr.startDate,
      acronym: pr.acronym,
      title: pr.title,
      objective: pr.objective,
      startDate: pr.startDate,
      endDate: pr.endDate,
      programme: pr.startDate >= '2021' ? 'HORIZON' : 'H2020',
      fundingScheme: pr.fundingScheme,
      status: pr.endDate <= LAST_DAY ? 'CLOSED' : 'SIGNED',
      totalCost,
      ecContribution: pr.fundingScheme === 'IA' ? Math.round(totalCost * 0.7) : totalCost,
      keywords: [...pr.keywords],
    });
    for (const a of pr.areas) rel('ABOUT', pid, id.area(a));
    for (const [i, o] of pr.orgs.entries()) {
      rel('PARTICIPATED_IN', id.org(must(orgs.get(o), `organisation ${o}`).key), pid, {
        role: i === 0 ? 'coordinator' : 'participant',
      });
    }
    for (const k of pr.people) {
      const p = must(people.get(k), `person ${k}`);
      if (!pr.orgs.includes(p.org)) throw new Error(`${k} joins ${pr.acronym} but ${p.org} is not a partner`);
      rel('PARTICIPATED_IN', id.person(k), pid, {
        role: p.org === pr.orgs[0] && k === pr.people[0] ? 'coordinator' : 'participant',
      });
    }
    for (const r of pr.results) {
      const rid = id.result(r.key);
      const visibility = r.visibility ?? 'public';
      nodes.push({
        id: rid,
        kind: 'Result',
        visibility,
        ...(visibility === 'restricted' ? { owner: id.org(r.org) } : {}),
        date: r.date,
        title: r.title,
        description: r.description,
        resultType: r.resultType,
        trl: r.trl,
      });
      rel('PRODUCED', pid, rid);
      rel('PRODUCED', id.org(must(orgs.get(r.org), `organisation ${r.org}`).key), rid);
      for (const k of r.people) rel('PRODUCED', id.person(must(people.get(k), `person ${k}`).key), rid);
      rel('ABOUT', rid, id.area(must(pr.areas[0], `area of ${pr.acronym}`)));
    }
  }

  for (const c of DEMO_CHALLENGES) {
    const by = must(people.get(c.by), `person ${c.by}`);
    const org = orgOf(by);
    const cid = id.challenge(c.key);
    const visibility = c.visibility ?? 'network';
    nodes.push({
      id: cid,
      kind: 'Challenge',
      visibility,
      ...(visibility === 'restricted' ? { owner: id.org(org.key) } : {}),
      date: c.date,
      title: c.title,
      description: c.description,
      status: c.status,
      area: must(areaLabel.get(c.area), `area ${c.area}`),
      country: org.country,
      keywords: [...c.keywords],
    });
    rel('RAISED', id.person(c.by), cid, { date: c.date });
    if (c.inc) rel('RAISED', id.inc(c.inc), cid, { date: c.date });
    rel('ABOUT', cid, id.area(c.area));
    // Voters: people who could see it, experts in the area more likely than others.
    const pool = DEMO_PEOPLE.filter((p) => p.key !== c.by && (visibility !== 'restricted' || p.org === by.org));
    const experts = rng.shuffle(pool.filter((p) => p.expertise.includes(c.area)));
    const others = rng.shuffle(pool.filter((p) => !p.expertise.includes(c.area)));
    for (let i = 0; i < c.votes && experts.length + others.length > 0; i++) {
      const v = (rng.chance(0.7) ? experts.pop() : undefined) ?? others.pop() ?? experts.pop();
      if (v === undefined) break;
      rel('VOTED', id.person(v.key), cid, { value: rng.chance(0.9) ? 1 : -1, date: addDays(c.date, rng.int(3, 420)) });
    }
  }

  // Results and documents name challenges by key: their ADDRESSES come after the challenges exist.
  for (const pr of DEMO_PROJECTS) {
    for (const r of pr.results) {
      for (const c of r.addresses ?? []) rel('ADDRESSES', id.result(r.key), id.challenge(c));
      if (r.buildsOn) rel('BUILDS_ON', id.result(r.key), id.result(r.buildsOn));
    }
  }
  for (const d of DEMO_DOCUMENTS) {
    const did = id.document(d.key);
    const visibility = d.visibility ?? 'network';
    nodes.push({
      id: did,
      kind: 'Document',
      visibility,
      ...(visibility === 'restricted' ? { owner: id.org(d.org) } : {}),
      date: d.date,
      title: d.title,
      summary: d.summary,
      docType: d.docType,
    });
    rel('PRODUCED', id.person(d.author), did);
    rel('PRODUCED', id.org(d.org), did);
    for (const a of d.areas) rel('ABOUT', did, id.area(a));
    for (const c of d.addresses ?? []) rel('ADDRESSES', did, id.challenge(c));
    for (const r of d.cites ?? []) rel('CITES', did, id.result(r));
  }

  for (const e of DEMO_EVENTS) {
    const eid = id.event(e.key);
    nodes.push({
      id: eid,
      kind: 'Event',
      visibility: e.visibility,
      date: e.date,
      title: e.title,
      online: e.online,
      ...(e.city ? { city: e.city } : {}),
      country: e.country,
      description: e.description,
    });
    const host = e.organiser.startsWith('inc:')
      ? id.inc(e.organiser.slice(4))
      : id.org(must(orgs.get(e.organiser), `organisation ${e.organiser}`).key);
    rel('ORGANISED', host, eid);
    if (!e.online) rel('LOCATED_IN', eid, id.country(e.country));
    for (const a of e.areas) rel('ABOUT', eid, id.area(a));
    // Hosts' colleagues and INC members first, then people working on the event's areas, then anyone.
    const rank = (p: DemoPerson) =>
      p.org === e.organiser || (p.inc && e.organiser === `inc:${p.inc}`)
        ? 0
        : p.expertise.some((a) => e.areas.includes(a))
          ? 1
          : 2;
    const ordered = rng.shuffle([...DEMO_PEOPLE]).sort((a, b) => rank(a) - rank(b));
    const attendees = ordered.slice(0, e.attendees);
    // No dates on attendance and poll answers: they are the event's own, and the file stays under 200 KB.
    for (const p of attendees) rel('ATTENDED', id.person(p.key), eid);
    for (const poll of DEMO_POLLS.filter((x) => x.event === e.key)) {
      const pid = id.poll(poll.key);
      nodes.push({
        id: pid,
        kind: 'Poll',
        visibility: 'network',
        date: e.date,
        question: poll.question,
        options: [...poll.options],
        closesAt: poll.closesAt,
      });
      rel('HELD_AT', pid, eid);
      rel('ABOUT', pid, id.area(poll.area));
      for (const p of attendees) {
        if (!rng.chance(0.8)) continue;
        const option = must(poll.options[Math.floor(rng.next() ** 1.6 * poll.options.length)], 'poll option');
        rel('VOTED', id.person(p.key), pid, { option });
      }
    }
  }
  return { nodes, relationships: rels };
}

/** Parses every record and checks every relationship's ends and their kinds; throws on the first problems. */
function check(data: { nodes: NodeInput[]; relationships: RelInput[] }): void {
  const kinds = new Map<string, string>();
  const problems: string[] = [];
  for (const n of data.nodes) {
    const r = nodeSchema.safeParse(n);
    if (!r.success) problems.push(`${n.id}: ${r.error.message}`);
    if (kinds.has(n.id)) problems.push(`${n.id} twice`);
    kinds.set(n.id, n.kind);
  }
  for (const r of data.relationships) {
    const p = relationshipSchema.safeParse(r);
    if (!p.success) problems.push(`${r.type} ${r.from}->${r.to}: ${p.error.message}`);
    for (const end of ['from', 'to'] as const) {
      const kind = kinds.get(r[end]);
      if (kind === undefined || !(REL_ENDPOINTS[r.type][end] as readonly string[]).includes(kind))
        problems.push(`${r.type} ${r.from}->${r.to}: bad ${end}`);
    }
  }
  if (problems.length > 0) throw new Error(`demo dataset is invalid:\n${problems.slice(0, 20).join('\n')}`);
}

/** One record per line: small diffs when the content changes, and still plain JSON. */
export function serialise(data: { nodes: readonly NodeInput[]; relationships: readonly RelInput[] }): string {
  const lines = (xs: readonly object[]) => xs.map((x) => JSON.stringify(x)).join(',\n');
  return `{"nodes":[\n${lines(data.nodes)}\n],"relationships":[\n${lines(data.relationships)}\n]}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const data = buildDemo();
  check(data);
  const out = fileURLToPath(new URL('./demo.json', import.meta.url));
  const text = serialise(data);
  writeFileSync(out, text);
  console.log(
    `wrote ${out}: ${data.nodes.length} nodes, ${data.relationships.length} relationships, ${(text.length / 1024).toFixed(0)} KB`,
  );
}
