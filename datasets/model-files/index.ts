/** Import of our own model (graph/model.ts records) from JSON, NDJSON and CSV files. */
export { kindOfFile, modelCsvSource } from './csv.js';
export { elementLines, modelJsonSource } from './json.js';
