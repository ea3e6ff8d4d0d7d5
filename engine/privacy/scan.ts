/**
 * Looks for strings in every file under a folder, as UTF-8, Latin-1 (V8's serialiser writes
 * one-byte strings so) and UTF-16LE (its two-byte strings): what an erasure checks it left behind
 * in the files the project writes, and what the tests check after it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ScanHit {
  readonly file: string;
  readonly needle: string;
  readonly encoding: 'utf8' | 'latin1' | 'utf16le';
}

async function* files(dir: string): AsyncGenerator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

export async function scanFiles(
  dir: string,
  needles: readonly string[],
  options: { readonly skip?: (file: string) => boolean } = {},
): Promise<ScanHit[]> {
  const patterns = needles
    .filter((n) => n !== '')
    .flatMap((needle) =>
      (['utf8', 'latin1', 'utf16le'] as const).map((encoding) => ({
        needle,
        encoding,
        bytes: Buffer.from(needle, encoding),
      })),
    );
  const hits: ScanHit[] = [];
  for await (const file of files(dir)) {
    if (options.skip?.(file) === true) continue;
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      continue; // gone between listing and reading (a rename): the new file is listed or read next time
    }
    const seen = new Set<string>();
    for (const p of patterns) {
      if (seen.has(p.needle)) continue;
      if (body.includes(p.bytes)) {
        hits.push({ file, needle: p.needle, encoding: p.encoding });
        seen.add(p.needle);
      }
    }
  }
  return hits;
}
