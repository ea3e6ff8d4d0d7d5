/**
 * Suites that need a running service (Neo4j, Synapse, Chromium, the sentence model) or an
 * input that may be absent (the shared CORDIS extract). Locally a missing one skips its suite
 * with one clear warning, so that `npm test` works on a fresh checkout; in CI (`inCi()`) it
 * fails the run, so that a green CI always means the suite ran.
 */
import neo4j from 'neo4j-driver';
import { describe, it } from 'vitest';
import { inCi } from './ci.js';

const warned = new Set<string>();

/**
 * Decides what a suite does about a service: `unavailable` is why it cannot be reached, or
 * `undefined` when it can. Returns whether to declare the suite. Call at collection time
 * (top level of a test file): in CI it declares a failing test that carries the reason.
 */
export function requireService(
  name: string,
  unavailable: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (unavailable === undefined) return true;
  if (inCi(env)) {
    describe(`${name} (required in CI)`, () => {
      it('is reachable', () => {
        throw new Error(`${name} is required when CI is set, and it is not reachable: ${unavailable}`);
      });
    });
    return false;
  }
  if (!warned.has(name)) {
    warned.add(name);
    console.warn(`SKIPPED ${name}: ${unavailable}`);
  }
  // A file with no suite at all fails in vitest; a skipped one shows the reason in the report.
  describe.skip(name, () => {
    it(`needs ${unavailable}`, () => undefined);
  });
  return false;
}

export interface Neo4jTarget {
  readonly uri: string;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
}

/**
 * True when a Bolt server answers at `uri`, within `timeoutMs`. A server that rejects our
 * credentials counts as reachable: the suite should then fail loudly on its first query
 * rather than be skipped as if there were no server.
 */
export async function neo4jAvailable(target: string | Neo4jTarget, timeoutMs = 2_000): Promise<boolean> {
  const { uri, user, password } =
    typeof target === 'string' ? { uri: target, user: undefined, password: undefined } : target;
  const auth = password ? neo4j.auth.basic(user ?? 'neo4j', password) : undefined;
  const driver = neo4j.driver(uri, auth, {
    connectionTimeout: timeoutMs,
    connectionAcquisitionTimeout: timeoutMs,
    maxConnectionPoolSize: 1,
    // The probe's own failure is the answer; the driver need not log it too.
    logging: { level: 'error', logger: () => undefined },
  });
  try {
    // The driver retries some failures past its own timeouts; the race bounds the probe.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs + 500);
    });
    try {
      await Promise.race([driver.getServerInfo(), deadline]);
    } finally {
      clearTimeout(timer);
    }
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && code.startsWith('Neo.ClientError.Security.');
  } finally {
    await driver.close().catch(() => undefined);
  }
}
