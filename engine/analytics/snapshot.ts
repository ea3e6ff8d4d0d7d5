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
 * Staleness: the snapshot remembers the change-feed position it reflects (graph/feed.ts) and
 * follows the feed: `Snapshots.get` reads the head (one cheap read) and applies the records since
 * in place (./snapshot-delta.ts) when that is cheaper than a reload, else reloads. It is persisted
 * with its position (./snapshot-file.ts), so a start loads it and applies only what changed since:
 * inside the store when it keeps read models for every process (`capabilities.sharedReadModels`,
 * graph/shared.ts: a new app server with an empty data folder starts from it), else in the data folder.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type {
  ChangeRecord,
  GraphNode,
  GraphStore,
  NodeKind,
  RelType,
  SharedReadModels,
  Visibility,
} from '../../graph/index.js';
import { canSee, SYSTEM, type Viewer, viewerClass } from '../../graph/index.js';
import type { FileLock, PersistReason } from '../feed/index.js';
import { catchUpModel, type FeedPosition, type ReadModel } from '../feed/index.js';
import { maturity } from '../match/index.js';
import { applySnapshotDelta, deltaIsCheap } from './snapshot-delta.js';
import { decodeSnapshot, encodeSnapshot, readSnapshotFile, writeSnapshotFile } from './snapshot-file.js';

const PAGE = 5_000;

/** Kinds the analyses read; people are kept for their visibility only (votes, raisers). */
export const KINDS = [
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
  'Comment',
  'SurveyAnswer',
] as const satisfies readonly NodeKind[];

export const RELS = [
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
  'WROTE',
  'ANSWERED',
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
  /** `country` came from a LOCATED_IN link, `date` from the producing project (not the node's own). */
  countryFromLink?: boolean;
  dateFromProject?: boolean;
  readonly closesAt?: string;
  /** Challenges: their keywords. */
  readonly keywords?: readonly string[];
  /** Challenges and polls: anonymous votes of erased people (graph/model.ts erasedVotes). */
  readonly erasedVotes?: readonly string[];
  /** Challenges: when the status last changed (ISO date-time). */
  readonly statusDate?: string;
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
  /** Votes on a challenge or poll (voter with value or option); the author of a comment or survey answer. */
  readonly votes = new Map<number, Link[]>();
  /** Organisations and INCs a person or organisation is a member of, and their members. */
  readonly memberOf = new Map<number, number[]>();
  readonly members = new Map<number, number[]>();
  /** Topics a person or organisation is expert in. */
  readonly expertIn = new Map<number, number[]>();
  /** Event a poll was held at. */
  readonly heldAt = new Map<number, number>();
  /** Country a node is LOCATED_IN. */
  readonly locatedIn = new Map<number, number>();

  readonly #masks = new Map<string, Uint8Array>();

  /** Moves with every change applied, so caches keyed by it (Snapshots.derived) never outlive one. */
  revision: string;

  constructor(
    public position: FeedPosition,
    readonly loadedAt: Date,
  ) {
    this.revision = `${position.epoch}:${position.seq}`;
  }

  /** After a change applied in place: masks and derived values are recomputed on next use. */
  changed(position: FeedPosition): void {
    this.position = position;
    this.revision = `${position.epoch}:${position.seq}`;
    this.#masks.clear();
  }

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
    const cacheKey = viewerClass(viewer);
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

export const push = <V>(m: Map<number, V[]>, k: number, v: V): void => {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
};

export function snapNode(n: GraphNode): SnapNode {
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
        keywords: n.keywords,
        ...(n.erasedVotes === undefined ? {} : { erasedVotes: n.erasedVotes }),
        ...(n.statusDate === undefined ? {} : { statusDate: n.statusDate }),
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
        ...(n.erasedVotes === undefined ? {} : { erasedVotes: n.erasedVotes }),
      };
    case 'Event':
      return { ...base, label: n.title, ...(n.country === undefined ? {} : { country: n.country }) };
    case 'StatusChange':
      return { ...base, label: `${n.from} → ${n.to}` };
    case 'Comment':
      return { ...base, label: n.on };
    case 'Survey':
      return {
        ...base,
        label: n.title,
        closesAt: n.closesAt,
        ...(n.audience === undefined ? {} : { country: n.audience }),
      };
    case 'SurveyAnswer':
      return { ...base, label: n.survey };
    case 'ContactRoute':
      // Not among KINDS (a contact route counts for nothing in analytics); here for exhaustiveness.
      return { ...base, label: n.route };
    // Personal records: not among KINDS, so never loaded; the label names nothing of their text.
    case 'Notice':
    case 'Subscription':
    case 'Introduction':
      return { ...base, label: n.id };
  }
}

