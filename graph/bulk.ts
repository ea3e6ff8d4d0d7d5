/**
 * Loading many batches with more than one in flight. Each batch is still one `upsert`: one
 * transaction, validated whole, one feed segment; what this adds is that the next batch is sent
 * while the previous one is still in the store, so the client's validation and the server's
 * writing overlap (and a server with cores to spare writes batches side by side).
 *
 * A batch whose relationships name a node that an unfinished batch writes waits for that batch
 * first, so every end is committed (or in the same batch) when its relationship is written, as
 * in a load one batch after another. The unit of atomicity is the batch: after a failure the
 * batches that committed stay, the failing one wrote nothing, and no later one is started.
 */
import type { Batch, GraphStore, UpsertResult } from './store.js';

export interface BulkOptions {
  /** Batches in flight at once. Default 2. */
  readonly concurrency?: number;
  /** Called after each batch commits, in commit order. */
  readonly onBatch?: (result: UpsertResult, batch: Batch) => void;
}

export interface BulkTotals {
  readonly batches: number;
  readonly nodes: number;
  readonly relationships: number;
}

interface Flight {
  readonly ids: ReadonlySet<string>;
  readonly done: Promise<void>;
}

export async function upsertAll(
  store: GraphStore,
  batches: Iterable<Batch> | AsyncIterable<Batch>,
  options: BulkOptions = {},
): Promise<BulkTotals> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
  const flights = new Set<Flight>();
  let failure: { error: unknown } | undefined;
  const totals = { batches: 0, nodes: 0, relationships: 0 };
  for await (const batch of batches) {
    if (failure !== undefined) break;
    const own = new Set((batch.nodes ?? []).map((n) => n.id));
    const needs = new Set<Flight>();
    for (const r of batch.relationships ?? []) {
      for (const end of [r.from, r.to]) {
        if (own.has(end)) continue;
        for (const f of flights) if (f.ids.has(end)) needs.add(f);
      }
    }
    await Promise.all([...needs].map((f) => f.done));
    while (flights.size >= concurrency) await Promise.race([...flights].map((f) => f.done));
    if (failure !== undefined) break;
    const flight: Flight = {
      ids: own,
      done: store
        .upsert(batch)
        .then((result) => {
          totals.batches++;
          totals.nodes += result.nodes.created + result.nodes.updated + result.nodes.unchanged;
          totals.relationships +=
            result.relationships.created + result.relationships.updated + result.relationships.unchanged;
          options.onBatch?.(result, batch);
        })
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => flights.delete(flight)),
    };
    flights.add(flight);
  }
  await Promise.all([...flights].map((f) => f.done));
  if (failure !== undefined) throw failure.error;
  return totals;
}
