/**
 * Per-need answers, cached per snapshot revision: suggestions and consortia run match-need (and,
 * with a dense side, the need's nearest works) for the origin's open challenges on every request,
 * and at 100,000 people that is most of a suggestion's time. Those answers change only when the
 * graph does, and the analytics snapshot's revision moves with every change it applies from the
 * feed (engine/analytics/snapshot.ts), so an answer is kept under (revision, need, viewer class,
 * options) and every entry goes when the revision moves. A failed call is not kept.
 */
import { viewerClass } from '../../graph/index.js';
import type { Matcher } from '../match/index.js';

/** Entries kept for one revision (each a match-need answer of at most a few dozen hits). */
export const MAX_ENTRIES = 256;

export class NeedCache {
  #revision = '';
  readonly #entries = new Map<string, Promise<unknown>>();
  /** Calls answered from the cache and calls run, for tests and diagnostics. */
  hits = 0;
  misses = 0;

  /** The matcher's per-need calls, answered from the cache for this revision. */
  matcher(inner: Matcher, revision: string): Matcher {
    return {
      whoSolved: (text, filters, viewer) => inner.whoSolved(text, filters, viewer),
      matchNeed: (id, viewer, options) =>
        this.#get(revision, ['matchNeed', id, viewerClass(viewer), options ?? {}], () =>
          inner.matchNeed(id, viewer, options),
        ),
      relevanceFloor: (viewer) =>
        this.#get(revision, ['relevanceFloor', viewerClass(viewer)], () => inner.relevanceFloor(viewer)),
      needNeighbours: (id, viewer, k) =>
        this.#get(revision, ['needNeighbours', id, viewerClass(viewer), k], () => inner.needNeighbours(id, viewer, k)),
    };
  }

  #get<T>(revision: string, key: readonly unknown[], compute: () => Promise<T>): Promise<T> {
    if (revision !== this.#revision) {
      this.#entries.clear();
      this.#revision = revision;
    }
    const k = JSON.stringify(key);
    const kept = this.#entries.get(k);
    if (kept !== undefined) {
      this.hits++;
      return kept as Promise<T>;
    }
    this.misses++;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    const p = compute();
    this.#entries.set(k, p);
    p.catch(() => {
      if (this.#entries.get(k) === p) this.#entries.delete(k);
    });
    return p;
  }
}
