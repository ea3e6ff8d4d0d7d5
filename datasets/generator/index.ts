/**
 * The seeded generator of a fictional network, as an ingest source. Code outside datasets/generator
 * imports it from here only.
 */
export { GeneratorError, generatedSource } from './generate.js';
