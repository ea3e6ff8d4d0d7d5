/**
 * The analytical projection of the graph: the nodes and relationships trends, gaps, network
 * metrics, polls and suggestions read, loaded once from any GraphStore (through its public
 * `list` and `relationships`, so both backends serve alike) into flat arrays keyed by small
 * integers, with each node's visibility and owner kept beside it.
 *
 * It is read as SYSTEM and filtered per request: `visibleMask(viewer)` applies graph/viewer's
 * rule to every node once (cached per clearance and organisations), and every analysis skips
 * masked nodes and any link with a masked end. So one snapshot serves all viewers, and no
 * hidden node is counted, named or used as a bridge.
 *
 * Staleness: the snapshot remembers the store's `revision()`; `Snapshots.get` compares it on
 * each call (one cheap read) and reloads when the data moved.
 */
import type { GraphNode, NodeKind, RelType, Visibility } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import { canSee, SYSTEM, type Viewer } from '../../graph/viewer.js';
import { maturity } from '../match/signals.js';

const PAGE = 5_000;

/** Kinds the analyses read; people are kept for their visibility only (votes, raisers). */
const KINDS = [
  'Topic',
  'Country',
  'Organisation',
  'Inc',
  'Person',
  'Challenge',
  'Project',
  'Result',
  'Document',
  'Poll',
  'Event',
] as const satisfies readonly NodeKind[];

const RELS = [
  'ABOUT',
  'ADDRESSES',
  'PRODUCED',
  'PARTICIPATED_IN',
  'RAISED',
  'VOTED',
  'MEMBER_OF',
  'LOCATED_IN',
  'HELD_AT',
  'EXPERT_IN',
] as const satisfies readonly RelType[];

export interface SnapNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly visibility: Visibility;
  readonly owner?: string;
  readonly label: string;
  /** The moment the node counts for in trends (YYYY-MM-DD), when known. */
  date?: string;
  country?: string;
  /** Organisation kind (Organisation) or challenge status (Challenge). */
  readonly sub?: string;
  /** Results and documents: maturity in [0, 1]. */
  readonly maturity?: number;
  /** Poll options. */
  readonly options?: readonly string[];
  readonly closesAt?: string;
  readonly text?: string;
  /** Challenges: their keywords. */
  readonly keywords?: readonly string[];
}

/** A link to another node by key, with the relationship's role, value or option where it has one. */
export interface Link {
  readonly to: number;
  readonly role?: string;
  readonly value?: number;
  readonly option?: string;
}

export class Snapshot {
  readonly nodes: SnapNode[] = [];
  readonly key = new Map<string, number>();
  /** Keys of each kind, in store order. */
  readonly byKind = new Map<NodeKind, number[]>();
  /** Topics a node is ABOUT (challenges, projects, results, documents, polls, events). */
  readonly about = new Map<number, number[]>();
  /** Organisations (with role) that took part in a project. */
  readonly participants = new Map<number, Link[]>();
  /** Projects an organisation took part in. */
  readonly projectsOf = new Map<number, Link[]>();
  /** Who produced a result or document (projects, organisations, people). */
  readonly producers = new Map<number, number[]>();
  /** Results and documents a project, organisation or person produced. */
  readonly produced = new Map<number, number[]>();
  /** Challenges a work addresses, and the works addressing a challenge. */
  readonly addresses = new Map<number, number[]>();
  readonly addressedBy = new Map<number, number[]>();
  /** Who raised a challenge, and the challenges each raised. */
  readonly raisedBy = new Map<number, number[]>();
  readonly raised = new Map<number, number[]>();
  /** Votes on a challenge or poll: voter with value or option. */
  readonly votes = new Map<number, Link[]>();
  /** Organisations and INCs a person or organisation is a member of, and their members. */
  readonly memberOf = new Map<number, number[]>();
  readonly members = new Map<number, number[]>();
  /** Topics a person or organisation is expert in. */
  readonly expertIn = new Map<number, number[]>();
  /** Event a poll was held at. */
  readonly heldAt = new Map<number, number>();

  readonly #masks = new Map<string, Uint8Array>();

  constructor(
    readonly revision: string,
    readonly loadedAt: Date,
  ) {}

  of(kind: NodeKind): readonly number[] {
    return this.byKind.get(kind) ?? [];
  }

  node(k: number): SnapNode {
    const n = this.nodes[k];
    if (n === undefined) throw new Error(`snapshot has no node ${k}`);
    return n;
  }

