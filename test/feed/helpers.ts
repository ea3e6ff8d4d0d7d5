/** Real processes for the change-feed tests: `ileanet serve` and engine children (test/feed/engine-child.ts). */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export const OFFICER = { person: 'demo:person:olivier-dufresnel', organisation: 'demo:org:valmont-prisons' };
export const TOKEN = 'feed-test-officer-token-0123456789';

export interface Child {
  readonly proc: ChildProcess;
  readonly stderr: () => string;
  kill(signal?: NodeJS.Signals): void;
  exited: Promise<number | null>;
}

function start(args: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(TSX, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    if (process.env['FEED_TEST_VERBOSE']) process.stderr.write(d);
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, stderr: () => err, kill: (s = 'SIGTERM') => proc.kill(s), exited };
}

/** An engine child: `send` runs one command and resolves with its answer. */
export interface EngineChild extends Child {
  send<T = unknown>(op: string, args?: Record<string, unknown>): Promise<T>;
  /** Lines of stdout seen so far (for acknowledgements). */
  readonly acks: string[];
}

export async function engineChild(
  dataDir: string,
  dense: 'fake' | 'onnx' | 'lexical',
  env: NodeJS.ProcessEnv = {},
): Promise<EngineChild> {
  const c = start([join(ROOT, 'test/feed/engine-child.ts'), dataDir, dense], env);
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const acks: string[] = [];
  let next = 1;
  const ready = new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: c.proc.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      acks.push(line);
      const msg = JSON.parse(line) as { ready?: number; id?: number; result?: unknown; error?: string };
      if (msg.ready !== undefined) return resolve();
      const w = msg.id === undefined ? undefined : waiting.get(msg.id);
      if (w === undefined) return;
      waiting.delete(msg.id as number);
      if (msg.error !== undefined) w.reject(new Error(msg.error));
      else w.resolve(msg.result);
    });
    void c.exited.then((code) => {
      reject(new Error(`engine child exited ${code} before it was ready: ${c.stderr()}`));
      for (const w of waiting.values()) w.reject(new Error(`engine child exited ${code}: ${c.stderr().slice(-2000)}`));
    });
  });
  await ready;
  return {
    ...c,
    acks,
    send<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        c.proc.stdin?.write(`${JSON.stringify({ id, op, ...args })}\n`);
      });
    },
  };
}

/** `ileanet serve` on a free port; resolves with its base URL once it listens. */
export async function serveChild(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  extra: string[] = [],
): Promise<Child & { url: string }> {
  const c = start(
    [
      join(ROOT, 'test/helpers/run-cli.ts'),
      '--data',
      dataDir,
      'serve',
      '--port',
      '0',
      '--no-dashboard',
      '--log',
      'off',
      ...extra,
    ],
    {
      ILEANET_TOKENS: JSON.stringify([{ token: TOKEN, role: 'officer', ...OFFICER }]),
      ...env,
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    c.proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving (http:\/\/\S+?\/) /u.exec(out);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    void c.exited.then((code) => reject(new Error(`serve exited ${code}: ${c.stderr()}`)));
  });
  return { ...c, url };
}

export async function api<T>(base: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${base}${path.replace(/^\//u, '')}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}