/** Loads the projection from the store, as SYSTEM, page by page. */
export async function loadSnapshot(store: GraphStore): Promise<Snapshot> {
  // The head first: every write up to it is in the pages read after.
  const feed = await store.feedInfo();
  const s = new Snapshot({ epoch: feed.epoch, seq: feed.head }, new Date());
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

export function addRel(
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
    // Participation (cycle figures): who wrote a comment or gave a survey answer, kept as a voter is.
    case 'WROTE':
    case 'ANSWERED':
      push(s.votes, b, { to: a });
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
    case 'LOCATED_IN': {
      s.locatedIn.set(a, b);
      // A country given only by LOCATED_IN (organisations imported without a country field).
      if (from.country === undefined) {
        const c = s.node(b).country;
        if (c !== undefined) {
          from.country = c;
          from.countryFromLink = true;
        }
      }
      break;
    }
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
  for (const kind of ['Result', 'Document'] as const) for (const k of s.of(kind)) dateFromProject(s, k);
}

/** One result's or document's date from its producing projects, when it has none of its own. */
export function dateFromProject(s: Snapshot, k: number): void {
  const n = s.node(k);
  if (n.dateFromProject) {
    n.date = undefined;
    n.dateFromProject = false;
  }
  if (n.date !== undefined) return;
  for (const p of s.producers.get(k) ?? []) {
    const pn = s.nodes[p];
    if (pn?.kind !== 'Project') continue;
    const d = pn.closesAt ?? pn.date;
    if (d !== undefined && (n.date === undefined || d < n.date)) {
      n.date = d;
      n.dateFromProject = true;
    }
  }
}

export interface SnapshotsOptions {
  /** A full reload that took longer than this (ms) runs in the background next time (default 2 s). */
  readonly syncReloadMs?: number;
  readonly log?: (line: string) => void;
  /** Where the snapshot is persisted (`<dataDir>/analytics/`); without it nothing is written or read. */
  readonly dataDir?: string;
  /** Held by the one process that writes the persisted snapshot. */
  readonly lock?: FileLock;
  /**
   * Keep the saved copy inside the store (GraphStore.shared) instead of the data folder, written
   * by the holder of its lease there; `holder` names this process (default: host, pid and a random tag).
   */
  readonly shared?: SharedReadModels;
  readonly holder?: string;
  /** How long this process's lease on the shared copy lasts after each save (default 15 min). */
  readonly leaseMs?: number;
}

/** The name of the analytics snapshot among the store's shared read models. */
export const SHARED_NAME = 'analytics-snapshot';

/**
 * Keeps one snapshot per store, current with the change feed: each `get` reads the head (one
 * cheap read) and applies the records since in place when that is cheaper than a reload
 * (./snapshot-delta.ts), else reloads. A first `get` starts from the persisted snapshot when there
 * is one (warm start), else loads the store. When a full reload took longer than `syncReloadMs`
 * (the 100,000-person graph takes seconds), the next one runs in the background and requests keep
 * the previous snapshot until it is ready. Concurrent callers share one catch-up.
 */
export class Snapshots implements ReadModel {
  readonly name = 'analytics snapshot';
  #current: Snapshot | undefined;
  #sync: Promise<Snapshot> | undefined;
  #reloading: Promise<void> | undefined;
  #lastLoadMs = 0;
  #dirty = false;
  /** The last save asked for (`persist`): the next one, and `close`, wait for it. */
  #saving: Promise<void> = Promise.resolve();
  /** Derived results per snapshot (facts, network metrics, collaboration index), dropped with it. */
  readonly #derived = new Map<string, unknown>();
  readonly #syncReloadMs: number;
  readonly #log: (line: string) => void;

  constructor(
    private readonly store: GraphStore,
    options: SnapshotsOptions | number = {},
    log?: (line: string) => void,
  ) {
    const o: SnapshotsOptions =
      typeof options === 'number' ? { syncReloadMs: options, ...(log ? { log } : {}) } : options;
    this.#syncReloadMs = o.syncReloadMs ?? 2_000;
    this.#log = o.log ?? log ?? (() => undefined);
    this.#options = o;
    this.#holder = o.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  readonly #options: SnapshotsOptions;
  readonly #holder: string;
  #refusedUntil = 0;

  /** Not loaded yet: nothing to keep current (the first `get` loads it current). */
  idle(): boolean {
    return this.#current === undefined;
  }

  position(): FeedPosition {
    return this.#current?.position ?? { epoch: undefined, seq: 0 };
  }

  async #reload(why: string): Promise<Snapshot> {
    const started = performance.now();
    const s = await loadSnapshot(this.store);
    this.#lastLoadMs = performance.now() - started;
    if (why !== '') this.#log(`analytics: snapshot reloaded in ${Math.round(this.#lastLoadMs)} ms (${why})`);
    this.#derived.clear();
    this.#current = s;
    this.#dirty = true;
    return s;
  }

  /** ReadModel: records since the snapshot's position, applied in place (or a reload when cheaper). */
  async apply(changes: readonly ChangeRecord[], epoch: string): Promise<void> {
    const s = this.#current;
    const last = changes[changes.length - 1];
    if (s === undefined || last === undefined) return;
    if (!deltaIsCheap(s, changes.length)) {
      await this.#reloadOrBackground(`${changes.length} changes, more than a reload costs`);
      return;
    }
    await applySnapshotDelta(s, this.store, changes);
    s.changed({ epoch, seq: last.seq });
    this.#dirty = true;
  }

  async rebuild(_epoch: string, _head: number, why: string): Promise<void> {
    await this.#reloadOrBackground(why);
  }

  /** A reload; in the background when the last one was slow and there is a snapshot to serve meanwhile. */
  async #reloadOrBackground(why: string): Promise<void> {
    const current = this.#current;
    if (current === undefined || this.#lastLoadMs <= this.#syncReloadMs) {
      await this.#reload(why);
      return;
    }
    if (this.#reloading === undefined) {
      this.#log(
        `analytics: the graph changed (${why}); reloading the snapshot in the background (last load ${Math.round(this.#lastLoadMs)} ms)`,
      );
      this.#reloading = this.#reload('')
        .then(() => undefined)
        .catch((e: unknown) => this.#log(`analytics: snapshot reload failed: ${(e as Error).message}`))
        .finally(() => {
          this.#reloading = undefined;
        });
    }
    // Meanwhile the old snapshot is served, as of the head now (the reload covers at least that).
    const head = await this.store.headSeq();
    current.changed({ epoch: current.position.epoch, seq: Math.max(current.position.seq, head) });
  }

  /** The first snapshot: the persisted one brought current from the feed, else a load of the store. */
  async #first(): Promise<Snapshot> {
    const dir = this.#options.dataDir;
    const shared = this.#options.shared;
    if (dir !== undefined || shared !== undefined) {
      const started = performance.now();
      const read = shared !== undefined ? await this.#readShared(shared) : await readSnapshotFile(dir as string);
      if (read.snapshot !== undefined) {
        this.#current = read.snapshot;
        this.#lastLoadMs = 0;
        const r = await catchUpModel(this.store, this, this.#log);
        this.#log(
          `analytics: warm start from the saved snapshot${shared === undefined ? '' : ' in the store'} at seq ${read.snapshot.position.seq}, ${r.applied} change(s) applied${r.rebuilt ? ' (after a rebuild)' : ''} in ${Math.round(performance.now() - started)} ms`,
        );
        if (r.applied > 0) this.#dirty = true;
        return this.#current ?? read.snapshot;
      }
      if (read.problem !== undefined) this.#log(`analytics: ${read.problem}; loading from the store`);
    }
    const s = await this.#reload('');
    // A slow first load: save it for the next server at once (the lease holder only), not at the next persist.
    if (shared !== undefined && this.#lastLoadMs > this.#syncReloadMs) {
      this.persist().catch((e: unknown) => this.#log(`analytics: saving the snapshot failed: ${(e as Error).message}`));
    }
    return s;
  }

  async #readShared(shared: SharedReadModels): Promise<{ snapshot?: Snapshot; problem?: string }> {
    let copy: Awaited<ReturnType<SharedReadModels['load']>>;
    try {
      copy = await shared.load(SHARED_NAME);
    } catch (e) {
      return { problem: `the saved snapshot in the store (${SHARED_NAME}) is unreadable (${(e as Error).message})` };
    }
    if (copy === undefined) return {};
    return decodeSnapshot(copy.header, copy.body, `in the store (${SHARED_NAME})`);
  }

  /** The current snapshot, caught up with the feed. */
  get(): Promise<Snapshot> {
    this.#sync ??= (async () => {
      if (this.#current === undefined) await this.#first();
      const current = this.#current;
      if (current === undefined) throw new Error('analytics: no snapshot');
      const head = await this.store.headSeq();
      if (head !== current.position.seq) await catchUpModel(this.store, this, this.#log);
      return this.#current ?? current;
    })().finally(() => {
      this.#sync = undefined;
    });
    return this.#sync;
  }

  /** Follower hook: catching up is `get` (one catch-up at a time). */
  async sync(): Promise<void> {
    if (this.#current !== undefined) await this.get();
  }

  /** A value computed once per snapshot state and key (e.g. network metrics for one viewer class). */
  derived<T>(s: Snapshot, key: string, compute: () => T): T {
    const k = `${s.revision}\u0000${key}`;
    if (!this.#derived.has(k)) {
      if (this.#derived.size > 256) this.#derived.clear();
      this.#derived.set(k, compute());
    }
    return this.#derived.get(k) as T;
  }

  /** Kept for callers from before the feed: the next `get` catches up anyway. */
  invalidate(): void {}

  /**
   * Writes the snapshot with its position (when this process holds the lock and it changed). Saves
   * run one at a time, in call order: a save started in the background (after a slow first load)
   * is finished before the next one looks at what is dirty, and before `close` lets the lease go.
   */
  persist(reason?: PersistReason): Promise<void> {
    const run = this.#saving.then(() => this.#persistNow(reason));
    this.#saving = run.catch(() => undefined);
    return run;
  }

  async #persistNow(reason?: PersistReason): Promise<void> {
    const dir = this.#options.dataDir;
    const shared = this.#options.shared;
    if (reason === 'erasure' && this.#current !== undefined) {
      // A reload running in the background, and the old snapshot served meanwhile, may still hold the
      // erased person, and a save is refused while it runs: that left the copy in the store with the
      // person (the erasure suite on Neo4j, once, on a loaded machine). Wait for a state read past
      // the erasure, then save it whatever the last save was.
      for (let tries = 0; this.#reloading !== undefined && tries < 10; tries++) {
        await this.#reloading;
        await this.get();
      }
      this.#dirty = true;
    }
    const s = this.#current;
    if ((dir === undefined && shared === undefined) || s === undefined || !this.#dirty || this.#reloading !== undefined)
      return;
    if (shared !== undefined) {
      // Another server held the lease at the last try: no encoding (a second of CPU at 100,000 people) for nothing.
      if (reason !== 'erasure' && performance.now() < this.#refusedUntil) return;
      // Encoded before the await: a change applied meanwhile stays dirty for the next save.
      const copy = encodeSnapshot(s);
      this.#dirty = false;
      const outcome = await shared
        .save(SHARED_NAME, copy, {
          holder: this.#holder,
          leaseMs: this.#options.leaseMs ?? 15 * 60_000,
          // After an erasure no saved copy may keep the erased person: whoever sees it writes.
          force: reason === 'erasure',
        })
        .catch((e: unknown) => {
          this.#dirty = true;
          throw e;
        });
      if (outcome === 'saved') this.#log(`analytics: snapshot at seq ${s.position.seq} saved in the store`);
      else this.#refusedUntil = performance.now() + 60_000;
      return;
    }
    if (this.#options.lock !== undefined && !this.#options.lock.tryAcquire()) return;
    await writeSnapshotFile(dir as string, s);
    this.#dirty = false;
  }

  async close(): Promise<void> {
    await this.#reloading;
    await this.#saving;
    this.#options.lock?.release();
    // Another server may write at once; a store already closed (or down) lets the lease run out instead.
    await this.#options.shared?.release(SHARED_NAME, this.#holder).catch(() => undefined);
  }
}
