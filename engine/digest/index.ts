/**
 * The weekly INC digest (issue 17 item 5): built here from the suggestions, the challenges, polls,
 * surveys, events and introductions of an INC's country; the bots post it on a schedule
 * (bots/core/digest-schedule.ts) and `ileanet digest` previews it. Code outside engine/digest
 * imports it from here only.
 */
export {
  buildDigest,
  type Digest,
  type DigestAudience,
  type DigestDeps,
  type DigestOptions,
  digestMarkdown,
  digestText,
  digestViewer,
  NOT_LISTED,
} from './digest.js';
