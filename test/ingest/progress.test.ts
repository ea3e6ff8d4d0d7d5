/** Progress output: plain lines off a terminal, nothing with --json. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { amount, createProgress, fraction, progressMode } from '../../engine/ingest/progress.js';

const p = (done: number, total: number | undefined, records = done) => ({
  done,
  total,
  unit: 'bytes',
  records,
  rejected: 0,
  written: 0,
});

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => {
    text += d.toString();
  });
  return { stream, text: () => text };
}

describe('progress', () => {
  it('chooses a bar on a terminal, lines elsewhere, nothing for JSON', () => {
    expect(progressMode({ isTTY: true } as NodeJS.WriteStream, false)).toBe('bar');
    expect(progressMode(new PassThrough(), false)).toBe('lines');
    expect(progressMode({ isTTY: true } as NodeJS.WriteStream, true)).toBe('off');
  });

  it('prints a line at the first update and at each further tenth', () => {
    const out = capture();
    const r = createProgress(out.stream, 'lines', 'ingest cordis');
    for (const done of [1_000, 5_000, 9_000, 20_000, 21_000, 100_000]) r.update(p(done, 100_000));
    r.stop();
    expect(out.text()).toBe(
      [
        'ingest cordis: 1% (1 kB of 100 kB), 1,000 records, 0 rejected',
        'ingest cordis: 20% (20 kB of 100 kB), 20,000 records, 0 rejected',
        'ingest cordis: 100% (100 kB of 100 kB), 100,000 records, 0 rejected',
        '',
      ].join('\n'),
    );
  });

  it('prints every 5 s when the total is unknown', () => {
    const out = capture();
    let now = 1_000;
    const r = createProgress(out.stream, 'lines', 'ingest x', () => now);
    r.update(p(10, undefined));
    now += 1_000;
    r.update(p(20, undefined));
    now += 5_000;
    r.update(p(30, undefined));
    expect(out.text().trim().split('\n')).toEqual([
      'ingest x: 10 bytes, 10 records, 0 rejected',
      'ingest x: 30 bytes, 30 records, 0 rejected',
    ]);
  });

  it('prints nothing when off', () => {
    const out = capture();
    const r = createProgress(out.stream, 'off', 'ingest x');
    r.update(p(1, 2));
    r.stop();
    expect(out.text()).toBe('');
  });

  it('formats amounts', () => {
    expect(amount(3_900_000, 'bytes')).toBe('3.9 MB');
    expect(fraction(223, 1_430, 'records')).toBe('223 of 1,430 records');
  });
});
