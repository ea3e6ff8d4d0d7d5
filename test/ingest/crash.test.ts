/**
 * Durability under failure (issue 14), with real processes: a server is killed with SIGKILL
 * while concurrent writes are in flight, and every write it acknowledged (a 201 with the new
 * challenge's id) is then read back from the store; two server processes writing to one data
 * folder at once lose nothing either. Writes go through HTTP as users' would: auth, input
 * validation, the store's transaction, the lexical index.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, hashToken } from '../../app/api/tokens.js';
import { openStore } from '../../graph/index.js';
import { SYSTEM } from '../../graph/viewer.js';
import { ingestDemo } from '../helpers/demo-engine.js';

const SERVER = fileURLToPath(new URL('./helpers/crash-server.ts', import.meta.url));
const TOKEN = generateToken();
const RUNS = 10;
/** Writes kept in flight at once against one server. */
const IN_FLIGHT = 8;

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly exited: Promise<number | null>;
}

function startServer(dataDir: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER, dataDir], {
      env: { ...process.env, ILEANET_TEST_TOKEN_SHA256: hashToken(TOKEN) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    let out = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening (\d+)/u.exec(out);
      if (m !== null) resolve({ child, port: Number(m[1]), exited });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${err.slice(-2_000)}`)));
  });
}

/** POSTs one challenge; resolves with its id on 201, undefined when the server died or refused. */
function raise(port: number, title: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ title, description: 'Written while the server may be killed.' });
    const r = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/challenges',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => {
          if (res.statusCode !== 201) return resolve(undefined);
          try {
            resolve((JSON.parse(text) as { challenge: { id: string } }).challenge.id);
          } catch {
            resolve(undefined); // cut off mid-answer: not acknowledged
          }
        });
        res.on('error', () => resolve(undefined));
      },
    );
    r.on('error', () => resolve(undefined));
    r.end(body);
  });
}

/** Keeps IN_FLIGHT writes going against each port until `stop` resolves; returns the acknowledged ids. */
async function writeUntil(ports: readonly number[], stop: Promise<void>, tag: string): Promise<string[]> {
  const acked: string[] = [];
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  let n = 0;
  const worker = async (port: number) => {
    while (!stopped) {
      const id = await raise(port, `${tag} write ${n++}`);
      if (id !== undefined) acked.push(id);
    }
  };
  await Promise.all(ports.flatMap((p) => Array.from({ length: IN_FLIGHT }, () => worker(p))));
  return acked;
}

async function missingFrom(dataDir: string, ids: readonly string[]): Promise<string[]> {
  const store = await openStore({ backend: 'embedded', dataDir });
  try {
    const found = new Set((await store.getNodes(ids, SYSTEM)).map((n) => n.id));
    return ids.filter((id) => !found.has(id));
  } finally {
    await store.close();
  }
}

let base = '';
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ileanet-crash-'));
});
afterAll(async () => {
  if (base !== '') await rm(base, { recursive: true, force: true });
});

describe('acknowledged writes survive', () => {
  it(`kill -9 during concurrent writes, ${RUNS} times: every acknowledged write is in the store`, async () => {
    const dir = join(base, 'killed');
    await ingestDemo(dir);
    let acknowledged = 0;
    const lost: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const server = await startServer(dir);
      // Kill somewhere between 150 and 600 ms into the writes, while IN_FLIGHT are outstanding.
      const killAfter = 150 + ((run * 47) % 450);
      const killed = new Promise<void>((done) =>
        setTimeout(() => {
          server.child.kill('SIGKILL');
          done();
        }, killAfter),
      );
      const acked = await writeUntil([server.port], killed, `run ${run}`);
      await server.exited;
      acknowledged += acked.length;
      lost.push(...(await missingFrom(dir, acked)));
    }
    console.log(`kill -9: ${RUNS} runs, ${acknowledged} acknowledged writes, ${lost.length} lost`);
    expect(acknowledged).toBeGreaterThan(RUNS);
    expect(lost).toEqual([]);
  }, 180_000);

  it('two server processes writing to one store at once lose nothing', async () => {
    const dir = join(base, 'two');
    await ingestDemo(dir);
    const [a, b] = await Promise.all([startServer(dir), startServer(dir)]);
    if (a === undefined || b === undefined) throw new Error('servers did not start');
    try {
      const stop = new Promise<void>((done) => setTimeout(done, 3_000));
      const acked = await writeUntil([a.port, b.port], stop, 'two writers');
      expect(new Set(acked).size).toBe(acked.length);
      const missing = await missingFrom(dir, acked);
      console.log(`two writers: ${acked.length} acknowledged writes, ${missing.length} lost`);
      expect(acked.length).toBeGreaterThan(20);
      expect(missing).toEqual([]);
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  }, 120_000);
});
