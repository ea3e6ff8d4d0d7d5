/**
 * The generator's working state: the output buffer, the world it writes into (countries,
 * areas, organisations, projects, events) and compact indexes over the people written so
 * far. Records leave with each chunk; only small indexes stay (person numbers per area and
 * organisation, one organisation and project reference per person), so memory grows by a
 * few dozen bytes per person, not by the records.
 */
import type { SourceChunk } from '../../engine/ingest/index.js';
import type { NodeInput, OrgKind, RelInput, RelType } from '../../graph/index.js';
import type { ResolvedOptions } from './options.js';
import { dayOf, Rng, Weighted } from './random.js';
import { AREAS, type Area, type LeaFlavour } from './vocab/area.js';
import type { Community, CountryInfo } from './vocab/countries.js';

/** A node record of one kind, as written (optional fields may be added after creation). */
export type InputOf<K extends NodeInput['kind']> = Extract<NodeInput, { kind: K }>;

/** `xs[i]`, for indexes the code has just computed; a miss is a bug, not a case to handle. */
export function at<T>(xs: readonly T[], i: number): T {
  const v = xs[i];
  if (v === undefined) throw new RangeError(`index ${i} outside a list of ${xs.length}`);
  return v;
}

export interface AreaState {
  readonly area: Area;
  /** Id of the area's Topic: the stored one when a store has it, else `area:<code>`. */
  topicId: string;
  /** Draws the year a challenge in this area is raised, growing or fading with the area. */
  readonly years: Weighted<number>;
  /** Person numbers expert in the area: voters and attendees are drawn from here. */
  readonly people: number[];
  /** Researchers and engineers: who produces results answering a challenge. */
  readonly solvers: number[];
  readonly challenges: number[];
  readonly results: number[];
  readonly events: EventEntry[];
}

export interface CountryEntry {
  readonly info: CountryInfo;
  readonly id: string;
  readonly incId: string;
  readonly communities: Weighted<Community>;
  incMembers: number;
}

export interface ProjectEntry {
  readonly id: string;
  readonly areas: readonly AreaState[];
  /** Days since 1970, for dating its results. */
  readonly start: number;
  readonly end: number;
}

export interface OrgEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: OrgKind;
  readonly country: string;
  readonly flavour: LeaFlavour;
  readonly projects: ProjectEntry[];
  /** Person numbers of its staff written so far: who can see and vote on its restricted challenges. */
  readonly members: number[];
}

export interface EventEntry {
  readonly id: string;
  readonly day: number;
  readonly poll?: { readonly id: string; readonly options: readonly string[] };
}

export const PERSON_ROLES = ['practitioner', 'researcher', 'industry', 'policy'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Buffers records until the generator hands them out as a chunk. */
export class Out {
  nodes: NodeInput[] = [];
  rels: RelInput[] = [];

  get size(): number {
    return this.nodes.length + this.rels.length;
  }

  node(n: NodeInput): void {
    this.nodes.push(n);
  }

  /** Returns the record so callers can add `role`, `value`, `date`... in a fixed order. */
  rel(type: RelType, from: string, to: string): RelInput {
    const r: RelInput = { type, from, to };
    this.rels.push(r);
    return r;
  }

  take(done: number, total: number): SourceChunk {
    const chunk: SourceChunk = {
      nodes: this.nodes,
      relationships: this.rels,
      rejects: [],
      progress: { done, total, unit: 'people' },
    };
    this.nodes = [];
    this.rels = [];
    return chunk;
  }
}

export class Gen {
  readonly rng: Rng;
  readonly out = new Out();
  readonly startDay: number;
  /** Last day anything may be dated: 31 December of `toYear`. */
  readonly endDay: number;
  readonly areas: readonly AreaState[];
  /** Draws an area in proportion to its overall weight. */
  readonly areaWeights: Weighted<AreaState>;

  countries: CountryEntry[] = [];
  orgs: OrgEntry[] = [];
  projects: ProjectEntry[] = [];
  events: EventEntry[] = [];
  /** Organisations that do research or build things: producers of results nobody in particular made. */
  solverOrgs: OrgEntry[] = [];
  /** Per person (number n at n - 1): their organisation and first project. */
  readonly personOrg: OrgEntry[] = [];
  readonly personProject: (ProjectEntry | undefined)[] = [];

  readonly count = { person: 0, challenge: 0, result: 0, document: 0, event: 0, poll: 0, org: 0, project: 0 };

  constructor(readonly o: ResolvedOptions) {
    this.rng = new Rng(o.seed);
    this.startDay = dayOf(o.fromYear);
    this.endDay = dayOf(o.toYear + 1) - 1;
    const years: number[] = [];
    for (let y = o.fromYear; y <= o.toYear; y++) years.push(y);
    this.areas = AREAS.map((area) => {
      const w = years.map((y) => (y < (area.since ?? 0) ? 0 : area.growth ** (y - o.fromYear)));
      // An area that starts after toYear still needs a year: give it the last one.
      if (!w.some((x) => x > 0)) w[w.length - 1] = 1;
      return {
        area,
        topicId: '',
        years: new Weighted(years, w),
        people: [],
        solvers: [],
        challenges: [],
        results: [],
        events: [],
      };
    });
    this.areaWeights = new Weighted(
      this.areas,
      AREAS.map((a) => a.weight),
    );
  }

  /** Clamps a day into the generated period. */
  clampDay(day: number): number {
    return Math.min(Math.max(day, this.startDay), this.endDay);
  }
}

export const ids = {
  person: (n: number) => `gen:person:${n}`,
  org: (n: number) => `gen:org:${n}`,
  project: (n: number) => `gen:project:${n}`,
  challenge: (n: number) => `gen:challenge:${n}`,
  result: (n: number) => `gen:result:${n}`,
  document: (n: number) => `gen:document:${n}`,
  event: (n: number) => `gen:event:${n}`,
  poll: (n: number) => `gen:poll:${n}`,
  /** Shared with every source (the CORDIS import writes `country:<CODE>` too), so sources meet on one node. */
  country: (code: string) => `country:${code}`,
  /** The project's own taxonomy of challenge areas, shared with the demo dataset (as `euroscivoc:` ids are). */
  topic: (code: string) => `area:${code}`,
  inc: (code: string) => `gen:inc:${code}`,
};
