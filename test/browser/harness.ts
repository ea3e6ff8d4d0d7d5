/**
 * What the browser tests need: Debian's Chromium through playwright-core, the dashboard built
 * (rebuilt when a file under dashboard/ is newer than the build), and the real server on the
 * demo dataset on a free loopback port. Screenshots go to .cache/artifacts/browser/.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../app/api/app.js';
import { issueTestTokens, type TokenName } from '../api/helpers.js';
import { type DemoEngine, openDemoEngine } from '../helpers/demo-engine.js';

export const CHROMIUM = process.env['ILEANET_CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DASHBOARD_SRC = join(ROOT, 'dashboard');
export const DASHBOARD_DIR = join(ROOT, 'dist', 'dashboard');
export const ARTIFACTS = join(ROOT, '.cache', 'artifacts', 'browser');

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumProblem(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} is missing (sudo apt-get install -y --no-install-recommends chromium)`;
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the dashboard when dist/dashboard is missing or older than its sources (as `npm run build` does). */
export async function ensureDashboardBuilt(): Promise<void> {
  const index = join(DASHBOARD_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(DASHBOARD_SRC)) return;
  const { build } = await import('vite');
  await build({ configFile: join(DASHBOARD_SRC, 'vite.config.ts'), logLevel: 'warn' });
}

export interface Served {
  readonly base: string;
  readonly demo: DemoEngine;
  readonly tokens: Readonly<Record<TokenName, string>>;
  /** GET on the running server with a token, as the dashboard would. */
  api<T>(who: TokenName, pathAndQuery: string): Promise<T>;
  /** Stops answering (the port is closed), as a server that went down mid-use. */
  stop(): Promise<void>;
  /** Serves again on the same port, with the same engine and tokens. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function serveDemo(o: { grantKey?: Buffer } = {}): Promise<Served> {
  const demo = await openDemoEngine();
  const { tokens, table } = issueTestTokens();
  const open = () =>
    buildApp({
      engine: demo.engine,
      tokens: table,
      dashboardDir: DASHBOARD_DIR,
      ...(o.grantKey === undefined ? {} : { grantKey: o.grantKey }),
    });
  let app: Awaited<ReturnType<typeof open>> | undefined = await open();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no port');
  const port = address.port;
  const base = `http://127.0.0.1:${port}/`;
  return {
    base,
    demo,
    tokens,
    async api<T>(who: TokenName, pathAndQuery: string) {
      const res = await fetch(new URL(pathAndQuery, base), { headers: { authorization: `Bearer ${tokens[who]}` } });
      if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async stop() {
      await app?.close();
      app = undefined;
    },
    async start() {
      if (app !== undefined) return;
      app = await open();
      await app.listen({ host: '127.0.0.1', port });
    },
    async close() {
      await app?.close();
      await demo.close();
    },
  };
}

export interface Browser {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium with a fresh profile of its own (--user-data-dir), gone after the run. */
export async function launchChromium(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'ileanet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 900 },
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A number as the dashboard writes it ("1,234", "11.4", "37.5 %", "+50 %"), back to a number. */
export function shown(text: string | null): number {
  const t = (text ?? '').replace(/,/gu, '').replace('−', '-').replace(/\s*%$/u, '').replace(/^\+/u, '').trim();
  const n = Number(t);
  if (t === '' || Number.isNaN(n)) throw new Error(`"${text}" is not a number`);
  return n;
}

export const round = (n: number, decimals: number): number => Math.round(n * 10 ** decimals) / 10 ** decimals;
