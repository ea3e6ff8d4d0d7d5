/**
 * Constraints and indexes of the Neo4j backend. Every node carries the label `Node` (so
 * that one constraint and one set of indexes serve all kinds) plus its kind as a second label.
 */

import { NODE_KINDS } from '../model.js';

/** Label of the bookkeeping node; never carries `Node`, so no query of the graph sees it. */
export const META_LABEL = 'IleanetMeta';

/**
 * Moves the store's revision inside a write transaction: the token `revision()` reads changes
 * with every committed write, and a rolled-back write leaves it as it was. The epoch is new
 * whenever the node is (re)created, so a wiped database never repeats an earlier token.
 */
export async function bumpRevision(tx: { run(cypher: string): Promise<unknown> }): Promise<void> {
  await tx.run(
    `MERGE (m:${META_LABEL} {key: 'revision'})
       ON CREATE SET m.epoch = randomUUID(), m.rev = 0
     SET m.rev = m.rev + 1`,
  );
}

/** Statements run by `init()`; each is idempotent. */
export const SCHEMA_STATEMENTS: readonly string[] = [
  // Unique ids across kinds: an id may not be reused by another kind (prepareBatch relies on it).
  'CREATE CONSTRAINT ileanet_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX ileanet_node_kind IF NOT EXISTS FOR (n:Node) ON (n.kind)',
  'CREATE INDEX ileanet_node_date IF NOT EXISTS FOR (n:Node) ON (n.date)',
  'CREATE INDEX ileanet_node_vis IF NOT EXISTS FOR (n:Node) ON (n.vis)',
  'CREATE INDEX ileanet_node_owner IF NOT EXISTS FOR (n:Node) ON (n.owner)',
  // `list` pages one kind in id order: a per-kind id index walks just that kind, already sorted,
  // and stops after a page (the global id index would walk every kind to find a small one's nodes).
  // One bookkeeping node (not a :Node) holds the revision counter every write transaction bumps.
  `CREATE CONSTRAINT ileanet_meta_key IF NOT EXISTS FOR (m:${META_LABEL}) REQUIRE m.key IS UNIQUE`,
  ...NODE_KINDS.map((k) => `CREATE INDEX ileanet_${k.toLowerCase()}_id IF NOT EXISTS FOR (n:${k}) ON (n.id)`),
];

/** Seconds `init()` waits for new indexes to come online before reporting a schema problem. */
export const INDEX_ONLINE_TIMEOUT_S = 300;
