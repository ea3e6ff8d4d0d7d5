/**
 * Per-need answers, cached per snapshot revision: suggestions and consortia run match-need (and,
 * with a dense side, the need's nearest works) for the origin's open challenges on every request,
 * and at 100,000 people that is most of a suggestion's time. Those answers change only when the
 * graph does, and the analytics snapshot's revision moves with every change it applies from the
 * feed (engine/analytics/snapshot.ts), so an answer is kept under (revision, need, viewer class,
 * options) and every entry goes when the revision moves. A failed call is not kept.
 */
import { viewerClass } from '../../graph/index.js';
import { RevisionCache } from '../feed/index.js';
import type { Matcher } from '../match/index.js';

/** Entries kept for one revision (each a match-need answer of at most a few dozen hits). */
export const MAX_ENTRIES = 256;

export class NeedCache {
  readonly #cache = new RevisionCache(MAX_ENTRIES);

  /** Calls answered from the cache, for tests and diagnostics. */
  get hits(): number {
    return this.#cache.hits;
  }

  /** Calls run. */
  get misses(): number {
    return this.#cache.misses;
  }

  /** The matcher's per-need calls, answered from the cache for this revision. */
  matcher(inner: Matcher, revision: string): Matcher {
    const get = <T>(key: readonly unknown[], compute: () => Promise<T>): Promise<T> =>
      this.#cache.get(revision, JSON.stringify(key), compute);
    return {
      whoSolved: (text, filters, viewer) => inner.whoSolved(text, filters, viewer),
      matchNeed: (id, viewer, options) =>
        get(['matchNeed', id, viewerClass(viewer), options ?? {}], () => inner.matchNeed(id, viewer, options)),
      relevanceFloor: (viewer) => get(['relevanceFloor', viewerClass(viewer)], () => inner.relevanceFloor(viewer)),
      needNeighbours: (id, viewer, k) =>
        get(['needNeighbours', id, viewerClass(viewer), k], () => inner.needNeighbours(id, viewer, k)),
    };
  }
}
