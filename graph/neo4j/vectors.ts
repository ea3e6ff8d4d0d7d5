/**
 * GraphStore.vectors on Neo4j (graph/vectors.ts): each node's vectors live on a companion node
 * `(:IleanetVec:IleanetVec<Kind> {id})` (one property per model, `v_<model>`, and the hash of the
 * text it came from, `h_<model>`), with one Neo4j vector index (cosine) per kind and model.
 *
 * Why a companion and not a property of the record node: every read of a record returns
 * `properties(n)` (lists, walks, the analytics snapshot), which would carry 384 or more floats per
 * node over the wire; and an update replaces the record's properties (`SET n = row`,
 * graph/neo4j/write.ts), which would drop the vector of a node whose text did not change. The
 * companion carries no `Node` label, so no read of the graph sees it; it is found by id (a
 * uniqueness constraint) and goes with its node (deleteNodes). A vector is stored as float32
 * (`db.create.setNodeVectorProperty`), what the model gives: a plain `SET` stores Cypher's 64-bit
 * floats, twice the bytes (671 MB of the 1.4 GB store at 100,000 people) for no precision.
 *
 * Visibility is applied inside each query, on the record node (`visible`, graph/neo4j/query.ts):
 * - `exact`: every vector of a node the viewer may see is scored (`vector.similarity.cosine`), the
 *   k best kept: exactly the kNN over what the viewer sees;
 * - `index`: the vector index is asked for more than k (k over the viewer's share of the kind's
 *   vectors, times 1.5, plus 10), the hidden ones dropped in the same query, and asked again four
 *   times wider while fewer than k pass and the index had more to give; past MAX_FETCH, exact.
 *   The index's scores (float32) only choose which candidates are scored again exactly: those
 *   within SCORE_SLACK of the k-th visible one. Hits and scores then agree with `exact` wherever
 *   the index found the same candidates.
 * `auto` takes exact below EXACT_BELOW visible vectors (as the in-process indexes do, vector/index-set.ts)
 * or when the first index round would have to fetch more than MAX_FETCH, else index. Its exact
 * search of a kind of at most WHOLE_INDEX_BELOW vectors asks the index for all of them (`#fromIndex`).
 * The trace tells the three apart: exact with no index round, exact from the whole index (one
 * round), index.
 */
import { createHash } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { NodeKind } from '../model.js';
import { checkLimit } from '../query.js';
import type {
  StoredVectorRow,
  VectorHit,
  VectorQuery,
  VectorSearch,
  VectorSearchTrace,
  VectorStrategy,
} from '../vectors.js';
import { type Viewer, viewerClass } from '../viewer.js';
import { checkKind, invalid, viewerParams, visible } from './query.js';
import { META_LABEL } from './schema.js';

type Run = <T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>) => Promise<T>;

/** Label of every companion node; never `Node`, so no read of the graph meets one. */
export const VEC_LABEL = 'IleanetVec';
const kindLabel = (kind: NodeKind) => `${VEC_LABEL}${kind}`;

/** Below this many visible vectors a search scores them all (as the in-process exact index does). */
export const EXACT_BELOW = 2_000;
/** Widest index query; a search needing more candidates scores every visible vector instead. */
export const MAX_FETCH = 10_000;
/**
 * Kinds of at most this many vectors answer `auto`'s exact searches from their whole vector index
 * (`#fromIndex` asked for every vector) rather than a scan in Cypher.
 */
export const WHOLE_INDEX_BELOW = 2 * EXACT_BELOW;
/**
 * How far below the k-th visible index score ((1 + cos) / 2, float32) a candidate is still scored
 * again exactly (#fromIndex): float32 rounding of a 384-dimension cosine stays under
 * 1e-5, so none left out can rank among the k.
 */
const SCORE_SLACK = 1e-4;
const WRITE_ROWS = 1_000;
/**
 * How long a share (#shares) is used before it is read again in the background. Each read walks
 * every companion of the kind (Person at 100,000 people: 800 ms); with 5 s, at 1,000,000 people the
 * seven kinds' reads walked 1.86 M companions every 5 s while questions came (side by side, one pass
 * each: hybrid who-solved p95 599 -> 461 ms, p50 unchanged). A share only sizes a fetch; a vector
 * write of the kind through this handle has it read again too, also in the background (#share).
 */
