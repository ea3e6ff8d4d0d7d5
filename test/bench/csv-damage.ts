/**
 * CSV ingest over damaged input (issue 14): a valid header, then megabytes of garbage (random
 * bytes rich in quotes, separators and newlines) with a clean row every so often, read by
 * datasets/cordis/read-csv.ts. Prints seconds and MB/s per size; linear reading keeps MB/s
 * flat as the size grows. `npm run bench:csv [-- 1,4,50]` (sizes in MB, default 1,4,50).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv } from '../../datasets/cordis/read-csv.js';

/** Bytes of garbage with a clean 3-field row after every ~`cleanEvery` bytes; deterministic. */
export function damagedCsv(bytes: number, seed = 7, cleanEvery = 64 * 1024): { data: Buffer; clean: number } {
  const header = Buffer.from('id;title;note\n');
  const out = Buffer.alloc(bytes);
  header.copy(out);
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
  // Quotes, separators and line ends are what make a parser restart: give them weight.
  const special = [0x22, 0x22, 0x3b, 0x0a, 0x0a, 0x0d, 0xc3, 0xff];
  let clean = 0;
  let at = header.length;
  while (at < bytes) {
    if (at % cleanEvery < 64 && bytes - at > 64) {
      const row = Buffer.from(`\nclean-${clean};A clean row;after the damage\n`);
      row.copy(out, at);
      at += row.length;
      clean++;
      continue;
    }
    const r = next();
    out[at++] = (r & 7) === 0 ? (special[(r >>> 3) & 7] as number) : 0x20 + ((r >>> 8) % 95);
  }
  return { data: out, clean };
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '1,4,50').split(',').map(Number);
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-csv-bench-'));
  try {
    console.log('size MB | seconds | MB/s | rows read | rejects');
    for (const mb of sizes) {
      const file = join(dir, `damaged-${mb}.csv`);
      await writeFile(file, damagedCsv(mb * 1024 * 1024).data);
      const t0 = process.hrtime.bigint();
      let rows = 0;
      let rejects = 0;
      for await (const item of readCsv(file, { required: ['id', 'title', 'note'] })) {
        if (item.reject === undefined) rows++;
        else rejects++;
      }
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      console.log(`${mb} | ${s.toFixed(2)} | ${(mb / s).toFixed(2)} | ${rows} | ${rejects}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
