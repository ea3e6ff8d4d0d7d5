/**
 * A real Neo4j for test suites (NEO4J_URI, default bolt://127.0.0.1:7687): reachability, and a
 * wipe that suites call before each test. A database that already holds data may be someone's
 * ingested graph, so the suites wipe only a database they made their own: one that was empty
 * when a suite first met it gets a marker node (label `IleanetTestScratch`, outside the store's
 * `:Node` label so no store query sees it), and a later run wipes it because the marker is
 * there. A database with data and no marker is refused whatever `CI` says; only an explicit
 * NEO4J_TEST_WIPE=1 overrides that.
 *
 * A benchmark that loads a graph into the scratch database and reads it for minutes holds a lease
 * on the marker (`hold`): who holds it, for what, until when, renewed while the run lasts. Every
 * other process's wipe refuses while the lease is live, checked in each delete batch, so a test run
 * started beside a benchmark cannot delete the graph under it. A lease its holder did not release
 * (a killed run) lapses after `LEASE_TTL_MS`.
 */
import { hostname } from 'node:os';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
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

/** How long a lease lasts unless renewed; its holder renews it every third of that. */
export const LEASE_TTL_MS = 120_000;

/** A live lease on the scratch database, as another process sees it. */
export interface ScratchHolder {
  readonly holder: string;
  readonly holding: string;
  readonly until: string;
}

/** A lease this process holds; `release` ends it (and stops renewing). */
export interface ScratchLease {
  /** Writes the lease again, marker included: after an offline import replaced the database, or to extend it. */
  renew(): Promise<void>;
  release(): Promise<void>;
}

export interface Neo4jTestDatabase {
  readonly config: Neo4jConfig;
  readonly reachable: boolean;
  /** Nodes found when the suite started (the marker not counted). */
  readonly before: number;
  readonly mayWipe: boolean;
  /** Why the suite may not wipe the database (undefined when it may). */
  readonly refusal: string | undefined;
  /**
   * Detaches and deletes everything, 10,000 nodes per transaction. Refuses when the suite may not,
   * and stops (throwing) at the first batch that finds another process's live lease.
   */
  wipe(): Promise<void>;
  /** Takes the lease for a long run over the scratch database (`what` names the run in others' refusals). */
  hold(what: string, options?: { ttlMs?: number }): Promise<ScratchLease>;
  close(): Promise<void>;
}

/** A driver on the scratch database's server, with its credentials when it has any. */
export const connectNeo4j = (config: Neo4jConfig): Driver =>
  neo4j.driver(config.uri, config.password ? neo4j.auth.basic(config.user, config.password) : undefined);

/**
 * The `run` a Neo4j search handle takes (`Neo4jFullText`, `Neo4jVectors`), over `driver`, that shows
 * each statement to `seen` before it runs (a promise returned holds it until settled), in a read or
 * write transaction as asked: for tests that count or hold a handle's queries.
 */
export const watchedRun =
  (driver: Driver, database: string, seen: (cypher: string, params?: Record<string, unknown>) => unknown) =>
  async <T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => {
    const session = driver.session({ database });
    const watched = (tx: ManagedTransaction) =>
      work({
        run: async (cypher: string, params?: Record<string, unknown>) => {
          await seen(cypher, params);
          return tx.run(cypher, params);
        },
      } as unknown as ManagedTransaction);
    try {
      return await (mode === 'READ' ? session.executeRead(watched) : session.executeWrite(watched));
    } finally {
      await session.close();
    }
  };

/** This process, as a lease names its holder. */
const THIS_PROCESS = `${hostname()}:${process.pid}`;

const describeHolder = (h: ScratchHolder): string =>
  `${h.holding} (${h.holder}) is using it until ${h.until}, renewing while it runs; run the suites after it ends`;

