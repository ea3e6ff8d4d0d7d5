/**
 * The embedded backend: one SQLite file (better-sqlite3, WAL) holding nodes and edges.
 * better-sqlite3 is synchronous; the async interface lets the engine treat both backends
 * alike, and a write queue keeps one batch's validation and write together.
 */
import Database from 'better-sqlite3';
import { GraphError } from '../errors.js';
import {
  AUTO_PRUNE_EVERY_MS,
  type ChangePage,
  type ChangeRecord,
  DEFAULT_RETENTION,
  decodeRecords,
  encodeRecords,
  type FeedRetention,
  MAX_CHANGE_PAGE,
  type PendingChange,
  pruneBefore,
  pruneThrough,
  redactRecords,
} from '../feed.js';
import {
  type GraphNode,
  type GraphRel,
  NODE_KINDS,
  type NodeKind,
  REL_TYPES,
  type RelType,
  relKey,
  VISIBILITIES,
} from '../model.js';
import { checkCount, checkLimit, checkStarts, checkWhere, decodeCursor, encodeCursor } from '../query.js';
import type {
  Batch,
  Capabilities,
  CountQuery,
  CountRow,
  ExpandOptions,
  FeedInfo,
  FeedMarks,
  GraphStore,
  ListQuery,
  Page,
  Path,
  PathOptions,
  RedactReport,
  RelQuery,
  Subgraph,
  UpsertResult,
} from '../store.js';
import {
  checkPreconditions,
  newUpsertResult,
  ownProps,
  type Precondition,
  type PreparedBatch,
  prepareBatch,
  relProps,
  tally,
} from '../validate.js';
import { canSee, VISIBILITY_RANK, type Viewer } from '../viewer.js';
import { type Edge, Projection } from './projection.js';
import { migrate } from './schema.js';
import {
  bucketSql,
  decodeNode,
  decodeRel,
  NODE_COLUMNS,
  type NodeRow,
  viewerParams,
  visible,
  whereSql,
} from './sql.js';

export interface EmbeddedOptions {
  /** The database file; created with its folder's permissions when missing. */
  readonly path: string;
  /** SQLite page cache in MiB (default 256). */
  readonly cacheMiB?: number;
  /**
   * Benchmarks only (test/bench/feed.ts measures the feed's cost): `false` writes no change
   * records and takes no seqs, so read models cannot follow. Default true.
   */
  readonly feed?: boolean;
  /** Retention of the change feed (graph/feed.ts DEFAULT_RETENTION). */
  readonly retention?: FeedRetention;
}

const VIS_NAME = (rank: number) => VISIBILITIES[rank] ?? 'restricted';

/** Bound on the id cache (about 100 bytes an entry). */
const ID_CACHE_MAX = 3_000_000;

/** Bound on the decoded-node cache used by walks. */
const DECODED_CACHE_MAX = 500_000;

/** Ids per `IN (json_each(?))` lookup; keeps each statement's JSON argument small. */
const LOOKUP_CHUNK = 20_000;

const nodeRecord = (
  op: 'upsert' | 'delete',
  id: string,
  kind: NodeKind,
  vis: number,
  owner: string | null,
): PendingChange => ({
  entity: 'node',
  op,
  id,
  kind,
  visibility: VIS_NAME(vis),
  ...(owner === null ? {} : { owner }),
});

function checkSeq(seq: number): number {
  if (!Number.isSafeInteger(seq) || seq < 0) {
    throw new GraphError('ERR_INVALID_QUERY', `afterSeq must be a whole number ≥ 0, got ${String(seq)}`);
  }
  return seq;
}

export class EmbeddedGraphStore implements GraphStore {
  readonly backend = 'embedded';
  readonly capabilities: Capabilities = {
    transactions: true,
    nativeVectorSearch: false,
    nativeFullText: false,
    sharedReadModels: false,
    maxBatchSize: 200_000,
  };

  readonly #options: EmbeddedOptions;
  #db: Database.Database | undefined;
  #projection: Projection | undefined;
  #writes: Promise<unknown> = Promise.resolve();
  /** The feed's epoch (read once at init: it is fixed for the life of the file). */
  #epoch = '';
  #lastPrune = 0;
  #ids = new Map<string, { nid: number; kind: NodeKind }>();
  #decoded = new Map<number, GraphNode>();
  #decodedVersion = -1;
  #idsVersion = -1;
  #statements = new Map<string, Database.Statement>();

  constructor(options: EmbeddedOptions) {
    this.#options = options;
  }

