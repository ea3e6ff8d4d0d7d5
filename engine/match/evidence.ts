/**
 * Graph evidence: from the works that matched the query (projects, results, documents, and
 * the challenges they address) to the organisations and people who did them.
 *
 * Every read goes through the store with the viewer, so a hidden node is never entered:
 * nothing reached through it is credited, counted or shown. Every edge kept here is one the
 * store returned, so an explanation path built from them is a real path in the graph.
 *
 * Walks are bounded (works expanded, neighbours per walk) because each reads the store: on the
 * 100,000-person graph one walk costs 0.1-1.5 ms, and who-solved has 50 ms in all. The walks of
 * one phase go to the store together (GraphStore.neighbourhoodsOf): on Neo4j that is one round
 * trip per phase instead of two per walk (the evidence phase took 99 ms on the CORDIS data).
 */
import type { GraphNode, GraphRel, GraphStore, NodeKind, RelType, Viewer } from '../../graph/index.js';
import { roleWeight } from './signals.js';

/** One move along the graph: to `node` over `rel` (in its stored direction). */
export interface Step {
  readonly node: string;
  readonly rel: GraphRel;
}

/** How relevance reached a node: from `origin` (a matched work or challenge) over `steps`. */
export interface Trail {
  readonly origin: string;
  readonly steps: readonly Step[];
}

/** What one work gives one entity. */
export interface Contribution {
  /** The work whose relevance flows (a Project, Result or Document). */
  readonly work: string;
  /** Role and indirection weight in [0, 1]. */
  readonly weight: number;
  /** `produced`, `coordinator`, `participant`…, prefixed `via project` or `member of` when indirect. */
  readonly role: string;
  /** From the evidence's origin to the entity. */
  readonly trail: Trail;
}

export interface EvidenceLimits {
  /** Works (by relevance) whose producers and participants are looked up. */
  readonly works: number;
  /** Challenges whose addressing works are looked up. */
  readonly challenges: number;
  /** Projects reached only through a matched result whose participants are looked up. */
  readonly projects: number;
  /** Organisations whose members are looked up. */
  readonly orgs: number;
  /** Projects (the most relevant) whose individual participants are read too; the rest give organisations only. */
  readonly projectPeople: number;
  /** Neighbours read per walk. */
  readonly fanout: number;
  /** Members read per organisation. */
  readonly memberFanout: number;
}

/**
 * Sized for the 50 ms budget on the 100,000-person graph, where a project has ~50
 * participants, most of them people: reading people costs most of a walk, so only the top
 * projects' people are read; everyone else is reached through results, organisations and
 * their own profiles.
 */
export const DEFAULT_LIMITS: EvidenceLimits = {
  works: 20,
  challenges: 4,
  projects: 6,
  orgs: 4,
  projectPeople: 3,
  fanout: 120,
  memberFanout: 40,
};

/** Weights of indirect evidence: a result's credit to its project's partners, a person's share of their organisation's. */
export const INDIRECT = { viaProject: 0.8, member: 0.3, fromChallenge: 0.8 } as const;

const WORK_KINDS: readonly NodeKind[] = ['Project', 'Result', 'Document'];
const ENTITY_KINDS: readonly NodeKind[] = ['Organisation', 'Person'];
export const isWork = (n: GraphNode): boolean => WORK_KINDS.includes(n.kind);
export const isEntity = (n: GraphNode): boolean => ENTITY_KINDS.includes(n.kind);

const other = (r: GraphRel, id: string): string => (r.from === id ? r.to : r.from);

export class Evidence {
  /** Every visible node seen, by id. */
  readonly nodes = new Map<string, GraphNode>();
  /** Effective relevance of works: own fused score, or what a matched challenge passed on. */
  readonly workRelevance = new Map<string, number>();
  /** How a work got its relevance when it came from a challenge (otherwise it is its own origin). */
  readonly workTrail = new Map<string, Trail>();
  /** Work → the challenges it ADDRESSES among those walked (kept even when its own match outranks the trail). */
  readonly addresses = new Map<string, Set<string>>();
  readonly contributions = new Map<string, Contribution[]>();
  /** Result or document → the project that produced it. */
  readonly projectOf = new Map<string, string>();
  /** Project → its visible results. */
  readonly resultsOf = new Map<string, string[]>();
  /** Node → topics it is ABOUT or EXPERT_IN. */
  readonly topicsOf = new Map<string, Set<string>>();
  /** Work → entities credited for it (for country and kind filters on works). */
  readonly creditedFor = new Map<string, Set<string>>();
  /** Person → organisations they are members of (only for people looked up). */
  readonly memberOf = new Map<string, string[]>();
  /** Store walks made (for benchmarks and logs): one per start. */
  walks = 0;
  /** Store calls those walks took (one per phase with starts). */
  calls = 0;
  /** Result → the step from it to its project (the PRODUCED edge the walk returned). */
  readonly #toProject = new Map<string, Step>();

