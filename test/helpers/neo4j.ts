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
import type { StoreConfig } from '../../graph/index.js';
import { type Neo4jConfig, resolveNeo4jConfig } from '../../graph/neo4j/config.js';
import { neo4jAvailable, requireService } from './services.js';

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

/** Writes the scratch marker into the configured database again (an offline import replaces the whole database, marker included). */
export async function markScratch(config: Neo4jConfig = resolveNeo4jConfig()): Promise<void> {
  const driver = neo4j.driver(config.uri, config.password ? neo4j.auth.basic(config.user, config.password) : undefined);
  try {
    await driver.executeQuery(
      `MERGE (m:${MARKER} {id: 1}) SET m.since = datetime()`,
      {},
      { database: config.database },
    );
  } finally {
    await driver.close();
  }
}

/** A backend for tests that run real processes (`serve`, engine children) over one store. */
export interface ProcessBackend {
  readonly name: string;
  /** What a child process needs in its environment to open the same store. */
  readonly env: NodeJS.ProcessEnv;
  config(dataDir: string): StoreConfig;
  /** Empties the store between tests (the Neo4j scratch database; a fresh folder needs nothing). */
  reset(): Promise<void>;
}

/**
 * The embedded backend, and Neo4j when a scratch database is reachable: locally a missing or
 * unmarked database skips the Neo4j leg with the reason printed; under CI it fails (requireService).
 */
export function processBackends(what: string, neo4j: Neo4jTestDatabase): ProcessBackend[] {
  const backends: ProcessBackend[] = [
    {
      name: 'embedded',
      env: { ILEANET_BACKEND: 'embedded' },
      config: (dataDir) => ({ backend: 'embedded', dataDir }),
      reset: async () => undefined,
    },
  ];
  const missing = !neo4j.reachable
    ? `no Neo4j at ${neo4j.config.uri}; start one with \`npm run neo4j -- start\``
    : neo4j.mayWipe
      ? undefined
      : `database ${neo4j.config.database} holds data; set NEO4J_TEST_WIPE=1 to let this suite wipe it`;
  if (requireService(`${what} on Neo4j`, missing)) {
    backends.push({
      name: 'neo4j',
      env: { ILEANET_BACKEND: 'neo4j', NEO4J_URI: neo4j.config.uri },
      config: () => ({ backend: 'neo4j', uri: neo4j.config.uri }),
      reset: () => neo4j.wipe(),
    });
  }
  return backends;
}
