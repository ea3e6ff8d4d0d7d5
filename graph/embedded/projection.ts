/**
 * An in-memory adjacency projection of the edge table, for traversals. SQL joins per hop
 * cost tens of milliseconds on hub nodes at 1M edges; walking arrays costs microseconds.
 *
 * The projection holds only what a walk needs: per node its visibility rank, owner and
 * kind; per edge its far end, type and an interned copy of its properties. The viewer's
 * filter is applied at every step of a walk, so a hidden node is never entered.
 *
 * Freshness: this process's own writes are applied to it after they commit; a commit by
 * another connection changes SQLite's `data_version`, and before the next walk the projection
 * applies the change feed's records since the seq it reflects (graph/feed.ts; each record's
 * current state is read back, so applying one again changes nothing). It is rebuilt from the
 * tables only when the feed no longer reaches back or the delta is a large part of the graph.
 */
import type Database from 'better-sqlite3';
import { decodeRecords } from '../feed.js';
import { NODE_KINDS, type NodeKind, REL_TYPES, type RelType } from '../model.js';
import type { Direction } from '../store.js';
import { type Viewer, type VisibilityGate, visibilityGate } from '../viewer.js';

const TYPE_INDEX = new Map<string, number>(REL_TYPES.map((t, i) => [t, i]));
const KIND_INDEX = new Map<string, number>(NODE_KINDS.map((k, i) => [k, i]));
/** Type and props are packed in one number: props index * TYPE_SLOTS + type index. */
const TYPE_SLOTS = 32;

/** One relationship as a walk saw it: stored direction, type, props. */
export interface Edge {
  readonly src: number;
  readonly dst: number;
  readonly type: RelType;
  readonly props: string;
}

export interface WalkFilter {
  readonly viewer: Viewer;
  readonly relTypes?: readonly RelType[] | undefined;
  readonly kinds?: readonly NodeKind[] | undefined;
}

/** The walk's view of the filter: precomputed sets and the visibility test. */
class Gate {
  readonly types: Set<number> | undefined;
  readonly kinds: Set<number> | undefined;
  readonly sees: VisibilityGate;
  constructor(f: WalkFilter) {
    this.types = f.relTypes === undefined ? undefined : new Set(f.relTypes.map((t) => TYPE_INDEX.get(t) ?? -1));
    this.kinds = f.kinds === undefined ? undefined : new Set(f.kinds.map((k) => KIND_INDEX.get(k) ?? -1));
    this.sees = visibilityGate(f.viewer);
  }
}

