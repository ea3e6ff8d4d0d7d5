/**
 * The GraphStore contract against a real Neo4j (NEO4J_URI, default bolt://127.0.0.1:7687).
 * Creating a database per test is slow (and Community Edition has only one), so every
 * test gets a new store on the same database, emptied first.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, describe, it } from 'vitest';
import { resolveNeo4jConfig } from '../../graph/neo4j/config.js';
import { createNeo4jStore } from '../../graph/neo4j/index.js';
import { graphStoreContract } from '../contracts/graph-store.contract.js';
import { neo4jAvailable, requireService } from '../helpers/services.js';

const config = resolveNeo4jConfig();
const reachable = await neo4jAvailable(config);

if (
  requireService(
    'Neo4j contract suite',
    reachable ? undefined : `no Neo4j at ${config.uri}; start one with \`npm run neo4j -- start\``,
  )
) {
  let admin: Driver | undefined;
  const adminDriver = (): Driver => {
    admin ??= neo4j.driver(config.uri, config.password ? neo4j.auth.basic(config.user, config.password) : undefined);
    return admin;
  };

  const countNodes = async (): Promise<number> => {
    const session = adminDriver().session({ database: config.database });
    try {
      const res = await session.run('MATCH (n) RETURN count(n) AS n');
      return neo4j.integer.toNumber(res.records[0]?.get('n') ?? 0);
    } finally {
      await session.close();
    }
  };

  /**
   * Detaches and deletes everything, 10,000 nodes per transaction so that the large test's
   * 150,000 records never need one huge transaction. A plain loop rather than
   * `CALL … IN TRANSACTIONS`, whose subquery syntax differs between Neo4j versions.
   */
  const wipe = async (): Promise<void> => {
    const session = adminDriver().session({ database: config.database });
    try {
      for (;;) {
        const res = await session.run('MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted');
        if (neo4j.integer.toNumber(res.records[0]?.get('deleted') ?? 0) === 0) break;
      }
    } finally {
      await session.close();
    }
  };

  // The suite empties the database it is given. A database that holds data when the suite
  // starts may be someone's ingested data, so it is wiped only when asked (CI's is a throwaway).
  const before = await countNodes();
  const mayWipe = before === 0 || Boolean(process.env['CI']) || process.env['NEO4J_TEST_WIPE'] === '1';

  afterAll(async () => {
    if (admin === undefined) return;
    if (mayWipe) await wipe();
    await admin.close();
  });

  if (!mayWipe) {
    describe('Neo4j contract suite', () => {
      it('runs on an empty database', () => {
        throw new Error(
          `database ${config.database} at ${config.uri} holds ${before} nodes; the suite deletes everything in it. ` +
            'Point NEO4J_URI / NEO4J_DATABASE at a scratch database, or set NEO4J_TEST_WIPE=1 to allow the wipe.',
        );
      });
    });
  } else {
    graphStoreContract(`Neo4j (${config.uri}, database ${config.database})`, async () => {
      await wipe();
      return { store: createNeo4jStore(config), cleanup: async () => undefined };
    });
  }
}
