/**
 * The vector side: the vector store (source of truth) and the exact and HNSW indexes derived from
 * it, or the store's own vectors (store-indexes.ts). Code outside engine/vector imports it from here only.
 */
export { VectorIndexes } from './index-set.js';
export { StoreVectorIndexes } from './store-indexes.js';
export type { VectorIndexSet } from './types.js';
export { VectorStore, vectorsPath } from './vector-store.js';
