/**
 * A real Neo4j for test suites (NEO4J_URI, default bolt://127.0.0.1:7687): reachability, and a
 * wipe that suites call before each test. A database that already holds data may be someone's
 * ingested graph, so it is wiped only when it starts empty, in CI (a throwaway), or when
 * NEO4J_TEST_WIPE=1 says so.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { type Neo4jConfig, resolveNeo4jConfig } from '../../graph/neo4j/config.js';
import { neo4jAvailable } from './services.js';

export interface Neo4jTestDatabase {
  readonly config: Neo4jConfig;
  readonly reachable: boolean;
  /** Nodes found when the suite started. */
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
  const before = reachable ? await run('MATCH (n) RETURN count(n) AS n') : 0;
  return {
    config,
    reachable,
    before,
    mayWipe: before === 0 || Boolean(process.env['CI']) || process.env['NEO4J_TEST_WIPE'] === '1',
    async wipe() {
      // A plain loop rather than `CALL … IN TRANSACTIONS`, whose syntax differs between versions.
      while ((await run('MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n')) > 0) {}
    },
    async close() {
      await admin?.close();
    },
  };
}
