/**
 * The analytics snapshot on disk (`<dataDir>/analytics/snapshot.bin`), for warm starts: a JSON
 * header line (format, feed position, size and SHA-256 of the body) and the body in V8's
 * serialisation format, laid out in columns: each text field of every node as one joined string
 * in bytes (UTF-8, or UTF-16 when it holds a lone surrogate), numbers and links as typed arrays (links in compressed-row form), so that one
 * snapshot always gives the same bytes and SHA-256. V8 reads objects and Maps
 * of this size slowly (7 s for the 100,000-person graph on a loaded 2-core machine); columns it
 * reads at memory speed. Written to a temporary name and renamed, by the one process holding the
 * folder's lock. A file that is truncated, damaged, of another
 * format or unreadable is reported (the caller logs it and loads from the store), never used.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { type SnapNode, Snapshot } from './snapshot.js';

/** Bumped when the Snapshot's fields or their meaning change. */
// 3: comments and survey answers (with their authors) joined the snapshot, for participation figures.
// 4: no challenge text (nothing read it; 16.6 M characters at 100,000 people).
// 5: text columns as bytes (UTF-8; UTF-16 if a lone surrogate is in one), so one snapshot always encodes to the same bytes.
const FORMAT = 5;

export const snapshotPath = (dataDir: string): string => join(dataDir, 'analytics', 'snapshot.bin');

interface Header {
  readonly format: number;
  readonly epoch: string;
  readonly seq: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly savedAt: string;
}

/** Maps from a node to a list of nodes. */
const LISTS = [
  'about',
  'producers',
  'produced',
  'addresses',
  'addressedBy',
  'raisedBy',
  'raised',
  'memberOf',
  'members',
  'expertIn',
] as const;
/** Maps from a node to a list of links (node plus role, value, option). */
const LINKS = ['participants', 'projectsOf', 'votes'] as const;
/** Maps from a node to one node. */
const ONES = ['heldAt', 'locatedIn'] as const;
/** Optional text fields of a node, each stored as one text column joined by SEP (MISSING for absent). */
const TEXTS = ['owner', 'date', 'country', 'sub', 'closesAt'] as const;

const SEP = '\u0001';
const MISSING = '\u0002';
const INNER = '\u0003';

/**
 * A text column as bytes: UTF-8, or UTF-16 code units (a Uint16Array) when the text holds a lone
 * surrogate, which UTF-8 cannot carry and the embedded store keeps (escaped in its JSON). v8.serialize
 * writes a string in its in-memory form, one byte or two a character, and the same text can be held
 * either way (a string cut from a two-byte one stays two-byte): the same snapshot gave other bytes,
 * and another SHA-256, from one encoding to the next. Bytes are the text's alone.
 */
function joinText(values: readonly (string | undefined)[]): Uint8Array | Uint16Array {
  const text = values.map((v) => (v === undefined ? MISSING : v)).join(SEP);
  // isWellFormed: Node 20 has it, the ES2023 lib does not name it.
  if ((text as string & { isWellFormed(): boolean }).isWellFormed()) return Buffer.from(text, 'utf8');
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}
function splitText(bytes: unknown, n: number, column: string): (string | undefined)[] {
  let joined: string;
  if (bytes instanceof Uint16Array)
    joined = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le');
  else if (bytes instanceof Uint8Array)
    joined = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  else throw new Error(`has a column '${column}' that is not text bytes`);
  const parts = n === 0 ? [] : joined.split(SEP);
  if (parts.length !== n) throw new Error(`holds ${parts.length} values in '${column}' where ${n} were expected`);
  return parts.map((v) => (v === MISSING ? undefined : v));
}
const joinList = (v: readonly string[] | undefined): string | undefined =>
  v === undefined ? undefined : v.join(INNER);
const splitList = (v: string | undefined): string[] | undefined =>
  v === undefined ? undefined : v === '' ? [] : v.split(INNER);

interface Csr {
  readonly keys: Int32Array;
  readonly offsets: Int32Array;
  readonly values: Int32Array;
}

function toCsr<V>(m: Map<number, V[]>, to: (v: V) => number): Csr {
  const keys = new Int32Array(m.size);
  const offsets = new Int32Array(m.size + 1);
  let total = 0;
  for (const list of m.values()) total += list.length;
  const values = new Int32Array(total);
  let i = 0;
  let j = 0;
  for (const [k, list] of m) {
    keys[i] = k;
    offsets[i] = j;
    for (const v of list) values[j++] = to(v);
    i++;
  }
  offsets[i] = j;
  return { keys, offsets, values };
}

