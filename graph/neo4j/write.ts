/**
 * Batch writes inside one transaction: validation through prepareBatch, then `UNWIND` statements
 * grouped by kind / type (labels and types cannot be parameters; they come from the model's
 * closed lists, as parsed by zod, never from caller strings).
 */
import type { ManagedTransaction, QueryResult } from 'neo4j-driver';
import type { PendingChange } from '../feed.js';
import type { GraphNode, GraphRel, NodeKind, RelType } from '../model.js';
import type { Batch, UpsertResult } from '../store.js';
import { checkPreconditions, newUpsertResult, type Precondition, prepareBatch, tally } from '../validate.js';
import { HASH, nodeRow, relRow, toNode } from './records.js';

/**
 * Rows per UNWIND statement. All chunks of a batch run in the same transaction; chunking only
 * bounds each Bolt message and each query's working memory.
 */
export const WRITE_CHUNK = 5_000;
export const LOOKUP_CHUNK = 20_000;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function groupBy<T, K extends string>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

/**
 * MERGE locks the id (so concurrent batches cannot both create it); `_h` tells unchanged from
 * updated without reading the record, and an unchanged node is not written at all. `SET n = row`
 * replaces every property, so fields absent from the new record go.
 */
const mergeNodes = (kind: NodeKind): string => `UNWIND $rows AS row
MERGE (n:Node {id: row.id})
WITH n, row, n.${HASH} AS old
FOREACH (_ IN CASE WHEN old IS NULL OR old <> row.${HASH} THEN [1] ELSE [] END | SET n = row, n:${kind})
RETURN collect(CASE WHEN old IS NULL THEN row.id END) AS created,
       collect(CASE WHEN old <> row.${HASH} THEN row.id END) AS updated,
       collect([n.id, elementId(n)]) AS handles`;

const mergeRels = (type: RelType): string => `UNWIND $rows AS row
MATCH (a:Node {id: row.from})
MATCH (b:Node {id: row.to})
MERGE (a)-[r:${type}]->(b)
WITH r, row, r.${HASH} AS old
FOREACH (_ IN CASE WHEN old IS NULL OR old <> row.h THEN [1] ELSE [] END | SET r = row.p)
RETURN sum(CASE WHEN old IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN old <> row.h THEN 1 ELSE 0 END) AS updated,
       collect(CASE WHEN old IS NULL OR old <> row.h THEN [row.from, row.to] END) AS changed`;

/**
 * For nodes the batch's own kind lookup found absent: CREATE skips MERGE's locked search and the
 * hash comparison (the bulk of a fresh load). A concurrent writer creating the same id first makes
 * the commit fail on the id constraint; the store then re-runs the batch with MERGE throughout
 * (WriteOptions.assumeAbsent false), so concurrent upserts of one new id still both succeed.
 */
const createNodes = (kind: NodeKind): string => `UNWIND $rows AS row
CREATE (n:Node:${kind})
SET n = row
RETURN collect(elementId(n)) AS handles`;

/**
 * For relationships with an end this transaction created: no relationship can exist yet, so
 * CREATE skips MERGE's search among the ends' relationships (the bulk of a fresh load). The ends
 * are found by element id (a direct record read), not by a second and third seek in the id index:
 * the batch already looked every end up, or created it, in this transaction.
 */
const createRels = (type: RelType): string => `UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
CREATE (a)-[r:${type}]->(b)
SET r = row.p`;

/**
 * Stored kinds of the ids that exist, and each one's element id (its handle within this
 * transaction) into `handles`.
 */
async function lookupKinds(
  tx: ManagedTransaction,
  ids: readonly string[],
  handles: Map<string, string>,
): Promise<Map<string, NodeKind>> {
  const kinds = new Map<string, NodeKind>();
  for (const part of chunks(ids, LOOKUP_CHUNK)) {
    const res = await tx.run(
      'UNWIND $ids AS id MATCH (n:Node {id: id}) RETURN n.id AS id, n.kind AS kind, elementId(n) AS e',
      { ids: part },
    );
    for (const r of res.records) {
      kinds.set(r.get('id') as string, r.get('kind') as NodeKind);
      handles.set(r.get('id') as string, r.get('e') as string);
    }
  }
  return kinds;
}

/**
 * Takes the write lock of each node a precondition names (a SET takes it, and the transaction
 * holds it to commit; the property goes again at once) and checks the conditions on what is
 * stored then. A second writer with a condition on the same node waits here for the first to commit.
 */
async function checkLocked(tx: ManagedTransaction, expect: readonly Precondition[]): Promise<void> {
  const res = await tx.run(
    `UNWIND $ids AS id MATCH (n:Node {id: id})
     SET n._lock = true REMOVE n._lock
     RETURN properties(n) AS p`,
    { ids: [...new Set(expect.map((p) => p.id))] },
  );
  const stored = new Map<string, GraphNode>();
  for (const r of res.records) {
    const n = toNode(r.get('p') as Record<string, unknown>);
    stored.set(n.id, n);
  }
  checkPreconditions(expect, stored);
}

/**
 * Runs one statement per chunk, each after the previous one answered. (Sending the next chunk
 * before the answer, Bolt pipelining, measured slower here: the server spent more CPU per row.)
 */
async function inTurn<T>(parts: readonly T[], run: (part: T) => Promise<QueryResult>): Promise<QueryResult[]> {
  const out: QueryResult[] = [];
  for (const part of parts) out.push(await run(part));
  return out;
}

