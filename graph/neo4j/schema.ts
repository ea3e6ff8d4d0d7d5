/**
 * Constraints and indexes of the Neo4j backend. Every node carries the label `Node` (so
 * that one constraint and one set of indexes serve all kinds) plus its kind as a second label.
 */

import neo4j from 'neo4j-driver';
import { NODE_KINDS, type NodeKind } from '../model.js';

/** Label of the bookkeeping node; never carries `Node`, so no query of the graph sees it. */
export const META_LABEL = 'IleanetMeta';

/** Label of the change feed's segments (graph/feed.ts): one node per write transaction; never `Node`. */
export const CHANGE_LABEL = 'IleanetChange';

/** The bookkeeping property holding the seq of the last write of a node of `kind` (its kind revision). */
export const kindRevProp = (kind: NodeKind): string => `krev_${kind}`;

/**
 * Creates the bookkeeping node when missing. `rev` is the feed's head seq, `pruned` the highest
 * seq dropped by retention; the epoch is new whenever the node is (re)created, so a wiped
 * database never repeats an earlier token. A database from before the feed keeps its `rev` and
 * counts everything up to it as pruned (read models built then rebuild once). A kind with no kind
 * revision yet (`takeSeqs`; a database from before them) takes the head as its own.
 */
export const ENSURE_META = `MERGE (m:${META_LABEL} {key: 'revision'})
  ON CREATE SET m.epoch = randomUUID(), m.rev = 0, m.pruned = 0
  SET m.pruned = coalesce(m.pruned, m.rev),
      ${NODE_KINDS.map((k) => `m.${kindRevProp(k)} = coalesce(m.${kindRevProp(k)}, m.rev)`).join(', ')}`;

/**
 * Takes `n` seqs inside a write transaction and returns the last one. Setting `rev` write-locks
 * the node until commit, so concurrent write transactions (other sessions, other processes) take
 * their seqs one after another and commit in seq order. Called once per write, at its end, so
 * the lock is held only for the commit. The kinds whose nodes the write created, changed or removed
 * get that seq as their kind revision: what is cached per kind (search statistics) then lasts
 * through writes of other kinds (a vote does not drop the people's term statistics).
 */
export async function takeSeqs(
  tx: { run(cypher: string, params?: Record<string, unknown>): Promise<{ records: { get(k: string): unknown }[] }> },
  n: number,
  kinds: readonly NodeKind[] = [],
): Promise<number> {
  for (const k of kinds) if (!NODE_KINDS.includes(k)) throw new Error(`takeSeqs: unknown kind ${JSON.stringify(k)}`);
  const res = await tx.run(
    `MERGE (m:${META_LABEL} {key: 'revision'})
       ON CREATE SET m.epoch = randomUUID(), m.rev = 0, m.pruned = 0
     SET m.rev = m.rev + $n
     ${kinds.length === 0 ? '' : `WITH m SET ${kinds.map((k) => `m.${kindRevProp(k)} = m.rev`).join(', ')}`}
     RETURN m.rev AS last`,
    { n: neo4jInt(n) },
  );
  return Number(res.records[0]?.get('last') ?? 0);
}

const neo4jInt = (n: number) => neo4j.int(n);

/** Indexes of earlier versions that init() drops from an existing database. */
export const DROPPED_INDEXES: readonly string[] = ['ileanet_node_kind', 'ileanet_node_vis', 'ileanet_node_owner'];

/** Statements run by `init()`; each is idempotent. */
export const SCHEMA_STATEMENTS: readonly string[] = [
  // Unique ids across kinds: an id may not be reused by another kind (prepareBatch relies on it).
  'CREATE CONSTRAINT ileanet_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX ileanet_node_date IF NOT EXISTS FOR (n:Node) ON (n.date)',
  // Gone: indexes on kind (every query names the kind as a label, so the label index serves),
  // vis and owner (the planner split the visibility test `vis <= $clr OR (vis = 2 AND owner IN
  // $orgs)` into seeks on both and sorted everything they found, instead of walking the kind's
  // id index; query.ts had to pin USING INDEX against it). Each was written on every node
  // created (three of six index inserts per node) for no query that needed it.
  ...DROPPED_INDEXES.map((name) => `DROP INDEX ${name} IF EXISTS`),
  // `list` pages one kind in id order: a per-kind id index walks just that kind, already sorted,
  // and stops after a page (the global id index would walk every kind to find a small one's nodes).
  // One bookkeeping node (not a :Node) holds the revision counter every write transaction bumps.
  `CREATE CONSTRAINT ileanet_meta_key IF NOT EXISTS FOR (m:${META_LABEL}) REQUIRE m.key IS UNIQUE`,
  // Feed segments are read by seq range and pruned from the oldest.
  `CREATE CONSTRAINT ileanet_change_first IF NOT EXISTS FOR (c:${CHANGE_LABEL}) REQUIRE c.first IS UNIQUE`,
  ...NODE_KINDS.map((k) => `CREATE INDEX ileanet_${k.toLowerCase()}_id IF NOT EXISTS FOR (n:${k}) ON (n.id)`),
];

/** Seconds `init()` waits for new indexes to come online before reporting a schema problem. */
export const INDEX_ONLINE_TIMEOUT_S = 300;
