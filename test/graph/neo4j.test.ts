/**
 * The GraphStore contract against a real Neo4j (NEO4J_URI, default bolt://127.0.0.1:7687).
 * Creating a database per test is slow (and Community Edition has only one), so every
 * test gets a new store on the same database, emptied first.
 */
import { afterAll, describe, it } from 'vitest';
import { createNeo4jStore } from '../../graph/neo4j/index.js';
import { graphStoreContract } from '../contracts/graph-store.contract.js';
import { neo4jTestDatabase } from '../helpers/neo4j.js';
import { requireService } from '../helpers/services.js';

const db = await neo4jTestDatabase();
const { config } = db;

if (
  requireService(
    'Neo4j contract suite',
    db.reachable ? undefined : `no Neo4j at ${config.uri}; start one with \`npm run neo4j -- start\``,
  )
) {
  afterAll(async () => {
    try {
      if (db.mayWipe) await db.wipe();
    } finally {
      await db.close();
    }
  });

  if (!db.mayWipe) {
    describe('Neo4j contract suite', () => {
      it('runs on an empty database', () => {
        throw new Error(
          `database ${config.database} at ${config.uri}: ${db.refusal}; the suite deletes everything in it, and ` +
            'wipes only a database that was empty when the suites first met it and that no benchmark holds.',
        );
      });
    });
  } else {
    graphStoreContract(`Neo4j (${config.uri}, database ${config.database})`, async () => {
      await db.wipe();
      return {
        store: createNeo4jStore(config),
        another: () => createNeo4jStore(config),
        cleanup: async () => undefined,
      };
    });
  }
}
