/**
 * An ingest killed midway (SIGKILL: no cleanup at all), then run again, ends in exactly the
 * graph an uninterrupted ingest builds. The CLI runs as a child process, as a user would run it.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cordisSource } from '../../datasets/cordis/importer.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { SYSTEM } from '../../graph/viewer.js';
import { startCli } from '../helpers/cli.js';
import { SHARED_CORDIS, skipWithoutSharedData } from './helpers/shared-data.js';
import { dump, tempDir, tempStore, withStore } from './helpers/store.js';

const total = (s: { nodes: Record<string, number>; relationships: Record<string, number> }) =>
  Object.values(s.nodes).reduce((a, b) => a + b, 0) + Object.values(s.relationships).reduce((a, b) => a + b, 0);

describe.skipIf(skipWithoutSharedData('the kill-and-resume test'))('an interrupted ingest, run again', () => {
  let killedDir: string;
  beforeAll(async () => {
    killedDir = await tempDir();
  });
  afterAll(async () => rm(killedDir, { recursive: true, force: true }));

  it('ends in the same graph as an uninterrupted run', async () => {
    const reference = await tempStore();
    let expected: Awaited<ReturnType<typeof dump>>;
    let full: number;
    try {
      await runIngest(reference.store, cordisSource(SHARED_CORDIS));
      expected = await dump(reference.store);
      full = total(await reference.store.stats(SYSTEM));
    } finally {
      await reference.dispose();
    }

    // Small batches make many separate transactions; the kill lands once organisations are
    // being written (projects fill the first half of the bytes).
    const args = ['--data', killedDir, 'ingest', 'cordis', SHARED_CORDIS, '--batch-size', '200'];
    const first = startCli(args, (stderr, child) => {
      const pct = [...stderr.matchAll(/: (\d+)% /gu)].map((m) => Number(m[1]));
      if ((pct.at(-1) ?? 0) >= 60 && child.exitCode === null) child.kill('SIGKILL');
    });
    const killed = await first.done;
    expect(killed.signal, `the ingest finished before it could be killed:\n${killed.stderr}`).toBe('SIGKILL');

    const partial = await withStore(killedDir, async (s) => total(await s.stats(SYSTEM)));
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(full);

    const second = await startCli(['--data', killedDir, 'ingest', 'cordis', SHARED_CORDIS, '--json']).done;
    expect(second.code, second.stderr).toBe(0);
    const summary = JSON.parse(second.stdout) as { changed: boolean; rejected: number };
    expect(summary).toMatchObject({ changed: true, rejected: 0 });

    const resumed = await withStore(killedDir, dump);
    expect(resumed.nodes.length).toBe(expected.nodes.length);
    expect(resumed.relationships.length).toBe(expected.relationships.length);
    expect(resumed).toEqual(expected);
  });
});
