/** Erasure, data-subject export, retention and pseudonymous log identifiers (docs/privacy.md). */
export {
  type ErasureOptions,
  type ErasureReport,
  erasePerson,
  erasureLogPath,
  finishPendingErasures,
} from './erase.js';
export { isPrivacyError, PRIVACY_ERROR_STATUS, PrivacyError, type PrivacyErrorCode } from './errors.js';
export { exportPerson, type PersonExport } from './export.js';
export { ENGINE_KINDS, readModelFolders } from './kinds.js';
export { filterLines, selectLines } from './lines.js';
export { createPseudonymizer, type Pseudonymizer, pseudonymKeysPath } from './pseudonym.js';
export {
  type ErasureContext,
  type ErasurePhase,
  type PersonalContext,
  type PersonalRecordKind,
  PersonalRecords,
} from './records.js';
export {
  cutoff,
  DEFAULT_RETENTION_RULES,
  ENGINE_RETENTION_RULES,
  loadRetention,
  type PurgeReport,
  purge,
  type Retention,
  type RetentionRule,
  retentionPath,
  retentionSchema,
} from './retention.js';
export { type ScanHit, scanFiles } from './scan.js';
