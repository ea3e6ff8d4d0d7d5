/** `ileanet ingest` as a user runs it: summary, rejects with file:line, JSON, exit status, re-runs. */
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_REJECTS } from '../../app/cli/commands/ingest.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from './helpers/store.js';

const BAD = 'test/fixtures/cordis-bad/rows';

describe('ileanet ingest', () => {
  let data: string;
  beforeAll(async () => {
    data = await tempDir();
  });
  afterAll(async () => rm(data, { recursive: true, force: true }));

  it('prints counts per kind and the rejected rows, and exits 3 when rows were rejected', async () => {
    const run = await runCli(['--data', data, 'ingest', 'cordis', BAD, '--show-rejects', '3']);
    expect(run.code).toBe(EXIT_REJECTS);
    expect(run.stdout).toMatch(/^ingest cordis test\/fixtures\/cordis-bad\/rows: 14 nodes and 16 relationships in /u);
    expect(run.stdout).toMatch(/\n {2}Project +2 +0 +0\n/u);
    expect(run.stdout).toMatch(/\n {2}PARTICIPATED_IN +6 +0 +0\n/u);
    expect(run.stdout).toContain('rejected: 11\n');
    expect(run.stdout).toContain(`  ${BAD}/project.csv:4: startDate "2022-02-30" is not a date (YYYY-MM-DD)\n`);
    expect(run.stdout).toContain('  … and 8 more');
    // Not a terminal: progress comes as plain lines on stderr.
    expect(run.stderr).toMatch(/^ingest cordis: \d+% \(/mu);
  });

  it('says nothing changed on a re-run, and exits 0 with --allow-rejects', async () => {
    const run = await runCli(['--data', data, 'ingest', 'cordis', BAD, '--allow-rejects']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('nothing changed: the store already held all 14 nodes and 16 relationships\n');
  });

  it('prints the summary as JSON with --json, and no progress', async () => {
    const run = await runCli(['--data', data, 'ingest', 'cordis', BAD, '--json']);
    expect(run.code).toBe(EXIT_REJECTS);
    expect(run.stderr).toBe('');
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ source: 'cordis', changed: false, rejected: 11 });
    expect((summary['rejects'] as unknown[])[0]).toEqual({
      file: `${BAD}/project.csv`,
      line: 4,
      reason: 'startDate "2022-02-30" is not a date (YYYY-MM-DD)',
    });
  });

  it('explains usage mistakes with exit status 2', async () => {
    const unknown = await runCli(['--data', data, 'ingest', 'excel', 'x.xlsx']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown source "excel": use one of cordis, json, csv, generated, demo');
    const missing = await runCli(['--data', data, 'ingest', 'cordis', 'no/such/folder']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/folder does not exist');
  });

  it('loads a generated network with --seed and --people', async () => {
    const run = await runCli(['--data', data, 'ingest', 'generated', '--seed', '3', '--people', '150', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { nodes: Record<string, { created: number }>; rejected: number };
    expect(summary.rejected).toBe(0);
    expect(summary.nodes['Person']?.created).toBe(150);
  });

  it("--neo4j-csv writes the importer's files and prints its command; refuses a folder that is not empty", async () => {
    const dir = join(data, 'neo4j-csv');
    const unused = join(data, 'no-store');
    const run = await runCli(['--data', unused, 'ingest', 'demo', '--neo4j-csv', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ingest demo: [\d,]+ nodes and [\d,]+ relationships in /u);
    expect(run.stderr).toMatch(/wrote [\d,]+ nodes and [\d,]+ relationships as CSV in /u);
    expect(run.stderr).toContain(`neo4j-admin database import full '--nodes=Node:`);
    expect(run.stderr).toContain(
      `'--array-delimiter=U+001F' '--bad-tolerance=0' '--overwrite-destination=true' '--report-file=${join(dir, 'import.report')}' 'neo4j'`,
    );
    const header = readFileSync(join(dir, 'node-Person.header.csv'), 'utf8');
    expect(header).toMatch(/^id:ID,kind,vis:long,.*expertise:string\[\].*,_h\n$/u);
    expect(readFileSync(join(dir, 'rel-MEMBER_OF.header.csv'), 'utf8')).toMatch(/^:START_ID,:END_ID,role,/u);
    expect(existsSync(join(unused, 'graph.sqlite'))).toBe(false); // no store was opened
    const again = await runCli(['--data', data, 'ingest', 'demo', '--neo4j-csv', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('not an empty folder');
  });

  it('loads the demo dataset', async () => {
    const demo = await tempDir();
    try {
      const run = await runCli(['--data', demo, 'ingest', 'demo']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^ingest demo: \d+ nodes and [\d,]+ relationships/u);
    } finally {
      await rm(demo, { recursive: true, force: true });
    }
  });
});
