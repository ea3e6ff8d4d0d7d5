/**
 * Installs, starts and stops a local Neo4j Community 5.26 server (Neo4jServer.java: the embedded
 * DatabaseManagementService with Bolt on, auth off, loopback only) for tests and benchmarks.
 *
 * Everything lives under `<project>/.cache/` (git-ignored): m2/ (Maven repository), neo4j/lib (jars),
 * neo4j/classes + neo4j/neo4j-server.jar (compiled launcher), neo4j/run (pid, state, log),
 * neo4j/data (default data dir). The project root is found from this file, not from the cwd.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../../project-root.js';
import { type CsvFiles, importArguments } from '../offline-import.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = projectRoot(HERE);
const CACHE = join(ROOT, '.cache', 'neo4j');
const M2 = join(ROOT, '.cache', 'm2');
const POM = join(HERE, 'pom.xml');
const SRC = join(HERE, 'Neo4jServer.java');
const LIB = join(CACHE, 'lib');
const LIB_STAMP = join(LIB, '.stamp');
const CLASSES = join(CACHE, 'classes');
const BUILD_STAMP = join(CLASSES, '.stamp');
const SERVER_JAR = join(CACHE, 'neo4j-server.jar');
// AppCDS archive of the classes a run loaded: later starts map them instead of parsing ~200 jars
// (saves seconds of a start on 2 cores). Needs a classpath of jars only, hence SERVER_JAR.
const CDS = join(CACHE, 'neo4j.jsa');
const CDS_TMP = `${CDS}.tmp`;
const RUN = join(CACHE, 'run');
export const NEO4J_PID_FILE = join(RUN, 'neo4j.pid');
export const NEO4J_LOG_FILE = join(RUN, 'neo4j.log');
const STATE_FILE = join(RUN, 'neo4j.json');
const LOCK_FILE = join(RUN, 'control.lock');
export const NEO4J_DEFAULT_DATA_DIR = join(CACHE, 'data');
const READY = /^neo4j ready (bolt:\/\/\S+)$/m;

const jdkTool = (name: string): string =>
  process.env['JAVA_HOME'] ? join(process.env['JAVA_HOME'], 'bin', name) : name;

export interface InstallOptions {
  /** Re-resolve jars and recompile even if the cache looks complete. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface StartOptions {
  port?: number;
  host?: string;
  /** Relative paths are taken from the project root. Default `.cache/neo4j/data`. */
  dataDir?: string;
  /** JVM heap (-Xms and -Xmx), e.g. '3g'. Default: sized from the data (sizeMemory). */
  heap?: string;
  /** Page cache (off-heap, on top of the heap) in MiB. Default: sized from the data (sizeMemory). */
  pageCacheMb?: number;
  /** Wipe the data dir first (stopping the server if it runs). */
  fresh?: boolean;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface Neo4jStatus {
  installed: boolean;
  running: boolean;
  /** Bolt port of the recorded server accepts TCP connections. */
  boltOpen: boolean;
  pid: number | null;
  uri: string | null;
  dataDir: string | null;
}

interface RunState {
  pid: number;
  uri: string;
  host: string;
  port: number;
  dataDir: string;
}

