/**
 * What every ingest source yields: chunks of model records plus the rows it had to reject.
 * Sources know file formats; the pipeline (engine/ingest/pipeline.ts) knows the store.
 */
import type { NodeInput, RelInput } from '../../graph/index.js';

/** A row that could not become a record: where it is and why. */
export interface Reject {
  readonly file: string;
  /** 1-based line of the row's start in the file (0 when the problem is the whole file). */
  readonly line: number;
  readonly reason: string;
}

export interface SourceChunk {
  readonly nodes: readonly NodeInput[];
  readonly relationships: readonly RelInput[];
  readonly rejects: readonly Reject[];
  /** Work done so far and in all, in the source's own unit (rows, bytes, people). */
  readonly progress?: { readonly done: number; readonly total?: number; readonly unit: string };
}

export interface IngestSource {
  /** `cordis`, `generated`, `model-json`, `model-csv`… */
  readonly name: string;
  /** Yields chunks in an order where relationship ends come in the same or an earlier chunk. */
  read(): AsyncIterable<SourceChunk>;
}
