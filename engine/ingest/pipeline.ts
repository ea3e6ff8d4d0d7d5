/**
 * The ingest pipeline: reads an IngestSource chunk by chunk, validates every record against
 * the model before it reaches the store, and writes in batches.
 *
 * The store rejects a batch whole when one record is bad (by design: each batch is atomic).
 * So the pipeline validates first: a bad record becomes one Reject, relationships whose ends
 * were rejected (or exist nowhere) are dropped and reported, and the rest is written.
 * Writes are upserts keyed by stable ids, so a re-run changes nothing and an interrupted run,
 * run again, ends in the same graph as an uninterrupted one.
 */
import type { z } from 'zod';
import type { ChangeCounts, GraphStore } from '../../graph/index.js';
import {
  GraphError,
  isNodeKind,
  type NodeInput,
  type NodeKind,
  parseNode,
  parseRelationship,
  REL_ENDPOINTS,
  type RelInput,
  type RelType,
  SYSTEM,
} from '../../graph/index.js';
import type { IngestSource, Reject } from './source.js';

export interface Origin {
  readonly file: string;
  readonly line: number;
}

const origins = new WeakMap<object, Origin>();

/**
 * Notes where a record was read, so that a record failing validation in the pipeline is
 * reported with its file and line. Returns the record. Records without an origin are
 * reported under the source's name, line 0.
 */
export function withOrigin<T extends object>(record: T, file: string, line: number): T {
  origins.set(record, { file, line });
  return record;
}

export interface IngestProgress {
  /** Work done and in all, in the source's unit (bytes, rows, people). */
  readonly done: number;
  readonly total?: number;
  readonly unit: string;
  /** Records read from the source so far, and how many of them (plus rows) were rejected. */
  readonly records: number;
  readonly rejected: number;
  /** Records the store has taken so far. */
  readonly written: number;
}

export interface IngestOptions {
  /** Records per store write, each write atomic (default 25,000; capped by the store's `maxBatchSize`). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Rejects kept in the summary; the rest are only counted (default 1,000). */
  readonly maxRejects?: number;
}

export interface IngestSummary {
  readonly source: string;
  /** Per node kind and relationship type that the input held. */
  readonly nodes: Readonly<Partial<Record<NodeKind, ChangeCounts>>>;
  readonly relationships: Readonly<Partial<Record<RelType, ChangeCounts>>>;
  readonly totals: { readonly nodes: ChangeCounts; readonly relationships: ChangeCounts };
  /** Rows and records rejected, all of them counted; the first `maxRejects` listed in `rejects`. */
  readonly rejected: number;
  readonly rejects: readonly Reject[];
  /** False when the store already held exactly this input ("nothing changed"). */
  readonly changed: boolean;
  readonly durationMs: number;
}

type Counts = { created: number; updated: number; unchanged: number };
const zero = (): Counts => ({ created: 0, updated: 0, unchanged: 0 });
const add = (into: Counts, c: ChangeCounts) => {
  into.created += c.created;
  into.updated += c.updated;
  into.unchanged += c.unchanged;
};
const sum = (into: Counts | undefined, c: ChangeCounts): Counts => {
  const out = into ?? zero();
  add(out, c);
  return out;
};

const describe = (e: z.ZodError): string =>
  e.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(record)'} ${i.message}`).join('; ');

/** "a Person", "an Organisation". */
const article = (kind: string) => (/^[AEIOU]/u.test(kind) ? `an ${kind}` : `a ${kind}`);

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/**
 * What an ingest writes into: a store, or anything that checks and takes batches as `upsert` does
 * (graph/neo4j/offline-import.ts, the CSV files of a bulk load).
 */
export type IngestTarget = Pick<GraphStore, 'upsert' | 'getNodes'> & {
  readonly capabilities: Pick<GraphStore['capabilities'], 'maxBatchSize'>;
};

/**
 * Runs `source` into `store` and returns what changed. Bad records are rejected, not thrown;
 * it throws when the source cannot be read or the store fails, and what was written by then
 * stays (running the same input again completes it).
 */
