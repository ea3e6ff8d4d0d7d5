/**
 * Answers kept for one revision of the store (GraphStore.revision, or a read model's): every
 * entry goes when the revision moves, since any write may change any of them. The promise is
 * kept, so concurrent callers share one computation; a computation that fails is not kept, and
 * the next caller runs it again. Used where a read is costly and writes are rare next to reads:
 * discovery's scan of every work, suggestions' per-need answers.
 */
export class RevisionCache {
  readonly #max: number;
  #revision: string | undefined;
  readonly #entries = new Map<string, Promise<unknown>>();
  /** Calls answered from the cache and calls run, for tests and diagnostics. */
  hits = 0;
  misses = 0;

  /** `max`: entries kept for one revision; past it the cache starts again empty. */
  constructor(max: number) {
    this.#max = max;
  }

  get<T>(revision: string, key: string, compute: () => Promise<T>): Promise<T> {
    if (revision !== this.#revision) {
      this.#entries.clear();
      this.#revision = revision;
    }
    const kept = this.#entries.get(key);
    if (kept !== undefined) {
      this.hits++;
      return kept as Promise<T>;
    }
    this.misses++;
    if (this.#entries.size >= this.#max) this.#entries.clear();
    const p = compute();
    this.#entries.set(key, p);
    p.catch(() => {
      if (this.#entries.get(key) === p) this.#entries.delete(key);
    });
    return p;
  }
}
