/**
 * Damaged CSV reads in time linear in its size (issue 14): a few MB of garbage after a valid
 * header, full of quotes, separators and line ends, is rejected promptly: its first broken rows
 * are reported one by one, the rest counted in one last reject. (Each broken row used to re-open
 * the file and re-read 256 KiB: 1 MB of garbage took 51 s.) Timings are the bench's
 * (`npm run bench:csv`); this test checks what is reported.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../datasets/cordis/read-csv.js';
import { damagedCsv } from '../bench/csv-damage.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-csv-damage-'));
});
afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

async function readAll(file: string, maxBrokenRows?: number) {
  const rows: string[] = [];
  const rejects: { line: number; reason: string }[] = [];
  for await (const item of readCsv(file, {
    required: ['id', 'title', 'note'],
    ...(maxBrokenRows === undefined ? {} : { maxBrokenRows }),
  })) {
    if (item.reject === undefined) rows.push(item.values['id'] ?? '');
    else rejects.push({ line: item.reject.line, reason: item.reject.reason });
  }
  return { rows, rejects };
}

describe('damaged CSV', () => {
  it('reports the first broken rows with their lines, then counts the rest in one reject', async () => {
    const file = join(dir, 'garbage.csv');
    const { data } = damagedCsv(4 * 1024 * 1024);
    await writeFile(file, data);
    const { rejects } = await readAll(file);
    expect(rejects.length).toBe(1_001);
    const listed = rejects.slice(0, 1_000);
    expect(listed.every((r) => r.line >= 2)).toBe(true);
    // Lines only move forward: no row is reported twice however the parser restarts.
    expect(listed.every((r, i) => i === 0 || r.line > (listed[i - 1]?.line ?? 0))).toBe(true);
    const last = rejects[1_000];
    expect(last?.reason).toMatch(
      /^\d+ broken rows and \d+ valid ones so far: the remaining \d+ line\(s\) were not read$/u,
    );
    const remaining = Number(/remaining (\d+) line/u.exec(last?.reason ?? '')?.[1]);
    const totalLines = data.toString('latin1').split('\n').length;
    // Every line after the listed ones is in the count (a last line without a newline included).
    expect(remaining).toBeGreaterThan(totalLines - (listed.at(-1)?.line ?? 0) - 200);
    expect(remaining).toBeLessThanOrEqual(totalLines - (listed.at(-1)?.line ?? 0));
  });

  it('reads on through damage that is a minority, keeping every clean row', async () => {
    // Clean rows every 2 KiB: damage is dense but never ten to one against valid rows for long.
    const file = join(dir, 'patchy.csv');
    const { data, clean } = damagedCsv(512 * 1024, 3, 2 * 1024);
    await writeFile(file, data);
    const { rows, rejects } = await readAll(file, 1_000_000);
    expect(rows.filter((r) => r.startsWith('clean-')).length).toBe(clean);
    expect(rejects.every((r) => !r.reason.includes('were not read'))).toBe(true);
  });

  it('a clean file after a damaged one still imports whole', async () => {
    const file = join(dir, 'clean.csv');
    const lines = ['id;title;note', ...Array.from({ length: 5_000 }, (_, i) => `r${i};"Title; with ""quotes""";n`)];
    await writeFile(file, `${lines.join('\n')}\n`);
    const { rows, rejects } = await readAll(file);
    expect(rejects).toEqual([]);
    expect(rows.length).toBe(5_000);
  });
});
