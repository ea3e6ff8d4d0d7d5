/** Analytics and suggestions on a real Neo4j: the same hand-worked figures as on the embedded store. */
import { afterAll, describe, it } from 'vitest';
import { createNeo4jStore } from '../../graph/neo4j/index.js';
import { neo4jTestDatabase } from '../helpers/neo4j.js';
import { requireService } from '../helpers/services.js';
import { analyticsSuite } from './analytics.suite.js';

const db = await neo4jTestDatabase();

if (
  requireService(
    'Neo4j analytics suite',
    db.reachable ? undefined : `no Neo4j at ${db.config.uri}; start one with \`npm run neo4j -- start\``,
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
    describe('Neo4j analytics suite', () => {
      it('runs on an empty database', () => {
        throw new Error(
          `database ${db.config.database}: ${db.refusal}; the suites wipe only a database that was empty when they first met it and that no benchmark holds`,
        );
      });
    });
  } else {
    analyticsSuite(`Neo4j (${db.config.uri})`, async () => {
      await db.wipe();
      return { store: createNeo4jStore(db.config), cleanup: async () => undefined };
    });
  }
}
