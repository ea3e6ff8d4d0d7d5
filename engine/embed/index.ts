/**
 * Text → vector: the Embedder interface, the local ONNX model and its files, node texts, and
 * embedding a graph or following its change feed. Code outside engine/embed imports it from here only.
 */

export { DenseReadModel } from './dense-feed.js';
export { type EmbedProgress, embedGraph } from './embed-graph.js';
export type { Embedder } from './embedder.js';
export { EmbedError } from './errors.js';
export {
  ALL_MODELS,
  DEFAULT_MODEL,
  defaultModelsDir,
  MODELS,
  MULTILINGUAL_MODEL,
  projectRoot,
  resolveModel,
  USEM3,
} from './models.js';
export { EMBED_KINDS, type EmbedKind, isEmbedKind, maxCharsFor } from './node-text.js';
export { createOnnxEmbedder } from './onnx-embedder.js';
export { fetchModel, modelDir, readManifest } from './provision.js';
export { type OpenVectorSideOptions, openVectorSide, type VectorSide } from './vector-side.js';
export { listEntries, readEntry } from './zip.js';