const SHARE_TTL_MS = 300_000;
/**
 * When a kind's vector index is refreshed (#settle), in ms after the last vector write of that kind
 * through this handle. Neo4j reopens a vector index's searcher only on a write to it, and Lucene
 * merges the small segments each write transaction leaves in the background, after the write that
 * started the merge: so after a bulk write the searcher kept every small segment until the next write
 * (Challenge, 49,000 vectors, 100,000 people: 23-30 ms a search, 10-12 ms once refreshed or after a
 * restart). Three refreshes, as merges end seconds to a minute after the last write.
 */
const SETTLE_MS = [2_000, 15_000, 60_000];

/** Model strings name files and hubs (`Xenova/all-MiniLM-L6-v2`): a safe, collision-free identifier. */
export function modelKey(model: string): string {
  const slug = model.replace(/[^A-Za-z0-9]+/gu, '_').slice(0, 40);
  return `${slug}_${createHash('sha256').update(model).digest('hex').slice(0, 8)}`;
}
const vectorProp = (model: string) => `v_${modelKey(model)}`;
const hashProp = (model: string) => `h_${modelKey(model)}`;
export const vectorIndexName = (kind: NodeKind, model: string): string =>
  `ileanet_vec_${kind.toLowerCase()}_${modelKey(model)}`;

