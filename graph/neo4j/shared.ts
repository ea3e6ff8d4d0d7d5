/**
 * GraphStore.shared on Neo4j (graph/shared.ts): a read model's saved copy as bookkeeping nodes
 * (`IleanetMeta`, never `Node`, so no graph query sees them), found by their unique `key`:
 * `shared:<name>` holds the header, the number of parts and the writer's lease; `shared:<name>:<i>`
 * holds part i of the body, gzipped, as a base64 string (PART_BYTES of the gzipped body each, so no
 * single property or Bolt message carries the whole body). Strings, not byte arrays: the JavaScript
 * driver packs and unpacks a byte array one byte at a time (76 MB, the 100,000-person snapshot,
 * took 21 s to read), and a string in one native UTF-8 decode. Gzip: the columns are text and
 * small integers, and the database reads a quarter of the bytes; its CRC catches a damaged part.
 * A save replaces head and parts in one transaction, with the head write-locked first, so two
 * savers are serialised and a reader sees one whole copy.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { SaveOptions, SaveOutcome, SharedCopy, SharedReadModels } from '../shared.js';
import { META_LABEL } from './schema.js';

type Run = <T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>) => Promise<T>;

/** Bytes per part node. */
export const PART_BYTES = 4 * 1024 * 1024;

const NAME = /^[a-z][a-z0-9-]*$/u;
const headKey = (name: string): string => {
  if (!NAME.test(name))
    throw new Error(`shared read model name must be lower-case letters, digits and '-', got '${name}'`);
  return `shared:${name}`;
};
const partKey = (name: string, i: number): string => `${headKey(name)}:${i}`;

const zip = promisify(gzip);
const unzip = promisify(gunzip);

export class Neo4jSharedReadModels implements SharedReadModels {
  constructor(private readonly run: Run) {}

  async header(name: string): Promise<string | undefined> {
    const res = await this.run('READ', (tx) =>
      tx.run(`MATCH (h:${META_LABEL} {key: $key}) RETURN h.header AS header`, { key: headKey(name) }),
    );
    const h = res.records[0]?.get('header');
    return typeof h === 'string' ? h : undefined;
  }

  async load(name: string): Promise<SharedCopy | undefined> {
    const copy = await this.run('READ', async (tx) => {
      const head = (
        await tx.run(`MATCH (h:${META_LABEL} {key: $key}) RETURN h.header AS header, h.parts AS parts`, {
          key: headKey(name),
        })
      ).records[0];
      const header = head?.get('header');
      const parts = Number(head?.get('parts') ?? Number.NaN);
      if (typeof header !== 'string' || !Number.isSafeInteger(parts) || parts < 0) return undefined;
      const keys = Array.from({ length: parts }, (_, i) => partKey(name, i));
      const rows = await tx.run(
        `UNWIND $keys AS k MATCH (p:${META_LABEL} {key: k}) RETURN p.key AS key, p.data AS data`,
        {
          keys,
        },
      );
      const byKey = new Map(rows.records.map((r) => [String(r.get('key')), r.get('data') as unknown]));
      const chunks: Buffer[] = [];
      for (const k of keys) {
        const c = byKey.get(k);
        if (typeof c !== 'string') return undefined; // a part is missing: no whole copy to give
        chunks.push(Buffer.from(c, 'base64'));
      }
      return { header, zipped: Buffer.concat(chunks) };
    });
    if (copy === undefined) return undefined;
    // Throws on a damaged copy (gzip's CRC or length check): the caller reports it and does not use it.
    return { header: copy.header, body: await unzip(copy.zipped) };
  }

  async save(name: string, copy: SharedCopy, o: SaveOptions): Promise<SaveOutcome> {
    const key = headKey(name);
    const zipped = await zip(copy.body, { level: 1 });
    return this.run('WRITE', async (tx) => {
      // Setting a property write-locks the head to commit: savers of one name go one at a time.
      const head = (
        await tx.run(
          `MERGE (h:${META_LABEL} {key: $key})
           SET h.locks = coalesce(h.locks, 0) + 1
           RETURN h.holder AS holder, h.until AS until, h.parts AS parts, timestamp() AS now`,
          { key },
        )
      ).records[0];
      const holder = head?.get('holder');
      const until = Number(head?.get('until') ?? 0);
      const now = Number(head?.get('now') ?? 0);
      if (o.force !== true && typeof holder === 'string' && holder !== o.holder && until > now) return 'leased';
      const parts = Math.ceil(zipped.byteLength / PART_BYTES);
      for (let i = 0; i < parts; i++) {
        const data = zipped.subarray(i * PART_BYTES, Math.min(zipped.byteLength, (i + 1) * PART_BYTES));
        await tx.run(`MERGE (p:${META_LABEL} {key: $key}) SET p.data = $data`, {
          key: partKey(name, i),
          data: data.toString('base64'),
        });
      }
      const old = Number(head?.get('parts') ?? 0);
      if (Number.isSafeInteger(old) && old > parts) {
        await tx.run(`UNWIND $keys AS k MATCH (p:${META_LABEL} {key: k}) DELETE p`, {
          keys: Array.from({ length: old - parts }, (_, i) => partKey(name, parts + i)),
        });
      }
      await tx.run(
        `MATCH (h:${META_LABEL} {key: $key})
         SET h.header = $header, h.parts = $parts, h.holder = $holder, h.until = timestamp() + $ms,
             h.savedAt = datetime()`,
        { key, header: copy.header, parts: neo4j.int(parts), holder: o.holder, ms: neo4j.int(o.leaseMs) },
      );
      return 'saved';
    });
  }

  async release(name: string, holder: string): Promise<void> {
    await this.run('WRITE', (tx) =>
      tx.run(`MATCH (h:${META_LABEL} {key: $key}) WHERE h.holder = $holder SET h.until = 0`, {
        key: headKey(name),
        holder,
      }),
    );
  }
}
