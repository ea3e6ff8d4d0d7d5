import { type Neo4jOptions, resolveNeo4jConfig } from './config.js';
import { Neo4jGraphStore, type Neo4jStoreOptions } from './store.js';

export type { Neo4jConfig, Neo4jOptions } from './config.js';
export { Neo4jGraphStore, type Neo4jStoreOptions } from './store.js';

/** A Neo4j-backed GraphStore; options left out come from NEO4J_* variables, then local defaults. Call `init()` before use. */
export function createNeo4jStore(config: Neo4jOptions = {}, options: Neo4jStoreOptions = {}): Neo4jGraphStore {
  return new Neo4jGraphStore(resolveNeo4jConfig(config), options);
}
export {
  ARRAY_DELIMITER,
  BulkCsvWriter,
  type BulkLoadOptions,
  type BulkLoadReport,
  type BulkServer,
  bulkLoadNeo4j,
  type CsvFiles,
} from './offline-import.js';
