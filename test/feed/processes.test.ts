/**
 * The change feed of the embedded store under writers in separate processes: two processes
 * writing to one SQLite file at once get one strictly increasing sequence, and each write's
 * records stay together.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { ChangeRecord } from '../../graph/store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function run(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(ROOT, script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${err}`))));
  });
}

describe('embedded change feed across processes', () => {
  it('two writer processes on one file: one strictly increasing sequence, every write whole and in one piece', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ileanet-feed-proc-'));
    const path = join(dir, 'graph.sqlite');
    const store = createEmbeddedStore({ path });
    await store.init();
    try {
      const n = 60;
      const outs = await Promise.all([
        run('test/feed/writer-child.ts', [path, 'a:', String(n)]),
        run('test/feed/writer-child.ts', [path, 'b:', String(n)]),
      ]);
      for (const o of outs) expect(o.trim().split('\n')).toHaveLength(n);
      const all: ChangeRecord[] = [];
      for (let after = 0; ; ) {
        const page = await store.changes(after, 1_000);
        if (page.changes.length === 0) break;
        all.push(...page.changes);
        after = page.changes[page.changes.length - 1]?.seq ?? after;
      }
      expect(all).toHaveLength(2 * n * 3);
      expect(all.map((c) => c.seq)).toEqual(all.map((_, i) => i + 1));
      const ids = all.map((c) => (c.entity === 'node' ? c.id : ''));
      expect(new Set(ids).size).toBe(ids.length);
      for (let i = 0; i < ids.length; i += 3) {
        const base = ids[i]?.slice(0, -2);
        expect(ids.slice(i, i + 3)).toEqual([`${base}:1`, `${base}:2`, `${base}:3`]);
      }
      expect(await store.headSeq()).toBe(2 * n * 3);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
