/**
 * A synthetic graph of the benchmark's size (default 100,000 people, 20,000 organisations,
 * ~1,000,000 relationships), seeded and streamed in batches so the generator itself holds
 * little memory. Shapes follow the real model: people belong to organisations, live in
 * countries, are experts in topics and take part in projects with their organisations.
 */
import type { NodeInput, RelInput } from '../../graph/model.js';
import { seededRandom } from '../helpers/fixtures.js';

export interface BenchGraphSize {
  readonly people: number;
  readonly orgs: number;
  readonly projects: number;
  readonly topics: number;
}

export const DEFAULT_SIZE: BenchGraphSize = { people: 100_000, orgs: 20_000, projects: 5_000, topics: 500 };

const COUNTRIES = 'AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK NO UK IS'.split(
  ' ',
);
const ORG_KINDS = ['lea', 'academia', 'research', 'industry', 'public', 'ngo', 'other'] as const;

/** The same seeded PRNG as the contract suite's large batches. */
export const rng = seededRandom;

export interface BenchBatch {
  readonly nodes: NodeInput[];
  readonly relationships: RelInput[];
}

export const personId = (i: number): string => `bench:person:${i}`;
export const orgId = (i: number): string => `bench:org:${i}`;

/** Yields batches; every relationship's ends are in the same or an earlier batch. */
export function* benchGraph(size: BenchGraphSize = DEFAULT_SIZE, batchSize = 20_000, seed = 7): Generator<BenchBatch> {
  const r = rng(seed);
  const pick = (n: number) => Math.floor(r() * n);
  let nodes: NodeInput[] = [];
  let rels: RelInput[] = [];
  function* flush(force = false): Generator<BenchBatch> {
    if (force || nodes.length + rels.length >= batchSize) {
      yield { nodes, relationships: rels };
      nodes = [];
      rels = [];
    }
  }
  for (const c of COUNTRIES)
    nodes.push({ id: `country:${c}`, kind: 'Country', code: c, name: c, visibility: 'public' });
  for (let t = 0; t < size.topics; t++) {
    nodes.push({ id: `bench:topic:${t}`, kind: 'Topic', label: `topic ${t}`, scheme: 'area', visibility: 'public' });
  }
  yield* flush(true);
  const orgCountry: string[] = [];
  for (let o = 0; o < size.orgs; o++) {
    const country = COUNTRIES[pick(COUNTRIES.length)] ?? 'BE';
    orgCountry.push(country);
    nodes.push({
      id: orgId(o),
      kind: 'Organisation',
      name: `Organisation ${o}`,
      orgKind: ORG_KINDS[o % ORG_KINDS.length] ?? 'other',
      country,
      visibility: 'public',
    });
    rels.push({ type: 'LOCATED_IN', from: orgId(o), to: `country:${country}` });
    yield* flush();
  }
  for (let p = 0; p < size.projects; p++) {
    const id = `bench:project:${p}`;
    const year = 2008 + (p % 17);
    nodes.push({
      id,
      kind: 'Project',
      title: `Project ${p}`,
      startDate: `${year}-01-01`,
      date: `${year}-01-01`,
      visibility: 'public',
    });
    // ~16 partner organisations per project, as in CORDIS security projects.
    for (let k = 0; k < 16; k++)
      rels.push({
        type: 'PARTICIPATED_IN',
        from: orgId(pick(size.orgs)),
        to: id,
        role: k === 0 ? 'coordinator' : 'participant',
      });
    yield* flush();
  }
  for (let i = 0; i < size.people; i++) {
    const org = pick(size.orgs);
    const vis = i % 10 === 0 ? 'restricted' : i % 3 === 0 ? 'public' : 'network';
    nodes.push({
      id: personId(i),
      kind: 'Person',
      name: `Person ${i}`,
      expertise: [`topic ${i % size.topics}`],
      country: orgCountry[org] as string,
      visibility: vis,
      ...(vis === 'restricted' ? { owner: orgId(org) } : {}),
    });
    rels.push({ type: 'MEMBER_OF', from: personId(i), to: orgId(org) });
    rels.push({ type: 'LOCATED_IN', from: personId(i), to: `country:${orgCountry[org]}` });
    for (const t of new Set([pick(size.topics), pick(size.topics), pick(size.topics)])) {
      rels.push({ type: 'EXPERT_IN', from: personId(i), to: `bench:topic:${t}` });
    }
    for (const p of new Set([pick(size.projects), pick(size.projects), pick(size.projects), pick(size.projects)])) {
      rels.push({ type: 'PARTICIPATED_IN', from: personId(i), to: `bench:project:${p}` });
    }
    yield* flush();
  }
  yield* flush(true);
}
