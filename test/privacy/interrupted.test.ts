/**
 * An erasure cut short by kill -9 is finished by the next start (issue 19): the journal is written
 * before anything changes, each step is recorded when done, and `serve` (like `bots` and `erase`)
 * finishes pending erasures before its read models open. Also the data-subject export, and the
 * retention purge saying what it removed.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSource } from '../../datasets/demo/index.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { scanFiles } from '../../engine/privacy/index.js';
import { openStore } from '../../graph/index.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM } from '../../graph/viewer.js';
import { serveChild } from '../feed/helpers.js';
import { addPerson, ERASED, runCli } from './helpers.js';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('erasure cut short, export, purge (embedded)', () => {
  let dir: string;
  let store: GraphStore;
  const env = (): NodeJS.ProcessEnv => ({
    ILEANET_BACKEND: 'embedded',
    ILEANET_TOKENS_FILE: join(dir, 'api-tokens.json'),
    ILEANET_BOTS_CONFIG: join(dir, 'bots.json'),
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ileanet-erasure-kill-'));
    store = await openStore({ backend: 'embedded', dataDir: dir });
    expect((await runIngest(store, demoSource())).rejected).toBe(0);
    await addPerson(store, dir);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('export person: every kind of record held about them, in one JSON document', async () => {
    const { code, out, err } = await runCli(['--data', dir, 'export', 'person', ERASED.id, '--format', 'json'], env())
      .done;
    expect(code, err).toBe(0);
    const doc = JSON.parse(out) as { format: string; person: string; records: Record<string, unknown> };
    expect(doc).toMatchObject({ format: 'ileanet-person-export/1', person: ERASED.id });
    expect(Object.keys(doc.records).sort()).toEqual(
      [
        'api tokens',
        'bots audit log',
        'chat identities',
        'contact-route',
        'introductions',
        'notices and subscriptions',
        'person',
        'votes',
      ].sort(),
    );
    expect(doc.records['votes']).toHaveLength(2);
    expect(JSON.stringify(doc.records['person'])).toContain('demo:org:scheldemond-police');
    expect(doc.records['chat identities']).toEqual([{ key: ERASED.chat, role: 'member' }]);
    expect(JSON.stringify(doc.records['api tokens'])).not.toContain('sha256');
    const bad = await runCli(['--data', dir, 'export', 'person', 'test:person:nobody'], env()).done;
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('ERR_PERSON_NOT_FOUND');
  }, 60_000);

  it('kill -9 between the deletion and the redaction: the next serve start finishes the erasure', async () => {
    const run = runCli(
      ['--data', dir, 'erase', 'person', ERASED.id, '--reason', 'asked in writing', '--grace-ms', '60000'],
      env(),
    );
    // The person goes from the store before the grace period; then the process dies mid-erasure.
    for (let i = 0; i < 400 && (await store.getNode(ERASED.id, SYSTEM)) !== undefined; i++) await settle(50);
    expect(await store.getNode(ERASED.id, SYSTEM)).toBeUndefined();
    run.kill('SIGKILL');
    await run.done;
    const pending = await readdir(join(dir, 'privacy', 'pending'));
    expect(pending.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    // Unfinished: the feed still names the person and the logs still hold them.
    expect((await store.feedInfo()).redacted).toBe(0);
    expect((await scanFiles(dir, [ERASED.id, ERASED.name])).length).toBeGreaterThan(0);

    const serve = await serveChild(dir, env(), ['--mode', 'lexical']);
    try {
      expect(serve.stderr()).toContain('finishing erasure');
    } finally {
      serve.kill('SIGTERM');
      await serve.exited;
    }
    expect(await readdir(join(dir, 'privacy', 'pending'))).toEqual([]);
    expect((await store.feedInfo()).redacted).toBeGreaterThan(0);
    expect(await scanFiles(dir, [ERASED.id, ERASED.name, 'Vandermeerstraat'])).toEqual([]);
    const log = (await readFile(join(dir, 'privacy', 'erasures.jsonl'), 'utf8')).trim().split('\n');
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0] ?? '{}')).toMatchObject({
      resumed: true,
      reason: 'asked in writing',
      removed: { votes: 2 },
    });
  }, 120_000);

  it('purge: lines past their window go, the others stay, and it says how many', async () => {
    const old = new Date(Date.now() - 200 * 86_400_000);
    await mkdir(join(dir, 'bots'), { recursive: true });
    await appendFile(
      join(dir, 'bots', 'audit.jsonl'),
      `${JSON.stringify({ at: old.toISOString(), platform: 'slack', user: 'x', outcome: 'ok' })}\n`,
    );
    await appendFile(join(dir, 'api.log'), `${JSON.stringify({ time: old.getTime(), msg: 'request' })}\n`);
    await appendFile(join(dir, 'api.log'), `${JSON.stringify({ time: Date.now(), msg: 'request' })}\n`);
    const { code, out, err } = await runCli(['--data', dir, 'purge', '--json'], env()).done;
    expect(code, err).toBe(0);
    const report = JSON.parse(out) as { removed: Record<string, number> };
    expect(report.removed).toMatchObject({ 'bots audit log': 1, 'api request log': 1 });
    expect(Object.keys(report.removed)).toEqual(
      expect.arrayContaining(['change feed', 'pseudonym keys', 'bots audit log', 'api request log']),
    );
    const kept = await readFile(join(dir, 'api.log'), 'utf8');
    expect(kept.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'privacy', 'pseudonym-keys.json'))).toBe(true);
  }, 60_000);
});
