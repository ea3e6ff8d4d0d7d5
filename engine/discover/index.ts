/**
 * Hit/no-hit for restricted work (issue 17): discoverable works shown to others as a bare
 * "a matching item exists" with a per-viewer handle. Code outside engine/discover imports it from here only.
 */
export {
  createDiscovery,
  DISCOVERABLE_KINDS,
  type DiscoverableKind,
  type DiscoverFilters,
  type Discovery,
  MATCH_SHARE,
  MAX_RESTRICTED_HITS,
  withRestricted,
} from './discover.js';
export { DISCOVER_ERROR_STATUS, DiscoverError, type DiscoverErrorCode, isDiscoverError } from './errors.js';
export { discoverKeyFile, HANDLE_PATTERN, handleOf, loadDiscoverKey } from './handle.js';