  /** 1 where the viewer may see the node. Cached per distinct clearance and organisation set. */
  visibleMask(viewer: Viewer): Uint8Array {
    const cacheKey = `${viewer.clearance}|${[...viewer.orgs].sort().join(',')}`;
    let mask = this.#masks.get(cacheKey);
    if (mask === undefined) {
      mask = new Uint8Array(this.nodes.length);
      for (let k = 0; k < this.nodes.length; k++) mask[k] = canSee(viewer, this.node(k)) ? 1 : 0;
      if (this.#masks.size >= 64) this.#masks.clear();
      this.#masks.set(cacheKey, mask);
    }
    return mask;
  }

  /** Countries of a node: its own, else (projects) its participants', else (works) its producers'. */
  countriesOf(k: number, mask: Uint8Array): string[] {
    const n = this.node(k);
    if (n.country !== undefined) return [n.country];
    const out = new Set<string>();
    if (n.kind === 'Project') {
      for (const p of this.participants.get(k) ?? []) {
        const c = this.nodes[p.to]?.country;
        if (mask[p.to] && c !== undefined) out.add(c);
      }
    } else if (n.kind === 'Result' || n.kind === 'Document') {
      for (const p of this.producers.get(k) ?? []) {
        if (!mask[p]) continue;
        const pn = this.node(p);
        if (pn.kind === 'Organisation' && pn.country !== undefined) out.add(pn.country);
      }
      if (out.size === 0) {
        for (const p of this.producers.get(k) ?? []) {
          if (mask[p] && this.node(p).kind === 'Project') for (const c of this.countriesOf(p, mask)) out.add(c);
        }
      }
    }
    return [...out];
  }

  /** Topics of a node: its own ABOUT topics, else (works) those of the projects that produced it. */
  topicsOf(k: number, mask: Uint8Array): number[] {
    const own = (this.about.get(k) ?? []).filter((t) => mask[t]);
    if (own.length > 0) return own;
    const n = this.node(k);
    if (n.kind !== 'Result' && n.kind !== 'Document') return own;
    const out = new Set<number>();
    for (const p of this.producers.get(k) ?? []) {
      if (mask[p] && this.node(p).kind === 'Project') for (const t of this.about.get(p) ?? []) if (mask[t]) out.add(t);
    }
    return [...out];
  }
}

const push = <V>(m: Map<number, V[]>, k: number, v: V): void => {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
};

function snapNode(n: GraphNode): SnapNode {
  const base = {
    id: n.id,
    kind: n.kind,
    visibility: n.visibility,
    ...(n.owner === undefined ? {} : { owner: n.owner }),
    ...(n.date === undefined ? {} : { date: n.date.slice(0, 10) }),
  };
  switch (n.kind) {
    case 'Topic':
      return { ...base, label: n.label };
    case 'Country':
      return { ...base, label: n.name, country: n.code };
    case 'Organisation':
      return {
        ...base,
        label: n.name,
        sub: n.orgKind,
        ...(n.country === undefined ? {} : { country: n.country }),
      };
    case 'Inc':
      return { ...base, label: n.name, country: n.country };
    case 'Person':
      return { ...base, label: n.name, ...(n.country === undefined ? {} : { country: n.country }) };
    case 'Challenge':
      return {
        ...base,
        label: n.title,
        sub: n.status,
        ...(n.country === undefined ? {} : { country: n.country }),
        text: [n.title, n.description ?? '', n.keywords.join(' ')].join(' '),
        keywords: n.keywords,
      };
    case 'Project': {
      const start = n.startDate ?? n.date;
      return {
        ...base,
        label: n.acronym === undefined ? n.title : `${n.acronym}: ${n.title}`,
        ...(start === undefined ? {} : { date: start.slice(0, 10) }),
        ...(n.endDate === undefined ? {} : { closesAt: n.endDate.slice(0, 10) }),
      };
    }
    case 'Result':
    case 'Document':
      return { ...base, label: n.title, maturity: maturity(n).value };
    case 'Poll':
      return {
        ...base,
        label: n.question,
        options: n.options,
        ...(n.closesAt === undefined ? {} : { closesAt: n.closesAt }),
      };
    case 'Event':
      return { ...base, label: n.title, ...(n.country === undefined ? {} : { country: n.country }) };
  }
}

/** Loads the projection from the store, as SYSTEM, page by page. */
export async function loadSnapshot(store: GraphStore): Promise<Snapshot> {
  const revision = await store.revision();
  const s = new Snapshot(revision, new Date());
  for (const kind of KINDS) {
    const keys: number[] = [];
    s.byKind.set(kind, keys);
    let cursor: string | undefined;
    do {
      const page = await store.list({ kind, limit: PAGE, ...(cursor === undefined ? {} : { cursor }) }, SYSTEM);
      for (const n of page.items) {
        const k = s.nodes.length;
        s.nodes.push(snapNode(n));
        s.key.set(n.id, k);
        keys.push(k);
      }
      cursor = page.next;
    } while (cursor !== undefined);
  }
  for (const type of RELS) {
    let cursor: string | undefined;
    do {
      const page = await store.relationships(
        { type, limit: PAGE, ...(cursor === undefined ? {} : { cursor }) },
        SYSTEM,
      );
      for (const r of page.items) {
        const a = s.key.get(r.from);
        const b = s.key.get(r.to);
        if (a === undefined || b === undefined) continue;
        addRel(s, type, a, b, r);
      }
      cursor = page.next;
    } while (cursor !== undefined);
  }
  datesFromProjects(s);
  return s;
}

function addRel(
  s: Snapshot,
  type: (typeof RELS)[number],
  a: number,
  b: number,
  r: { role?: string | undefined; value?: number | undefined; option?: string | undefined },
): void {
  const from = s.node(a);
  switch (type) {
    case 'ABOUT':
      push(s.about, a, b);
      break;
    case 'ADDRESSES':
      if (s.node(b).kind === 'Challenge') {
        push(s.addresses, a, b);
        push(s.addressedBy, b, a);
      } else push(s.about, a, b);
      break;
    case 'PRODUCED':
      push(s.producers, b, a);
      push(s.produced, a, b);
      break;
    case 'PARTICIPATED_IN':
      if (from.kind === 'Organisation') {
        push(s.participants, b, { to: a, ...(r.role === undefined ? {} : { role: r.role }) });
        push(s.projectsOf, a, { to: b, ...(r.role === undefined ? {} : { role: r.role }) });
      }
      break;
    case 'RAISED':
      push(s.raisedBy, b, a);
      push(s.raised, a, b);
      break;
    case 'VOTED':
      push(s.votes, b, {
        to: a,
        ...(r.value === undefined ? {} : { value: r.value }),
        ...(r.option === undefined ? {} : { option: r.option }),
      });
      break;
    case 'MEMBER_OF':
      push(s.memberOf, a, b);
      push(s.members, b, a);
      break;
    case 'LOCATED_IN':
      // A country given only by LOCATED_IN (organisations imported without a country field).
      if (from.country === undefined) {
        const c = s.node(b).country;
        if (c !== undefined) from.country = c;
      }
      break;
    case 'HELD_AT':
      s.heldAt.set(a, b);
      break;
    case 'EXPERT_IN':
      push(s.expertIn, a, b);
      break;
  }
}

/** Results without a date of their own count from the end (else start) of the project behind them. */
function datesFromProjects(s: Snapshot): void {
  for (const kind of ['Result', 'Document'] as const) {
    for (const k of s.of(kind)) {
      const n = s.node(k);
      if (n.date !== undefined) continue;
      for (const p of s.producers.get(k) ?? []) {
        const pn = s.node(p);
        if (pn.kind !== 'Project') continue;
        const d = pn.closesAt ?? pn.date;
        if (d !== undefined && (n.date === undefined || d < n.date)) n.date = d;
      }
    }
  }
}

/**
 * Keeps one snapshot per store and reloads it when the store's revision moved (one cheap read
 * per request). A small graph reloads at once, so an answer always reflects the last write.
 * When a load took longer than `syncReloadMs` (the 100,000-person graph takes tens of seconds),
 * a changed revision starts a reload in the background and requests keep the previous
 * snapshot until it is ready: a vote must not stall every dashboard for a minute. Concurrent
 * callers share one load.
 */
export class Snapshots {
  #current: Snapshot | undefined;
  #loading: Promise<Snapshot> | undefined;
  #lastLoadMs = 0;
  /** Derived results per snapshot (facts, network metrics, collaboration index), dropped with it. */
  readonly #derived = new Map<string, unknown>();