export async function runIngest(
  store: IngestTarget,
  source: IngestSource,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 25_000, store.capabilities.maxBatchSize));
  const maxRejects = options.maxRejects ?? 1_000;

  const nodeCounts: Partial<Record<NodeKind, Counts>> = {};
  const relCounts: Partial<Record<RelType, Counts>> = {};
  const rejects: Reject[] = [];
  let rejected = 0;
  let records = 0;
  let written = 0;

  /** Kind of every id accepted in this run, or found in the store: relationship ends are checked against it. */
  const known = new Map<string, NodeKind>();
  /** Ids whose node was rejected in this run (and not accepted elsewhere in it). */
  const refused = new Set<string>();
  const nodes: NodeInput[] = [];
  const rels: RelInput[] = [];

  const report = (r: Reject) => {
    rejected++;
    if (rejects.length < maxRejects) rejects.push(r);
  };
  const reject = (record: object, reason: string) => {
    const at = origins.get(record);
    report({ file: at?.file ?? source.name, line: at?.line ?? 0, reason });
  };

  const acceptNode = (raw: NodeInput) => {
    const r = asRecord(raw);
    const id = typeof r['id'] === 'string' ? r['id'] : undefined;
    const label = id === undefined ? 'node' : `node ${id}`;
    const kind = r['kind'];
    if (typeof kind !== 'string' || !isNodeKind(kind)) {
      reject(
        raw,
        `${label}: kind ${kind === undefined ? 'is missing' : `is not a node kind: ${JSON.stringify(kind)}`}`,
      );
      if (id !== undefined && !known.has(id)) refused.add(id);
      return;
    }
    const parsed = parseNode(raw);
    if (!parsed.success) {
      reject(raw, `${label}: ${describe(parsed.error)}`);
      if (id !== undefined && !known.has(id)) refused.add(id);
      return;
    }
    const was = known.get(parsed.data.id);
    if (was !== undefined && was !== kind) {
      reject(raw, `${label}: is ${article(kind)}, but this id is ${article(was)} elsewhere in the input or the store`);
      return;
    }
    known.set(parsed.data.id, kind);
    refused.delete(parsed.data.id);
    const at = origins.get(raw);
    if (at !== undefined) origins.set(parsed.data, at);
    nodes.push(parsed.data);
  };

  const acceptRel = (raw: RelInput) => {
    const parsed = parseRelationship(raw);
    if (!parsed.success) {
      const r = asRecord(raw);
      reject(
        raw,
        `relationship ${String(r['type'])} ${String(r['from'])}->${String(r['to'])}: ${describe(parsed.error)}`,
      );
      return;
    }
    const r = parsed.data;
    const gone = refused.has(r.from) ? r.from : refused.has(r.to) ? r.to : undefined;
    if (gone !== undefined) {
      reject(raw, `relationship ${r.type} ${r.from}->${r.to}: dropped, its end ${gone} was rejected`);
      return;
    }
    const at = origins.get(raw);
    if (at !== undefined) origins.set(r, at);
    rels.push(r);
  };

  /** Drops relationships whose ends exist nowhere or have kinds the type does not allow. */
  const checkEnds = async (batch: RelInput[]): Promise<RelInput[]> => {
    const unknown = new Set<string>();
    for (const r of batch) {
      if (!known.has(r.from)) unknown.add(r.from);
      if (!known.has(r.to)) unknown.add(r.to);
    }
    if (unknown.size > 0) {
      for (const n of await store.getNodes([...unknown], SYSTEM)) known.set(n.id, n.kind);
    }
    return batch.filter((r) => {
      const type = r.type as RelType;
      for (const end of ['from', 'to'] as const) {
        const kind = known.get(r[end]);
        const label = `relationship ${type} ${r.from}->${r.to}`;
        if (kind === undefined) {
          reject(r, `${label}: ${end} names no node: ${r[end]}`);
          return false;
        }
        if (!REL_ENDPOINTS[type][end].includes(kind)) {
          reject(
            r,
            `${label}: ${end} is ${article(kind)}; ${type} takes ${REL_ENDPOINTS[type][end].join(' | ')} there`,
          );
          return false;
        }
      }
      return true;
    });
  };

  /**
   * Upserts one batch; if the store still refuses it (e.g. an id stored with another kind),
   * rejects the records it names, drops relationships left without an end, and writes the rest.
   */
  const write = async (batchNodes: NodeInput[], batchRels: RelInput[]) => {
    let todoNodes = batchNodes;
    let todoRels = batchRels;
    for (let attempt = 0; todoNodes.length + todoRels.length > 0; attempt++) {
      try {
        const result = await store.upsert({ nodes: todoNodes, relationships: todoRels });
        written += todoNodes.length + todoRels.length;
        for (const [kind, c] of Object.entries(result.byKind)) {
          nodeCounts[kind as NodeKind] = sum(nodeCounts[kind as NodeKind], c);
        }
        for (const [type, c] of Object.entries(result.byType)) {
          relCounts[type as RelType] = sum(relCounts[type as RelType], c);
        }
        return;
      } catch (e) {
        // Each retry removes at least the records named; a third refusal is a store fault.
        if (!(e instanceof GraphError) || e.problems.length === 0 || attempt > 2) throw e;
        const bad = { nodes: new Map<number, string>(), relationships: new Map<number, string>() };
        for (const p of e.problems) {
          const what = p.section === 'nodes' ? 'node' : 'relationship';
          bad[p.section].set(p.index, `${what} ${p.record ?? `#${p.index}`}: ${p.field} ${p.message}`);
        }
        todoNodes = todoNodes.filter((rec, i) => {
          const why = bad.nodes.get(i);
          if (why === undefined) return true;
          reject(rec, why);
          if (typeof rec.id === 'string') {
            known.delete(rec.id);
            refused.add(rec.id);
          }
          return false;
        });
        todoRels = todoRels.filter((rec, i) => {
          const why = bad.relationships.get(i);
          if (why !== undefined) reject(rec, why);
          const gone = refused.has(rec.from) ? rec.from : refused.has(rec.to) ? rec.to : undefined;
          if (why === undefined && gone !== undefined) {
            reject(rec, `relationship ${rec.type} ${rec.from}->${rec.to}: dropped, its end ${gone} was rejected`);
          }
          return why === undefined && gone === undefined;
        });
      }
    }
  };

  /** Writes up to `limit` pending records, nodes first, in one atomic upsert. */
  const flush = async (limit: number) => {
    const takeNodes = nodes.splice(0, limit);
    const room = limit - takeNodes.length;
    let takeRels = room > 0 ? rels.splice(0, room) : [];
    takeRels = takeRels.filter((r) => {
      const gone = refused.has(r.from) ? r.from : refused.has(r.to) ? r.to : undefined;
      if (gone !== undefined)
        reject(r, `relationship ${r.type} ${r.from}->${r.to}: dropped, its end ${gone} was rejected`);
      return gone === undefined;
    });
    await write(takeNodes, takeRels.length === 0 ? takeRels : await checkEnds(takeRels));
  };

  for await (const chunk of source.read()) {
    for (const r of chunk.rejects) report(r);
    for (const n of chunk.nodes) acceptNode(n);
    for (const r of chunk.relationships) acceptRel(r);
    records += chunk.nodes.length + chunk.relationships.length;
    while (nodes.length + rels.length >= batchSize) await flush(batchSize);
    const p = chunk.progress;
    options.onProgress?.({
      done: p?.done ?? records,
      total: p?.total,
      unit: p?.unit ?? 'records',
      records,
      rejected,
      written,
    });
  }
  while (nodes.length + rels.length > 0) await flush(batchSize);

  const totals = { nodes: zero(), relationships: zero() };
  for (const c of Object.values(nodeCounts)) add(totals.nodes, c);
  for (const c of Object.values(relCounts)) add(totals.relationships, c);
  return {
    source: source.name,
    nodes: nodeCounts,
    relationships: relCounts,
    totals,
    rejected,
    rejects,
    changed:
      totals.nodes.created + totals.nodes.updated + totals.relationships.created + totals.relationships.updated > 0,
    durationMs: Math.round(performance.now() - started),
  };
}