function fromCsr<V>(c: Csr, target: Map<number, V[]>, make: (value: number, at: number) => V): void {
  for (let i = 0; i < c.keys.length; i++) {
    const from = c.offsets[i] as number;
    const to = c.offsets[i + 1] as number;
    const list: V[] = new Array(to - from);
    for (let j = from; j < to; j++) list[j - from] = make(c.values[j] as number, j);
    target.set(c.keys[i] as number, list);
  }
}

/**
 * An array built by push, so always of packed elements. v8.serialize writes a packed array dense
 * and a holey one sparse, and `Array.prototype.map` once optimised returns a holey array: the same
 * snapshot encoded before and after the optimiser ran gave different bytes, and so another SHA-256.
 */
function packed<T, U>(items: Iterable<T>, f: (item: T) => U): U[] {
  const out: U[] = [];
  for (const item of items) out.push(f(item));
  return out;
}

type LinkColumns = Csr & {
  readonly role: Uint8Array | Uint16Array;
  readonly value: Float64Array;
  readonly option: Uint8Array | Uint16Array;
};

function encode(s: Snapshot): Record<string, unknown> {
  const nodes = s.nodes;
  const maturity = new Float64Array(nodes.length).fill(Number.NaN);
  const flags = new Uint8Array(nodes.length);
  nodes.forEach((n, k) => {
    if (n.maturity !== undefined) maturity[k] = n.maturity;
    flags[k] = (n.countryFromLink ? 1 : 0) | (n.dateFromProject ? 2 : 0);
  });
  const links = Object.fromEntries(
    LINKS.map((m) => {
      const all = [...s[m].values()].flat();
      const cols: LinkColumns = {
        ...toCsr(s[m], (l) => l.to),
        role: joinText(all.map((l) => l.role)),
        value: Float64Array.from(all, (l) => l.value ?? Number.NaN),
        option: joinText(all.map((l) => l.option)),
      };
      return [m, cols];
    }),
  );
  return {
    n: nodes.length,
    id: joinText(nodes.map((x) => x.id)),
    kind: joinText(nodes.map((x) => x.kind)),
    visibility: joinText(nodes.map((x) => x.visibility)),
    label: joinText(nodes.map((x) => x.label)),
    ...Object.fromEntries(TEXTS.map((f) => [f, joinText(nodes.map((x) => x[f]))])),
    options: joinText(nodes.map((x) => joinList(x.options))),
    keywords: joinText(nodes.map((x) => joinList(x.keywords))),
    maturity,
    flags,
    kinds: joinText([...s.byKind.keys()]),
    byKind: packed(s.byKind.values(), (keys) => Int32Array.from(keys)),
    lists: Object.fromEntries(LISTS.map((m) => [m, toCsr(s[m], (v) => v)])),
    links,
    ones: Object.fromEntries(ONES.map((m) => [m, [Int32Array.from(s[m].keys()), Int32Array.from(s[m].values())]])),
  };
}

function decode(d: Record<string, unknown>, s: Snapshot): void {
  const n = Number(d['n']);
  const col = (f: string) => splitText(d[f], n, f);
  const id = col('id');
  const kind = col('kind');
  const visibility = col('visibility');
  const label = col('label');
  const texts = Object.fromEntries(TEXTS.map((f) => [f, col(f)])) as Record<
    (typeof TEXTS)[number],
    (string | undefined)[]
  >;
  const options = col('options');
  const keywords = col('keywords');
  const maturity = d['maturity'] as Float64Array;
  const flags = d['flags'] as Uint8Array;
  if (maturity.length !== n || flags.length !== n) throw new Error('has columns of different lengths');
  for (let k = 0; k < n; k++) {
    const node: Record<string, unknown> = { id: id[k], kind: kind[k], visibility: visibility[k], label: label[k] };
    for (const f of TEXTS) {
      const v = texts[f][k];
      if (v !== undefined) node[f] = v;
    }
    const m = maturity[k] as number;
    if (!Number.isNaN(m)) node['maturity'] = m;
    const o = splitList(options[k]);
    if (o !== undefined) node['options'] = o;
    const kw = splitList(keywords[k]);
    if (kw !== undefined) node['keywords'] = kw;
    const fl = flags[k] as number;
    if (fl & 1) node['countryFromLink'] = true;
    if (fl & 2) node['dateFromProject'] = true;
    s.nodes.push(node as unknown as SnapNode);
  }
  const byKind = d['byKind'] as Int32Array[];
  const kinds = splitText(d['kinds'], byKind.length, 'kinds');
  for (const [i, keys] of byKind.entries()) s.byKind.set(kinds[i] as SnapNode['kind'], Array.from(keys));
  const lists = d['lists'] as Record<string, Csr>;
  for (const m of LISTS) fromCsr(lists[m] as Csr, s[m] as Map<number, number[]>, (v) => v);
  const links = d['links'] as Record<string, LinkColumns>;
  for (const m of LINKS) {
    const c = links[m] as LinkColumns;
    const role = splitText(c.role, c.values.length, `${m}.role`);
    const option = splitText(c.option, c.values.length, `${m}.option`);
    fromCsr(c, s[m] as Map<number, unknown[]>, (to, j) => {
      const l: { to: number; role?: string; value?: number; option?: string } = { to };
      const r = role[j];
      if (r !== undefined) l.role = r;
      const v = c.value[j] as number;
      if (!Number.isNaN(v)) l.value = v;
      const op = option[j];
      if (op !== undefined) l.option = op;
      return l;
    });
  }
  const ones = d['ones'] as Record<string, [Int32Array, Int32Array]>;
  for (const m of ONES) {
    const [keys, values] = ones[m] as [Int32Array, Int32Array];
    for (let i = 0; i < keys.length; i++) s[m].set(keys[i] as number, values[i] as number);
  }
  for (const list of s.byKind.values()) for (const k of list) s.key.set(s.node(k).id, k);
}

