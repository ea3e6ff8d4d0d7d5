/**
 * The scratch database's lease, on the real Neo4j: a benchmark holding it keeps every other
 * process's wipe off its graph, including a wipe that a suite was already allowed to make when
 * the lease was taken (the case that once cut a 1,000,000-person benchmark graph from 1.86 M to
 * 1.57 M nodes while it loaded). Two holder names play two processes.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { connectNeo4j, MARKER, neo4jTestDatabase } from './neo4j.js';
import { requireService } from './services.js';

const suite = await neo4jTestDatabase({ holder: 'lease-test:suite' });
const { config } = suite;
const available = !suite.reachable
  ? `no Neo4j at ${config.uri}; start one with \`npm run neo4j -- start\``
  : suite.refusal;

if (requireService('scratch lease on Neo4j', available)) {
  const driver = connectNeo4j(config);
  const cypher = async (q: string): Promise<number> => {
    const { records } = await driver.executeQuery(q, {}, { database: config.database });
    return neo4j.integer.toNumber(records[0]?.get('n') ?? 0);
  };
  const nodes = () => cypher(`MATCH (n) WHERE NOT n:${MARKER} RETURN count(n) AS n`);
  /** Ends this file's own leases only: a benchmark's lease taken meanwhile stays (and stops the wipes below). */
  const endOwnLeases = () =>
    cypher(
      `MATCH (m:${MARKER}) WHERE m.holder STARTS WITH 'lease-test:' REMOVE m.holder, m.holding, m.heldUntil RETURN count(m) AS n`,
    );
  /** What a benchmark loads: more than one delete batch (10,000), so that a stopped wipe shows. */
  const load = () => cypher('UNWIND range(1, 12000) AS i CREATE (:LeaseProbe {i: i}) RETURN count(*) AS n');

  afterAll(async () => {
    await endOwnLeases();
    try {
      await suite.wipe();
    } finally {
      await suite.close();
    }
    await driver.close();
  });

  describe('the scratch lease', () => {
    beforeEach(async () => {
      await endOwnLeases();
      await suite.wipe();
      await load();
    });

    it("stops a wipe that was allowed before the bench took the lease, and leaves the bench's graph whole", async () => {
      const tests = await neo4jTestDatabase({ holder: 'lease-test:tests' });
      expect(tests.mayWipe).toBe(true);
      const bench = await neo4jTestDatabase({ holder: 'lease-test:bench' });
      const lease = await bench.hold('bench:scale --people 12000');
      try {
        await expect(tests.wipe()).rejects.toThrow(/stopped wiping .*bench:scale --people 12000 \(lease-test:bench\)/);
        expect(await nodes()).toBe(12000);
        // A suite that starts while the lease is live is told why it may not wipe.
        const later = await neo4jTestDatabase({ holder: 'lease-test:later' });
        expect(later.mayWipe).toBe(false);
        expect(later.refusal).toMatch(/bench:scale --people 12000 \(lease-test:bench\) is using it until/);
        await expect(later.wipe()).rejects.toThrow(/refusing to wipe/);
        await later.close();
        // The holder's own wipe goes through (a bench wipes before it loads).
        await bench.wipe();
        expect(await nodes()).toBe(0);
      } finally {
        await lease.release();
        await tests.close();
        await bench.close();
      }
    });

    it('lets the others wipe once the lease is released', async () => {
      const bench = await neo4jTestDatabase({ holder: 'lease-test:bench' });
      const lease = await bench.hold('bench:quality');
      const tests = await neo4jTestDatabase({ holder: 'lease-test:tests' });
      expect(tests.mayWipe).toBe(false);
      await lease.release();
      const after = await neo4jTestDatabase({ holder: 'lease-test:tests' });
      expect(after.mayWipe).toBe(true);
      await after.wipe();
      expect(await nodes()).toBe(0);
      await Promise.all([bench.close(), tests.close(), after.close()]);
    });

    it('is renewed while its holder runs, and lapses when the holder stops renewing (a killed run)', async () => {
      // The suite and a second would-be holder start before the lease is taken, so what stops them is
      // each wipe batch's check and the hold's check-and-set, not the refusal read at their start.
      const tests = await neo4jTestDatabase({ holder: 'lease-test:tests' });
      expect(tests.mayWipe).toBe(true);
      const other = await neo4jTestDatabase({ holder: 'lease-test:other' });
      expect(other.mayWipe).toBe(true);
      const bench = await neo4jTestDatabase({ holder: 'lease-test:bench' });
      // Leases of seconds, renewed every third: a loaded machine can stall this process for a second.
      const lease = await bench.hold('bench:analytics', { ttlMs: 3000 });
      // A lease length and a half later, renewal still holds it.
      await new Promise((r) => setTimeout(r, 4500));
      await expect(tests.wipe()).rejects.toThrow(/bench:analytics/);
      expect(await nodes()).toBe(12000);
      // A second holder cannot take it meanwhile.
      await expect(other.hold('bench:feed')).rejects.toThrow(/cannot hold .*: bench:analytics \(lease-test:bench\)/);
      // A killed run: the lease stays written but is no longer renewed (here: set back to expire in 4 s).
      await cypher(
        `MATCH (m:${MARKER}) WHERE m.holder = 'lease-test:bench' SET m.holder = 'lease-test:killed', m.heldUntil = datetime() + duration({seconds: 4}) RETURN count(m) AS n`,
      );
      await lease.release(); // removes nothing now: the lease names another holder
      await expect(tests.wipe()).rejects.toThrow(/lease-test:killed/);
      await new Promise((r) => setTimeout(r, 4500));
      await tests.wipe();
      expect(await nodes()).toBe(0);
      await Promise.all([bench.close(), tests.close(), other.close()]);
    });

    it('no suite wipes a database whose marker an offline import removed, and renew writes marker and lease back', async () => {
      const earlier = await neo4jTestDatabase({ holder: 'lease-test:tests' });
      expect(earlier.mayWipe).toBe(true);
      const bench = await neo4jTestDatabase({ holder: 'lease-test:bench' });
      const lease = await bench.hold('bench:scale --bulk');
      // What the import does to the marker: the new database has none (its graph is the 12,000 nodes).
      await cypher(`MATCH (m:${MARKER}) WHERE m.holder = 'lease-test:bench' DELETE m RETURN count(*) AS n`);
      // A suite that was allowed before the import does not delete the imported graph…
      await expect(earlier.wipe()).rejects.toThrow(/scratch marker is gone/);
      expect(await nodes()).toBe(12000);
      // …and one starting now sees data without a marker.
      const during = await neo4jTestDatabase({ holder: 'lease-test:tests' });
      expect(during.mayWipe).toBe(false);
      await lease.renew();
      const after = await neo4jTestDatabase({ holder: 'lease-test:tests' });
      expect(after.mayWipe).toBe(false);
      expect(after.refusal).toMatch(/bench:scale --bulk/);
      expect(await cypher(`MATCH (m:${MARKER}) RETURN count(m) AS n`)).toBe(1);
      await lease.release();
      await Promise.all([earlier.close(), bench.close(), during.close(), after.close()]);
    });
  });
}