/** `holder` names this process in leases (another name lets one test play two processes). */
export async function neo4jTestDatabase(options: { holder?: string } = {}): Promise<Neo4jTestDatabase> {
  const me = options.holder ?? THIS_PROCESS;
  const config = resolveNeo4jConfig();
  const reachable = await neo4jAvailable(config);
  const connect = () => connectNeo4j(config);
  let admin: Driver | undefined;
  const query = async (cypher: string, params: Record<string, unknown> = {}, through?: Driver) => {
    admin ??= connect();
    const session = (through ?? admin).session({ database: config.database });
    try {
      return (await session.run(cypher, params)).records;
    } finally {
      await session.close();
    }
  };
  const run = async (cypher: string, params: Record<string, unknown> = {}, through?: Driver): Promise<number> =>
    neo4j.integer.toNumber((await query(cypher, params, through))[0]?.get('n') ?? 0);
  /** Another process's live lease, if any. */
  const heldBy = async (through?: Driver): Promise<ScratchHolder | undefined> => {
    const [r] = await query(
      `MATCH (m:${MARKER}) WHERE m.heldUntil >= datetime() AND m.holder <> $me
       RETURN m.holder AS holder, m.holding AS holding, toString(m.heldUntil) AS until LIMIT 1`,
      { me },
      through,
    );
    return r && { holder: r.get('holder'), holding: r.get('holding'), until: r.get('until') };
  };
  const before = reachable ? await run(`MATCH (n) WHERE NOT n:${MARKER} RETURN count(n) AS n`) : 0;
  const marked = reachable && (await run(`MATCH (m:${MARKER}) RETURN count(m) AS n`)) > 0;
  const held = reachable ? await heldBy() : undefined;
  const refusal = !reachable
    ? `no Neo4j at ${config.uri}`
    : held
      ? describeHolder(held)
      : mayWipeDatabase(before, marked)
        ? undefined
        : `it holds ${before} nodes this test suite did not create (point NEO4J_URI / NEO4J_DATABASE at a scratch database, or set NEO4J_TEST_WIPE=1 to allow the wipe)`;
  const mayWipe = refusal === undefined;
  // MERGE: two suites starting at once on an empty database leave one marker.
  if (mayWipe && !marked) await run(`MERGE (m:${MARKER} {id: 1}) SET m.since = datetime() RETURN 1 AS n`);
  return {
    config,
    reachable,
    before,
    mayWipe,
    refusal,
    async wipe() {
      if (refusal !== undefined) throw new Error(`refusing to wipe ${config.uri}: ${refusal}`);
      // A plain loop rather than `CALL … IN TRANSACTIONS`, whose syntax differs between versions. Each
      // batch first locks the marker (the SET), as `hold` does, so it sees a lease committed meanwhile,
      // and deletes only while the marker is there (-2 when not: an offline import replaced the
      // database, whose holder writes marker and lease back) and no other process holds a live lease (-1).
      for (;;) {
        const n = await run(
          `OPTIONAL MATCH (m:${MARKER})
           SET m.wipeCheckedAt = datetime()
           WITH count(m) AS marked,
                count(CASE WHEN m.heldUntil >= datetime() AND m.holder <> $me THEN 1 END) AS held
           OPTIONAL MATCH (n) WHERE marked > 0 AND held = 0 AND NOT n:${MARKER}
           WITH marked, held, n LIMIT 10000
           DETACH DELETE n
           WITH marked, held, count(n) AS deleted
           RETURN CASE WHEN marked = 0 THEN -2 WHEN held > 0 THEN -1 ELSE deleted END AS n`,
          { me },
        );
        if (n === 0) return;
        if (n === -2)
          throw new Error(`stopped wiping ${config.uri}: its scratch marker is gone (the database was replaced)`);
        if (n < 0) {
          const by = await heldBy();
          throw new Error(`stopped wiping ${config.uri}: ${by ? describeHolder(by) : 'another process took it'}`);
        }
      }
    },
    async hold(what, { ttlMs = LEASE_TTL_MS } = {}) {
      if (refusal !== undefined) throw new Error(`cannot hold ${config.uri}: ${refusal}`);
      // The lease has its own connection, so that it outlives the suite's `close` and ends with `release`.
      const own = connect();
      // The marker is locked (the first SET) before the lease is read, so of two holders one waits and then sees the other's.
      const take = async (mergeMarker: boolean) => {
        const n = await run(
          `${mergeMarker ? 'MERGE' : 'MATCH'} (m:${MARKER} {id: 1})
           SET m.leaseCheckedAt = datetime()
           WITH m WHERE m.heldUntil IS NULL OR m.heldUntil < datetime() OR m.holder = $me
           SET m.holder = $me, m.holding = $what, m.heldUntil = datetime() + duration({milliseconds: $ttl})
           RETURN count(m) AS n`,
          { me, what, ttl: neo4j.int(ttlMs) },
          own,
        );
        if (n === 0) {
          const by = await heldBy(own);
          throw new Error(`cannot hold ${config.uri}: ${by ? describeHolder(by) : 'its scratch marker is gone'}`);
        }
      };
      await take(false).catch(async (e: unknown) => {
        await own.close();
        throw e;
      });
      // Renewal keeps the lease while the run lasts; a failure (the server stopped for an import) waits for
      // the next tick. `release` waits for a renewal in flight, so none lands after the lease is removed.
      let released = false;
      let renewing: Promise<void> = Promise.resolve();
      const timer = setInterval(
        () => {
          if (!released) renewing = take(false).catch(() => undefined);
        },
        Math.max(100, ttlMs / 3),
      );
      timer.unref();
      return {
        renew: () => take(true),
        async release() {
          released = true;
          clearInterval(timer);
          await renewing;
          try {
            await run(
              `MATCH (m:${MARKER}) WHERE m.holder = $me REMOVE m.holder, m.holding, m.heldUntil RETURN count(m) AS n`,
              { me },
              own,
            );
          } finally {
            await own.close();
          }
        },
      };
    },
    async close() {
      await admin?.close();
    },
  };
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
      : `database ${neo4j.config.database}: ${neo4j.refusal}`;
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
