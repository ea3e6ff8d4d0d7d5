/**
 * The analytics snapshot on disk (`<dataDir>/analytics/snapshot.bin`), for warm starts: a JSON
 * header line (format, feed position, size and SHA-256 of the body) and the body in V8's
 * serialisation format (Maps and arrays as they are). Written to a temporary name and renamed, by
 * the one process holding the folder's lock. A file that is truncated, damaged, of another
 * format or unreadable is reported (the caller logs it and loads from the store), never used.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { type SnapNode, Snapshot } from './snapshot.js';

/** Bumped when the Snapshot's fields or their meaning change. */
const FORMAT = 1;

export const snapshotPath = (dataDir: string): string => join(dataDir, 'analytics', 'snapshot.bin');

interface Header {
  readonly format: number;
  readonly epoch: string;
  readonly seq: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly savedAt: string;
}

const MAPS = [
  'about',
  'participants',
  'projectsOf',
  'producers',
  'produced',
  'addresses',
  'addressedBy',
  'raisedBy',
  'raised',
  'votes',
  'memberOf',
  'members',
  'expertIn',
  'heldAt',
  'locatedIn',
] as const;

export async function writeSnapshotFile(dataDir: string, s: Snapshot): Promise<void> {
  const body = serialize({
    nodes: s.nodes,
    byKind: s.byKind,
    ...Object.fromEntries(MAPS.map((m) => [m, s[m]])),
  });
  const header: Header = {
    format: FORMAT,
    epoch: s.position.epoch ?? '',
    seq: s.position.seq,
    bytes: body.byteLength,
    sha256: createHash('sha256').update(body).digest('hex'),
    savedAt: new Date().toISOString(),
  };
  const file = snapshotPath(dataDir);
  await mkdir(join(dataDir, 'analytics'), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
  await rename(tmp, file);
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
  try {
    const nl = raw.indexOf(10);
    if (nl < 0) throw new Error('has no header');
    const header = JSON.parse(raw.subarray(0, nl).toString('utf8')) as Partial<Header>;
    if (header.format !== FORMAT) throw new Error(`is format ${String(header.format)}, not ${FORMAT}`);
    const body = raw.subarray(nl + 1);
    if (body.byteLength !== header.bytes)
      throw new Error(`has ${body.byteLength} bytes, the header says ${header.bytes} (truncated?)`);
    if (createHash('sha256').update(body).digest('hex') !== header.sha256)
      throw new Error('fails its checksum (damaged)');
    const data = deserialize(body) as Record<string, unknown>;
    const s = new Snapshot({ epoch: header.epoch, seq: Number(header.seq) }, new Date());
    for (const n of data['nodes'] as SnapNode[]) s.nodes.push(n);
    for (const [k, v] of data['byKind'] as Map<never, number[]>) s.byKind.set(k, v);
    for (const m of MAPS) {
      const target = s[m] as Map<number, unknown>;
      for (const [k, v] of data[m] as Map<number, unknown>) target.set(k, v);
    }
    for (const list of s.byKind.values()) for (const k of list) s.key.set(s.node(k).id, k);
    return { snapshot: s };
  } catch (e) {
    return { problem: `the saved snapshot ${file} ${(e as Error).message}; it is not used` };
  }
}
