/**
 * Rewriting JSON-lines files (audit and request logs) without some of their lines, for erasure
 * and retention. The file is rewritten in place (same inode), because the processes writing it
 * keep it open in append mode (`serve`'s request log stream): after the rewrite their next line
 * lands at the new end. Lines appended while it is rewritten are carried over (the tail past the
 * size read first is filtered and kept), so only an append landing between that last read and the
 * truncation could be lost.
 */
import { open, readFile } from 'node:fs/promises';

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
  const h = await open(file, 'r+');
  try {
    let out = kept.map((l) => `${l}\n`).join('');
    let gone = lines.length - kept.length;
    const now = (await h.stat()).size;
    if (now > size) {
      const tail = Buffer.alloc(now - size);
      await h.read(tail, 0, tail.length, size);
      const more = tail
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '');
      const keptMore = more.filter(keep);
      gone += more.length - keptMore.length;
      out += keptMore.map((l) => `${l}\n`).join('');
    }
    const bytes = Buffer.from(out, 'utf8');
    await h.write(bytes, 0, bytes.length, 0);
    await h.truncate(bytes.length);
    await h.sync();
    return gone;
  } finally {
    await h.close();
  }
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