const sha256 = (...parts: string[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};
const readText = (file: string): string | null => (existsSync(file) ? readFileSync(file, 'utf8') : null);

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${out.slice(-4000)}`)),
    );
  });
}

/**
 * A cross-process mutex (exclusive file create), so that parallel test workers calling startNeo4j
 * do not spawn two servers or run two Maven builds into the same folder. A lock left by a dead
 * process is taken over.
 */
async function withLock<T>(fn: () => Promise<T>, timeoutMs = 15 * 60_000): Promise<T> {
  mkdirSync(RUN, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(LOCK_FILE, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readText(LOCK_FILE));
      if (holder > 0 && !isAlive(holder)) rmSync(LOCK_FILE, { force: true });
      else if (Date.now() > deadline) throw new Error(`neo4j control lock ${LOCK_FILE} held by pid ${holder}`);
      else await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK_FILE, { force: true });
  }
}

/** Alive and not a zombie (an orphan whose reaper never came still answers kill(pid, 0)). */
function isAlive(pid: number): boolean {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat !== null) return !/\) [ZX] /.test(stat);
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid is still our server, not a reused pid of something else. */
const isOurServer = (pid: number): boolean =>
  isAlive(pid) && (readText(`/proc/${pid}/cmdline`) ?? 'Neo4jServer').includes('Neo4jServer');

function portOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function logTail(lines = 40): string {
  return (readText(NEO4J_LOG_FILE) ?? '(no log)').trimEnd().split('\n').slice(-lines).join('\n');
}

function readState(): RunState | null {
  try {
    return JSON.parse(readText(STATE_FILE) ?? 'null') as RunState | null;
  } catch {
    return null;
  }
}

function clearRunFiles(): void {
  rmSync(NEO4J_PID_FILE, { force: true });
  rmSync(STATE_FILE, { force: true });
}

function classpath(): string {
  // Explicit, sorted jar list (not `lib/*`): the CDS archive records the classpath and is only
  // used when the next start passes the same one.
  const jars = readdirSync(LIB)
    .filter((f) => f.endsWith('.jar'))
    .sort()
    .map((f) => join(LIB, f));
  return [SERVER_JAR, ...jars].join(':');
}

async function install(opts: InstallOptions): Promise<void> {
  const log = opts.log ?? (() => {});
  const pomHash = sha256(readFileSync(POM, 'utf8'));
  if (opts.force || readText(LIB_STAMP) !== pomHash) {
    log('neo4j: resolving jars with Maven (first time: several minutes)…');
    rmSync(LIB, { recursive: true, force: true }); // copy-dependencies never removes jars of an old version
    rmSync(CDS, { force: true });
    await run('mvn', [
      '-q',
      '-B',
      '-f',
      POM,
      `-Dmaven.repo.local=${M2}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${LIB}`,
    ]);
    writeFileSync(LIB_STAMP, pomHash);
  }
  const srcHash = sha256(pomHash, readFileSync(SRC, 'utf8'));
  if (opts.force || readText(BUILD_STAMP) !== srcHash || !existsSync(SERVER_JAR)) {
    log('neo4j: compiling Neo4jServer.java…');
    rmSync(CLASSES, { recursive: true, force: true });
    rmSync(CDS, { force: true });
    await run(jdkTool('javac'), ['-d', CLASSES, '-cp', join(LIB, '*'), SRC]);
    await run(jdkTool('jar'), ['--create', '--file', SERVER_JAR, '-C', CLASSES, '.']);
    writeFileSync(BUILD_STAMP, srcHash);
  }
}

/** Resolves the jars (Maven) and compiles the launcher (javac) unless already cached. */
export function ensureNeo4jInstalled(opts: InstallOptions = {}): Promise<void> {
  return withLock(() => install(opts));
}

async function stop(timeoutMs: number): Promise<boolean> {
  const state = readState();
  const pid = state?.pid ?? Number(readText(NEO4J_PID_FILE));
  if (!(pid > 0) || !isOurServer(pid)) {
    clearRunFiles();
    return false;
  }
  process.kill(pid, 'SIGTERM'); // the server's shutdown hook checkpoints and closes the stores
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  const clean = !isAlive(pid);
  if (!clean) {
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(100);
  }
  // A class archive is only trusted when the JVM finished writing it at a clean exit.
  if (existsSync(CDS_TMP)) {
    if (clean) renameSync(CDS_TMP, CDS);
    else rmSync(CDS_TMP, { force: true });
  }
  clearRunFiles();
  return true;
}

/** Stops the server (SIGTERM, SIGKILL after timeoutMs). Resolves true if one was running. */
export function stopNeo4j(opts: { timeoutMs?: number } = {}): Promise<boolean> {
  return withLock(() => stop(opts.timeoutMs ?? 60_000));
}

async function waitReady(child: ChildProcess | null, state: RunState, timeoutMs: number): Promise<void> {
  const exit = { status: null as number | string | null };
  child?.once('exit', (code, signal) => (exit.status = code ?? signal));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit.status !== null || !isAlive(state.pid)) {
      clearRunFiles();
      rmSync(CDS_TMP, { force: true });
      throw new Error(`neo4j exited during start (${exit.status ?? 'gone'}); log tail:\n${logTail()}`);
    }
    if (READY.test(readText(NEO4J_LOG_FILE) ?? '') && (await portOpen(state.host, state.port))) return;
    if (Date.now() > deadline) {
      const tail = logTail();
      console.error(`neo4j not ready after ${timeoutMs} ms; log tail:\n${tail}`);
      await stop(30_000);
      throw new Error(`neo4j not ready after ${timeoutMs} ms (see ${NEO4J_LOG_FILE})`);
    }
    await sleep(200);
  }
}

