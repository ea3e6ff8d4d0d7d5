/**
 * Rewriting JSON-lines files (audit and request logs) without some of their lines, for erasure
 * and retention. The file is rewritten beside itself and renamed over it; lines appended by
 * another process while it is rewritten are carried over (the tail past the size read first is
 * filtered and added before the rename), so only an append landing in the instant between that
 * last read and the rename could be lost.
 */
import { open, readFile, rename, stat, writeFile } from 'node:fs/promises';

/** Keeps the lines `keep` accepts; returns how many went (0 and no rewrite when none, or no file). */
export async function filterLines(file: string, keep: (line: string) => boolean): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  const size = Buffer.byteLength(text);
  const lines = text.split('\n').filter((l) => l !== '');
  const kept = lines.filter(keep);
  if (kept.length === lines.length) return 0;
  const tmp = `${file}.tmp-${process.pid}`;
  let out = kept.map((l) => `${l}\n`).join('');
  const now = (await stat(file)).size;
  if (now > size) {
    const h = await open(file, 'r');
    try {
      const tail = Buffer.alloc(now - size);
      await h.read(tail, 0, tail.length, size);
      out += tail
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '' && keep(l))
        .map((l) => `${l}\n`)
        .join('');
    } finally {
      await h.close();
    }
  }
  await writeFile(tmp, out, { mode: 0o600 });
  await rename(tmp, file);
  return lines.length - kept.length;
}

/** The lines `select` accepts, parsed as JSON (lines that are not JSON are kept as text). */
export async function selectLines(file: string, select: (line: string) => boolean): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return text
    .split('\n')
    .filter((l) => l !== '' && select(l))
    .map((l) => {
      try {
        return JSON.parse(l) as unknown;
      } catch {
        return l;
      }
    });
}