/** The companion's uniqueness constraint; created with the schema (graph/neo4j/store.ts init). */
export const VECTOR_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT ileanet_vec_id IF NOT EXISTS FOR (v:${VEC_LABEL}) REQUIRE v.id IS UNIQUE`,
];

/** Deletes the companions of these ids in the caller's transaction (deleteNodes). */
export const DELETE_COMPANIONS = `UNWIND $ids AS id MATCH (v:${VEC_LABEL} {id: id}) DELETE v`;

/**
 * How many nearest to ask the vector index for first: k over the viewer's share of the kind's
 * vectors, half as many again, plus 10 (every vector, none being visible).
 */
const firstFetch = (k: number, share: { all: number; seen: number }): number =>
  share.seen === 0 ? Number.POSITIVE_INFINITY : Math.ceil((k * 1.5 * share.all) / share.seen) + 10;

const byScoreThenId = (a: VectorHit, b: VectorHit) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `vector.similarity.cosine` answers (1 + cos) / 2, as the index does: back to the cosine. */
const cosineOf = (s: number) => 2 * s - 1;

export class Neo4jVectors implements VectorSearch {
  /**
   * Per kind, model and audience: vectors in all and visible ones, read again in the background
   * every SHARE_TTL_MS and after a vector write of the kind through this handle. Only the choice of
   * strategy and the first fetch size depend on it, never which hits come back, so a stale figure
   * costs time, not answers.
   */
  readonly #shares = new Map<string, { rev: string; at: number; all: number; seen: number }>();
  /** Per kind and model: moves with every vector write of them through this handle, so their shares are read again. */
  readonly #written = new Map<string, number>();
  /** Pending index refreshes (#settle) by kind and model. */
  readonly #settling = new Map<string, NodeJS.Timeout[]>();

  constructor(private readonly run: Run) {}

  async prepare(model: string, dims: number, kinds: readonly NodeKind[]): Promise<void> {
    if (!Number.isInteger(dims) || dims < 1 || dims > 4_096)
      throw invalid(`vectors: ${dims} dimensions for ${model}; Neo4j takes 1 to 4,096`);
    for (const k of kinds) {
      const kind = checkKind(k);
      const name = vectorIndexName(kind, model);
      await this.run('WRITE', (tx) =>
        tx.run(
          `CREATE VECTOR INDEX ${name} IF NOT EXISTS FOR (v:${kindLabel(kind)}) ON (v.\`${vectorProp(model)}\`)
           OPTIONS {indexConfig: {\`vector.dimensions\`: $dims, \`vector.similarity_function\`: 'cosine',
                                  \`vector.quantization.enabled\`: false}}`,
          { dims: neo4j.int(dims) },
        ),
      );
      const res = await this.run('READ', (tx) =>
        tx.run('SHOW VECTOR INDEXES YIELD name, options WHERE name = $name RETURN options', { name }),
      );
      const options = res.records[0]?.get('options') as { indexConfig?: Record<string, unknown> } | undefined;
      const have = Number(options?.indexConfig?.['vector.dimensions']);
      if (have !== dims)
        throw invalid(`vectors: the index ${name} of ${model} has ${have} dimensions, the model ${dims}`);
    }
    await this.run('READ', (tx) => tx.run('CALL db.awaitIndexes($s)', { s: neo4j.int(300) }));
  }

  async put(kind: NodeKind, model: string, rows: readonly StoredVectorRow[]): Promise<void> {
    checkKind(kind);
    if (rows.length === 0) return;
    const dims = rows[0]?.vector.length ?? 0;
    const bad = rows.find((r) => r.vector.length !== dims || r.vector.some((x) => !Number.isFinite(x)));
    if (bad !== undefined)
      throw invalid(`vectors: the vector of ${bad.id} has ${bad.vector.length} dimensions or a non-finite value`);
    const payload = rows.map((r) => ({ id: r.id, hash: r.textHash, vector: Array.from(r.vector) }));
    await this.run('WRITE', async (tx) => {
      for (let i = 0; i < payload.length; i += WRITE_ROWS)
        await tx.run(
          `UNWIND $rows AS row
           MATCH (n:${kind} {id: row.id})
           MERGE (v:${VEC_LABEL} {id: row.id})
             ON CREATE SET v:${kindLabel(kind)}
           SET v.\`${hashProp(model)}\` = row.hash
           WITH v, row CALL db.create.setNodeVectorProperty(v, $prop, row.vector)`,
          { rows: payload.slice(i, i + WRITE_ROWS), prop: vectorProp(model) },
        );
    });
    this.#wrote(kind, model);
    this.#settle(kind, model);
  }

  async remove(kind: NodeKind, model: string, ids: readonly string[]): Promise<number> {
    checkKind(kind);
    if (ids.length === 0) return 0;
    const n = await this.run('WRITE', async (tx) => {
      const res = await tx.run(
        `UNWIND $ids AS id MATCH (v:${VEC_LABEL} {id: id}) WHERE v:${kindLabel(kind)} AND v.\`${vectorProp(model)}\` IS NOT NULL
         REMOVE v.\`${vectorProp(model)}\`, v.\`${hashProp(model)}\`
         WITH v, none(key IN keys(v) WHERE key STARTS WITH 'v_') AS empty
         FOREACH (_ IN CASE WHEN empty THEN [1] ELSE [] END | DELETE v)
         RETURN count(*) AS n`,
        { ids: [...new Set(ids)] },
      );
      return Number(res.records[0]?.get('n') ?? 0);
    });
    this.#wrote(kind, model);
    this.#settle(kind, model);
    return n;
  }

  #wrote(kind: NodeKind, model: string): void {
    const key = `${kind}\u0000${model}`;
    this.#written.set(key, (this.#written.get(key) ?? 0) + 1);
  }

  /** (Re)schedules the refreshes of the kind's index after this write (SETTLE_MS). */
  #settle(kind: NodeKind, model: string): void {
    const key = `${kind}\u0000${model}`;
    for (const t of this.#settling.get(key) ?? []) clearTimeout(t);
    this.#settling.set(
      key,
      SETTLE_MS.map((ms, i) =>
        setTimeout(() => {
          if (i === SETTLE_MS.length - 1) this.#settling.delete(key);
          // Best effort: a failed refresh costs search time until the next write, never answers.
          this.refreshIndex(kind, model).catch(() => undefined);
        }, ms).unref(),
      ),
    );
  }

  /**
   * Makes Neo4j reopen the searcher of the kind's vector index, so that searches see the segments
   * Lucene has merged since the last write (SETTLE_MS). Neo4j has no call for that, so this writes to
   * the index without changing it: one stored vector is set to its opposite and back in one
   * transaction, which commits the vector it had.
   */
  async refreshIndex(kind: NodeKind, model: string): Promise<void> {
    checkKind(kind);
    const p = vectorProp(model);
    await this.run('WRITE', (tx) =>
      tx.run(
        `MATCH (v:${kindLabel(kind)}) WHERE v.\`${p}\` IS NOT NULL
         WITH v LIMIT 1
         WITH v, v.\`${p}\` AS was
         CALL db.create.setNodeVectorProperty(v, $prop, [x IN was | -x])
         WITH v, was
         CALL db.create.setNodeVectorProperty(v, $prop, was)`,
        { prop: p },
      ),
    );
  }

  /**
   * The store is closing: the pending refreshes run once now instead (a process that wrote vectors
   * and ends, such as `ileanet embed`, would otherwise leave the searcher on the small segments).
   */
  async close(): Promise<void> {
    const pending = [...this.#settling.keys()];
    for (const timers of this.#settling.values()) for (const t of timers) clearTimeout(t);
    this.#settling.clear();
    for (const key of pending) {
      const [kind, model] = key.split('\u0000') as [NodeKind, string];
      await this.refreshIndex(kind, model).catch(() => undefined);
    }
  }

  async hashes(kind: NodeKind, model: string, ids?: readonly string[]): Promise<Map<string, string>> {
    checkKind(kind);
    const h = hashProp(model);
    const res = await this.run('READ', (tx) =>
      ids === undefined
        ? tx.run(`MATCH (v:${kindLabel(kind)}) WHERE v.\`${h}\` IS NOT NULL RETURN v.id AS id, v.\`${h}\` AS h`)
        : tx.run(
            `UNWIND $ids AS id MATCH (v:${VEC_LABEL} {id: id}) WHERE v:${kindLabel(kind)} AND v.\`${h}\` IS NOT NULL
             RETURN v.id AS id, v.\`${h}\` AS h`,
            { ids: [...ids] },
          ),
    );
    return new Map(res.records.map((r) => [r.get('id') as string, r.get('h') as string]));
  }

  async count(kind: NodeKind, model: string): Promise<number> {
    checkKind(kind);
    const res = await this.run('READ', (tx) =>
      tx.run(`MATCH (v:${kindLabel(kind)}) WHERE v.\`${vectorProp(model)}\` IS NOT NULL RETURN count(v) AS n`),
    );
    return Number(res.records[0]?.get('n') ?? 0);
  }

  async search(query: VectorQuery, viewer: Viewer): Promise<VectorHit[]> {
    return (await this.searchExplained(query, viewer)).hits;
  }

  async searchExplained(q: VectorQuery, viewer: Viewer): Promise<{ hits: VectorHit[]; trace: VectorSearchTrace }> {
    const kind = checkKind(q.kind);
    const k = checkLimit(q.k, 10, MAX_FETCH, 'k');
    const strategy: VectorStrategy = q.strategy ?? 'auto';
    if (!['auto', 'index', 'exact'].includes(strategy)) throw invalid(`vectors: unknown strategy ${String(strategy)}`);
    if (q.vector.length === 0 || q.vector.some((x) => !Number.isFinite(x)))
      throw invalid('vectors: the query vector is empty or holds a non-finite value');
    const vector = Array.from(q.vector);
    const share = await this.#share(kind, q.model, viewer, k);
    let want = firstFetch(k, share);
    const exact = strategy === 'exact' || (strategy === 'auto' && (share.seen < EXACT_BELOW || want > MAX_FETCH));
    if (exact && strategy === 'auto' && share.all <= WHOLE_INDEX_BELOW) {
      // The exact k nearest of a small kind from its vector index asked for every vector it holds: Lucene
      // compares them all on float arrays, where the same scan in Cypher reads each vector as a list of
      // numbers (Project, 1,000 vectors at 100,000 people: 40 ms a search against 16). Asked a little past
      // the kind's count, so that "fewer came back than asked" and "as many as the kind's companions"
      // prove the whole index was read; otherwise the scan below runs.
      const fetched = share.all + 16;
      const whole = await this.#fromIndex(kind, q.model, vector, k, fetched, viewer, true);
      if (whole.seen === whole.total && whole.seen < fetched)
        return { hits: whole.hits.sort(byScoreThenId).slice(0, k), trace: { strategy: 'exact', rounds: 1, fetched } };
    }
    if (exact)
      return {
        hits: await this.#exact(kind, q.model, vector, k, viewer),
        trace: { strategy: 'exact', rounds: 0, fetched: 0 },
      };
    let rounds = 0;
    for (;;) {
      want = Math.min(want, MAX_FETCH);
      rounds++;
      const { seen, hits } = await this.#fromIndex(kind, q.model, vector, k, want, viewer);
      // Enough passed, or the index has nothing more to give: these are the k over what the viewer sees.
      if (hits.length >= k || seen < want || (strategy === 'index' && want >= MAX_FETCH))
        return { hits: hits.sort(byScoreThenId).slice(0, k), trace: { strategy: 'index', rounds, fetched: want } };
      if (want >= MAX_FETCH)
        return {
          hits: await this.#exact(kind, q.model, vector, k, viewer),
          trace: { strategy: 'exact', rounds, fetched: want },
        };
      want *= 4;
    }
  }

  /**
   * The visible ones among the `want` nearest the index gives, with how many it gave (`seen`). The
   * index's float32 scores choose which are scored again exactly: every visible one within
   * SCORE_SLACK of the k-th, so the k best come back as a scan would score them,
   * and at least k come back whenever k were visible. Scoring every one read each candidate's vector
   * as a list of numbers: at 100,000 people, Person, 55 asked, k 30, 4.5-4.9 ms a search against
   * 5.1-5.5 (the index and the visibility alone: 3.9-4.5).
   */
  async #fromIndex(
    kind: NodeKind,
    model: string,
    vector: number[],
    k: number,
    want: number,
    viewer: Viewer,
    /** Count the kind's companions too (`total`, else -1): whether the whole index came back. */
    countKind = false,
  ) {
    const res = await this.run('READ', (tx) =>
      tx.run(
        `CALL db.index.vector.queryNodes($index, $want, $q) YIELD node AS v, score
         OPTIONAL MATCH (n:Node {id: v.id}) WHERE n.kind = $kind
         WITH v, score, n IS NOT NULL AND ${visible('n')} AS ok
         ORDER BY score DESC
         WITH collect(CASE WHEN ok THEN [v, score] END) AS kept, count(v) AS seen
         ${countKind ? `CALL { MATCH (c:${kindLabel(kind)}) RETURN count(c) AS total }` : 'WITH *, -1 AS total'}
         WITH kept, seen, total, CASE WHEN size(kept) >= $k THEN kept[$k - 1][1] - $slack ELSE -1.0 END AS cut
         RETURN seen, total,
                [x IN kept WHERE x[1] >= cut | [x[0].id, vector.similarity.cosine(x[0].\`${vectorProp(model)}\`, $q)]] AS hits`,
        {
          ...viewerParams(viewer),
          index: vectorIndexName(kind, model),
          kind,
          want: neo4j.int(want),
          q: vector,
          k: neo4j.int(k),
          slack: SCORE_SLACK,
        },
      ),
    );
    const r = res.records[0];
    const hits = ((r?.get('hits') as [string, number][] | undefined) ?? []).map(([id, s]) => ({
      id,
      score: cosineOf(s),
    }));
    return { seen: Number(r?.get('seen') ?? 0), total: Number(r?.get('total') ?? -1), hits };
  }

  async #exact(kind: NodeKind, model: string, vector: number[], k: number, viewer: Viewer): Promise<VectorHit[]> {
    const p = vectorProp(model);
    const res = await this.run('READ', (tx) =>
      tx.run(
        // The visible ids are collected first: given one pattern, the planner scanned every companion
        // (every kind), scored each and only then sought its node (300 ms for 471 visible of 4,451 on CORDIS).
        `MATCH (n:${kind}) WHERE ${visible('n')}
         WITH collect(n.id) AS ids
         UNWIND ids AS id
         MATCH (v:${VEC_LABEL} {id: id}) WHERE v.\`${p}\` IS NOT NULL
         WITH id, vector.similarity.cosine(v.\`${p}\`, $q) AS s
         ORDER BY s DESC, id LIMIT $k
         RETURN id, s`,
        { ...viewerParams(viewer), q: vector, k: neo4j.int(k) },
      ),
    );
    return res.records
      .map((r) => ({ id: r.get('id') as string, score: cosineOf(r.get('s') as number) }))
      .sort(byScoreThenId);
  }

  /**
   * How many vectors of the kind there are and how many the viewer's audience sees (cached, see
   * #shares). A figure past its time, or read before a vector write of the kind, is still answered
   * while a fresh one is read in the background: the count walks every companion of the kind (800 ms
   * for 100,000 people), and a question that waited for it every SHARE_TTL_MS was who-solved's
   * slowest on Neo4j; so was the first question after each write (the dense feed embeds every written
   * challenge or person: at 100,000 people it cost the next hybrid answer up to 800 ms a kind).
   * After a write, the figure held answers only where the write cannot have changed how the k are
   * found: it says the exact scan (its hits are the exact k whatever the figure), or it says the vector
   * index with a quarter to spare on both of its limits. Otherwise (near a limit, or no vectors or
   * none visible: the kind's first vectors would be searched by a scan) it is read before answering.
   */
  async #share(kind: NodeKind, model: string, viewer: Viewer, k: number): Promise<{ all: number; seen: number }> {
    const rev = String(this.#written.get(`${kind}\u0000${model}`) ?? 0);
    const key = `${kind}\u0000${model}\u0000${viewerClass(viewer)}`;
    const cached = this.#shares.get(key);
    const settled = (c: { all: number; seen: number }) =>
      c.all > 0 &&
      c.seen > 0 &&
      (c.seen < EXACT_BELOW || (c.seen >= 1.25 * EXACT_BELOW && 1.25 * firstFetch(k, c) <= MAX_FETCH));
    if (cached !== undefined && (cached.rev === rev || settled(cached))) {
      if ((cached.rev !== rev || Date.now() - cached.at >= SHARE_TTL_MS) && !this.#reading.has(key)) {
        const reading = this.#readShare(kind, model, viewer, rev, key)
          .catch(() => undefined)
          .finally(() => this.#reading.delete(key));
        this.#reading.set(key, reading);
      }
      return cached;
    }
    return this.#readShare(kind, model, viewer, rev, key);
  }

  /** Shares being read in the background, by key: one read at a time each. */
  readonly #reading = new Map<string, Promise<unknown>>();

  async #readShare(kind: NodeKind, model: string, viewer: Viewer, rev: string, key: string) {
    const res = await this.run('READ', (tx) =>
      tx.run(
        `MATCH (v:${kindLabel(kind)}) WHERE v.\`${vectorProp(model)}\` IS NOT NULL
         OPTIONAL MATCH (n:${kind} {id: v.id})
         RETURN count(v) AS all, count(CASE WHEN n IS NOT NULL AND ${visible('n')} THEN 1 END) AS seen`,
        viewerParams(viewer),
      ),
    );
    const r = res.records[0];
    const out = { rev, at: Date.now(), all: Number(r?.get('all') ?? 0), seen: Number(r?.get('seen') ?? 0) };
    this.#shares.set(key, out);
    return out;
  }

  async position(model: string): Promise<{ epoch: string; seq: number } | undefined> {
    const res = await this.run('READ', (tx) =>
      tx.run(`MATCH (m:${META_LABEL} {key: $key}) RETURN m.epoch AS epoch, m.seq AS seq`, { key: `vectors:${model}` }),
    );
    const r = res.records[0];
    return r === undefined ? undefined : { epoch: String(r.get('epoch')), seq: Number(r.get('seq')) };
  }

  async setPosition(model: string, epoch: string, seq: number): Promise<void> {
    await this.run('WRITE', (tx) =>
      tx.run(
        `MERGE (m:${META_LABEL} {key: $key})
         SET m.seq = CASE WHEN m.epoch = $epoch AND m.seq > $seq THEN m.seq ELSE $seq END, m.epoch = $epoch`,
        { key: `vectors:${model}`, epoch, seq: neo4j.int(seq) },
      ),
    );
  }
}
