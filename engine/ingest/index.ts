/**
 * Ingest: the IngestSource interface importers implement (datasets/ plugs them in through app/)
 * and the pipeline that validates and writes their records. Code outside engine/ingest imports it from here only.
 */
export { type IngestSummary, runIngest, withOrigin } from './pipeline.js';
export { amount, createProgress, progressMode } from './progress.js';
export type { IngestSource, Reject, SourceChunk } from './source.js';