  constructor(
    private readonly store: GraphStore,
    private readonly viewer: Viewer,
    private readonly limits: EvidenceLimits = DEFAULT_LIMITS,
  ) {}

  #trailTo(work: string, steps: readonly Step[]): Trail {
    const base = this.workTrail.get(work);
    return base === undefined ? { origin: work, steps } : { origin: base.origin, steps: [...base.steps, ...steps] };
  }

  #credit(entity: string, c: Contribution): void {
    let list = this.contributions.get(entity);
    if (list === undefined) {
      list = [];
      this.contributions.set(entity, list);
    }
    // One contribution per (work, entity): the strongest way the entity is tied to it.
    const same = list.findIndex((x) => x.work === c.work);
    if (same >= 0) {
      if ((list[same]?.weight ?? 0) >= c.weight) return;
      list.splice(same, 1);
    }
    list.push(c);
    let set = this.creditedFor.get(c.work);
    if (set === undefined) {
      set = new Set();
      this.creditedFor.set(c.work, set);
    }
    set.add(entity);
  }

  /** One hop from each of `ids` in one store call; per id, the relationships touching it. */
  async #walk(
    ids: readonly string[],
    relTypes: readonly RelType[],
    direction: 'in' | 'out' | 'both',
    kinds?: readonly NodeKind[],
    limit = this.limits.fanout,
  ): Promise<GraphRel[][]> {
    if (ids.length === 0) return [];
    this.walks += ids.length;
    this.calls++;
    const subs = await this.store.neighbourhoodsOf(
      ids,
      { hops: 1, relTypes, direction, limit, ...(kinds === undefined ? {} : { kinds }) },
      this.viewer,
    );
    return subs.map((sub, i) => {
      const id = ids[i] as string;
      // Kept as returned (with its `depth`): copying every node to drop one field costs more than it is worth.
      for (const n of sub.nodes) if (!this.nodes.has(n.id)) this.nodes.set(n.id, n);
      return sub.relationships.filter((r) => r.from === id || r.to === id);
    });
  }

  /** Works that address the matched challenges inherit part of the challenge's relevance. */
  async fromChallenges(challenges: readonly { id: string; relevance: number }[]): Promise<void> {
    const walked = challenges.slice(0, this.limits.challenges);
    const rels = await this.#walk(
      walked.map((c) => c.id),
      ['ADDRESSES'],
      'in',
      WORK_KINDS,
    );
    for (const [i, c] of walked.entries()) {
      for (const rel of rels[i] ?? []) {
        const w = rel.from;
        addTo(this.addresses, w, c.id);
        const passed = INDIRECT.fromChallenge * c.relevance;
        if (passed > (this.workRelevance.get(w) ?? 0)) {
          this.workRelevance.set(w, passed);
          this.workTrail.set(w, { origin: c.id, steps: [{ node: w, rel }] });
        }
      }
    }
  }

  /** Records a work's own relevance (from retrieval), keeping the larger of own and inherited. */
  seedWork(id: string, relevance: number): void {
    if (relevance >= (this.workRelevance.get(id) ?? 0)) {
      this.workRelevance.set(id, relevance);
      this.workTrail.delete(id);
    }
  }

  /** Producers and participants of the most relevant works, and the partners of the projects behind matched results. */
  async expandWorks(people: boolean): Promise<void> {
    const works = [...this.workRelevance].sort((a, b) => b[1] - a[1]).slice(0, this.limits.works);
    const viaResults = new Map<string, string[]>();
    let projectsRead = 0;
    // Which works have their people read is decided first, so both groups go to the store at once.
    const withPeople = works.map(
      ([w]) => people && (this.nodes.get(w)?.kind !== 'Project' || projectsRead++ < this.limits.projectPeople),
    );
    const types: RelType[] = ['PRODUCED', 'PARTICIPATED_IN', 'ABOUT'];
    const full = works.filter((_, i) => withPeople[i]).map(([w]) => w);
    const lean = works.filter((_, i) => !withPeople[i]).map(([w]) => w);
    const [fullRels, leanRels] = await Promise.all([
      this.#walk(full, types, 'both'),
      this.#walk(lean, types, 'both', ['Organisation', 'Project', 'Result', 'Document', 'Topic']),
    ]);
    const relsOf = new Map<string, GraphRel[]>();
    for (const [i, w] of full.entries()) relsOf.set(w, fullRels[i] ?? []);
    for (const [i, w] of lean.entries()) relsOf.set(w, leanRels[i] ?? []);
    for (const [w] of works) {
      const node = this.nodes.get(w);
      for (const rel of relsOf.get(w) ?? []) {
        const far = other(rel, w);
        const n = this.nodes.get(far);
        if (n === undefined) continue;
        if (rel.type === 'ABOUT') addTo(this.topicsOf, w, far);
        else if (rel.type === 'PRODUCED' && rel.to === w && n.kind === 'Project') {
          this.projectOf.set(w, far);
          this.#toProject.set(w, { node: far, rel });
          addList(this.resultsOf, far, w);
          if (!this.workRelevance.has(far)) addList(viaResults, far, w);
        } else if (rel.type === 'PRODUCED' && rel.from === w && node?.kind === 'Project') {
          addList(this.resultsOf, w, far);
          this.projectOf.set(far, w);
        } else if (rel.to === w && isEntity(n)) {
          const role = rel.type === 'PRODUCED' ? 'produced' : (rel.role ?? 'participant');
          const weight = roleWeight(rel.type === 'PRODUCED' ? 'PRODUCED' : 'PARTICIPATED_IN', rel.role);
          this.#credit(far, { work: w, weight, role, trail: this.#trailTo(w, [{ node: far, rel }]) });
        }
      }
    }
    // Partners of a project behind a matched result share in the result, a little less than its makers.
    const projects = [...viaResults].slice(0, this.limits.projects);
    const partners = await this.#walk(
      projects.map(([p]) => p),
      ['PARTICIPATED_IN'],
      'in',
      ['Organisation'],
    );
    for (const [i, [, results]] of projects.entries()) {
      const rels = partners[i] ?? [];
      for (const r of results) {
        const toProject = this.#toProject.get(r);
        if (toProject === undefined) continue;
        for (const rel of rels) {
          const weight = INDIRECT.viaProject * roleWeight('PARTICIPATED_IN', rel.role);
          this.#credit(rel.from, {
            work: r,
            weight,
            role: `${rel.role ?? 'participant'} of the project behind it`,
            trail: this.#trailTo(r, [toProject, { node: rel.from, rel }]),
          });
        }
      }
    }
  }

  /** The PRODUCED step from a result or document to its project, when a walk saw it. */
  stepToProject(id: string): Step | undefined {
    return this.#toProject.get(id);
  }

  /** Members of the best-credited organisations share in their organisation's credit. */
  async expandMembers(orgs: readonly string[]): Promise<void> {
    const walked = orgs
      .slice(0, this.limits.orgs)
      .map((org) => ({ org, best: [...(this.contributions.get(org) ?? [])].sort((a, b) => b.weight - a.weight) }))
      .filter((o) => o.best.length > 0);
    const members = await this.#walk(
      walked.map((o) => o.org),
      ['MEMBER_OF'],
      'in',
      ['Person'],
      this.limits.memberFanout,
    );
    for (const [i, { org, best }] of walked.entries()) {
      for (const rel of members[i] ?? []) {
        addList(this.memberOf, rel.from, org);
        for (const c of best.slice(0, 3)) {
          this.#credit(rel.from, {
            work: c.work,
            weight: INDIRECT.member * c.weight,
            role: `member of ${org}`,
            trail: { origin: c.trail.origin, steps: [...c.trail.steps, { node: rel.from, rel }] },
          });
        }
      }
    }
  }

  /** Organisations and topics of people (for kind filters and topic evidence). */
  async expandPeople(people: readonly string[]): Promise<void> {
    const todo = [...new Set(people)].filter((p) => !(this.memberOf.has(p) && this.topicsOf.has(p)));
    const rels = await this.#walk(todo, ['MEMBER_OF', 'EXPERT_IN'], 'out', ['Organisation', 'Topic']);
    for (const [i, p] of todo.entries()) {
      for (const rel of rels[i] ?? []) {
        if (rel.type === 'MEMBER_OF') addList(this.memberOf, p, rel.to);
        else addTo(this.topicsOf, p, rel.to);
      }
      if (!this.memberOf.has(p)) this.memberOf.set(p, []);
      if (!this.topicsOf.has(p)) this.topicsOf.set(p, new Set());
    }
  }
}

function addList<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l === undefined) m.set(k, [v]);
  else if (!l.includes(v)) l.push(v);
}

function addTo<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const s = m.get(k);
  if (s === undefined) m.set(k, new Set([v]));
  else s.add(v);
}
