/** `ileanet trends | gaps | network | polls | report | suggest | consortium` on the demo dataset. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerAnalytics } from '../../app/cli/commands/analytics.js';
import { UsageError } from '../../app/cli/context.js';
import { openEngine } from '../../engine/service.js';
import { openStore } from '../../graph/index.js';
import type { Viewer } from '../../graph/viewer.js';
import { cliRunner } from '../helpers/cli.js';
import { ingestDemo } from '../helpers/demo-engine.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-analytics-cli-'));
  await ingestDemo(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
});

const cli = cliRunner(registerAnalytics, () => dir);

/** What the engine answers directly, for the CLI's viewer (network member, no organisation). */
async function direct<T>(ask: (e: Awaited<ReturnType<typeof openEngine>>, v: Viewer) => Promise<T>): Promise<T> {
  const store = await openStore({ backend: 'embedded', dataDir: dir });
  const engine = await openEngine({ store, dataDir: dir, mode: 'lexical' });
  try {
    return await ask(engine, { id: 'cli', clearance: 'network', orgs: [] });
  } finally {
    await engine.close();
    await store.close();
  }
}

describe('ileanet analytics commands', () => {
  it('trends --json prints the engine’s answer; the text form lists the same series', async () => {
    const expected = await direct((e, v) => e.trends({ by: 'country' }, v));
    const json = await cli('trends', '--by', 'country', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(expected);
    const text = await cli('trends', '--by', 'country');
    for (const s of expected.series.slice(0, 3)) expect(text.stdout).toContain(s.label);
  });

  it('gaps, network, polls and report print figures from the data', async () => {
    const gaps = await direct((e, v) => e.gaps({}, v));
    const g = await cli('gaps');
    expect(g.stdout).toContain(gaps.topics[0]?.label ?? '?');
    const n = await cli('network', '--json');
    expect(JSON.parse(n.stdout).organisations).toBeGreaterThan(10);
    const p = await cli('polls');
    expect(p.stdout).toMatch(/votes/u);
    const r = await cli('report', '--format', 'md');
    expect(r.stdout).toMatch(/^# Policy brief/u);
    expect(r.stdout).toContain(gaps.topics[0]?.label ?? '?');
  });

  it('suggest and consortium on the demo data', async () => {
    const s = await cli('suggest', '--country', 'be', '--json');
    expect(s.code).toBe(0);
    const answer = JSON.parse(s.stdout);
    expect(answer.suggestions.length).toBeGreaterThan(0);
    for (const x of answer.suggestions) expect(x.to.country).not.toBe('BE');
    // The text output names the work behind every need it says a partner answers, by title and id.
    const text = await cli('suggest', '--country', 'be');
    for (const x of answer.suggestions as {
      complements: { need: { id: string; title: string }; answer: { id: string; title: string; kind: string } }[];
    }[])
      for (const c of x.complements)
        expect(text.stdout).toContain(
          `need "${c.need.title}" (${c.need.id}) ← ${c.answer.kind.toLowerCase()} "${c.answer.title}" (${c.answer.id})`,
        );
    expect(answer.suggestions.some((x: { complements: unknown[] }) => x.complements.length > 0)).toBe(true);
    expect(text.stdout).toMatch(/^topical floor: /mu);
    // Scores only with --verbose.
    expect(text.stdout).not.toMatch(/complementarity/u);
    expect((await cli('suggest', '--country', 'be', '--verbose')).stdout).toMatch(/complementarity/u);
    const challenge = (await direct((e, v) => e.gaps({}, v))).challenges[0]?.id as string;
    const c = await cli('consortium', challenge);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/checks/u);
    const team = JSON.parse((await cli('consortium', challenge, '--json')).stdout) as {
      members: { evidence: { id: string; title: string }[] }[];
    };
    for (const m of team.members)
      for (const e of m.evidence.slice(0, 2)) expect(c.stdout).toContain(`"${e.title}" (${e.id}`);
  });

  it('bad input: exit 2 with the field named; usage errors for missing choices', async () => {
    const bad = await cli('trends', '--by', 'colour');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ERR_INVALID_QUERY: trends: by/u);
    const unknown = await cli('consortium', 'demo:nothing-here');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/ERR_NOT_FOUND/u);
    await expect(cli('suggest')).rejects.toBeInstanceOf(UsageError);
    await expect(cli('gaps', '--limit', 'many')).rejects.toThrow(/--limit must be a number/u);
  });
});
