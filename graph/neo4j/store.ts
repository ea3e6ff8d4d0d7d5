/**
 * The Neo4j backend. One driver per store (and one store per process); a session per call,
 * so that no call inherits a connection that died with a server restart: the driver's pool
 * drops broken connections and the next call reconnects by itself.
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
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
import { checkLimit, decodeCursor, encodeCursor } from '../query.js';
import type { FullTextSearch } from '../search.js';
import type { SharedReadModels } from '../shared.js';
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
import type { VectorSearch } from '../vectors.js';
import type { Viewer } from '../viewer.js';
import type { Neo4jConfig } from './config.js';
import { describeFailure, isIdCollision } from './failure.js';
import { neighbourhoodsOf } from './neighbourhoods.js';
import {
  checkKind,
  checkRelType,
  compareKeys,
  countCypher,
  invalid,
  matchVisible,
  type Params,
  relPageByIndex,
  relPageByScan,
  statsCypher,
  TOKENS_CYPHER,
  viewerParams,
  visible,
} from './query.js';
import { recordOf, toNode, toRel } from './records.js';
import {
  CHANGE_LABEL,
  ENSURE_META,
  INDEX_ONLINE_TIMEOUT_S,
  META_LABEL,
  SCHEMA_STATEMENTS,
  takeSeqs,
} from './schema.js';
import { FULLTEXT_STATEMENTS, Neo4jFullText } from './search.js';
import { Neo4jSharedReadModels } from './shared.js';
import { neighbourhood, shortestPaths } from './traverse.js';
import { DELETE_COMPANIONS, Neo4jVectors, VECTOR_SCHEMA_STATEMENTS } from './vectors.js';
import { chunks, groupBy, LOOKUP_CHUNK, WRITE_CHUNK, type WriteOptions, writeBatch } from './write.js';

type Props = Record<string, unknown>;

/**
 * Relationship pages of a type with more than this many relationships walk the start nodes in
 * id order (a page then costs about its size) instead of sorting every relationship of the type.
 */
const WALK_BY_INDEX_ABOVE = 10_000;

/** Feed segments read per round trip by `changes`. */
const SEGMENTS_PER_READ = 64;

export interface Neo4jStoreOptions {
  /** Benchmarks only: `false` writes no change records (read models cannot follow). Default true. */
  readonly feed?: boolean;
  /** Retention of the change feed (graph/feed.ts DEFAULT_RETENTION). */
  readonly retention?: FeedRetention;
}

/** How long a failing call is retried (the driver's transactions, and #read): an outage then surfaces within seconds. */
const MAX_RETRY_MS = 3_000;
/** First wait before a read is rerun, doubled each time (the driver's own back-off for transactions). */
const RETRY_DELAY_MS = 1_000;

export class Neo4jGraphStore implements GraphStore {
  readonly backend = 'neo4j';
  readonly capabilities: Capabilities = {
    transactions: true,
    nativeVectorSearch: true,
    nativeFullText: true,
    sharedReadModels: true,
    maxBatchSize: 100_000,
  };