  constructor(
    private readonly store: GraphStore,
    private readonly syncReloadMs = 2_000,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  #load(): Promise<Snapshot> {
    if (this.#loading === undefined) {
      const started = performance.now();
      this.#loading = loadSnapshot(this.store)
        .then((s) => {
          this.#lastLoadMs = performance.now() - started;
          if (this.#current !== s) this.#derived.clear();
          this.#current = s;
          return s;
        })
        .finally(() => {
          this.#loading = undefined;
        });
    }
    return this.#loading;
  }

  async get(): Promise<Snapshot> {
    const revision = await this.store.revision();
    const current = this.#current;
    if (current?.revision === revision) return current;
    if (current !== undefined && this.#lastLoadMs > this.syncReloadMs) {
      if (this.#loading === undefined) {
        this.log(
          `analytics: the graph changed; reloading the snapshot in the background (last load ${Math.round(this.#lastLoadMs)} ms)`,
        );
        this.#load().catch((e: unknown) => this.log(`analytics: snapshot reload failed: ${(e as Error).message}`));
      }
      return current;
    }
    return this.#load();
  }

  /** A value computed once per snapshot and key (e.g. network metrics for one viewer class). */
  derived<T>(s: Snapshot, key: string, compute: () => T): T {
    const k = `${s.revision}\u0000${key}`;
    if (!this.#derived.has(k)) {
      if (this.#derived.size > 256) this.#derived.clear();
      this.#derived.set(k, compute());
    }
    return this.#derived.get(k) as T;
  }

  /** Drops the snapshot of a small graph (the next request reloads); a large one reloads in the background. */
  invalidate(): void {
    if (this.#current !== undefined && this.#lastLoadMs > this.syncReloadMs) {
      if (this.#loading === undefined) this.#load().catch(() => undefined);
      return;
    }
    this.#current = undefined;
    this.#derived.clear();
  }
}

/** Cache key of a viewer's visibility class (same mask, same derived analyses). */
export const viewerClass = (v: Viewer): string => `${v.clearance}|${[...v.orgs].sort().join(',')}`;
