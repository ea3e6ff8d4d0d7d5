/**
 * Read models following the store's change feed, and the one-writer lock of an index folder.
 * Code outside engine/feed imports it from here only.
 */

export type { PersistReason } from './follower.js';
export {
  type CatchUpReport,
  catchUpModel,
  type FeedPosition,
  Follower,
  type ModelStatus,
  type ReadModel,
  stalenessFromEnv,
} from './follower.js';
export { FileLock } from './lock.js';
export { RevisionCache } from './revision-cache.js';
