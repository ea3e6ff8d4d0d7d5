/** What every CLI command receives: where the data is, how to open the store, how to print. */
import { resolve } from 'node:path';
import { z } from 'zod';
import { userFacingError } from '../../engine/errors/index.js';
import type { GraphStore } from '../../graph/index.js';
import { openStore, type StoreConfig } from '../../graph/index.js';

export interface CliContext {
  readonly dataDir: string;
  readonly backend: StoreConfig['backend'];
  /** Opens (and migrates) the configured store; the caller closes it. */
  openStore(): Promise<GraphStore>;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** The day answers are given as of (--as-of): recency, trends' today, suggestions' window. Undefined: the system clock. */
  readonly now?: () => Date;
}

export interface GlobalOptions {
  readonly data?: string;
  readonly backend?: string;
  readonly asOf?: string;
}

/** `--as-of`: a day (YYYY-MM-DD) or an ISO timestamp, as a clock that always says it. */
export function asOfClock(value: string): () => Date {
  const t = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?$/u.test(value) ? Date.parse(value) : Number.NaN;
  // Date.parse rolls 2026-02-30 over into March: a day must read back as given.
  if (Number.isNaN(t) || (value.length === 10 && new Date(t).toISOString().slice(0, 10) !== value))
    throw new UsageError(`--as-of ${JSON.stringify(value)} is not a day (YYYY-MM-DD) or an ISO timestamp`);
  return () => new Date(t);
}

/** Environment the CLI reads, validated once so a typo fails at start with its name. */
const envSchema = z.object({
  ILEANET_DATA: z.string().min(1).optional(),
  ILEANET_BACKEND: z.enum(['embedded', 'neo4j']).optional(),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\//u, 'must be a bolt:// or neo4j:// URI')
    .optional(),
  NEO4J_USER: z.string().optional(),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().optional(),
});

/**
 * Prints an engine or store error the way every command does: `ileanet: CODE: message` and exit
 * status 2 for bad input (the caller's to fix, like a usage error), 1 for an unavailable model,
 * index or store. Anything else is rethrown: a bug for main's last resort, with its stack.
 */
export function reportEngineError(c: Pick<CliContext, 'stderr'>, e: unknown): void {
  const known = userFacingError(e);
  if (known === undefined) throw e;
  c.stderr.write(`ileanet: ${known.code}: ${known.message}\n`);
  process.exitCode = known.status < 500 ? 2 : 1;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function createContext(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): CliContext {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new UsageError(`environment variable ${String(i?.path[0])} ${i?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  const dataDir = resolve(options.data ?? e.ILEANET_DATA ?? './data');
  const backend = options.backend ?? e.ILEANET_BACKEND ?? 'embedded';
  if (backend !== 'embedded' && backend !== 'neo4j') {
    throw new UsageError(`--backend must be embedded or neo4j, got "${backend}"`);
  }
  const config: StoreConfig =
    backend === 'embedded'
      ? { backend, dataDir }
      : {
          backend,
          ...(e.NEO4J_URI === undefined ? {} : { uri: e.NEO4J_URI }),
          ...(e.NEO4J_USER === undefined ? {} : { user: e.NEO4J_USER }),
          ...(e.NEO4J_PASSWORD === undefined ? {} : { password: e.NEO4J_PASSWORD }),
          ...(e.NEO4J_DATABASE === undefined ? {} : { database: e.NEO4J_DATABASE }),
        };
  const now = options.asOf === undefined ? undefined : asOfClock(options.asOf);
  return {
    dataDir,
    backend,
    ...(now === undefined ? {} : { now }),
    openStore: () => openStore(config),
    stdout: process.stdout,
    stderr: process.stderr,
  };
}
