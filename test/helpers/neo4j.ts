/**
 * A real Neo4j for test suites (NEO4J_URI, default bolt://127.0.0.1:7687): reachability, and a
 * wipe that suites call before each test. A database that already holds data may be someone's
 * ingested graph, so the suites wipe only a database they made their own: one that was empty
 * when a suite first met it gets a marker node (label `IleanetTestScratch`, outside the store's
 * `:Node` label so no store query sees it), and a later run wipes it because the marker is
 * there. A database with data and no marker is refused whatever `CI` says; only an explicit
 * NEO4J_TEST_WIPE=1 overrides that.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { type Neo4jConfig, resolveNeo4jConfig } from '../../graph/neo4j/config.js';
import { neo4jAvailable } from './services.js';

/** Label of the node that says "this database belongs to the test suites". */
export const MARKER = 'IleanetTestScratch';

/**
 * Whether the suites may wipe a database holding `before` nodes besides the marker: only one
 * that was empty or carries the marker, or when NEO4J_TEST_WIPE=1 says so. `CI` plays no part.
 */
export function mayWipeDatabase(before: number, marked: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return before === 0 || marked || env['NEO4J_TEST_WIPE'] === '1';
}

export interface Neo4jTestDatabase {
  readonly config: Neo4jConfig;
  readonly reachable: boolean;
  /** Nodes found when the suite started (the marker not counted). */
  readonly before: number;
  readonly mayWipe: boolean;
  /** Detaches and deletes everything, 10,000 nodes per transaction. */
  wipe(): Promise<void>;
  close(): Promise<void>;
}

export async function neo4jTestDatabase(): Promise<Neo4jTestDatabase> {
  const config = resolveNeo4jConfig();
  const reachable = await neo4jAvailable(config);
  let admin: Driver | undefined;
  const driver = (): Driver => {
    admin ??= neo4j.driver(config.uri, config.password ? neo4j.auth.basic(config.user, config.password) : undefined);
    return admin;
  };
  const run = async (cypher: string): Promise<number> => {
    const session = driver().session({ database: config.database });
    try {
      const res = await session.run(cypher);
      return neo4j.integer.toNumber(res.records[0]?.get('n') ?? 0);
    } finally {
      await session.close();
    }
  };
  const before = reachable ? await run(`MATCH (n) WHERE NOT n:${MARKER} RETURN count(n) AS n`) : 0;
  const marked = reachable && (await run(`MATCH (m:${MARKER}) RETURN count(m) AS n`)) > 0;
  const mayWipe = reachable && mayWipeDatabase(before, marked);
  // MERGE: two suites starting at once on an empty database leave one marker.
  if (mayWipe && !marked) await run(`MERGE (m:${MARKER} {id: 1}) SET m.since = datetime() RETURN 1 AS n`);
  return {
    config,
    reachable,
    before,
    mayWipe,
    async wipe() {
      if (!mayWipe) throw new Error(`refusing to wipe ${config.uri}: it holds data this test suite did not create`);
      // A plain loop rather than `CALL … IN TRANSACTIONS`, whose syntax differs between versions.
      while (
        (await run(`MATCH (n) WHERE NOT n:${MARKER} WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n`)) > 0
      ) {}
    },
    async close() {
      await admin?.close();
    },
  };
}
