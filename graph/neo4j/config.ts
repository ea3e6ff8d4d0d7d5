/**
 * Connection settings of the Neo4j backend: explicit options win, then the environment
 * (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE), then local defaults.
 */

export interface Neo4jConfig {
  /** Bolt address, e.g. `bolt://127.0.0.1:7687` or `neo4j://cluster:7687`. */
  readonly uri: string;
  readonly user: string;
  /** Empty or absent: connect without authentication (a server run with auth disabled). */
  readonly password: string | undefined;
  readonly database: string;
  /**
   * How long to wait for a TCP/Bolt connection, and for a pooled one, before reporting the
   * store unavailable. Seconds, not the driver's default minute, so that an outage shows quickly.
   */
  readonly connectTimeoutMs: number;
}

export type Neo4jOptions = Partial<Neo4jConfig>;

export const NEO4J_DEFAULTS = {
  uri: 'bolt://127.0.0.1:7687',
  user: 'neo4j',
  database: 'neo4j',
  connectTimeoutMs: 5_000,
} as const;

const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

export function resolveNeo4jConfig(options: Neo4jOptions = {}, env: NodeJS.ProcessEnv = process.env): Neo4jConfig {
  return {
    uri: nonEmpty(options.uri) ?? nonEmpty(env['NEO4J_URI']) ?? NEO4J_DEFAULTS.uri,
    user: nonEmpty(options.user) ?? nonEmpty(env['NEO4J_USER']) ?? NEO4J_DEFAULTS.user,
    password: nonEmpty(options.password) ?? nonEmpty(env['NEO4J_PASSWORD']),
    database: nonEmpty(options.database) ?? nonEmpty(env['NEO4J_DATABASE']) ?? NEO4J_DEFAULTS.database,
    connectTimeoutMs: options.connectTimeoutMs ?? NEO4J_DEFAULTS.connectTimeoutMs,
  };
}