/** A relationship row for createRels: its ends' handles and its properties. */
function handleRow(rel: GraphRel, handles: ReadonlyMap<string, string>): { a: string; b: string; p: object } {
  const a = handles.get(rel.from);
  const b = handles.get(rel.to);
  // prepareBatch checked that both ends exist, and each was looked up or written above.
  if (a === undefined || b === undefined) throw new Error(`no handle for an end of ${rel.type} ${rel.from}->${rel.to}`);
  return { a, b, p: relRow(rel).p };
}

/**
 * Validates and writes a batch in the caller's transaction; throws GraphError on any bad record.
 * Returns the counts and the feed records of what actually changed (graph/feed.ts).
 */
export interface WriteOptions {
  /**
   * Nodes the kind lookup did not find are CREATEd rather than MERGEd. Default true; false
   * (MERGE for every node) is the retry after a concurrent writer created one of them first.
   */
  readonly assumeAbsent?: boolean;
  /**
   * Extra properties written with a node that is created or changed: its search terms
   * (graph/neo4j/search.ts `writtenTerms`), so they land in the same transaction as the record.
   */
  readonly terms?: (node: GraphNode) => Record<string, unknown> | undefined;
}

export async function writeBatch(
  tx: ManagedTransaction,
  batch: Batch,
  options: WriteOptions = {},
): Promise<{ result: UpsertResult; records: PendingChange[] }> {
  if (batch.expect !== undefined && batch.expect.length > 0) await checkLocked(tx, batch.expect);
  let stored: ReadonlyMap<string, NodeKind> = new Map();
  const handles = new Map<string, string>();
  const prepared = await prepareBatch(batch, async (ids) => {
    stored = await lookupKinds(tx, ids, handles);
    return stored;
  });
  const absent = (n: GraphNode): boolean => options.assumeAbsent !== false && !stored.has(n.id);
  // The hash stays the record's own: terms follow from it, so an unchanged node keeps the terms it has.
  const row = (n: GraphNode): Record<string, unknown> => {
    const terms = options.terms?.(n);
    return terms === undefined ? nodeRow(n) : { ...nodeRow(n), ...terms };
  };

  const result = newUpsertResult();
  const records: PendingChange[] = [];
  const byId = new Map(prepared.nodes.map((n) => [n.id, n]));
  const createdIds = new Set<string>();
  const feedNode = (n: GraphNode): PendingChange => ({
    entity: 'node',
    op: 'upsert',
    id: n.id,
    kind: n.kind,
    visibility: n.visibility,
    ...(n.owner === undefined ? {} : { owner: n.owner }),
  });
  for (const [kind, list] of groupBy(prepared.nodes, (n) => n.kind)) {
    const fresh = list.filter(absent);
    for (const part of chunks(fresh, WRITE_CHUNK)) {
      const res = await tx.run(createNodes(kind), { rows: part.map(row) });
      const made = (res.records[0]?.get('handles') as string[] | undefined) ?? [];
      for (const [i, n] of part.entries()) handles.set(n.id, made[i] as string);
    }
    for (const n of fresh) {
      createdIds.add(n.id);
      records.push(feedNode(n));
    }
    tally(result, 'node', kind, 'created', fresh.length);
    const parts = chunks(
      list.filter((n) => !absent(n)),
      WRITE_CHUNK,
    );
    const answers = await inTurn(parts, (part) => tx.run(mergeNodes(kind), { rows: part.map(row) }));
    answers.forEach((res, i) => {
      const r = res.records[0];
      const created = (r?.get('created') as string[] | undefined) ?? [];
      const updated = (r?.get('updated') as string[] | undefined) ?? [];
      for (const [id, e] of (r?.get('handles') as [string, string][] | undefined) ?? []) handles.set(id, e);
      for (const id of created) createdIds.add(id);
      for (const id of [...created, ...updated]) {
        const n = byId.get(id);
        if (n !== undefined) records.push(feedNode(n));
      }
      tally(result, 'node', kind, 'created', created.length);
      tally(result, 'node', kind, 'updated', updated.length);
      tally(result, 'node', kind, 'unchanged', (parts[i]?.length ?? 0) - created.length - updated.length);
    });
  }

  for (const [type, list] of groupBy(prepared.relationships, (r) => r.type)) {
    const fresh = (r: GraphRel): boolean => createdIds.has(r.from) || createdIds.has(r.to);
    const created = chunks(list.filter(fresh), WRITE_CHUNK);
    await inTurn(created, (part) => tx.run(createRels(type), { rows: part.map((r) => handleRow(r, handles)) }));
    for (const part of created) {
      for (const r of part) records.push({ entity: 'rel', op: 'upsert', type, from: r.from, to: r.to });
    }
    tally(
      result,
      'rel',
      type,
      'created',
      created.reduce((n, part) => n + part.length, 0),
    );
    const merged = chunks(
      list.filter((r) => !fresh(r)),
      WRITE_CHUNK,
    );
    const answers = await inTurn(merged, (part) => tx.run(mergeRels(type), { rows: part.map(relRow) }));
    answers.forEach((res, i) => {
      const r = res.records[0];
      const made = Number(r?.get('created') ?? 0);
      const updated = Number(r?.get('updated') ?? 0);
      for (const [from, to] of (r?.get('changed') as [string, string][] | undefined) ?? []) {
        records.push({ entity: 'rel', op: 'upsert', type, from, to });
      }
      tally(result, 'rel', type, 'created', made);
      tally(result, 'rel', type, 'updated', updated);
      tally(result, 'rel', type, 'unchanged', (merged[i]?.length ?? 0) - made - updated);
    });
  }
  return { result, records };
}