export class Projection {
  readonly #db: Database.Database;
  #version = -1;
  #built = false;
  /** Indexed by nid; -1 marks no node. */
  #vis: number[] = [];
  #kind: number[] = [];
  #owner: (string | undefined)[] = [];
  /** Indexed by nid: flat [far nid, packed meta, far nid, packed meta, …]. */
  #out: (number[] | undefined)[] = [];
  #in: (number[] | undefined)[] = [];
  #props: string[] = [];
  #propsIndex = new Map<string, number>();
  /** Node ids by nid and back: feed records name nodes by id, and a deleted one is gone from the table. */
  #idOf: (string | undefined)[] = [];
  #nidOf = new Map<string, number>();
  /** The change-feed seq whose commits (of every connection) the projection reflects. */
  #seq = 0;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  #dataVersion(): number {
    return this.#db.pragma('data_version', { simple: true }) as number;
  }

  /** Builds on first use, rebuilds after another connection wrote. */
  #fresh(): void {
    const v = this.#dataVersion();
    if (this.#built && v === this.#version) return;
    if (this.#built && this.#follow()) {
      this.#version = v;
      return;
    }
    this.#vis = [];
    this.#kind = [];
    this.#owner = [];
    this.#out = [];
    this.#in = [];
    this.#props = [];
    this.#propsIndex = new Map();
    this.#idOf = [];
    this.#nidOf = new Map();
    // One read transaction: the head and the tables from the same moment.
    this.#db.transaction(() => {
      this.#seq = Number(
        (this.#db.prepare("SELECT value FROM feed_meta WHERE key = 'head'").get() as { value: number }).value,
      );
      for (const [nid, id, kind, vis, owner] of this.#db
        .prepare('SELECT nid, id, kind, vis, owner FROM nodes')
        .raw()
        .iterate() as IterableIterator<[number, string, string, number, string | null]>) {
        this.#setNode(nid, kind, vis, owner, id);
      }
      for (const [src, type, dst, props] of this.#db
        .prepare('SELECT src, type, dst, props FROM edges')
        .raw()
        .iterate() as IterableIterator<[number, string, number, string]>) {
        this.#link(src, type, dst, props);
      }
    })();
    this.#version = v;
    this.#built = true;
  }

  /**
   * Applies the feed's records after `#seq` (other connections' commits, and this process's own,
   * which are already applied and change nothing). False when the feed does not reach back that
   * far or the delta is large: the caller rebuilds.
   */
  #follow(): boolean {
    const db = this.#db;
    return db.transaction(() => {
      const meta = (key: string) =>
        Number((db.prepare('SELECT value FROM feed_meta WHERE key = ?').get(key) as { value: number }).value);
      const head = meta('head');
      if (meta('pruned') > this.#seq || head < this.#seq) return false;
      if (head - this.#seq > Math.max(10_000, this.#nidOf.size / 10)) return false;
      const rows = db
        .prepare(
          `SELECT first_seq, at, records FROM feed
           WHERE first_seq > COALESCE((SELECT MAX(first_seq) FROM feed WHERE first_seq <= ?), 0) - 1 AND last_seq > ?
           ORDER BY first_seq`,
        )
        .all(this.#seq, this.#seq) as { first_seq: number; at: string; records: string }[];
      const node = db.prepare('SELECT nid, kind, vis, owner FROM nodes WHERE id = ?');
      const edge = db.prepare(
        `SELECT e.src AS src, e.dst AS dst, e.props AS props FROM nodes s JOIN edges e ON e.src = s.nid AND e.type = ?
         JOIN nodes d ON d.nid = e.dst WHERE s.id = ? AND d.id = ?`,
      );
      for (const r of rows) {
        for (const c of decodeRecords(r.records, r.first_seq, r.at)) {
          if (c.seq <= this.#seq) continue;
          if (c.entity === 'node') {
            if (c.op === 'delete') {
              const nid = this.#nidOf.get(c.id);
              if (nid !== undefined) this.removeNode(nid);
              continue;
            }
            const n = node.get(c.id) as { nid: number; kind: string; vis: number; owner: string | null } | undefined;
            if (n !== undefined) this.#setNode(n.nid, n.kind, n.vis, n.owner, c.id);
          } else if (c.op === 'delete') {
            const a = this.#nidOf.get(c.from);
            const b = this.#nidOf.get(c.to);
            if (a !== undefined && b !== undefined) this.removeEdge(a, c.type, b);
          } else {
            const e = edge.get(c.type, c.from, c.to) as { src: number; dst: number; props: string } | undefined;
            if (e !== undefined) this.setEdgeProps(e.src, c.type, e.dst, e.props);
          }
        }
      }
      this.#seq = head;
      return true;
    })();
  }

  /** Forget everything; the next walk rebuilds. Used when a write's effect is not tracked here. */
  invalidate(): void {
    this.#built = false;
  }

  get built(): boolean {
    return this.#built;
  }

  /** Called after this process's own commits (the projection stays current without a rebuild). */
  setNode(nid: number, kind: string, vis: number, owner: string | null, id: string): void {
    if (!this.#built) return;
    this.#setNode(nid, kind, vis, owner, id);
  }

  #setNode(nid: number, kind: string, vis: number, owner: string | null, id: string): void {
    this.#idOf[nid] = id;
    this.#nidOf.set(id, nid);
    this.#kind[nid] = KIND_INDEX.get(kind) ?? -1;
    this.#vis[nid] = vis;
    this.#owner[nid] = owner ?? undefined;
  }

  addEdge(src: number, type: string, dst: number, props: string): void {
    if (this.#built) this.#link(src, type, dst, props);
  }

  setEdgeProps(src: number, type: string, dst: number, props: string): void {
    if (!this.#built) return;
    this.removeEdge(src, type, dst);
    this.#link(src, type, dst, props);
  }

  #link(src: number, type: string, dst: number, props: string): void {
    let p = this.#propsIndex.get(props);
    if (p === undefined) {
      p = this.#props.length;
      this.#props.push(props);
      this.#propsIndex.set(props, p);
    }
    const meta = p * TYPE_SLOTS + (TYPE_INDEX.get(type) ?? 0);
    let o = this.#out[src];
    if (o === undefined) this.#out[src] = o = [];
    o.push(dst, meta);
    let i = this.#in[dst];
    if (i === undefined) this.#in[dst] = i = [];
    i.push(src, meta);
  }

  removeEdge(src: number, type: string, dst: number): void {
    if (!this.#built) return;
    const t = TYPE_INDEX.get(type) ?? -1;
    const drop = (list: number[] | undefined, far: number) => {
      if (list === undefined) return;
      for (let k = 0; k < list.length; k += 2) {
        if (list[k] === far && (list[k + 1] ?? 0) % TYPE_SLOTS === t) {
          list.splice(k, 2);
          return;
        }
      }
    };
    drop(this.#out[src], dst);
    drop(this.#in[dst], src);
  }

  removeNode(nid: number): void {
    if (!this.#built) return;
    for (const [mine, theirs] of [
      [this.#out, this.#in],
      [this.#in, this.#out],
    ] as const) {
      const list = mine[nid] ?? [];
      for (let k = 0; k < list.length; k += 2) {
        const far = theirs[list[k] ?? -1];
        if (far === undefined) continue;
        for (let j = far.length - 2; j >= 0; j -= 2) if (far[j] === nid) far.splice(j, 2);
      }
      mine[nid] = undefined;
    }
    this.#vis[nid] = -1;
    const id = this.#idOf[nid];
    if (id !== undefined && this.#nidOf.get(id) === nid) this.#nidOf.delete(id);
    this.#idOf[nid] = undefined;
  }

  /** The viewer's rule, on the projection's copy of the node. */
  #visible(g: Gate, nid: number): boolean {
    const v = this.#vis[nid];
    return v !== undefined && v >= 0 && g.sees(v, this.#owner[nid]);
  }

  /** Calls `visit(far, edge)` for each visible neighbour of `nid`; stops when it returns false. */
  #each(g: Gate, nid: number, direction: Direction, visit: (far: number, edge: Edge) => boolean): boolean {
    const sides: [number[] | undefined, boolean][] =
      direction === 'out'
        ? [[this.#out[nid], true]]
        : direction === 'in'
          ? [[this.#in[nid], false]]
          : [
              [this.#out[nid], true],
              [this.#in[nid], false],
            ];
    for (const [list, outward] of sides) {
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k += 2) {
        const far = list[k] as number;
        const meta = list[k + 1] as number;
        const t = meta % TYPE_SLOTS;
        if (g.types !== undefined && !g.types.has(t)) continue;
        if (g.kinds !== undefined && !g.kinds.has(this.#kind[far] ?? -1)) continue;
        if (!this.#visible(g, far)) continue;
        const edge: Edge = {
          src: outward ? nid : far,
          dst: outward ? far : nid,
          type: REL_TYPES[t] as RelType,
          props: this.#props[(meta - t) / TYPE_SLOTS] ?? '{}',
        };
        if (!visit(far, edge)) return false;
      }
    }
    return true;
  }

  /** Breadth-first from `start` (assumed visible), nearest first, at most `limit` nodes besides it. */
  expand(
    start: number,
    hops: number,
    direction: Direction,
    limit: number,
    filter: WalkFilter,
  ): { depth: Map<number, number>; edges: Edge[] } {
    this.#fresh();
    const g = new Gate(filter);
    const depth = new Map<number, number>([[start, 0]]);
    const edges = new Map<string, Edge>();
    let frontier = [start];
    let full = false;
    for (let d = 1; d <= hops && frontier.length > 0 && !full; d++) {
      const next: number[] = [];
      for (const nid of frontier) {
        const more = this.#each(g, nid, direction, (far, e) => {
          if (!depth.has(far)) {
            if (depth.size > limit) return false;
            depth.set(far, d);
            next.push(far);
          }
          edges.set(`${e.src} ${e.type} ${e.dst}`, e);
          return true;
        });
        if (!more) {
          full = true;
          break;
        }
      }
      frontier = next;
    }
    return { depth, edges: [...edges.values()] };
  }

  /**
   * All shortest paths (ignoring direction) between two visible nodes, up to `limit`, by a
   * bidirectional BFS that expands the smaller frontier and keeps every parent at minimal depth.
   */
  paths(
    s: number,
    t: number,
    maxHops: number,
    limit: number,
    filter: WalkFilter,
  ): { nodes: number[]; edges: Edge[] }[] {
    this.#fresh();
    if (s === t) return [{ nodes: [s], edges: [] }];
    const g = new Gate(filter);
    type Parent = { prev: number; edge: Edge };
    const dist = [new Map([[s, 0]]), new Map([[t, 0]])] as const;
    const parents = [new Map<number, Parent[]>(), new Map<number, Parent[]>()] as const;
    const frontiers: number[][] = [[s], [t]];
    const depth = [0, 0];
    let meet: number[] = [];
    while ((depth[0] ?? 0) + (depth[1] ?? 0) < maxHops) {
      const f0 = frontiers[0] ?? [];
      const f1 = frontiers[1] ?? [];
      if (f0.length === 0 || f1.length === 0) return [];
      const side = f0.length <= f1.length ? 0 : 1;
      const mine = dist[side];
      const par = parents[side];
      const d = (depth[side] ?? 0) + 1;
      const next: number[] = [];
      for (const nid of side === 0 ? f0 : f1) {
        this.#each(g, nid, 'both', (far, edge) => {
          const seen = mine.get(far);
          if (seen === undefined) {
            mine.set(far, d);
            par.set(far, [{ prev: nid, edge }]);
            next.push(far);
          } else if (seen === d) {
            par.get(far)?.push({ prev: nid, edge });
          }
          return true;
        });
      }
      depth[side] = d;
      frontiers[side] = next;
      const theirs = dist[side === 0 ? 1 : 0];
      meet = next.filter((n) => theirs.has(n));
      if (meet.length > 0) break;
    }
    const out: { nodes: number[]; edges: Edge[] }[] = [];
    // Half-paths from one end to a meeting node, in walking order from that end.
    const halves = (side: 0 | 1, to: number, budget: number): { nodes: number[]; edges: Edge[] }[] => {
      if (to === (side === 0 ? s : t)) return [{ nodes: [to], edges: [] }];
      const acc: { nodes: number[]; edges: Edge[] }[] = [];
      for (const p of parents[side].get(to) ?? []) {
        for (const h of halves(side, p.prev, budget - acc.length)) {
          acc.push({ nodes: [...h.nodes, to], edges: [...h.edges, p.edge] });
          if (acc.length >= budget) return acc;
        }
      }
      return acc;
    };
    for (const m of meet) {
      for (const a of halves(0, m, limit - out.length)) {
        for (const b of halves(1, m, limit - out.length)) {
          out.push({
            nodes: [...a.nodes, ...b.nodes.slice(0, -1).reverse()],
            edges: [...a.edges, ...b.edges.slice().reverse()],
          });
          if (out.length >= limit) return out;
        }
      }
    }
    return out;
  }
}
