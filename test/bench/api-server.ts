/**
 * The server side of `npm run bench:api`, run in its own process: opens the embedded store of a
 * data folder, issues one admin token in memory, and serves the API exactly as `ileanet serve`
 * does (rate limits on, request logs written, to /dev/null). Prints one JSON line
 * { port, token, ms } when it listens; stops on SIGTERM.
 *
 *   tsx test/bench/api-server.ts --data <dir> [--mode lexical|hybrid] [--dashboard] [--answer-cache on|off]
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_DASHBOARD_DIR, startServer } from '../../app/api/server.js';
import { generateToken, hashToken, TokenTable } from '../../app/api/tokens.js';
import { openStore } from '../../graph/index.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    mode: { type: 'string', default: 'lexical' },
    dashboard: { type: 'boolean', default: false },
    'answer-cache': { type: 'string', default: 'on' },
  },
});
if (args.data === undefined) throw new Error('--data <dir> is required');
const mode = args.mode === 'hybrid' ? 'hybrid' : 'lexical';

const started = performance.now();
const store = await openStore({ backend: 'embedded', dataDir: args.data });
const token = generateToken();
const server = await startServer({
  store,
  dataDir: args.data,
  tokens: new TokenTable([{ name: 'bench', role: 'admin', sha256: hashToken(token) }]),
  port: 0,
  mode,
  ...(args.dashboard ? { dashboardDir: DEFAULT_DASHBOARD_DIR } : {}),
  // The limiter runs on every request, as in production, with a ceiling the load never reaches.
  rateLimit: { max: 1_000_000_000, timeWindow: 60_000 },
  ...(args['answer-cache'] === 'off' ? { answerCache: false as const } : {}),
  log: createWriteStream('/dev/null'),
  say: (l) => process.stderr.write(`server: ${l}\n`),
});
process.stdout.write(`${JSON.stringify({ port: server.port, token, ms: Math.round(performance.now() - started) })}\n`);

const stop = async () => {
  await server.close();
  await store.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
