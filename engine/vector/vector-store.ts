/**
 * Vectors kept beside the graph, in `<dataDir>/vectors.sqlite`, so that an index can be rebuilt
 * (model unchanged) without re-embedding, and unchanged texts are never embedded twice.
 *
 * One row per (model, kind, id): vectors of several models live side by side (switching back
 * to a model costs nothing; `prune` drops the others). Every write and delete takes the next
 * value of one counter (`seq`), so an index saved at seq N catches up by reading what came after N.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { NodeKind } from '../../graph/index.js';

export interface VectorRow {
  readonly kind: NodeKind;
  readonly id: string;
  /** Hash of the exact text embedded (see node-text.ts); the same hash means the same vector. */
  readonly textHash: string;
  readonly vector: Float32Array;
}

export interface StoredVector extends VectorRow {
  readonly seq: number;
}

export interface ModelCount {
  readonly model: string;
  readonly kind: NodeKind;
  readonly dims: number;
  readonly count: number;
}

export const vectorsPath = (dataDir: string): string => join(dataDir, 'vectors.sqlite');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS vectors (
  model TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  dims INTEGER NOT NULL,
  vector BLOB NOT NULL,
  seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS vectors_key ON vectors (model, kind, id);
CREATE INDEX IF NOT EXISTS vectors_seq ON vectors (model, kind, seq);
CREATE TABLE IF NOT EXISTS vector_deletes (
  model TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (model, kind, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vector_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO vector_meta (key, value) VALUES ('seq', 0);
CREATE TABLE IF NOT EXISTS vector_feed (
  model TEXT PRIMARY KEY,
  epoch TEXT NOT NULL,
  seq INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** Float32 little-endian, as the platform lays it out (every supported Node target is little-endian). */
const toBlob = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const fromBlob = (b: Buffer): Float32Array => {
  const copy = new Float32Array(b.byteLength / 4);
  new Uint8Array(copy.buffer).set(b);
  return copy;
};

interface Row {
  kind: string;
  id: string;
  text_hash: string;
  vector: Buffer;
  seq: number;
}

export class VectorStore {
  private readonly db: Database.Database;

  private constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a crash may lose the last transactions but never corrupts the file;
    // lost vectors are simply embedded again on the next run.
    this.db.pragma('synchronous = NORMAL');
    // Several processes embed into one file (servers and bots following the change feed, the CLI):
    // a writer waits for another's transaction instead of failing.
    this.db.pragma('busy_timeout = 10000');
    // Erasure: a deleted row is overwritten with zeros, not left in a free page.
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
  }

  /**
   * The graph change-feed position (engine/embed/dense-feed.ts) up to which every node of the
   * embedded kinds has its current vector of `model` here; undefined when none was recorded.
   */
  async feedPosition(model: string): Promise<{ epoch: string; seq: number } | undefined> {
    return this.db.prepare('SELECT epoch, seq FROM vector_feed WHERE model = ?').get(model) as
      | { epoch: string; seq: number }
      | undefined;
  }

  /** Every model's feed position (for `ileanet stats`). */
  async feedPositions(): Promise<{ model: string; epoch: string; seq: number }[]> {
    return this.db.prepare('SELECT model, epoch, seq FROM vector_feed ORDER BY model').all() as {
      model: string;
      epoch: string;
      seq: number;
    }[];
  }

  /** Records a feed position; within one epoch it only moves forward (processes catch up in any order). */
  async setFeedPosition(model: string, epoch: string, seq: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO vector_feed (model, epoch, seq) VALUES (?, ?, ?)
         ON CONFLICT (model) DO UPDATE SET seq = CASE WHEN epoch = excluded.epoch THEN max(seq, excluded.seq) ELSE excluded.seq END,
           epoch = excluded.epoch`,
      )
      .run(model, epoch, seq);
  }

  /** Opens (creating if needed) the vector file of a data folder. */
  static async open(dataDir: string): Promise<VectorStore> {
    return new VectorStore(vectorsPath(dataDir));
  }

  /** Stored text hashes of a model's vectors of one kind, by id; ids without a vector are absent. */
  async hashes(model: string, kind: NodeKind, ids?: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (ids === undefined) {
      const rows = this.db
        .prepare('SELECT id, text_hash FROM vectors WHERE model = ? AND kind = ?')
        .all(model, kind) as { id: string; text_hash: string }[];
      for (const r of rows) out.set(r.id, r.text_hash);
      return out;
    }
    const stmt = this.db.prepare('SELECT id, text_hash FROM vectors WHERE model = ? AND kind = ? AND id = ?');
    for (const id of ids) {
      const r = stmt.get(model, kind, id) as { id: string; text_hash: string } | undefined;
      if (r) out.set(r.id, r.text_hash);
    }
    return out;
  }

  /**
   * Creates or replaces vectors, all in one transaction. Returns the seq of each row, in order.
   * Throws when a vector's length differs from the model's vectors already stored.
   */
  async put(model: string, rows: readonly VectorRow[]): Promise<number[]> {
    const dims = this.dims(model);
    const next = this.db.prepare("UPDATE vector_meta SET value = value + 1 WHERE key = 'seq' RETURNING value");
    const upsert = this.db.prepare(
      `INSERT INTO vectors (model, kind, id, text_hash, dims, vector, seq) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (model, kind, id) DO UPDATE SET text_hash = excluded.text_hash, dims = excluded.dims,
         vector = excluded.vector, seq = excluded.seq`,
    );
    const undelete = this.db.prepare('DELETE FROM vector_deletes WHERE model = ? AND kind = ? AND id = ?');
    return (
      this.db
        .transaction(() =>
          rows.map((r) => {
            const d = dims ?? rows[0]?.vector.length;
            if (r.vector.length !== d) {
              throw new Error(`vector of ${r.id} has ${r.vector.length} dimensions; ${model} vectors have ${d}`);
            }
            const seq = (next.get() as { value: number }).value;
            upsert.run(model, r.kind, r.id, r.textHash, r.vector.length, toBlob(r.vector), seq);
            undelete.run(model, r.kind, r.id);
            return seq;
          }),
        )
        // IMMEDIATE: the write lock first, so two processes never deadlock upgrading a read.
        .immediate()
    );
  }

  /**
   * Erasure (engine/privacy): removes every vector of `ids`, of every model, and their removal
   * records too (a removal record keeps the id), then checkpoints and truncates the WAL so the old
   * pages leave it. Runs after the graph's own deletion has had time to reach the other processes'
   * indexes (engine/privacy/erase.ts waits for it). Returns the rows removed.
   */
  async erase(ids: readonly string[]): Promise<number> {
    const json = JSON.stringify(ids);
    const n = this.db
      .transaction(() => {
        const a = this.db.prepare('DELETE FROM vectors WHERE id IN (SELECT value FROM json_each(?))').run(json).changes;
        const b = this.db
          .prepare('DELETE FROM vector_deletes WHERE id IN (SELECT value FROM json_each(?))')
          .run(json).changes;
        return a + b;
      })
      .immediate();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return n;
  }

  /** Removes vectors (ids without one are ignored), recording each removal for index catch-up. Atomic. */
  async delete(model: string, kind: NodeKind, ids: readonly string[]): Promise<number> {
    const next = this.db.prepare("UPDATE vector_meta SET value = value + 1 WHERE key = 'seq' RETURNING value");
    const del = this.db.prepare('DELETE FROM vectors WHERE model = ? AND kind = ? AND id = ?');
    const tomb = this.db.prepare(
      'INSERT INTO vector_deletes (model, kind, id, seq) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET seq = excluded.seq',
    );
    return this.db
      .transaction(() => {
        let n = 0;
        for (const id of ids) {
          if (del.run(model, kind, id).changes === 0) continue;
          tomb.run(model, kind, id, (next.get() as { value: number }).value);
          n++;
        }
        return n;
      })
      .immediate();
  }

  /** Number of a model's vectors of one kind. */
  async count(model: string, kind: NodeKind): Promise<number> {
    return (
      this.db.prepare('SELECT count(*) AS n FROM vectors WHERE model = ? AND kind = ?').get(model, kind) as {
        n: number;
      }
    ).n;
  }

  /** Highest seq of any write or delete of a model's vectors of one kind (0 when none). */
  async lastSeq(model: string, kind: NodeKind): Promise<number> {
    const r = this.db
      .prepare(
        `SELECT max(s) AS s FROM (SELECT max(seq) AS s FROM vectors WHERE model = ? AND kind = ?
         UNION ALL SELECT max(seq) FROM vector_deletes WHERE model = ? AND kind = ?)`,
      )
      .get(model, kind, model, kind) as { s: number | null };
    return r.s ?? 0;
  }

  /**
   * A model's vectors of one kind written after `afterSeq` (all when 0), in seq order, a page
   * at a time so that 100,000 vectors never sit in memory twice.
   */
  async *scan(model: string, kind: NodeKind, afterSeq = 0, pageSize = 5_000): AsyncGenerator<StoredVector[]> {
    const stmt = this.db.prepare(
      'SELECT kind, id, text_hash, vector, seq FROM vectors WHERE model = ? AND kind = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
    let after = afterSeq;
    for (;;) {
      const rows = stmt.all(model, kind, after, pageSize) as Row[];
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        kind: r.kind as NodeKind,
        id: r.id,
        textHash: r.text_hash,
        vector: fromBlob(r.vector),
        seq: r.seq,
      }));
      after = rows[rows.length - 1]?.seq ?? after;
    }
  }

  /** Ids whose vector was deleted after `afterSeq` and not written again since. */
  async deletedSince(model: string, kind: NodeKind, afterSeq: number): Promise<string[]> {
    const rows = this.db
      .prepare('SELECT id FROM vector_deletes WHERE model = ? AND kind = ? AND seq > ? ORDER BY seq')
      .all(model, kind, afterSeq) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The stored vectors of these ids (absent ones left out). */
  async get(model: string, kind: NodeKind, ids: readonly string[]): Promise<Map<string, Float32Array>> {
    const stmt = this.db.prepare('SELECT vector FROM vectors WHERE model = ? AND kind = ? AND id = ?');
    const out = new Map<string, Float32Array>();
    for (const id of ids) {
      const r = stmt.get(model, kind, id) as { vector: Buffer } | undefined;
      if (r) out.set(id, fromBlob(r.vector));
    }
    return out;
  }

  /** What is stored, per model and kind, ordered by model then kind. */
  async models(): Promise<ModelCount[]> {
    return this.db
      .prepare(
        'SELECT model, kind, max(dims) AS dims, count(*) AS count FROM vectors GROUP BY model, kind ORDER BY model, kind',
      )
      .all() as ModelCount[];
  }

  /** Deletes every vector not of `keepModel`; returns how many went. */
  async prune(keepModel: string): Promise<number> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM vector_deletes WHERE model <> ?').run(keepModel);
      return this.db.prepare('DELETE FROM vectors WHERE model <> ?').run(keepModel).changes;
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private dims(model: string): number | undefined {
    const r = this.db.prepare('SELECT dims FROM vectors WHERE model = ? LIMIT 1').get(model) as
      | { dims: number }
      | undefined;
    return r?.dims;
  }
}
