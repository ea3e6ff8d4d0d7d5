/**
 * tsx graph/neo4j/server/cli.ts install|start|stop|status|restart [--port N] [--host H] [--data DIR] [--heap 3g] [--pagecache-mb N] [--fresh]
 * (npm run neo4j -- start --fresh). --data is taken relative to the current directory;
 * --fresh wipes the data dir before starting. Without --heap / --pagecache-mb both are sized from
 * the store files found (control.ts sizeMemory: page cache = store × 1.2 + 64 MiB, heap = 1 GiB
 * + 256 MiB per GiB of store); restart after a large load to re-size.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureNeo4jInstalled, neo4jStatus, type StartOptions, startNeo4j, stopNeo4j } from './control.js';

const USAGE =
  'usage: npm run neo4j -- install|start|stop|status|restart [--port N] [--host H] [--data DIR] [--heap 3g] [--pagecache-mb N] [--fresh]';

function parse(): ReturnType<typeof parseOptions> {
  try {
    return parseOptions();
  } catch (e) {
    // An unknown or malformed option: say which, and how the command is used, not a stack trace.
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      heap: { type: 'string' },
      'pagecache-mb': { type: 'string' },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

const { positionals, values } = parse();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const log = (line: string): void => console.error(line);
const startOpts: StartOptions = { fresh: values.fresh, log };
if (values.port !== undefined) startOpts.port = Number(values.port);
if (values.host !== undefined) startOpts.host = values.host;
if (values.data !== undefined) startOpts.dataDir = resolve(values.data);
if (values.heap !== undefined) startOpts.heap = values.heap;
if (values['pagecache-mb'] !== undefined) startOpts.pageCacheMb = Number(values['pagecache-mb']);

async function start(): Promise<void> {
  const t0 = Date.now();
  const { uri, pid } = await startNeo4j(startOpts);
  console.log(`${uri} (pid ${pid}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'install':
      await ensureNeo4jInstalled({ log });
      console.log('neo4j installed');
      return;
    case 'start':
      return start();
    case 'stop':
      console.log((await stopNeo4j()) ? 'neo4j stopped' : 'neo4j was not running');
      return;
    case 'restart':
      await stopNeo4j();
      return start();
    case 'status': {
      const status = await neo4jStatus();
      console.log(JSON.stringify(status, null, 2));
      process.exitCode = status.running ? 0 : 3; // like init scripts: 3 = not running
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(positionals[0]).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