/**
 * Starts the server detached (it outlives this process) and resolves once Bolt answers and the
 * server printed its ready line. If it already runs with the same host, port and data dir, returns it.
 */
export function startNeo4j(opts: StartOptions = {}): Promise<{ uri: string; pid: number }> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 7687;
  const dataDir = resolve(ROOT, opts.dataDir ?? NEO4J_DEFAULT_DATA_DIR);
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const log = opts.log ?? (() => {});
  return withLock(async () => {
    await install({ log });
    let state = readState();
    if (state && isOurServer(state.pid)) {
      if (opts.fresh) await stop(60_000);
      else if (state.host !== host || state.port !== port || state.dataDir !== dataDir) {
        throw new Error(`neo4j already runs as ${state.uri} on ${state.dataDir} (pid ${state.pid}); stop it first`);
      } else {
        await waitReady(null, state, timeoutMs); // answers at once, or it is still starting
        return { uri: state.uri, pid: state.pid };
      }
    }
    clearRunFiles();
    if (await portOpen(host, port)) throw new Error(`${host}:${port} is already taken by another process`);
    if (opts.fresh) wipeDataDir(dataDir);
    mkdirSync(dataDir, { recursive: true });

    const sized = sizeMemory(storeBytes(dataDir));
    const heap = opts.heap ?? `${sized.heapMb}m`;
    const pageCacheMb = opts.pageCacheMb ?? sized.pageCacheMb;
    log(`neo4j: heap ${heap}, page cache ${pageCacheMb} MiB (store ${sized.storeMb} MiB)`);
    // Use the class archive if a previous clean stop left one, else record one for next time.
    const jvm = jvmFlags(
      heap,
      existsSync(CDS) ? `-XX:SharedArchiveFile=${CDS}` : `-XX:ArchiveClassesAtExit=${CDS_TMP}`,
    );
    const args = [
      ...jvm,
      '-cp',
      classpath(),
      'Neo4jServer',
      '--data',
      dataDir,
      '--host',
      host,
      '--port',
      String(port),
      '--pagecache-mb',
      String(pageCacheMb),
    ];
    mkdirSync(RUN, { recursive: true });
    const out = openSync(NEO4J_LOG_FILE, 'w');
    const child = spawn(jdkTool('java'), args, { cwd: ROOT, detached: true, stdio: ['ignore', out, out] });
    closeSync(out);
    child.unref();
    if (child.pid === undefined) throw new Error('could not spawn java');
    const uri = `bolt://${host.includes(':') ? `[${host}]` : host}:${port}`;
    state = { pid: child.pid, uri, host, port, dataDir };
    writeFileSync(NEO4J_PID_FILE, `${child.pid}\n`);
    writeFileSync(STATE_FILE, JSON.stringify(state));
    log(`neo4j: starting pid ${child.pid} on ${uri} (data ${dataDir}, log ${NEO4J_LOG_FILE})`);
    await waitReady(child, state, timeoutMs);
    return { uri, pid: child.pid };
  });
}

/**
 * Bytes of the files the page cache serves under a server home: the store files and the native
 * (range, token) indexes of data/databases; not the transaction logs, and not the Lucene indexes
 * (`schema/index/fulltext-*`, `vector-*`), which Lucene reads through its own memory-mapped files
 * (at 100,000 people, 290 of the 1,389 MiB: the vector indexes alone 280).
 */
export function storeBytes(home: string): number {
  const LUCENE = /^(fulltext|vector)-/u;
  const walk = (dir: string): number => {
    if (!existsSync(dir)) return 0;
    let total = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory() && LUCENE.test(e.name) && dir.endsWith(join('schema', 'index'))) continue;
      total += e.isDirectory() ? walk(path) : e.isFile() ? statSync(path).size : 0;
    }
    return total;
  };
  return walk(join(home, 'data', 'databases'));
}

/**
 * Memory from the data, the rule `start` applies when no size is given:
 * - page cache = store files × 1.2 + 64 MiB, at least 128 MiB: the whole store stays in memory
 *   with room for 20 % growth before the next start re-sizes it (a read that misses the page
 *   cache goes to disk, and the graph's walks touch records all over the store);
 * - heap = 1 GiB + 256 MiB per GiB of store, at most 4 GiB: transaction state of a 20,000-record
 *   batch and the query caches fit in 1 GiB (measured: the 100,000-person loads of bench:graph); a
 *   larger store means larger result sets and more plans. Less is not enough for writes: at 100,000
 *   people a 512 MiB heap answered who-solved as fast as 1,236 MiB (JVM RSS 1,472 against 2,154 MiB),
 *   but deleting that graph (the bench's wipe) ended in OutOfMemoryError.
 * An empty database starts at 128 MiB + 1 GiB; restart after a large load to re-size.
 */
