/**
 * GraphStore.shared on Neo4j (graph/shared.ts): a read model's saved copy as bookkeeping nodes
 * (`IleanetMeta`, never `Node`, so no graph query sees them), found by their unique `key`:
 * `shared:<name>` holds the header, the number of parts and the writer's lease; `shared:<name>:<i>`
 * holds part i of the body as a byte array (PART_BYTES each, so no single property or Bolt
 * message carries the whole body). A save replaces head and parts in one transaction, with the
 * head write-locked first, so two savers are serialised and a reader sees one whole copy.
 */
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

/** The driver sends an Int8Array as Bolt bytes (a Uint8Array would go as a list of integers). */
const asBoltBytes = (b: Uint8Array): Int8Array => new Int8Array(b.buffer, b.byteOffset, b.byteLength);
const fromBoltBytes = (v: unknown): Uint8Array | undefined =>
  v instanceof Int8Array || v instanceof Uint8Array ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : undefined;

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
    return this.run('READ', async (tx) => {
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
      const byKey = new Map<string, Uint8Array | undefined>(
        rows.records.map((r) => [String(r.get('key')), fromBoltBytes(r.get('data'))]),
      );
      const chunks: Uint8Array[] = [];
      for (const k of keys) {
        const c = byKey.get(k);
        if (c === undefined) return undefined; // a part is missing: no whole copy to give
        chunks.push(c);
      }
      return { header, body: Buffer.concat(chunks) };
    });
  }

  async save(name: string, copy: SharedCopy, o: SaveOptions): Promise<SaveOutcome> {
    const key = headKey(name);
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
      const parts = Math.ceil(copy.body.byteLength / PART_BYTES);
      for (let i = 0; i < parts; i++) {
        const data = copy.body.subarray(i * PART_BYTES, Math.min(copy.body.byteLength, (i + 1) * PART_BYTES));
        await tx.run(`MERGE (p:${META_LABEL} {key: $key}) SET p.data = $data`, {
          key: partKey(name, i),
          data: asBoltBytes(data),
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
