/**
 * `ileanet token`, `ileanet serve` and `ileanet demo` (what `npm run demo` runs) as a user runs
 * them: in a child process, on a free port, stopped with Ctrl-C (SIGINT).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboardBuilt } from '../browser/harness.js';
import { CLI_ENTRY as ENTRY, REPO } from '../helpers/cli.js';
import { ingestDemo } from '../helpers/demo-engine.js';

interface Run {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `re` in standard output. */
  waitFor(re: RegExp): Promise<RegExpMatchArray>;
  done: Promise<number | null>;
}

function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: REPO,
    env: { ...process.env, FORCE_COLOR: '0', ILEANET_TOKENS: '', ILEANET_TOKENS_FILE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) {
      const m = out.match(w.re);
      if (m !== null) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const m = out.match(re);
        if (m !== null) return resolve(m);
        waiters.push({ re, resolve });
        void done.then((code) => reject(new Error(`exited ${code} before ${re}: ${out}\n${err}`)));
      }),
    done,
  };
}

const get = (url: string, token?: string) =>
  fetch(url, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-serve-'));
  await ingestDemo(dir);
  await ensureDashboardBuilt();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ileanet serve', () => {
  it('refuses to start without any API token, saying how to make one', async () => {
    const r = cli(['--data', dir, 'serve', '--port', '0']);
    expect(await r.done).toBe(2);
    expect(r.stderr()).toMatch(/no API tokens: create one with `ileanet token create --role admin`/u);
  });

  it('serves the API and the dashboard with a token from `token create`, and stops on Ctrl-C', async () => {
    const created = cli([
      '--data',
      dir,
      'token',
      'create',
      '--role',
      'officer',
      '--name',
      'front desk',
      '--person',
      'demo:person:olivier-dufresnel',
      '--org',
      'demo:org:valmont-prisons',
    ]);
    expect(await created.done).toBe(0);
    const token = created.stdout().trim();
    expect(token).toMatch(/^ilt_[A-Za-z0-9_-]{43}$/u);
    const file = await readFile(join(dir, 'api-tokens.json'), 'utf8');
    expect(file).not.toContain(token);
    const listed = cli(['--data', dir, 'token', 'list']);
    expect(await listed.done).toBe(0);
    expect(listed.stdout()).toMatch(/officer +front desk \(demo:person:olivier-dufresnel, demo:org:valmont-prisons\)/u);
    expect(listed.stdout()).not.toContain(token);

    const bad = cli(['--data', dir, 'token', 'create', '--role', 'officer', '--person', 'demo:person:nobody']);
    expect(await bad.done).toBe(2);
    expect(bad.stderr()).toMatch(/no such person/u);

    const server = cli(['--data', dir, 'serve', '--port', '0', '--mode', 'lexical', '--log', 'off']);
    try {
      const [, url] = await server.waitFor(/serving (http:\/\/127\.0\.0\.1:\d+\/)/u);
      const me = await get(`${url}api/me`, token);
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ role: 'officer', person: 'demo:person:olivier-dufresnel' });
      expect((await get(`${url}api/me`)).status).toBe(401);
      const page = await get(url as string);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/u);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/u);
      expect(await page.text()).toContain('<div id="root"></div>');
      expect(server.stderr()).toMatch(/matching: words only/u);
    } finally {
      server.child.kill('SIGINT');
    }
    expect(await server.done).toBe(0);
    expect(server.stderr()).toContain('ileanet: stopping');
  });

  it('takes tokens from ILEANET_TOKENS', async () => {
    const token = `env-token-${'x'.repeat(30)}`;
    const server = cli(['--data', dir, 'serve', '--port', '0', '--mode', 'lexical', '--log', 'off', '--no-dashboard'], {
      ILEANET_TOKENS: JSON.stringify([{ token, role: 'policy', name: 'from the environment' }]),
      ILEANET_TOKENS_FILE: join(dir, 'no-such-tokens.json'),
    });
    try {
      const [, url] = await server.waitFor(/serving (http:\/\/127\.0\.0\.1:\d+\/)/u);
      expect(await (await get(`${url}api/me`, token)).json()).toMatchObject({ role: 'policy' });
      expect((await get(url as string)).status).toBe(404);
      expect(server.stderr()).toMatch(/tokens: 1 from ILEANET_TOKENS/u);
    } finally {
      server.child.kill('SIGINT');
    }
    expect(await server.done).toBe(0);
  });

  it('says which environment variable is wrong', async () => {
    const r = cli(['--data', dir, 'serve', '--port', '0'], {
      ILEANET_TOKENS: '[{"token": "short", "role": "officer"}]',
    });
    expect(await r.done).toBe(2);
    expect(r.stderr()).toBe('ileanet: ILEANET_TOKENS: 0.token must be at least 24 characters\n');
  });
});

