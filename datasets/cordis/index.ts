/** The CORDIS importer: an ingest source over CORDIS CSV downloads, and its parts. */
export { COUNTRY_NAMES, countryId, countryName } from './countries.js';
export { type CordisOptions, cordisSource, findProgrammes } from './importer.js';
export { isLea, LEA_RULES, leaRule, normaliseName } from './lea.js';
export { type CsvItem, type ReadCsvOptions, readCsv } from './read-csv.js';