export function sizeMemory(bytes: number): { storeMb: number; heapMb: number; pageCacheMb: number } {
  const storeMb = Math.ceil(bytes / 2 ** 20);
  return {
    storeMb,
    pageCacheMb: Math.max(128, Math.ceil(storeMb * 1.2) + 64),
    heapMb: Math.min(4096, 1024 + Math.ceil((256 * storeMb) / 1024)),
  };
}

// What Neo4j's own launcher passes: without these the page cache falls back to a slower mode
// ("Reflection access to java.nio.DirectByteBuffer is not available") and native tx-log file
// calls fail ("Incorrect file descriptor" warnings).
const OPENS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
];

function jvmFlags(heap: string, archive: string | undefined): string[] {
  return [
    `-Xms${heap}`, // Neo4j warns unless the initial heap is set; nothing is pre-touched, so it is cheap
    `-Xmx${heap}`,
    ...OPENS,
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-XX:+ExitOnOutOfMemoryError', // a half-dead server would hang tests instead of failing them
    ...(archive === undefined ? [] : [archive]),
  ];
}

export interface SpareServerOptions {
  readonly port: number;
  /** Absolute; created if missing, kept (the caller owns it). */
  readonly dataDir: string;
  readonly heap?: string;
  readonly pageCacheMb?: number;
  readonly timeoutMs?: number;
}