describe('ileanet demo', () => {
  it('without a model and without Maven, says why in one line and serves who-solved from words', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'ileanet-demo-nomodel-'));
    try {
      // An empty models folder and a PATH with no `mvn`: the demo cannot provision the model.
      const r = cli(['--data', fresh, 'demo', '--port', '0', '--log', 'off'], {
        ILEANET_MODELS: join(fresh, 'models'),
        ILEANET_EMBED_MODEL: '',
        PATH: join(fresh, 'no-bin'),
      });
      const [, url] = await r.waitFor(/ileanet demo is serving (http:\/\/127\.0\.0\.1:\d+\/)/u);
      await r.waitFor(/Ctrl-C stops the server/u);
      try {
        const why = r
          .stderr()
          .split('\n')
          .filter((l) => l.startsWith('who-solved answers from words only'));
        expect(why, r.stderr()).toHaveLength(1);
        expect(why[0]).toMatch(/ERR_MVN_MISSING: `mvn` is not installed.*ileanet model fetch/u);
        const officer = r.stdout().match(/^ {2}officer +(ilt_\S+)/mu)?.[1];
        const answer = await get(`${url}api/who-solved?text=drone+detection+at+prisons`, officer);
        expect(answer.status).toBe(200);
        expect(((await answer.json()) as { mode: string }).mode).toBe('lexical');
      } finally {
        r.child.kill('SIGINT');
      }
      expect(await r.done).toBe(0);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('ingests the demo data into a fresh folder, prints the URL and new tokens, serves them; new tokens at each start', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'ileanet-demo-'));
    try {
      const start = async () => {
        const r = cli(['--data', fresh, 'demo', '--port', '0', '--mode', 'lexical', '--log', 'off']);
        const [, url] = await r.waitFor(/ileanet demo is serving (http:\/\/127\.0\.0\.1:\d+\/)/u);
        await r.waitFor(/Ctrl-C stops the server/u);
        const tokens = Object.fromEntries(
          [...r.stdout().matchAll(/^ {2}(officer|inc|policy|admin) +(ilt_\S+)/gmu)].map((m) => [m[1], m[2]]),
        ) as Record<string, string>;
        return { r, url: url as string, tokens };
      };
      const first = await start();
      expect(Object.keys(first.tokens).sort()).toEqual(['admin', 'inc', 'officer', 'policy']);
      expect(first.r.stdout()).toContain(`open ${first.url}#token=${first.tokens['officer']}`);
      expect(first.r.stderr()).toMatch(/demo dataset: 223 nodes loaded/u);
      const trends = await get(`${first.url}api/trends`, first.tokens['policy']);
      expect(trends.status).toBe(200);
      const me = (await (await get(`${first.url}api/me`, first.tokens['officer'])).json()) as { person?: string };
      expect(me.person).toMatch(/^demo:person:/u);
      expect((await get(first.url)).status).toBe(200);
      first.r.child.kill('SIGINT');
      expect(await first.r.done).toBe(0);

      const second = await start();
      try {
        expect(second.r.stderr()).toMatch(/demo dataset: 223 nodes already in the store/u);
        expect(second.tokens['officer']).not.toBe(first.tokens['officer']);
        expect((await get(`${second.url}api/me`, first.tokens['officer'])).status).toBe(401);
        expect((await get(`${second.url}api/me`, second.tokens['officer'])).status).toBe(200);
      } finally {
        second.r.child.kill('SIGINT');
      }
      expect(await second.r.done).toBe(0);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
