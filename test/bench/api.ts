/**
 * HTTP API throughput and latency, and the dashboard's first load. Prints figures and the
 * targets beside them; judges nothing (exit 0 unless something could not run).
 *
 *   npm run bench:api    (tsx test/bench/api.ts [--people 100000] [--duration 10] [--connections 16]
 *                         [--mode lexical|hybrid] [--answer-cache on|off] [--loads 5] [--skip-browser])
 *
 * The server runs in a child process (test/bench/api-server.ts) exactly as `ileanet serve`
 * builds it: auth, rate limiter, request logs, JSON schemas. The load comes from this process
 * over keep-alive HTTP on loopback, so on a 2-core machine the two share the CPU.
 *
 * The graph is the 100,000-person generated network cached by test/bench/match.ts in
 * .cache/bench/match/people-<n> (seed 42); it is generated here when missing (minutes).
 * Every endpoint is warmed first (analytics snapshots, lexical index), then measured. Analytics
 * answers are served from the API's answer cache while the store's revision holds (as in
 * production); `--answer-cache off` measures every request computed.
 *
 * who-solved runs lexically by default: the cached corpus vectors there come from a stand-in
 * model (see match.ts), so only `--mode hybrid` with real vectors measures the dense side.
 *
 * Dashboard first load: the demo dataset in a temporary folder, served with the built
 * dashboard; each load is a fresh Chromium profile (no cache), timed from navigation start to
 * the first chart drawn.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { generatedSource } from '../../datasets/generator/generate.js';
import { projectRoot } from '../../engine/embed/models.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { SYSTEM } from '../../graph/viewer.js';
import { CHROMIUM, chromiumProblem, ensureDashboardBuilt } from '../browser/harness.js';
import { ingestDemo } from '../helpers/demo-engine.js';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    mode: { type: 'string', default: 'lexical' },
    'answer-cache': { type: 'string', default: 'on' },
    loads: { type: 'string', default: '5' },
    'skip-browser': { type: 'boolean', default: false },
    data: { type: 'string', default: join(projectRoot(), '.cache', 'bench', 'match') },
  },
});

const out = (line = '') => process.stdout.write(`${line}\n`);
const SEED = 42;
const ROOT = projectRoot();

/** The generated graph, as test/bench/match.ts caches it (same seed, same stamp). */
async function ensureGraph(people: number): Promise<string> {
  const dir = join(args.data, `people-${people}`);
  mkdirSync(dir, { recursive: true });
  const stampFile = join(dir, 'generated.json');
  const stamp = existsSync(stampFile)
    ? (JSON.parse(readFileSync(stampFile, 'utf8')) as { seed: number; people: number })
    : undefined;
  if (stamp?.seed === SEED && stamp.people === people) return dir;
  const store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
  await store.init();
  try {
    const t = performance.now();
    out(`generating the ${people.toLocaleString('en')}-person graph in ${dir} (once; minutes)…`);
    await runIngest(store, generatedSource({ seed: SEED, people }), { batchSize: 20_000 });
    writeFileSync(stampFile, JSON.stringify({ seed: SEED, people }));
    out(`generated in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  } finally {
    await store.close();
  }
  return dir;
}

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly token: string;
  readonly startMs: number;
  stop(): Promise<void>;
}

async function startServer(data: string, extra: readonly string[] = []): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test', 'bench', 'api-server.ts'), '--data', data, ...extra],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened`)));
  });
  const first = new Promise<string>((resolve) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  const line = await Promise.race([first, exited]);
  const { port, token, ms } = JSON.parse(line) as { port: number; token: string; ms: number };
  return {
    child,
    port,
    token,
    startMs: ms,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface LoadResult {
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly failed: number;
  readonly bytes: number;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** `connections` keep-alive clients asking the paths in turn for `seconds`; latency per request. */
async function load(
  server: Server,
  paths: readonly string[],
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let failed = 0;
  let bytes = 0;
  let next = 0;
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.get(
        { agent, host: '127.0.0.1', port: server.port, path, headers: { authorization: `Bearer ${server.token}` } },
        (res) => {
          res.on('data', (c: Buffer) => {
            bytes += c.length;
          });
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
    });
  const started = performance.now();
  const end = started + seconds * 1_000;
  const worker = async () => {
    while (performance.now() < end) {
      const path = paths[next++ % paths.length] as string;
      const t = performance.now();
      const status = await get(path);
      latencies.push(performance.now() - t);
      if (status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const secs = (performance.now() - started) / 1_000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / secs,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    failed,
    bytes,
  };
}

async function apiBench(): Promise<void> {
  const people = Number(args.people);
  const dir = await ensureGraph(people);
  const seconds = Number(args.duration);
  const connections = Number(args.connections);
  const store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
  await store.init();
  const stats = await store.stats(SYSTEM);
  // who-solved queries: titles of stored challenges spread over the graph, as officers would ask.
  const challenges = (await store.list({ kind: 'Challenge', limit: 10_000 }, SYSTEM)).items;
  const countries = (await store.list({ kind: 'Country', limit: 1_000 }, SYSTEM)).items.flatMap((n) =>
    n.kind === 'Country' ? [n.code] : [],
  );
  await store.close();
  const titles = challenges
    .filter((_, i) => i % Math.max(1, Math.floor(challenges.length / 200)) === 0)
    .flatMap((c) => (c.kind === 'Challenge' ? [c.title] : []));
  out(
    `graph: ${stats.nodes.Person.toLocaleString('en')} people, ${stats.nodes.Organisation.toLocaleString('en')} organisations, ` +
      `${stats.nodes.Challenge.toLocaleString('en')} challenges, ${Object.values(stats.relationships)
        .reduce((a, b) => a + b, 0)
        .toLocaleString('en')} relationships`,
  );
  out(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0]?.toFixed(2)}`);

  const server = await startServer(dir, ['--mode', args.mode, '--answer-cache', args['answer-cache']]);
  out(
    `server ready in ${(server.startMs / 1000).toFixed(1)} s (store, lexical index, ${args.mode} matching, ` +
      `analytics answer cache ${args['answer-cache']})`,
  );
  const q = (p: Record<string, string>) => `?${new URLSearchParams(p).toString()}`;
  const scenarios: { name: string; paths: string[]; target?: string }[] = [
    { name: 'health (baseline)', paths: ['/api/health'] },
    { name: 'trends', paths: ['/api/trends'], target: '≥ 500 req/s, p99 ≤ 100 ms' },
    {
      name: 'trends, by country / quarter',
      paths: countries.slice(0, 10).map((c) => `/api/trends${q({ country: c, unit: 'quarter' })}`),
      target: '≥ 500 req/s, p99 ≤ 100 ms',
    },
    { name: 'gaps', paths: ['/api/gaps'], target: '≥ 500 req/s, p99 ≤ 100 ms' },
    { name: 'network (top 20)', paths: ['/api/network'] },
    {
      name: `who-solved (${args.mode}, ${titles.length} queries)`,
      paths: titles.map((t) => `/api/who-solved${q({ text: t })}`),
    },
  ];
  const rows: string[] = [];
  try {
    for (const s of scenarios) {
      const warm = await load(server, s.paths, Number(args.warmup), connections);
      if (warm.failed > 0) throw new Error(`${s.name}: ${warm.failed} failed requests while warming up`);
      const r = await load(server, s.paths, seconds, connections);
      const line =
        `${s.name.padEnd(40)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  ` +
        `p99 ${r.p99.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(0).padStart(5)} ms  ` +
        `${(r.bytes / Math.max(1, r.requests) / 1024).toFixed(1).padStart(6)} KiB/answer  ${r.failed} failed` +
        (s.target === undefined
          ? ''
          : `  target ${s.target}: ${r.rps >= 500 && r.p99 <= 100 && r.failed === 0 ? 'met' : 'MISSED'}`);
      out(line);
      rows.push(line);
    }
  } finally {
    await server.stop();
  }
  out(
    `(${connections} connections, ${seconds} s each after ${args.warmup} s of warm-up; loader and server share the machine)`,
  );
}

async function firstLoadBench(): Promise<void> {
  const problem = chromiumProblem();
  if (problem !== undefined) {
    out(`dashboard first load: not measured: ${problem}`);
    return;
  }
  await ensureDashboardBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-bench-demo-'));
  await ingestDemo(dir);
  const server = await startServer(dir, ['--mode', 'lexical', '--dashboard']);
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS } = await import('../browser/harness.js');
  const times: { chart: number; dcl: number; trends: number }[] = [];
  try {
    for (let i = 0; i < Number(args.loads); i++) {
      const profile = await mkdtemp(join(tmpdir(), 'ileanet-bench-chromium-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1366, height: 900 },
      });
      try {
        const page = await context.newPage();
        await page.goto(`http://127.0.0.1:${server.port}/#token=${server.token}`);
        await page.locator('figure[data-chart="trends-totals"] .recharts-bar-rectangle').first().waitFor();
        // A string: this file is type-checked without the DOM library.
        times.push(
          (await page.evaluate(`(() => {
            const nav = performance.getEntriesByType('navigation')[0];
            const trends = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/trends'));
            return { chart: performance.now(), dcl: nav ? nav.domContentLoadedEventEnd : NaN, trends: trends ? trends.responseEnd : NaN };
          })()`)) as { chart: number; dcl: number; trends: number },
        );
      } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const sorted = (k: 'chart' | 'dcl' | 'trends') => times.map((t) => t[k]).sort((a, b) => a - b);
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? Number.NaN;
  const charts = sorted('chart');
  out(
    `dashboard first load (demo data, headless Chromium, fresh profile each, ${times.length} loads): ` +
      `first chart drawn at median ${median(charts).toFixed(0)} ms, max ${(charts.at(-1) ?? Number.NaN).toFixed(0)} ms ` +
      `(DOMContentLoaded ${median(sorted('dcl')).toFixed(0)} ms, /api/trends answered ${median(sorted('trends')).toFixed(0)} ms)` +
      `  target ≤ 2,000 ms: ${median(charts) <= 2_000 ? 'met' : 'MISSED'}`,
  );
}

await apiBench();
if (!args['skip-browser']) await firstLoadBench();
