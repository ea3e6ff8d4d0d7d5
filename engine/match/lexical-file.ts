/**
 * One kind's MiniSearch index on disk, as JSON lines written and read a slice at a time.
 *
 * Why not MiniSearch's `toJSON` and `loadJSON`: they hold the whole index as one plain object and
 * one string. At 1,000,000 people the Person index's string is past V8's longest string and the
 * object past its default heap (bench:scale died at 3.9 GB inside `JSON.stringify`). Here no
 * line holds more than LINE_ITEMS documents or terms, so memory stays the index itself plus one
 * slice.
 *
 * Layout, one JSON object per line:
 * - `{"h": {...}}`: the counters and field ids (`documentCount`, `nextId`, `fieldIds`,
 *   `averageFieldLength`, `dirtCount`), first;
 * - `{"d": [[shortId, id], ...]}`, `{"l": [[shortId, [lengths]], ...]}`, `{"s": [[shortId, stored], ...]}`:
 *   document ids, field lengths, stored fields;
 * - `{"i": [[term, [[fieldId, [docId, freq, docId, freq, ...]], ...]], ...]}`: the inverted index.
 *
 * The byte count and SHA-256 of the whole file are computed while it is written and checked while
 * it is read (the stamp keeps them, ./lexical.ts): a file that does not match is never served.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import MiniSearch, { type Options } from 'minisearch';

/** Documents or terms per line. */
const LINE_ITEMS = 2_000;
const FLUSH_BYTES = 4 << 20;

/** MiniSearch 7's protected fields this file reads and writes (checked by `shape`). */
interface Fields {
  _index: Iterable<[string, Map<number, Map<number, number>>]> & {
    set(term: string, data: Map<number, Map<number, number>>): unknown;
  };
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the file reads the index, never the documents' type.
function shape(ms: MiniSearch<any>): Fields {
  const f = ms as unknown as Partial<Fields>;
  if (
    typeof f._index?.[Symbol.iterator] !== 'function' ||
    !(f._documentIds instanceof Map) ||
    !(f._idToShortId instanceof Map) ||
    !(f._fieldLength instanceof Map) ||
    !(f._storedFields instanceof Map) ||
    !Array.isArray(f._avgFieldLength) ||
    typeof f._documentCount !== 'number' ||
    typeof f._nextId !== 'number'
  )
    throw new Error('the installed MiniSearch keeps its index in another shape than this file format knows');
  return f as Fields;
}

function* slices<T>(items: Iterable<T>): Generator<T[]> {
  let slice: T[] = [];
  for (const item of items) {
    slice.push(item);
    if (slice.length === LINE_ITEMS) {
      yield slice;
      slice = [];
    }
  }
  if (slice.length > 0) yield slice;
}

/** Writes `ms` to `file` (created or truncated); answers its size and SHA-256. */
// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function writeIndexFile(ms: MiniSearch<any>, file: string): Promise<{ bytes: number; sha256: string }> {
  const f = shape(ms);
  const hash = createHash('sha256');
  let bytes = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const handle = await open(file, 'w');
  try {
    const flush = async () => {
      if (pendingBytes === 0) return;
      await handle.write(Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
    };
    const line = async (value: unknown) => {
      const b = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
      hash.update(b);
      bytes += b.length;
      pending.push(b);
      pendingBytes += b.length;
      if (pendingBytes >= FLUSH_BYTES) await flush();
    };
    await line({
      h: {
        documentCount: f._documentCount,
        nextId: f._nextId,
        fieldIds: f._fieldIds,
        averageFieldLength: f._avgFieldLength,
        dirtCount: f._dirtCount,
      },
    });
    for (const s of slices(f._documentIds)) await line({ d: s });
    for (const s of slices(f._fieldLength)) await line({ l: s });
    for (const s of slices(f._storedFields)) await line({ s });
    for (const s of slices(f._index))
      await line({
        i: s.map(([term, byField]) => [term, [...byField].map(([fieldId, freqs]) => [fieldId, [...freqs].flat()])]),
      });
    await flush();
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

type Line =
  | {
      h: {
        documentCount: number;
        nextId: number;
        fieldIds: Record<string, number>;
        averageFieldLength: number[];
        dirtCount: number;
      };
    }
  | { d: [number, string][] }
  | { l: [number, number[]][] }
  | { s: [number, unknown][] }
  | { i: [string, [number, number[]][]][] };

/**
 * Reads an index written by `writeIndexFile`. Throws, saying why, when the file's size or
 * checksum is not `expect`'s or a line is not what the layout says; the caller rebuilds then.
 */
export async function readIndexFile<T>(
  file: string,
  options: Options<T>,
  expect: { readonly bytes: number; readonly sha256: string },
): Promise<MiniSearch<T>> {
  const size = (await stat(file)).size;
  if (size !== expect.bytes) throw new Error(`has ${size} bytes, the stamp says ${expect.bytes} (truncated?)`);
  const hash = createHash('sha256');
  let ms: MiniSearch<T> | undefined;
  let f: Fields | undefined;
  let n = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const text of lines) {
    n++;
    hash.update(`${text}\n`, 'utf8');
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      throw new Error(`line ${n} is not JSON`);
    }
    if ('h' in line) {
      if (ms !== undefined) throw new Error(`line ${n} is a second header`);
      ms = MiniSearch.loadJS<T>(
        { ...line.h, documentIds: {}, fieldLength: {}, storedFields: {}, index: [], serializationVersion: 2 },
        options,
      );
      f = shape(ms);
      continue;
    }
    if (f === undefined) throw new Error(`line ${n} comes before the header`);
    if ('d' in line)
      for (const [short, id] of line.d) {
        f._documentIds.set(short, id);
        f._idToShortId.set(id, short);
      }
    else if ('l' in line) for (const [short, lengths] of line.l) f._fieldLength.set(short, lengths);
    else if ('s' in line) for (const [short, stored] of line.s) f._storedFields.set(short, stored);
    else if ('i' in line)
      for (const [term, byField] of line.i) {
        const data = new Map<number, Map<number, number>>();
        for (const [fieldId, flat] of byField) {
          const freqs = new Map<number, number>();
          for (let k = 0; k + 1 < flat.length; k += 2) freqs.set(flat[k] as number, flat[k + 1] as number);
          data.set(fieldId, freqs);
        }
        f._index.set(term, data);
      }
    else throw new Error(`line ${n} is of no known kind`);
  }
  if (hash.digest('hex') !== expect.sha256) throw new Error('fails its checksum (damaged)');
  if (ms === undefined) throw new Error('has no header');
  return ms;
}
