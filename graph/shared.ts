/**
 * Read models kept inside the store (GraphStore.shared), for backends many app servers share
 * (`capabilities.sharedReadModels`): a read model's saved copy (e.g. the analytics snapshot,
 * engine/analytics/snapshot-file.ts) lives beside the graph, so a new server with an empty data
 * folder starts from it and applies the change feed since, instead of reading the whole graph.
 *
 * A copy is opaque bytes with a header the engine writes (its format, feed position, size and
 * checksum): the store neither reads nor judges it; the engine checks it and ignores a damaged or
 * foreign one. One writer at a time: `save` holds a lease per name, so of several servers
 * following the same feed one writes and the others only read.
 */

/** A saved copy: the engine's header line and its body. */
export interface SharedCopy {
  readonly header: string;
  readonly body: Uint8Array;
}

export interface SaveOptions {
  /** Who writes (one id per process): the lease is theirs while it lasts. */
  readonly holder: string;
  /** How long the lease lasts after this save (ms). */
  readonly leaseMs: number;
  /** Write even when another holder's lease is live (after an erasure every copy must go at once). */
  readonly force?: boolean;
}

/** `saved`: written; `leased`: another holder's lease is live, nothing written. */
export type SaveOutcome = 'saved' | 'leased';

export interface SharedReadModels {
  /**
   * The saved copy under `name`, or undefined when there is none (or its parts are missing).
   * Throws when the stored copy is damaged beyond reading (the caller reports it and does not use it).
   */
  load(name: string): Promise<SharedCopy | undefined>;
  /** The header alone (cheap: no body read), or undefined. */
  header(name: string): Promise<string | undefined>;
  /**
   * Replaces the copy under `name` in one transaction (a reader sees the old copy or the new,
   * never a mix), when `holder` holds the lease, it has run out, or `force`; else `leased`.
   */
  save(name: string, copy: SharedCopy, options: SaveOptions): Promise<SaveOutcome>;
  /** Ends `holder`'s lease on `name` (a closing server), so another may write at once. */
  release(name: string, holder: string): Promise<void>;
}
