import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIndexFile, writeIndexFile } from '../../engine/match/lexical-file.js';

interface Doc {
  id: string;
  title: string;
  body?: string;
  v: number;
}

const options = {
  fields: ['title', 'body'],
  storeFields: ['v'],
  tokenize: (s: string) => s.split(/\s+/u).filter((t) => t !== ''),
  processTerm: (t: string) => t.toLowerCase(),
};

// More documents and terms than one line holds (2,000), multibyte terms, a missing field, a removal.
const WORDS = ['drone', 'prison', 'détection', 'świadek', 'граница', 'Gefängnis', 'radar', 'mule'];
const docs: Doc[] = Array.from({ length: 4_500 }, (_, n) => ({
  id: `doc:${n}`,
  title: `${WORDS[n % WORDS.length]} t${n} ${WORDS[(n * 7) % WORDS.length]}`,
  ...(n % 3 === 0 ? {} : { body: `${WORDS[(n * 3) % WORDS.length]} ${WORDS[(n * 3) % WORDS.length]} w${n % 2_500}` }),
  v: n % 3,
}));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-lexical-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lexical index file (JSON lines)', () => {
  it('reads back an index that searches, scores and stores exactly as the one written', async () => {
    const ms = new MiniSearch<Doc>(options);
    ms.addAll(docs);
    ms.discard('doc:17');
    const file = join(dir, 'round.jsonl');
    const stamp = await writeIndexFile(ms, file);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines.length, 'more than one slice of each part').toBeGreaterThan(6);
    const back = await readIndexFile<Doc>(file, options, stamp);
    expect(back.documentCount).toBe(ms.documentCount);
    expect(back.termCount).toBe(ms.termCount);
    // The same documents, lengths, stored fields and postings (the radix tree may list terms in another order).
    const sorted = (m: MiniSearch<Doc>) => {
      const js = m.toJSON();
      return { ...js, index: [...js.index].sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
    };
    expect(sorted(back)).toEqual(sorted(ms));
    for (const q of ['drone', 'świadek граница', 't4499', 'w2499 radar', 'détection Gefängnis mule'])
      expect(back.search(q)).toEqual(ms.search(q));
    // It keeps working as an index: additions and removals after the load.
    back.add({ id: 'doc:new', title: 'quokka', v: 0 });
    back.discard('doc:4');
    expect(back.search('quokka').map((r) => r.id)).toEqual(['doc:new']);
    expect(back.search('t4').map((r) => r.id)).toEqual([]);
  });

  it('refuses a file whose size or checksum is not the stamp’s, saying which', async () => {
    const ms = new MiniSearch<Doc>(options);
    ms.addAll(docs.slice(0, 10));
    const file = join(dir, 'bad.jsonl');
    const stamp = await writeIndexFile(ms, file);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, -5));
    await expect(readIndexFile(file, options, stamp)).rejects.toThrow(/bytes, the stamp says .* \(truncated\?\)/u);
    await writeFile(file, text.replace('"documentCount":10', '"documentCount":11'));
    await expect(readIndexFile(file, options, stamp)).rejects.toThrow(/fails its checksum/u);
    await writeFile(file, text);
    await expect(readIndexFile(file, options, stamp)).resolves.toBeInstanceOf(MiniSearch);
  });
});