/** The snapshot as a header line (format, position, size and SHA-256 of the body) and its columnar body. */
export function encodeSnapshot(s: Snapshot): { header: string; body: Buffer } {
  const body = serialize(encode(s));
  const header: Header = {
    format: FORMAT,
    epoch: s.position.epoch ?? '',
    seq: s.position.seq,
    bytes: body.byteLength,
    sha256: createHash('sha256').update(body).digest('hex'),
    savedAt: new Date().toISOString(),
  };
  return { header: JSON.stringify(header), body };
}

/**
 * A saved snapshot read back, or what is wrong with it (`where` names it in the problem): of
 * another format, truncated, failing its checksum or not decodable. Never a partial snapshot.
 */
export function decodeSnapshot(
  header: string,
  body: Uint8Array,
  where: string,
): { snapshot?: Snapshot; problem?: string } {
  try {
    const h = JSON.parse(header) as Partial<Header>;
    if (h.format !== FORMAT) throw new Error(`is format ${String(h.format)}, not ${FORMAT}`);
    if (body.byteLength !== h.bytes)
      throw new Error(`has ${body.byteLength} bytes, the header says ${h.bytes} (truncated?)`);
    if (createHash('sha256').update(body).digest('hex') !== h.sha256) throw new Error('fails its checksum (damaged)');
    const s = new Snapshot({ epoch: h.epoch ?? '', seq: Number(h.seq) }, new Date());
    decode(deserialize(body) as Record<string, unknown>, s);
    return { snapshot: s };
  } catch (e) {
    return { problem: `the saved snapshot ${where} ${(e as Error).message}; it is not used` };
  }
}

/** The feed position a header names (undefined when it is not a header of ours). */
export function headerPosition(header: string): { epoch: string; seq: number } | undefined {
  try {
    const h = JSON.parse(header) as Partial<Header>;
    return typeof h.epoch === 'string' && typeof h.seq === 'number' ? { epoch: h.epoch, seq: h.seq } : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSnapshotFile(dataDir: string, s: Snapshot): Promise<void> {
  const { header, body } = encodeSnapshot(s);
  const file = snapshotPath(dataDir);
  await mkdir(join(dataDir, 'analytics'), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, Buffer.concat([Buffer.from(`${header}\n`), body]));
  await rename(tmp, file);
}

/** The position of the copy a store keeps itself (graph/shared.ts), for `ileanet stats` (undefined: none). */
export async function sharedSnapshotPosition(
  shared: { header(name: string): Promise<string | undefined> },
  name: string,
): Promise<{ epoch: string; seq: number } | undefined> {
  const header = await shared.header(name);
  return header === undefined ? undefined : headerPosition(header);
}

/** The saved position, for `ileanet stats` (undefined without a readable header). */
export async function savedSnapshotPosition(dataDir: string): Promise<{ epoch: string; seq: number } | undefined> {
  try {
    const raw = await readFile(snapshotPath(dataDir));
    const nl = raw.indexOf(10);
    const h = JSON.parse(raw.subarray(0, nl).toString('utf8')) as Header;
    return { epoch: h.epoch, seq: h.seq };
  } catch {
    return undefined;
  }
}

export async function readSnapshotFile(dataDir: string): Promise<{ snapshot?: Snapshot; problem?: string }> {
  const file = snapshotPath(dataDir);
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { problem: `the saved snapshot ${file} is unreadable (${(e as Error).message})` };
  }
  const nl = raw.indexOf(10);
  if (nl < 0) return { problem: `the saved snapshot ${file} has no header; it is not used` };
  return decodeSnapshot(raw.subarray(0, nl).toString('utf8'), raw.subarray(nl + 1), file);
}