export interface SpareServer {
  readonly uri: string;
  readonly pid: number;
  /** SIGTERM (a clean stop: checkpoint, close) or SIGKILL (a crash); resolves once the process is gone. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/** The server home (databases under `<home>/data`) of a spare server started on `dataDir`. */
export const spareNeo4jHome = (dataDir: string): string => join(dataDir, 'home');

/**
 * A second server for tests that stop and start one on purpose (an outage during a load): not
 * the checkout's managed server (no pid or state file, no lock), so the shared test database on
 * NEO4J_URI keeps running for the other suites. Same jars, launcher and flags; it reads the
 * class archive but never writes one. Call ensureNeo4jInstalled first.
 */
export async function startSpareNeo4j(opts: SpareServerOptions): Promise<SpareServer> {
  const host = '127.0.0.1';
  if (await portOpen(host, opts.port)) throw new Error(`${host}:${opts.port} is already taken by another process`);
  mkdirSync(opts.dataDir, { recursive: true });
  const log = join(opts.dataDir, 'server.log');
  const out = openSync(log, 'w');
  const args = [
    ...jvmFlags(opts.heap ?? '512m', existsSync(CDS) ? `-XX:SharedArchiveFile=${CDS}` : undefined),
    '-cp',
    classpath(),
    'Neo4jServer',
    '--data',
    spareNeo4jHome(opts.dataDir),
    '--host',
    host,
    '--port',
    String(opts.port),
    '--pagecache-mb',
    String(opts.pageCacheMb ?? 128),
  ];
  const child = spawn(jdkTool('java'), args, { cwd: ROOT, stdio: ['ignore', out, out] });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn java');
  let exited = false;
  const gone = new Promise<void>((done) =>
    child.once('exit', () => {
      exited = true;
      done();
    }),
  );
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> => {
    if (!exited) child.kill(signal);
    await gone;
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  for (;;) {
    if (exited) throw new Error(`spare neo4j exited during start; log tail:\n${readText(log)?.slice(-3000) ?? ''}`);
    if (READY.test(readText(log) ?? '') && (await portOpen(host, opts.port))) break;
    if (Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`spare neo4j not ready after ${opts.timeoutMs ?? 180_000} ms (see ${log})`);
    }
    await sleep(200);
  }
  return { uri: `bolt://${host}:${opts.port}`, pid, stop };
}

/** rm -rf of a data dir, refused for anything that does not look like one (a typo must not wipe the repo). */
function wipeDataDir(dataDir: string): void {
  if (!isAbsolute(dataDir) || !existsSync(dataDir)) return;
  // Neo4jServer's home holds only data/ and logs/.
  const looksLikeNeo4j = readdirSync(dataDir).every((e) => e === 'data' || e === 'logs');
  if (!looksLikeNeo4j || ROOT.startsWith(dataDir)) throw new Error(`refusing to wipe ${dataDir}: not a Neo4j data dir`);
  rmSync(dataDir, { recursive: true, force: true });
}

export async function neo4jStatus(): Promise<Neo4jStatus> {
  const installed = readText(LIB_STAMP) !== null && existsSync(SERVER_JAR);
  const state = readState();
  const running = state !== null && isOurServer(state.pid);
  return {
    installed,
    running,
    boltOpen: running && state !== null && (await portOpen(state.host, state.port)),
    pid: running ? (state?.pid ?? null) : null,
    uri: running ? (state?.uri ?? null) : null,
    dataDir: state?.dataDir ?? null,
  };
}

export interface CsvImport extends CsvFiles {
  /**
   * The server home whose database `neo4j` the import replaces (its stores sit under
   * `<home>/data`): the managed server's data dir, or spareNeo4jHome of a spare's. No server may
   * run on it; Neo4j's store lock refuses the import if one does.
   */
  readonly home: string;
}

/**
 * Neo4j's offline importer (`neo4j-admin database import full`, from the same jars as the server)
 * over CSV files with string ids: it writes the store files directly, without transactions, and
 * replaces whatever database `neo4j` the home held. Any bad row (a duplicate id, a relationship to
 * a missing node) fails the whole import, and then its half-written store (the importer calls it
 * "likely in an unusable state") is removed, so that the next start makes an empty database.
 * Indexes and constraints are not part of it (`--schema` needs the Enterprise block format): the
 * first `init()` after the next start creates and fills them.
 */
export async function importNeo4jCsv(opts: CsvImport): Promise<void> {
  const state = readState();
  if (state !== null && isOurServer(state.pid) && resolve(state.dataDir) === resolve(opts.home)) {
    throw new Error(`neo4j runs on ${opts.home} (pid ${state.pid}); stop it before an offline import`);
  }
  await install({});
  const conf = join(opts.workDir, 'conf');
  mkdirSync(conf, { recursive: true });
  writeFileSync(join(conf, 'neo4j.conf'), `server.directories.data=${join(resolve(opts.home), 'data')}\n`);
  const args = [
    ...OPENS,
    '-cp',
    classpath(),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    ...importArguments(opts),
    '--verbose', // a failure then names its cause (which file, which id), not only "Error importing csv file."
    '--overwrite-destination=true',
    `--report-file=${join(opts.workDir, 'import.report')}`,
    'neo4j',
  ];
  const outFile = join(opts.workDir, 'import.log');
  const out = openSync(outFile, 'w');
  const child = spawn(jdkTool('java'), args, {
    cwd: opts.workDir,
    env: { ...process.env, NEO4J_HOME: resolve(opts.home), NEO4J_CONF: conf },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const code = await new Promise<number | string>((done, fail) => {
    child.once('error', fail);
    child.once('exit', (c, signal) => done(c ?? signal ?? 'unknown'));
  });
  const output = readText(outFile) ?? '';
  if (code !== 0) {
    for (const part of ['databases', 'transactions']) {
      rmSync(join(resolve(opts.home), 'data', part, 'neo4j'), { recursive: true, force: true });
    }
    const causes = output.split('\n').filter((l) => l.startsWith('Caused by: '));
    const report = readText(join(opts.workDir, 'import.report'))?.trim().split('\n').slice(0, 5).join('\n');
    throw new Error(
      `neo4j offline import failed (exit ${code}): ${causes.at(-1)?.slice('Caused by: '.length) ?? 'no cause given'}` +
        (report ? `\nreport:\n${report}` : ''),
    );
  }
}

/** The checkout's managed server as something to stop, import into and start again (graph/neo4j/offline-import.ts BulkServer). */
export interface ManagedServer {
  readonly uri: string;
  stop(): Promise<void>;
  importCsv(files: Omit<CsvImport, 'home'>): Promise<void>;
  start(): Promise<{ uri: string }>;
}

/** The managed server if it runs at `uri` (its recorded address), else undefined. */
export async function managedNeo4jAt(uri: string): Promise<ManagedServer | undefined> {
  const state = readState();
  if (state === null || !isOurServer(state.pid) || state.uri !== uri) return undefined;
  const { host, port, dataDir } = state;
  return {
    uri,
    stop: async () => {
      await stopNeo4j();
    },
    importCsv: async (files) => {
      await importNeo4jCsv({ home: dataDir, ...files });
    },
    start: () => startNeo4j({ host, port, dataDir }),
  };
}