  readonly #fullText = new Neo4jFullText((mode, work) => this.#run(mode, work));
  readonly fullText: FullTextSearch = this.#fullText;
  readonly shared: SharedReadModels = new Neo4jSharedReadModels((mode, work) => this.#run(mode, work));
  readonly #vectors = new Neo4jVectors((mode, work) => this.#run(mode, work));
  readonly vectors: VectorSearch = this.#vectors;
  readonly #config: Neo4jConfig;
  readonly #driver: Driver;
  readonly #feedOptions: Neo4jStoreOptions;
  #closed = false;
  #lastPrune = Date.now();

  constructor(config: Neo4jConfig, options: Neo4jStoreOptions = {}) {
    this.#config = config;
    this.#feedOptions = options;
    const auth = config.password === undefined ? undefined : neo4j.auth.basic(config.user, config.password);
    this.#driver = neo4j.driver(config.uri, auth, {
      disableLosslessIntegers: true,
      connectionTimeout: config.connectTimeoutMs,
      connectionAcquisitionTimeout: config.connectTimeoutMs * 2,
      // Retries of transient failures (a restarting server, a leader switch) stop after this;
      // an outage then surfaces as ERR_STORE_UNAVAILABLE within seconds.
      maxTransactionRetryTime: MAX_RETRY_MS,
      userAgent: 'ileanet',
    });
  }

  #assertOpen(): void {
    if (this.#closed) throw new GraphError('ERR_STORE_UNAVAILABLE', `Neo4j store for ${this.#config.uri} is closed`);
  }

  async #run<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.#assertOpen();
    if (mode === 'READ') return this.#read(work);
    const session = this.#driver.session({ database: this.#config.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work);
    } catch (e) {
      throw describeFailure(e, this.#config);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /**
   * A read's queries as auto-commit queries of one session, not inside an explicit transaction:
   * one message out per query instead of three (BEGIN, RUN and PULL, COMMIT). Neo4j reads at read
   * committed either way, so a read of several queries sees what it would have seen in one
   * transaction: each query what was committed when it ran. A trivial query took 0.47-1.0 ms of
   * this process's CPU this way against 0.91-1.8 ms, and a who-solved answer ran 24 read
   * transactions (docs/architecture.md). A failure the driver calls retryable (the server
   * restarting, a leader switch) reruns the whole read, with the driver's own back-off, within the
   * same MAX_RETRY_MS as the writes' retries.
   */
  async #read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const session = this.#driver.session({ database: this.#config.database, defaultAccessMode: neo4j.session.READ });
      let failure: unknown;
      try {
        // The work only calls `run`, which a session has with the same signature and results.
        return await work(session as unknown as ManagedTransaction);
      } catch (e) {
        failure = e;
      } finally {
        await session.close().catch(() => undefined);
      }
      const wait = RETRY_DELAY_MS * 2 ** attempt * (0.8 + 0.4 * Math.random());
      if (!neo4j.isRetryableError(failure) || Date.now() - started + wait > MAX_RETRY_MS)
        throw describeFailure(failure, this.#config);
      await new Promise((done) => setTimeout(done, wait));
    }
  }

  async init(): Promise<void> {
    for (const statement of [...SCHEMA_STATEMENTS, ...VECTOR_SCHEMA_STATEMENTS, ...FULLTEXT_STATEMENTS])
      await this.#run('WRITE', (tx) => tx.run(statement));
    await this.#run('READ', (tx) => tx.run('CALL db.awaitIndexes($s)', { s: neo4j.int(INDEX_ONLINE_TIMEOUT_S) }));
    await this.#run('WRITE', (tx) => tx.run(ENSURE_META));
  }

  /**
   * Appends a write's records to the feed, last thing in its transaction: takes the seqs (locking
   * the counter node until commit) and writes one segment node. Nothing when nothing changed.
   */
  async #append(tx: ManagedTransaction, records: readonly PendingChange[]): Promise<void> {
    if (records.length === 0 || this.#feedOptions.feed === false) return;
    const kinds = [...new Set(records.flatMap((r) => (r.entity === 'node' ? [r.kind] : [])))];
    const last = await takeSeqs(tx, records.length, kinds);
    await tx.run(`CREATE (:${CHANGE_LABEL} {first: $first, last: $last, at: $at, records: $records})`, {
      first: neo4j.int(last - records.length + 1),
      last: neo4j.int(last),
      at: new Date().toISOString(),
      records: encodeRecords(records),
    });
  }

  #maybePrune(): void {
    if (Date.now() - this.#lastPrune < AUTO_PRUNE_EVERY_MS || this.#closed) return;
    this.#lastPrune = Date.now();
    this.pruneChanges().catch(() => undefined);
  }

  async upsert(batch: Batch): Promise<UpsertResult> {
    const write = (options: WriteOptions): Promise<UpsertResult> =>
      this.#run('WRITE', async (tx) => {
        const { result, records } = await writeBatch(tx, batch, {
          ...options,
          terms: (node) => this.#fullText.writtenTerms(node),
        });
        await this.#append(tx, records);
        return result;
      });
    let out: UpsertResult;
    try {
      out = await write({});
    } catch (e) {
      // A concurrent writer created one of the batch's new ids between its lookup and commit:
      // nothing was written, and MERGE throughout makes this the update it would have been.
      if (!isIdCollision(e)) throw e;
      out = await write({ assumeAbsent: false });
    }
    this.#maybePrune();
    return out;
  }

  async getNode(id: string, viewer: Viewer): Promise<GraphNode | undefined> {
    return (await this.getNodes([id], viewer))[0];
  }

  async getNodes(ids: readonly string[], viewer: Viewer): Promise<GraphNode[]> {
    this.#assertOpen();
    if (ids.length === 0) return [];
    const found = await this.#run('READ', async (tx) => {
      const out = new Map<string, GraphNode>();
      for (const part of chunks([...new Set(ids)], LOOKUP_CHUNK)) {
        const res = await tx.run(
          `UNWIND $ids AS id MATCH (n:Node {id: id}) WHERE ${visible('n')} RETURN ${recordOf('n')} AS p`,
          { ids: part, ...viewerParams(viewer) },
        );
        for (const r of res.records) {
          const n = toNode(r.get('p') as Props);
          out.set(n.id, n);
        }
      }
      return out;
    });
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async deleteNodes(ids: readonly string[]): Promise<{ nodes: number; relationships: number }> {
    this.#assertOpen();
    const unique = [...new Set(ids)];
    if (unique.length === 0) return { nodes: 0, relationships: 0 };
    const out = await this.#run('WRITE', async (tx) => {
      const out = { nodes: 0, relationships: 0 };
      const rels = new Map<string, PendingChange>();
      const nodes: PendingChange[] = [];
      for (const part of chunks(unique, LOOKUP_CHUNK)) {
        // What goes is read first, for the feed: each node with its visibility, and every
        // relationship it cascades to (one between two deleted nodes is listed once).
        const res = await tx.run(
          `UNWIND $ids AS id MATCH (n:Node {id: id})
           OPTIONAL MATCH (n)-[r]-(:Node)
           WITH n, collect(CASE WHEN r IS NULL THEN null ELSE [type(r), startNode(r).id, endNode(r).id] END) AS rels
           WITH n, n.id AS id, n.kind AS kind, n.vis AS vis, n.owner AS owner, rels
           DETACH DELETE n
           RETURN id, kind, vis, owner, rels`,
          { ids: part },
        );
        // A node's vectors go with it (graph/neo4j/vectors.ts): erasure leaves none behind.
        await tx.run(DELETE_COMPANIONS, { ids: part });
        const c = res.summary.counters.updates();
        out.nodes += c.nodesDeleted;
        out.relationships += c.relationshipsDeleted;
        for (const r of res.records) {
          for (const [type, from, to] of r.get('rels') as [RelType, string, string][]) {
            rels.set(relKey({ type, from, to }), { entity: 'rel', op: 'delete', type, from, to });
          }
          const owner = r.get('owner') as string | null;
          nodes.push({
            entity: 'node',
            op: 'delete',
            id: r.get('id') as string,
            kind: r.get('kind') as NodeKind,
            visibility: VISIBILITIES[Number(r.get('vis'))] ?? 'restricted',
            ...(owner === null ? {} : { owner }),
          });
        }
      }
      await this.#append(tx, [...rels.values(), ...nodes]);
      return out;
    });
    this.#maybePrune();
    return out;
  }

  async deleteRelationships(keys: readonly Pick<GraphRel, 'type' | 'from' | 'to'>[]): Promise<number> {
    this.#assertOpen();
    const unique = new Map(keys.map((k) => [relKey(k), k]));
    // A type outside the model names no stored relationship: ignored like any unknown key.
    const byType = groupBy(
      [...unique.values()].filter((k) => (REL_TYPES as readonly string[]).includes(k.type)),
      (k) => k.type,
    );
    if (byType.size === 0) return 0;
    const deleted = await this.#run('WRITE', async (tx) => {
      const records: PendingChange[] = [];
      for (const [type, list] of byType) {
        for (const part of chunks(list, WRITE_CHUNK)) {
          const res = await tx.run(
            `UNWIND $rows AS row MATCH (:Node {id: row.from})-[r:${type}]->(:Node {id: row.to}) DELETE r
             RETURN row.from AS from, row.to AS to`,
            { rows: part.map((k) => ({ from: k.from, to: k.to })) },
          );
          for (const r of res.records) {
            records.push({
              entity: 'rel',
              op: 'delete',
              type,
              from: r.get('from') as string,
              to: r.get('to') as string,
            });
          }
        }
      }
      await this.#append(tx, records);
      return records.length;
    });
    this.#maybePrune();
    return deleted;
  }

  async neighbourhood(id: string, options: ExpandOptions, viewer: Viewer): Promise<Subgraph> {
    return this.#run('READ', (tx) => neighbourhood(tx, id, options, viewer));
  }

  async neighbourhoodsOf(ids: readonly string[], options: ExpandOptions, viewer: Viewer): Promise<Subgraph[]> {
    return this.#run('READ', (tx) => neighbourhoodsOf(tx, ids, options, viewer));
  }

  async shortestPaths(from: string, to: string, options: PathOptions, viewer: Viewer): Promise<Path[]> {
    return this.#run('READ', (tx) => shortestPaths(tx, from, to, options, viewer));
  }

  async list(query: ListQuery, viewer: Viewer): Promise<Page<GraphNode>> {
    const kind = checkKind(query.kind);
    const limit = checkLimit(query.limit, 100, 10_000);
    // Ids are never empty, so '' starts before the first.
    const after = String(decodeCursor(query.cursor, 1)?.[0] ?? '');
    const params: Params = { limit: neo4j.int(limit + 1) };
    const cypher = `${matchVisible(kind, query.where, viewer, params, after)}
      RETURN ${recordOf('n')} AS p ORDER BY n.id LIMIT $limit`;
    const rows = await this.#run('READ', (tx) => tx.run(cypher, params));
    const items = rows.records.slice(0, limit).map((r) => toNode(r.get('p') as Props));
    const last = items[items.length - 1];
    return rows.records.length > limit && last !== undefined ? { items, next: encodeCursor([last.id]) } : { items };
  }

  async relationships(query: RelQuery, viewer: Viewer): Promise<Page<GraphRel>> {
    const type = checkRelType(query.type);
    const limit = checkLimit(query.limit, 1_000, 50_000);
    const after = decodeCursor(query.cursor, 2);
    // Ids are never empty, so ('', '') starts before the first pair.
    const params: Params = {
      ...viewerParams(viewer),
      limit: neo4j.int(limit + 1),
      ca: String(after?.[0] ?? ''),
      cb: String(after?.[1] ?? ''),
    };
    const ends: string[] = [];
    for (const end of ['from', 'to'] as const) {
      const ids = query[end];
      if (ids === undefined) continue;
      if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string'))
        throw invalid(`${end} must be an array of ids`);
      params[end] = ids;
      ends.push(`${end === 'from' ? 'a' : 'b'}.id IN $${end}`);
    }
    const rows = await this.#run('READ', async (tx) => {
      const many =
        ends.length === 0 &&
        Number((await tx.run(`MATCH ()-[r:${type}]->() RETURN count(r) AS c`)).records[0]?.get('c') ?? 0) >
          WALK_BY_INDEX_ABOVE;
      return tx.run(many ? relPageByIndex(type) : relPageByScan(type, ends), params);
    });
    const items = rows.records
      .slice(0, limit)
      .map((r) => toRel(type, r.get('a') as string, r.get('b') as string, r.get('p') as Props));
    const last = items[items.length - 1];
    return rows.records.length > limit && last !== undefined
      ? { items, next: encodeCursor([last.from, last.to]) }
      : { items };
  }

  async count(query: CountQuery, viewer: Viewer): Promise<CountRow[]> {
    const { cypher, params } = countCypher(query, viewer);
    const res = await this.#run('READ', (tx) => tx.run(cypher, params));
    type Key = string | number | boolean | null;
    const rows = res.records.map((r) => ({
      key: r.get('key') as Key,
      bucket: r.get('bucket') as string | null,
      count: Number(r.get('count')),
    }));
    rows.sort((a, b) => compareKeys(a.bucket, b.bucket) || compareKeys(a.key, b.key));
    return rows.map((r) => (query.bucket === undefined ? { key: r.key, count: r.count } : r));
  }

  async #meta(tx: ManagedTransaction): Promise<{ epoch: string; head: number; pruned: number; redacted: number }> {
    const r = (
      await tx.run(
        `MATCH (m:${META_LABEL} {key: 'revision'})
         RETURN m.epoch AS epoch, m.rev AS rev, m.pruned AS pruned, m.redacted AS redacted`,
      )
    ).records[0];
    if (r === undefined) return { epoch: 'empty', head: 0, pruned: 0, redacted: 0 };
    return {
      epoch: String(r.get('epoch')),
      head: Number(r.get('rev') ?? 0),
      pruned: Number(r.get('pruned') ?? 0),
      redacted: Number(r.get('redacted') ?? 0),
    };
  }

  async revision(): Promise<string> {
    const m = await this.#run('READ', (tx) => this.#meta(tx));
    return `${m.epoch}:${m.head}`;
  }

  async headSeq(): Promise<number> {
    return (await this.#run('READ', (tx) => this.#meta(tx))).head;
  }

  async feedMarks(): Promise<FeedMarks> {
    const m = await this.#run('READ', (tx) => this.#meta(tx));
    return { head: m.head, redacted: m.redacted };
  }

  async feedInfo(): Promise<FeedInfo> {
    return this.#run('READ', async (tx) => {
      const m = await this.#meta(tx);
      const r = (await tx.run(`MATCH (c:${CHANGE_LABEL}) RETURN coalesce(sum(c.last - c.first + 1), 0) AS n`))
        .records[0];
      return {
        epoch: m.epoch,
        head: m.head,
        oldest: m.pruned + 1,
        records: Number(r?.get('n') ?? 0),
        redacted: m.redacted,
      };
    });
  }

  async changes(afterSeq: number, limit = 10_000): Promise<ChangePage> {
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) {
      throw new GraphError('ERR_INVALID_QUERY', `afterSeq must be a whole number ≥ 0, got ${String(afterSeq)}`);
    }
    const max = checkLimit(limit, 10_000, MAX_CHANGE_PAGE);
    return this.#run('READ', async (tx) => {
      const m = await this.#meta(tx);
      if (afterSeq < m.pruned || afterSeq > m.head || afterSeq < m.redacted) {
        return { changes: [], head: m.head, epoch: m.epoch, gap: true, redacted: m.redacted };
      }
      const out: ChangeRecord[] = [];
      // The segment holding afterSeq + 1 may start at or before afterSeq.
      const holding = (
        await tx.run(
          `MATCH (c:${CHANGE_LABEL}) WHERE c.first <= $after RETURN c.first AS first ORDER BY c.first DESC LIMIT 1`,
          { after: neo4j.int(afterSeq) },
        )
      ).records[0];
      let from = Number(holding?.get('first') ?? 0);
      let head = m.head;
      while (out.length < max) {
        const rows = await tx.run(
          `MATCH (c:${CHANGE_LABEL}) WHERE c.first >= $from AND c.last > $after
           RETURN c.first AS first, c.last AS last, c.at AS at, c.records AS records ORDER BY c.first LIMIT $n`,
          { from: neo4j.int(from), after: neo4j.int(afterSeq), n: neo4j.int(SEGMENTS_PER_READ) },
        );
        for (const r of rows.records) {
          for (const c of decodeRecords(r.get('records') as string, Number(r.get('first')), r.get('at') as string)) {
            if (c.seq <= afterSeq) continue;
            out.push(c);
            if (out.length >= max) break;
          }
          from = Number(r.get('last')) + 1;
          // A write committed after the head was read: its records count, and so does its seq.
          head = Math.max(head, Number(r.get('last')));
          if (out.length >= max) break;
        }
        if (rows.records.length < SEGMENTS_PER_READ) break;
      }
      return { changes: out, head, epoch: m.epoch, gap: false, redacted: m.redacted };
    });
  }

  /**
   * Rewrites the segments naming the ids in one transaction holding the counter node's lock (so
   * no write commits in between). What Neo4j keeps of the old values in its transaction logs and
   * store files until they rotate and are reused is Neo4j's (docs/privacy.md says what that means).
   */
  async redactChanges(ids: readonly string[]): Promise<RedactReport> {
    this.#assertOpen();
    const wanted = new Set(ids);
    return this.#run('WRITE', async (tx) => {
      await tx.run(`MATCH (m:${META_LABEL} {key: 'revision'}) SET m.redacted = coalesce(m.redacted, 0)`);
      const m = await this.#meta(tx);
      const rows = await tx.run(
        `MATCH (c:${CHANGE_LABEL}) WHERE any(id IN $ids WHERE c.records CONTAINS id)
         RETURN c.first AS first, c.last AS last, c.records AS records`,
        { ids: [...wanted] },
      );
      let records = 0;
      let segments = 0;
      let mark = m.redacted;
      for (const r of rows.records) {
        const payload = r.get('records') as string;
        const kept = redactRecords(payload, wanted);
        if (kept === undefined) continue;
        records += payload.split('\n').length - (kept === '' ? 0 : kept.split('\n').length);
        segments++;
        mark = Math.max(mark, Number(r.get('last')));
        await tx.run(`MATCH (c:${CHANGE_LABEL} {first: $first}) SET c.records = $kept`, {
          first: r.get('first'),
          kept,
        });
      }
      await tx.run(`MATCH (m:${META_LABEL} {key: 'revision'}) SET m.redacted = $mark`, { mark: neo4j.int(mark) });
      return { records, segments, redacted: mark };
    });
  }

  async pruneChanges(retention: FeedRetention = this.#feedOptions.retention ?? DEFAULT_RETENTION): Promise<number> {
    return this.#run('WRITE', async (tx) => {
      const m = await this.#meta(tx);
      const old = (
        await tx.run(`MATCH (c:${CHANGE_LABEL}) WHERE c.at < $before RETURN max(c.last) AS s`, {
          before: pruneBefore(retention),
        })
      ).records[0]?.get('s') as number | null | undefined;
      const cut = Math.max(pruneThrough(m.head, retention), Number(old ?? 0));
      const through = (
        await tx.run(`MATCH (c:${CHANGE_LABEL}) WHERE c.last <= $cut RETURN max(c.last) AS s`, {
          cut: neo4j.int(cut),
        })
      ).records[0]?.get('s') as number | null | undefined;
      if (through === null || through === undefined || Number(through) <= m.pruned) return 0;
      const res = await tx.run(
        `MATCH (c:${CHANGE_LABEL}) WHERE c.last <= $through
         WITH c, c.last - c.first + 1 AS n DELETE c RETURN coalesce(sum(n), 0) AS n`,
        { through: neo4j.int(Number(through)) },
      );
      await tx.run(`MATCH (m:${META_LABEL} {key: 'revision'}) SET m.pruned = $through`, {
        through: neo4j.int(Number(through)),
      });
      return Number(res.records[0]?.get('n') ?? 0);
    });
  }

  async stats(viewer: Viewer): Promise<{ nodes: Record<NodeKind, number>; relationships: Record<RelType, number> }> {
    const nodes = Object.fromEntries(NODE_KINDS.map((k) => [k, 0])) as Record<NodeKind, number>;
    const relationships = Object.fromEntries(REL_TYPES.map((t) => [t, 0])) as Record<RelType, number>;
    const params = viewerParams(viewer);
    await this.#run('READ', async (tx) => {
      const t = (await tx.run(TOKENS_CYPHER)).records[0];
      const plan = statsCypher(viewer, {
        labels: new Set((t?.get('labels') as string[] | undefined) ?? []),
        types: new Set((t?.get('types') as string[] | undefined) ?? []),
      });
      for (const [counts, queries] of [
        [nodes as Record<string, number>, plan.nodes],
        [relationships as Record<string, number>, plan.relationships],
      ] as const) {
        for (const r of (await tx.run(queries.count, params)).records)
          counts[r.get('k') as string] = Number(r.get('c'));
        if (queries.hidden === undefined) continue;
        for (const r of (await tx.run(queries.hidden, params)).records) {
          const k = r.get('k') as string;
          counts[k] = (counts[k] ?? 0) - Number(r.get('c'));
        }
      }
    });
    return { nodes, relationships };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#vectors.close();
    await this.#driver.close();
  }
}
