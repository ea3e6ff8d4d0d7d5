/**
 * The vector side: the vector store (source of truth) and the exact and HNSW indexes derived from it.
 * Code outside engine/vector imports it from here only.
 */
export { VectorIndexes } from './index-set.js';
export { VectorStore, vectorsPath } from './vector-store.js';
