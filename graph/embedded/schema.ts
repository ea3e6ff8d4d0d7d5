/**
 * Versioned schema migrations of the embedded database. Each migration runs once, in
 * a transaction, in order; the applied versions are recorded in `schema_migrations`.
 */
import type Database from 'better-sqlite3';
import { GraphError } from '../errors.js';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'nodes and edges',
    // Edges refer to nodes by an integer key (nid), not by the text id: half the size of
    // the edge table and its indexes, and integer joins in every traversal.
    // `vis` is the visibility rank (0 public, 1 network, 2 restricted) so a viewer's filter
    // is one comparison. Own properties are canonical JSON, so "unchanged" is a string compare.
    sql: `
      CREATE TABLE nodes (
        nid   INTEGER PRIMARY KEY,
        id    TEXT NOT NULL UNIQUE,
        kind  TEXT NOT NULL,
        vis   INTEGER NOT NULL CHECK (vis IN (0, 1, 2)),
        owner TEXT,
        date  TEXT,
        props TEXT NOT NULL
      );
      CREATE INDEX nodes_kind_id ON nodes (kind, id);
      CREATE INDEX nodes_kind_date ON nodes (kind, date);
      CREATE TABLE edges (
        src   INTEGER NOT NULL REFERENCES nodes (nid), -- declared, not enforced: see store.ts
        type  TEXT NOT NULL,
        dst   INTEGER NOT NULL REFERENCES nodes (nid), -- declared, not enforced: see store.ts
        props TEXT NOT NULL,
        PRIMARY KEY (src, type, dst)
      ) WITHOUT ROWID;
      -- No index led by type: every query reaches edges from a node (src or dst first);
      -- a third b-tree would cost a third more on every edge written.
      CREATE INDEX edges_dst ON edges (dst, type, src);
    `,
  },
  {
    version: 2,
    name: 'change feed',
    // One row per write transaction (graph/feed.ts): the seqs it took, its commit time and its
    // records packed as one string. feed_meta holds the epoch (new with the database), the head
    // (last seq taken) and the highest seq pruned. Seqs are taken inside BEGIN IMMEDIATE, so
    // writers in every process are serialised and commit in seq order.
    sql: `
      CREATE TABLE feed (
        first_seq INTEGER PRIMARY KEY,
        last_seq  INTEGER NOT NULL,
        at        TEXT NOT NULL,
        records   TEXT NOT NULL
      );
      CREATE TABLE feed_meta (key TEXT PRIMARY KEY, value ANY NOT NULL) WITHOUT ROWID;
      INSERT INTO feed_meta (key, value) VALUES ('epoch', lower(hex(randomblob(8)))), ('head', 0), ('pruned', 0);
    `,
  },
  {
    version: 3,
    name: 'feed redaction mark',
    // Seq through which an erasure rewrote the feed (GraphStore.redactChanges): readers behind it
    // rebuild instead of reading the rewritten segments.
    sql: `INSERT OR IGNORE INTO feed_meta (key, value) VALUES ('redacted', 0);`,
  },
];

export function migrate(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new GraphError(
      'ERR_STORE_SCHEMA',
      `database schema is version ${current}, newer than this ileanet knows (${latest}); upgrade ileanet`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    // IMMEDIATE, and the version checked again inside: two processes opening an old file at
    // once must not both run a migration.
    db.transaction(() => {
      const now = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
      if (now >= m.version) return;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}