  get #conn(): Database.Database {
    if (this.#db === undefined) {
      throw new GraphError('ERR_STORE_UNAVAILABLE', `embedded store ${this.#options.path} is not open (call init)`);
    }
    return this.#db;
  }

  /** Prepared statements cached by their SQL text (the set of shapes is small and fixed). */
  #stmt(sql: string): Database.Statement {
    let s = this.#statements.get(sql);
    if (s === undefined) {
      s = this.#conn.prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  async init(): Promise<void> {
    if (this.#db !== undefined) return;
    let db: Database.Database;
    try {
      db = new Database(this.#options.path);
    } catch (e) {
      throw new GraphError('ERR_STORE_UNAVAILABLE', `cannot open ${this.#options.path}: ${(e as Error).message}`, [], {
        cause: e,
      });
    }
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode loses at most the last transactions on power loss, never consistency.
    db.pragma('synchronous = NORMAL');
    // The edge table's foreign keys are declared but not enforced: every write already checks
    // both ends (prepareBatch, inside the write queue), and enforcement cost 40% of each
    // edge insert. deleteNodes removes a node's edges itself.
    db.pragma('foreign_keys = OFF');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${(this.#options.cacheMiB ?? 256) * 1024}`);
    db.pragma('temp_store = MEMORY');
    // Erasure (redactChanges, deleteNodes): deleted rows are overwritten with zeros, not left in
    // free pages where a scan of the file would still find a person's name.
    db.pragma('secure_delete = ON');
    migrate(db);
    this.#db = db;
    this.#projection = new Projection(db);
    this.#epoch = String(this.#meta('epoch'));
    this.#lastPrune = Date.now();
  }

  #meta(key: 'epoch' | 'head' | 'pruned' | 'redacted'): string | number {
    return (this.#stmt('SELECT value FROM feed_meta WHERE key = ?').get(key) as { value: string | number }).value;
  }

  /** Runs writes one after another: validation reads the store, so two batches must not interleave. */
  #queue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#writes.then(work, work);
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /** Appends a write's records to the feed (inside its transaction); nothing when there are none. */
  #append(records: readonly PendingChange[]): void {
    if (records.length === 0 || this.#options.feed === false) return;
    const last = (
      this.#stmt("UPDATE feed_meta SET value = value + ? WHERE key = 'head' RETURNING value").get(records.length) as {
        value: number;
      }
    ).value;
    this.#stmt('INSERT INTO feed (first_seq, last_seq, at, records) VALUES (?, ?, ?, ?)').run(
      last - records.length + 1,
      last,
      new Date().toISOString(),
      encodeRecords(records),
    );
  }

  /** After a committed write: prunes the feed when the last pruning is a minute old. */
  #maybePrune(): void {
    if (Date.now() - this.#lastPrune < AUTO_PRUNE_EVERY_MS) return;
    this.#lastPrune = Date.now();
    try {
      this.#prune(this.#options.retention ?? DEFAULT_RETENTION);
    } catch {
      // Another process holds the write lock for long: pruning waits for the next write.
    }
  }

  #prune(retention: FeedRetention): number {
    const db = this.#conn;
    return db
      .transaction(() => {
        const head = Number(this.#meta('head'));
        const pruned = Number(this.#meta('pruned'));
        const old = this.#stmt('SELECT MAX(last_seq) AS s FROM feed WHERE at < ?').get(pruneBefore(retention)) as {
          s: number | null;
        };
        const cut = Math.max(pruneThrough(head, retention), old.s ?? 0);
        // Whole segments only, oldest first, so the kept records are always one unbroken run.
        const through = (
          this.#stmt('SELECT MAX(last_seq) AS s FROM feed WHERE last_seq <= ?').get(cut) as { s: number | null }
        ).s;
        if (through === null || through <= pruned) return 0;
        const gone = (
          this.#stmt('SELECT COALESCE(SUM(last_seq - first_seq + 1), 0) AS n FROM feed WHERE last_seq <= ?').get(
            through,
          ) as { n: number }
        ).n;
        this.#stmt('DELETE FROM feed WHERE last_seq <= ?').run(through);
        this.#stmt("UPDATE feed_meta SET value = ? WHERE key = 'pruned'").run(through);
        return gone;
      })
      .immediate();
  }

  /**
   * Internal key and kind of stored ids. Hits come from a cache of ids this connection has
   * seen, dropped whenever SQLite's data_version says another connection committed: a load
   * refers to the same people and organisations in batch after batch.
   */
  #lookup(ids: readonly string[]): Map<string, { nid: number; kind: NodeKind }> {
    const version = this.#conn.pragma('data_version', { simple: true }) as number;
    if (version !== this.#idsVersion || this.#ids.size > ID_CACHE_MAX) {
      this.#ids.clear();
      this.#idsVersion = version;
    }
    const out = new Map<string, { nid: number; kind: NodeKind }>();
    const misses: string[] = [];
    for (const id of ids) {
      const hit = this.#ids.get(id);
      if (hit === undefined) misses.push(id);
      else out.set(id, hit);
    }
    const stmt = this.#stmt('SELECT id, nid, kind FROM nodes WHERE id IN (SELECT value FROM json_each(?))');
    for (let i = 0; i < misses.length; i += LOOKUP_CHUNK) {
      const rows = stmt.all(JSON.stringify(misses.slice(i, i + LOOKUP_CHUNK))) as {
        id: string;
        nid: number;
        kind: NodeKind;
      }[];
      for (const r of rows) {
        const v = { nid: r.nid, kind: r.kind };
        out.set(r.id, v);
        this.#ids.set(r.id, v);
      }
    }
    return out;
  }

  /**
   * Validation reads the store before the write transaction (prepareBatch is async, and a SQLite
   * transaction must not span an await: another connection of this process would block the thread
   * waiting for it). The write runs in BEGIN IMMEDIATE, which serialises it with every other
   * process on the file, and first re-reads the ids validation saw: when another process created,
   * deleted or re-kinded one of them in between, nothing is written and the batch is validated again.
   */
  upsert(batch: Batch): Promise<UpsertResult> {
    return this.#queue(async () => {
      for (let attempt = 1; ; attempt++) {
        let asked: readonly string[] = [];
        let known = new Map<string, { nid: number; kind: NodeKind }>();
        const prepared = await prepareBatch(batch, async (ids) => {
          asked = ids;
          known = this.#lookup(ids);
          return new Map([...known].map(([id, v]) => [id, v.kind]));
        });
        const out = this.#write(prepared, asked, known, batch.expect);
        if (out !== undefined) {
          this.#maybePrune();
          return out;
        }
        if (attempt >= 10) {
          throw new GraphError('ERR_STORE_UNAVAILABLE', 'other writers kept changing the nodes this batch refers to');
        }
      }
    });
  }

  /** The write of a validated batch; undefined (nothing written) when the store moved since validation. */
  #write(
    prepared: PreparedBatch,
    asked: readonly string[],
    known: ReadonlyMap<string, { nid: number; kind: NodeKind }>,
    expect?: readonly Precondition[],
  ): UpsertResult | undefined {
    const db = this.#conn;
    const insertNode = this.#stmt(
      'INSERT INTO nodes (id, kind, vis, owner, date, props) VALUES (?, ?, ?, ?, ?, ?) RETURNING nid',
    );
    const updateNode = this.#stmt(
      `UPDATE nodes SET vis = ?, owner = ?, date = ?, props = ?
       WHERE nid = ? AND (vis IS NOT ? OR owner IS NOT ? OR date IS NOT ? OR props IS NOT ?)`,
    );
    // New edges (the common case in a load) cost one statement; existing ones a second.
    const insertEdge = this.#stmt('INSERT OR IGNORE INTO edges (src, type, dst, props) VALUES (?, ?, ?, ?)');
    const updateEdge = this.#stmt(
      'UPDATE edges SET props = ? WHERE src = ? AND type = ? AND dst = ? AND props IS NOT ?',
    );

    const result = newUpsertResult();
    // Applied to the id cache and the traversal projection only after the commit succeeded.
    const created: [string, number, NodeKind][] = [];
    const touched: [number, string, number, string | null, string][] = [];
    const linked: [number, string, number, string, boolean][] = [];
    const records: PendingChange[] = [];
    const current = db
      .transaction(() => {
        const now = this.#lookup(asked);
        if (now.size !== known.size) return false;
        for (const [id, v] of known) {
          const w = now.get(id);
          if (w?.nid !== v.nid || w.kind !== v.kind) return false;
        }
        if (expect !== undefined && expect.length > 0) {
          // Read inside BEGIN IMMEDIATE: no other writer, in any process, runs until this commits.
          const rows = this.#stmt(
            `SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id IN (SELECT value FROM json_each(?))`,
          ).all(JSON.stringify([...new Set(expect.map((p) => p.id))])) as NodeRow[];
          checkPreconditions(expect, new Map(rows.map((r) => [r.id, decodeNode(r)])));
        }
        const nids = new Map<string, number>();
        for (const [id, v] of known) nids.set(id, v.nid);
        for (const n of prepared.nodes) {
          const vis = VISIBILITY_RANK[n.visibility];
          const owner = n.owner ?? null;
          const date = n.date ?? null;
          const props = JSON.stringify(ownProps(n));
          const nid = nids.get(n.id);
          if (nid === undefined) {
            const row = insertNode.get(n.id, n.kind, vis, owner, date, props) as { nid: number };
            nids.set(n.id, row.nid);
            created.push([n.id, row.nid, n.kind]);
            touched.push([row.nid, n.kind, vis, owner, n.id]);
            records.push(nodeRecord('upsert', n.id, n.kind, vis, owner));
            tally(result, 'node', n.kind, 'created');
          } else if (updateNode.run(vis, owner, date, props, nid, vis, owner, date, props).changes > 0) {
            touched.push([nid, n.kind, vis, owner, n.id]);
            records.push(nodeRecord('upsert', n.id, n.kind, vis, owner));
            tally(result, 'node', n.kind, 'updated');
          } else {
            tally(result, 'node', n.kind, 'unchanged');
          }
        }
        for (const r of prepared.relationships) {
          const src = nids.get(r.from);
          const dst = nids.get(r.to);
          if (src === undefined || dst === undefined) {
            // prepareBatch saw both ends and the re-read above found them unchanged.
            throw new GraphError('ERR_DANGLING_RELATIONSHIP', `relationship ${r.type} ${r.from}->${r.to} lost an end`);
          }
          const props = JSON.stringify(relProps(r));
          if (insertEdge.run(src, r.type, dst, props).changes > 0) {
            linked.push([src, r.type, dst, props, true]);
            records.push({ entity: 'rel', op: 'upsert', type: r.type, from: r.from, to: r.to });
            tally(result, 'rel', r.type, 'created');
          } else if (updateEdge.run(props, src, r.type, dst, props).changes > 0) {
            linked.push([src, r.type, dst, props, false]);
            records.push({ entity: 'rel', op: 'upsert', type: r.type, from: r.from, to: r.to });
            tally(result, 'rel', r.type, 'updated');
          } else {
            tally(result, 'rel', r.type, 'unchanged');
          }
        }
        this.#append(records);
        return true;
      })
      .immediate();
    if (!current) return undefined;
    for (const [id, nid, kind] of created) this.#ids.set(id, { nid, kind });
    for (const [nid] of touched) this.#decoded.delete(nid);
    const proj = this.#projection;
    if (proj?.built) {
      for (const [nid, kind, vis, owner, id] of touched) proj.setNode(nid, kind, vis, owner, id);
      for (const [src, type, dst, props, isNew] of linked) {
        if (isNew) proj.addEdge(src, type, dst, props);
        else proj.setEdgeProps(src, type, dst, props);
      }
    }
    return result;
  }

  async getNode(id: string, viewer: Viewer): Promise<GraphNode | undefined> {
    const row = this.#stmt(`SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id = @id AND ${visible('n')}`).get({
      id,
      ...viewerParams(viewer),
    }) as NodeRow | undefined;
    return row === undefined ? undefined : decodeNode(row);
  }

  async getNodes(ids: readonly string[], viewer: Viewer): Promise<GraphNode[]> {
    const byId = new Map<string, GraphNode>();
    const stmt = this.#stmt(
      `SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.id IN (SELECT value FROM json_each(@ids)) AND ${visible('n')}`,
    );
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const rows = stmt.all({
        ids: JSON.stringify(ids.slice(i, i + LOOKUP_CHUNK)),
        ...viewerParams(viewer),
      }) as NodeRow[];
      for (const r of rows) byId.set(r.id, decodeNode(r));
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Nodes by internal key that the viewer may see (the walk filtered already; SQL checks again). */
  #nodesByNid(nids: readonly number[], viewer: Viewer): Map<number, GraphNode> {
    // Decoded nodes are cached for walks, which return the same hubs' neighbours again and
    // again; the cache follows the id cache's rule (dropped when another connection commits)
    // and this process's writes evict what they touch. Hits pass the same visibility rule.
    const version = this.#conn.pragma('data_version', { simple: true }) as number;
    if (version !== this.#decodedVersion || this.#decoded.size > DECODED_CACHE_MAX) {
      this.#decoded.clear();
      this.#decodedVersion = version;
    }
    const out = new Map<number, GraphNode>();
    const misses: number[] = [];
    for (const nid of nids) {
      const hit = this.#decoded.get(nid);
      if (hit === undefined) misses.push(nid);
      else if (canSee(viewer, hit)) out.set(nid, hit);
    }
    const stmt = this.#stmt(
      `SELECT ${NODE_COLUMNS} FROM nodes n WHERE n.nid IN (SELECT value FROM json_each(@nids)) AND ${visible('n')}`,
    );
    for (let i = 0; i < misses.length; i += LOOKUP_CHUNK) {
      for (const r of stmt.all({
        nids: JSON.stringify(misses.slice(i, i + LOOKUP_CHUNK)),
        ...viewerParams(viewer),
      }) as NodeRow[]) {
        const node = decodeNode(r);
        this.#decoded.set(r.nid, node);
        out.set(r.nid, node);
      }
    }
    return out;
  }

  deleteNodes(ids: readonly string[]): Promise<{ nodes: number; relationships: number }> {
    return this.#queue(async () => {
      const db = this.#conn;
      const edgesOf = this.#stmt(
        `SELECT s.id AS a, e.type AS type, d.id AS b FROM edges e
           JOIN nodes s ON s.nid = e.src JOIN nodes d ON d.nid = e.dst
         WHERE e.src IN (SELECT value FROM json_each(@nids)) OR e.dst IN (SELECT value FROM json_each(@nids))`,
      );
      const nodesOf = this.#stmt(
        'SELECT id, kind, vis, owner FROM nodes WHERE nid IN (SELECT value FROM json_each(?)) ORDER BY id',
      );
      const del = this.#stmt('DELETE FROM nodes WHERE nid IN (SELECT value FROM json_each(?))');
      const delEdges = this.#stmt(
        `DELETE FROM edges WHERE src IN (SELECT value FROM json_each(@nids))
           OR dst IN (SELECT value FROM json_each(@nids))`,
      );
      let nids: number[] = [];
      const out = db
        .transaction(() => {
          nids = [...this.#lookup(ids).values()].map((v) => v.nid);
          if (nids.length === 0) return { nodes: 0, relationships: 0 };
          const json = JSON.stringify(nids);
          const edges = edgesOf.all({ nids: json }) as { a: string; type: RelType; b: string }[];
          const gone = nodesOf.all(json) as { id: string; kind: NodeKind; vis: number; owner: string | null }[];
          delEdges.run({ nids: json });
          const nodes = del.run(json).changes;
          this.#append([
            ...edges.map((e): PendingChange => ({ entity: 'rel', op: 'delete', type: e.type, from: e.a, to: e.b })),
            ...gone.map((n) => nodeRecord('delete', n.id, n.kind, n.vis, n.owner)),
          ]);
          return { nodes, relationships: edges.length };
        })
        .immediate();
      this.#maybePrune();
      for (const nid of nids) {
        this.#projection?.removeNode(nid);
        this.#decoded.delete(nid);
      }
      for (const id of ids) this.#ids.delete(id);
      return out;
    });
  }

  deleteRelationships(keys: readonly Pick<GraphRel, 'type' | 'from' | 'to'>[]): Promise<number> {
    return this.#queue(async () => {
      const del = this.#stmt(
        `DELETE FROM edges WHERE type = ? AND src = (SELECT nid FROM nodes WHERE id = ?)
           AND dst = (SELECT nid FROM nodes WHERE id = ?)`,
      );
      const n = this.#conn
        .transaction(() => {
          const records: PendingChange[] = [];
          for (const k of new Map(keys.map((k) => [relKey(k), k])).values()) {
            if (del.run(k.type, k.from, k.to).changes > 0)
              records.push({ entity: 'rel', op: 'delete', type: k.type, from: k.from, to: k.to });
          }
          this.#append(records);
          return records;
        })
        .immediate();
      this.#maybePrune();
      const proj = this.#projection;
      if (proj?.built && n.length > 0) {
        const nids = this.#lookup(n.flatMap((r) => (r.entity === 'rel' ? [r.from, r.to] : [])));
        for (const r of n) {
          if (r.entity !== 'rel') continue;
          const a = nids.get(r.from)?.nid;
          const b = nids.get(r.to)?.nid;
          if (a !== undefined && b !== undefined) proj.removeEdge(a, r.type, b);
        }
      }
      return n.length;
    });
  }

  #startNid(id: string, viewer: Viewer): number | undefined {
    const row = this.#stmt(`SELECT n.nid FROM nodes n WHERE n.id = @id AND ${visible('n')}`).get({
      id,
      ...viewerParams(viewer),
    }) as { nid: number } | undefined;
    return row?.nid;
  }

  #rels(edges: readonly Edge[], nodes: ReadonlyMap<number, GraphNode>): GraphRel[] {
    return edges.flatMap((e) => {
      const a = nodes.get(e.src);
      const b = nodes.get(e.dst);
      return a === undefined || b === undefined ? [] : [decodeRel(e.type, a.id, b.id, e.props)];
    });
  }

  async neighbourhood(id: string, options: ExpandOptions, viewer: Viewer): Promise<Subgraph> {
    const hops = checkLimit(options.hops, 1, 4, 'hops');
    const limit = checkLimit(options.limit, 1_000, 50_000);
    const start = this.#startNid(id, viewer);
    const proj = this.#projection;
    if (start === undefined || proj === undefined) return { nodes: [], relationships: [] };
    const walk = proj.expand(start, hops, options.direction ?? 'both', limit, {
      viewer,
      relTypes: options.relTypes,
      kinds: options.kinds,
    });
    const nodes = this.#nodesByNid([...walk.depth.keys()], viewer);
    const out = [...walk.depth]
      .flatMap(([nid, d]) => {
        const n = nodes.get(nid);
        return n === undefined ? [] : [{ ...n, depth: d }];
      })
      .sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { nodes: out, relationships: this.#rels(walk.edges, nodes) };
  }

  /** In-process, a call per start costs no round trip: the batch is the loop. */
  async neighbourhoodsOf(ids: readonly string[], options: ExpandOptions, viewer: Viewer): Promise<Subgraph[]> {
    checkStarts(ids, options.hops);
    const out: Subgraph[] = [];
    for (const id of ids) out.push(await this.neighbourhood(id, { ...options, hops: 1 }, viewer));
    return out;
  }

  async shortestPaths(from: string, to: string, options: PathOptions, viewer: Viewer): Promise<Path[]> {
    const maxHops = checkLimit(options.maxHops, 4, 8, 'maxHops');
    const limit = checkLimit(options.limit, 1, 100);
    const s = this.#startNid(from, viewer);
    const t = this.#startNid(to, viewer);
    const proj = this.#projection;
    if (s === undefined || t === undefined || proj === undefined) return [];
    const raw = proj.paths(s, t, maxHops, limit, { viewer, relTypes: options.relTypes });
    const nodes = this.#nodesByNid([...new Set(raw.flatMap((p) => p.nodes))], viewer);
    return raw.flatMap((p) => {
      const ns = p.nodes.map((nid) => nodes.get(nid));
      // A node hidden between the walk and the fetch (a concurrent write) drops its path.
      if (ns.some((n) => n === undefined)) return [];
      // Copies: the cached objects must not reach a caller that might change them.
      return [{ nodes: (ns as GraphNode[]).map((n) => ({ ...n })), relationships: this.#rels(p.edges, nodes) }];
    });
  }

  async list(query: ListQuery, viewer: Viewer): Promise<Page<GraphNode>> {
    if (!(NODE_KINDS as readonly string[]).includes(query.kind)) {
      throw new GraphError('ERR_INVALID_QUERY', `unknown node kind "${query.kind}"`);
    }
    const limit = checkLimit(query.limit, 100, 10_000);
    const after = decodeCursor(query.cursor, 1)?.[0];
    const args: unknown[] = [];
    const where = whereSql(checkWhere(query.kind, query.where), args);
    const rows = this.#stmt(
      `SELECT ${NODE_COLUMNS} FROM nodes n
       WHERE n.kind = ? AND n.id > ? AND ${visible('n')} AND ${where}
       ORDER BY n.id LIMIT ?`,
    ).all(viewerParams(viewer), query.kind, String(after ?? ''), ...args, limit + 1) as NodeRow[];
    const items = rows.slice(0, limit).map(decodeNode);
    const last = items[items.length - 1];
    return rows.length > limit && last !== undefined ? { items, next: encodeCursor([last.id]) } : { items };
  }

  async relationships(query: RelQuery, viewer: Viewer): Promise<Page<GraphRel>> {
    if (!(REL_TYPES as readonly string[]).includes(query.type)) {
      throw new GraphError('ERR_INVALID_QUERY', `unknown relationship type "${query.type}"`);
    }
    const limit = checkLimit(query.limit, 1_000, 50_000);
    const after = decodeCursor(query.cursor, 2);
    // Each condition is written only when it applies: an `@a IS NULL OR s.id >= @a` disjunction
    // stops SQLite from seeking to the cursor, and every page would scan the id index from the start.
    const conditions = [
      query.from === undefined ? undefined : 's.id IN (SELECT value FROM json_each(@from))',
      query.to === undefined ? undefined : 'd.id IN (SELECT value FROM json_each(@to))',
      after === undefined ? undefined : 's.id >= @a AND (s.id > @a OR d.id > @b)',
    ].filter((c) => c !== undefined);
    // CROSS JOIN fixes SQLite's join order. With only `to` given, walk in from the named targets
    // (edges_dst index): starting from the sources scanned every node and its edges of the type,
    // ~2 s a call at 100,000 people (a challenge's votes, for who-solved's related challenges).
    const join =
      query.to !== undefined && query.from === undefined
        ? 'nodes d CROSS JOIN edges e ON e.dst = d.nid AND e.type = @type CROSS JOIN nodes s ON s.nid = e.src'
        : 'nodes s CROSS JOIN edges e ON e.src = s.nid AND e.type = @type CROSS JOIN nodes d ON d.nid = e.dst';
    const rows = this.#stmt(
      `SELECT s.id AS a, d.id AS b, e.props AS props
       FROM ${join}
       WHERE ${visible('s')} AND ${visible('d')}${conditions.map((c) => ` AND ${c}`).join('')}
       ORDER BY s.id, d.id LIMIT @limit`,
    ).all({
      type: query.type,
      ...(query.from === undefined ? {} : { from: JSON.stringify(query.from) }),
      ...(query.to === undefined ? {} : { to: JSON.stringify(query.to) }),
      ...(after === undefined ? {} : { a: after[0], b: after[1] }),
      limit: limit + 1,
      ...viewerParams(viewer),
    }) as { a: string; b: string; props: string }[];
    const items = rows.slice(0, limit).map((r) => decodeRel(query.type, r.a, r.b, r.props));
    const last = items[items.length - 1];
    return rows.length > limit && last !== undefined ? { items, next: encodeCursor([last.from, last.to]) } : { items };
  }

  async count(query: CountQuery, viewer: Viewer): Promise<CountRow[]> {
    if (!(NODE_KINDS as readonly string[]).includes(query.kind)) {
      throw new GraphError('ERR_INVALID_QUERY', `unknown node kind "${query.kind}"`);
    }
    const { group, bucketField } = checkCount(query);
    const dateExpr =
      bucketField === undefined
        ? undefined
        : bucketField.column
          ? `n.${bucketField.field}`
          : `json_extract(n.props, '$.${bucketField.field}')`;
    const bucket =
      dateExpr === undefined || query.bucket === undefined ? 'NULL' : bucketSql(dateExpr, query.bucket.unit);
    const whereArgs: unknown[] = [];
    const where = `n.kind = '${query.kind}' AND ${visible('n')} AND ${whereSql(checkWhere(query.kind, query.where), whereArgs)}`;
    let sql: string;
    let args: unknown[];
    if (group === undefined || ('field' in group && group.shape !== 'string[]')) {
      const key =
        group === undefined
          ? 'NULL'
          : group.column
            ? `n.${group.field === 'visibility' ? 'vis' : group.field}`
            : `json_extract(n.props, '$.${group.field}')`;
      sql = `SELECT ${key} AS key, ${bucket} AS bucket, COUNT(*) AS count FROM nodes n WHERE ${where} GROUP BY 1, 2`;
      args = whereArgs;
    } else {
      // One row per (node, value) for list fields and relationships, plus the nodes that
      // have no (visible) value under a null key. CROSS JOIN pins SQLite's join order:
      // from the node to its own values, through the edge primary key or the dst index.
      let each: string;
      let none: string;
      const eachArgs: unknown[] = [];
      if ('field' in group) {
        each = `CROSS JOIN json_each(n.props, '$.${group.field}') g`;
        none = `IFNULL(json_array_length(n.props, '$.${group.field}'), 0) = 0`;
      } else {
        const [near, far] = group.direction === 'out' ? ['src', 'dst'] : ['dst', 'src'];
        const reach = `edges e CROSS JOIN nodes m ON m.nid = e.${far} AND ${visible('m')}
          ${group.kind === undefined ? '' : `AND m.kind = '${group.kind}'`}`;
        each = `CROSS JOIN ${reach} AND e.${near} = n.nid AND e.type = '${group.rel}'`;
        none = `NOT EXISTS (SELECT 1 FROM ${reach} WHERE e.${near} = n.nid AND e.type = '${group.rel}')`;
      }
      const key = 'field' in group ? 'g.value' : 'm.id';
      sql = `SELECT ${key} AS key, ${bucket} AS bucket, COUNT(*) AS count FROM nodes n ${each} WHERE ${where} GROUP BY 1, 2
        UNION ALL
        SELECT NULL, ${bucket}, COUNT(*) FROM nodes n WHERE ${where} AND ${none} GROUP BY 2 HAVING COUNT(*) > 0`;
      args = [...eachArgs, ...whereArgs, ...whereArgs];
    }
    const rows = (
      this.#stmt(`SELECT key, bucket, count FROM (${sql}) ORDER BY bucket, key`).all(viewerParams(viewer), ...args) as {
        key: string | number | null;
        bucket: string | null;
        count: number;
      }[]
    ).filter((r) => r.count > 0);
    const isVis = group !== undefined && 'field' in group && group.field === 'visibility';
    const isBool = group !== undefined && 'field' in group && group.shape === 'boolean';
    return rows.map((r) => {
      let k: string | number | boolean | null = r.key;
      if (isVis && typeof k === 'number') k = (['public', 'network', 'restricted'] as const)[k] ?? null;
      if (isBool && typeof k === 'number') k = k === 1;
      return query.bucket === undefined ? { key: k, count: r.count } : { key: k, bucket: r.bucket, count: r.count };
    });
  }

  async revision(): Promise<string> {
    return `${this.#epoch}:${await this.headSeq()}`;
  }

  async headSeq(): Promise<number> {
    return Number(this.#meta('head'));
  }

  async feedMarks(): Promise<FeedMarks> {
    return this.#conn.transaction(() => ({
      head: Number(this.#meta('head')),
      redacted: Number(this.#meta('redacted')),
    }))();
  }

  async feedInfo(): Promise<FeedInfo> {
    return this.#conn.transaction(() => {
      const head = Number(this.#meta('head'));
      const pruned = Number(this.#meta('pruned'));
      const kept = this.#stmt('SELECT COALESCE(SUM(last_seq - first_seq + 1), 0) AS n FROM feed').get() as {
        n: number;
      };
      return {
        epoch: this.#epoch,
        head,
        oldest: pruned + 1,
        records: kept.n,
        redacted: Number(this.#meta('redacted')),
      };
    })();
  }

  async changes(afterSeq: number, limit = 10_000): Promise<ChangePage> {
    const after = checkSeq(afterSeq);
    const max = checkLimit(limit, 10_000, MAX_CHANGE_PAGE);
    // One read transaction: head, pruned mark and records from the same moment.
    return this.#conn.transaction(() => {
      const head = Number(this.#meta('head'));
      const pruned = Number(this.#meta('pruned'));
      const redacted = Number(this.#meta('redacted'));
      if (after < pruned || after > head || after < redacted) {
        return { changes: [], head, epoch: this.#epoch, gap: true, redacted };
      }
      const out: ChangeRecord[] = [];
      const rows = this.#stmt(
        `SELECT first_seq, last_seq, at, records FROM feed
         WHERE first_seq > COALESCE((SELECT MAX(first_seq) FROM feed WHERE first_seq <= @after), 0) - 1
           AND last_seq > @after
         ORDER BY first_seq`,
      ).iterate({ after }) as IterableIterator<{ first_seq: number; last_seq: number; at: string; records: string }>;
      for (const r of rows) {
        for (const c of decodeRecords(r.records, r.first_seq, r.at)) {
          if (c.seq <= after) continue;
          out.push(c);
          if (out.length >= max) break;
        }
        if (out.length >= max) break;
      }
      return { changes: out, head, epoch: this.#epoch, gap: false, redacted };
    })();
  }

  async redactChanges(ids: readonly string[]): Promise<RedactReport> {
    const wanted = new Set(ids);
    const report = await this.#queue(async () =>
      this.#conn
        .transaction((): RedactReport => {
          let records = 0;
          let segments = 0;
          let mark = Number(this.#meta('redacted'));
          const rewrite = this.#stmt('UPDATE feed SET records = ? WHERE first_seq = ?');
          const seen = new Set<number>();
          for (const id of wanted) {
            // instr() finds candidates (also ids that merely contain this one); the decode decides.
            const rows = this.#stmt('SELECT first_seq, last_seq, records FROM feed WHERE instr(records, ?) > 0').all(
              id,
            ) as { first_seq: number; last_seq: number; records: string }[];
            for (const r of rows) {
              if (seen.has(r.first_seq)) continue;
              seen.add(r.first_seq);
              const kept = redactRecords(r.records, wanted);
              if (kept === undefined) continue;
              const before = r.records.split('\n').length;
              records += before - (kept === '' ? 0 : kept.split('\n').length);
              segments++;
              rewrite.run(kept, r.first_seq);
              mark = Math.max(mark, r.last_seq);
            }
          }
          this.#stmt("UPDATE feed_meta SET value = ? WHERE key = 'redacted'").run(mark);
          return { records, segments, redacted: mark };
        })
        .immediate(),
    );
    this.compact();
    return report;
  }

  /**
   * Checkpoints the WAL into the database file and truncates it, so that old page images (a
   * deleted person's row, a feed segment before redaction) leave the WAL. Readers in other
   * processes may hold it back for a moment: busy_timeout waits for them; a checkpoint that still
   * cannot finish is reported as false (the next one finishes it).
   */
  compact(): boolean {
    const r = this.#conn.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return r[0]?.busy === 0;
  }

  async pruneChanges(retention: FeedRetention = this.#options.retention ?? DEFAULT_RETENTION): Promise<number> {
    return this.#queue(async () => this.#prune(retention));
  }

  async stats(viewer: Viewer): Promise<{ nodes: Record<NodeKind, number>; relationships: Record<RelType, number> }> {
    const p = viewerParams(viewer);
    const nodes = Object.fromEntries(NODE_KINDS.map((k) => [k, 0])) as Record<NodeKind, number>;
    const relationships = Object.fromEntries(REL_TYPES.map((t) => [t, 0])) as Record<RelType, number>;
    for (const r of this.#stmt(
      `SELECT n.kind AS k, COUNT(*) AS c FROM nodes n WHERE ${visible('n')} GROUP BY n.kind`,
    ).all(p) as { k: NodeKind; c: number }[]) {
      nodes[r.k] = r.c;
    }
    const relSql =
      p.clear >= 2
        ? 'SELECT e.type AS t, COUNT(*) AS c FROM edges e GROUP BY e.type'
        : `SELECT e.type AS t, COUNT(*) AS c FROM edges e JOIN nodes s ON s.nid = e.src JOIN nodes d ON d.nid = e.dst
           WHERE ${visible('s')} AND ${visible('d')} GROUP BY e.type`;
    for (const r of this.#stmt(relSql).all(p.clear >= 2 ? {} : p) as { t: RelType; c: number }[]) {
      relationships[r.t] = r.c;
    }
    return { nodes, relationships };
  }

  async close(): Promise<void> {
    await this.#writes;
    this.#statements.clear();
    this.#db?.close();
    this.#db = undefined;
    this.#projection = undefined;
  }
}
