import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerMatch } from '../../app/cli/commands/match.js';
import { createContext } from '../../app/cli/context.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { embeddedPath } from '../../graph/index.js';
import { cliRunner } from '../helpers/cli.js';
import { droneGraph, ID } from './graph.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-match-cli-'));
  const store = createEmbeddedStore({ path: embeddedPath(dir) });
  await store.init();
  await store.upsert(droneGraph());
  await store.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  // The command sets the exit code as the real CLI does; it must not leak into the test run.
  process.exitCode = undefined;
});

const cli = cliRunner(registerMatch, () => dir);

describe('ileanet who-solved / match', () => {
  it('--as-of answers as on that day whatever the system clock says; a day that is not one is refused', async () => {
    const asked = ['who-solved', 'drone detection at prisons', '--mode', 'lexical', '--json'];
    const asOf = cliRunner(registerMatch, () => dir, { asOf: '2026-06-01' });
    const hits = (r: { stdout: string }) => (JSON.parse(r.stdout) as { hits: unknown[] }).hits;
    const first = hits(await asOf(...asked));
    expect(first.length).toBeGreaterThan(2);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * 365 * 86_400_000 });
    try {
      expect(hits(await asOf(...asked))).toEqual(first);
      // Without it, recency is measured from the (moved) system clock.
      expect(hits(await cli(...asked))).not.toEqual(first);
    } finally {
      vi.useRealTimers();
    }
    for (const bad of ['2026-02-30', '2026-6-1', 'yesterday'])
      expect(() => createContext({ asOf: bad }, {})).toThrow(`--as-of "${bad}" is not a day`);
  });

  it('prints experts, organisations and results with why, path and scores', async () => {
    const r = await cli(
      'who-solved',
      'drone detection at prisons',
      '--mode',
      'lexical',
      '--limit',
      '30',
      '--per-kind',
      '3',
      '--verbose',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^who has solved "drone detection at prisons" {2}\(lexical; [\d.]+ ms\)/u);
    expect(r.stdout).toMatch(/Experts\n {3}1\. Anna Example \(DE\)/u);
    expect(r.stdout).toMatch(/Organisations\n {3}1\. DroneLab GmbH \(industry, DE\)/u);
    expect(r.stdout).toMatch(/path: Result "Drone detection demonstrator at a prison" → Organisation "DroneLab GmbH"/u);
    expect(r.stdout).toMatch(/scores: lexical #/u);
    expect(r.stdout).not.toContain('Hidden Person');
    const plain = await cli('who-solved', 'drone detection at prisons', '--mode', 'lexical', '--limit', '5');
    expect(plain.stdout).not.toMatch(/scores:/u);
  });

  it('prints JSON with --json and takes filters', async () => {
    const r = await cli('who-solved', 'drone detection at prisons', '--mode', 'lexical', '--country', 'fr', '--json');
    const a = JSON.parse(r.stdout) as { hits: { id: string }[]; filters: { country: string } };
    expect(a.filters.country).toBe('FR');
    expect(a.hits.map((h) => h.id).sort()).toEqual([ID.gendarmerie, ID.skywall].sort());
  });

  it('runs as a member of an organisation with --org', async () => {
    const r = await cli('who-solved', 'drone detection at prisons', '--mode', 'lexical', '--org', ID.secret, '--json');
    expect((JSON.parse(r.stdout) as { hits: { id: string }[] }).hits.map((h) => h.id)).toContain(ID.hidden);
  });

  it('turns bad input into one line with a stable code and exit code 2', async () => {
    const police = await cli('who-solved', 'drones', '--mode', 'lexical', '--kind', 'police');
    expect(police.code).toBe(2);
    expect(police.stderr).toMatch(/^ileanet: ERR_INVALID_FILTER: orgKind must be one of lea, academia/u);
    const country = await cli('who-solved', 'drones', '--mode', 'lexical', '--country', 'FRA');
    expect(country.stderr).toMatch(/ERR_INVALID_FILTER: country must be a two-letter country code/u);
    const trl = await cli('who-solved', 'drones', '--mode', 'lexical', '--min-trl', 'high');
    expect(trl.stderr).toMatch(/ERR_INVALID_FILTER: minTrl must be a whole number from 1 to 9/u);
    const empty = await cli('who-solved', '  ', '--mode', 'lexical');
    expect(empty.stderr).toMatch(/ERR_QUERY_EMPTY/u);
    const missing = await cli('match', 'chl:nope', '--mode', 'lexical');
    expect(missing).toMatchObject({
      code: 2,
      stderr: 'ileanet: ERR_CHALLENGE_NOT_FOUND: no challenge chl:nope (or you may not see it)\n',
    });
  });

  it('says so when hybrid matching has no dense side, and answers in lexical mode', async () => {
    const r = await cli('who-solved', 'drone detection at prisons');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ERR_DENSE_UNAVAILABLE: dense retrieval is not available: .*--mode lexical/u);
    const need = await cli('match', ID.need, '--mode', 'lexical');
    expect(need.code).toBe(0);
    expect(need.stdout).toMatch(/Drone detection demonstrator at a prison/u);
  });

  it('prints --limit answers in all', async () => {
    const r = await cli('who-solved', 'drone detection at prisons', '--mode', 'lexical', '--limit', '3');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^ {2}[ \d]\d\. /gmu)?.length).toBe(3);
  });

  it('prints why an answer is empty', async () => {
    const r = await cli('who-solved', 'zebra crossing', '--mode', 'lexical');
    expect(r.stdout).toMatch(/no visible match for "zebra crossing"/u);
  });
});
