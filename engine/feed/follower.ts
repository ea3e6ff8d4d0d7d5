/**
 * Read models following the store's change feed (graph/feed.ts). Each model records the feed
 * position (epoch and seq) it reflects; `catchUpModel` hands it the records after that position,
 * page by page, in order, or has it rebuild from the store when the feed no longer reaches back
 * that far (retention) or belongs to another database (a new epoch). A `Follower` runs every
 * model of an engine: before an answer (`fresh`, at most one cheap `headSeq` read per
 * `maxStalenessMs`), after a write of this process (`catchUp`, at once), and in the background
 * (`start`), so a write in any process is seen by every other within the staleness bound.
 */
import type { ChangeRecord, GraphStore } from '../../graph/index.js';

export interface FeedPosition {
  /** The feed's epoch the position belongs to; undefined: never synchronised (rebuild). */
  readonly epoch: string | undefined;
  readonly seq: number;
}

export interface ReadModel {
  /** For logs and `ileanet stats`. */
  readonly name: string;
  position(): FeedPosition;
  /** Applies records (in seq order, all after `position().seq`) and moves the position to the last one. */
  apply(changes: readonly ChangeRecord[], epoch: string): Promise<void>;
  /**
   * Rebuilds from the store. Every write up to `head` (read before the rebuild started) is in it;
   * later ones may be too, and are applied again afterwards (applying is idempotent).
   */
  rebuild(epoch: string, head: number, why: string): Promise<void>;
  /** True while there is nothing to keep current (not loaded yet; its first use loads it current). */
  idle?(): boolean;
  /** Catches up by the model's own means (it serialises its catch-ups itself) instead of `catchUpModel`. */
  sync?(): Promise<void>;
  /** Writes the persisted copy when this process holds its lock and it changed (optional). */
  persist?(reason: PersistReason): Promise<void>;
  close?(): Promise<void>;
}

/** Why a read model is saved: the periodic save, the process closing, or an erasure redacted the feed. */
export type PersistReason = 'periodic' | 'close' | 'erasure';

export interface CatchUpReport {
  readonly applied: number;
  readonly rebuilt: boolean;
  readonly seq: number;
}

/** Page size of a catch-up: large enough to amortise a model's per-call work, small enough to bound memory. */
export const CATCH_UP_PAGE = 10_000;

export async function catchUpModel(
  store: GraphStore,
  model: ReadModel,
  log: (line: string) => void,
): Promise<CatchUpReport> {
  let applied = 0;
  let rebuilt = false;
  for (let rounds = 0; rounds < 1_000_000; rounds++) {
    const at = model.position();
    const page = await store.changes(Math.max(0, at.seq), CATCH_UP_PAGE);
    const foreign = at.epoch !== undefined && at.epoch !== page.epoch;
    if (at.epoch === undefined || foreign || page.gap) {
      if (rebuilt) throw new Error(`${model.name}: the feed moved under a rebuild twice in a row`);
      const why =
        at.epoch === undefined
          ? 'no feed position recorded'
          : foreign
            ? `the store is another database now (feed ${page.epoch}, not ${at.epoch})`
            : `the feed no longer reaches back to seq ${at.seq} (retention, or a reset store)`;
      log(`${model.name}: ${why}; rebuilding from the store`);
      await model.rebuild(page.epoch, page.head, why);
      rebuilt = true;
      continue;
    }
    if (page.changes.length === 0) return { applied, rebuilt, seq: model.position().seq };
    await model.apply(page.changes, page.epoch);
    applied += page.changes.length;
    rebuilt = false;
  }
  throw new Error(`${model.name}: catch-up did not end`);
}

export interface FollowerOptions {
  readonly store: GraphStore;
  readonly models: readonly ReadModel[];
  readonly log: (line: string) => void;
  /**
   * Longest a read may reflect the store as it was before another process's write (default
   * $ILEANET_FEED_STALENESS_MS, else 250 ms). 0 reads the head before every answer.
   */
  readonly maxStalenessMs?: number;
  /** Persisted copies are written at most this often while they change (default 5 minutes). */
  readonly persistEveryMs?: number;
}

/** What servers and bots allow by default ($ILEANET_FEED_STALENESS_MS overrides it). */
export const DEFAULT_STALENESS_MS = 250;

export function stalenessFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env['ILEANET_FEED_STALENESS_MS']);
  return env['ILEANET_FEED_STALENESS_MS'] !== undefined && Number.isFinite(v) && v >= 0 ? v : DEFAULT_STALENESS_MS;
}

export interface ModelStatus {
  readonly name: string;
  readonly epoch: string | undefined;
  readonly seq: number;
}

export class Follower {
  readonly #o: FollowerOptions;
  readonly #staleness: number;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #running: Promise<number> | undefined;
  #next: Promise<number> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #lastPersist = performance.now();
  #head = 0;
  #closed = false;
  #failures = 0;
  /** The feed's redaction mark acted on (undefined: not looked yet). */
  #redacted: number | undefined;
  /** The redaction mark read with the head at the last look. */
  #markSeen = 0;

  constructor(o: FollowerOptions) {
    this.#o = o;
    this.#staleness = o.maxStalenessMs ?? stalenessFromEnv();
  }

  get maxStalenessMs(): number {
    return this.#staleness;
  }

  /** The lowest seq every model has applied. */
  get applied(): number {
    const seqs = this.#o.models.filter((m) => m.idle?.() !== true).map((m) => m.position().seq);
    return seqs.length === 0 ? this.#head : Math.min(...seqs);
  }

  status(): ModelStatus[] {
    return this.#o.models.map((m) => ({ name: m.name, ...m.position() }));
  }

  /**
   * Before an answer: when the last look at the feed is older than the staleness bound, reads the
   * head and, when a model is behind, catches up (concurrent callers share one catch-up).
   * Returns the seq every model has applied.
   */
  async fresh(): Promise<number> {
    if (performance.now() - this.#checkedAt < this.#staleness && this.#running === undefined) return this.applied;
    return this.catchUp();
  }

  /**
   * Catches every model up now (after a write of this process). A caller arriving while a
   * catch-up runs (it may have read the feed before this caller's write) gets the next one, which
   * all such callers share.
   */
  catchUp(): Promise<number> {
    if (this.#running === undefined) return this.#start();
    this.#next ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        return this.#start();
      });
    return this.#next;
  }

  #start(): Promise<number> {
    if (this.#running !== undefined) return this.#running;
    const started = performance.now();
    const run = (async () => {
      // Head and redaction mark in one read: an idle tick is one round trip to the store.
      const { head, redacted } = await this.#o.store.feedMarks();
      this.#head = head;
      this.#markSeen = redacted;
      for (const m of this.#o.models) {
        if (m.idle?.() === true) continue;
        const p = m.position();
        if (p.epoch !== undefined && p.seq === head) continue;
        if (m.sync !== undefined) await m.sync();
        else await catchUpModel(this.#o.store, m, this.#o.log);
      }
      this.#checkedAt = started;
      return this.applied;
    })().finally(() => {
      this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  /** Follows in the background every `everyMs` (unref'd timer), and persists what changed now and then. */
  start(everyMs = Math.max(100, this.#staleness)): void {
    if (this.#timer !== undefined || this.#closed) return;
    let ticking = false;
    const tick = async () => {
      // One tick at a time. While the store is unreachable each call takes the driver's retry
      // time (3 s), and ticks every 250 ms that each start their own reads piled up: 100 sessions
      // at once after a Neo4j restart, the driver's whole pool, so every request of the server
      // queued behind them for a minute after the store was back (test/graph/neo4j-outage.test.ts).
      if (ticking) return;
      ticking = true;
      try {
        await this.catchUp();
        await this.#erasureSeen();
        this.#failures = 0;
        const every = this.#o.persistEveryMs ?? 300_000;
        if (performance.now() - this.#lastPersist > every) {
          this.#lastPersist = performance.now();
          for (const m of this.#o.models) await m.persist?.('periodic');
        }
      } catch (e) {
        // Logged once per run of failures (a store that went away), not once per tick.
        if (this.#failures++ === 0) this.#o.log(`feed: catching up failed: ${(e as Error).message}`);
      } finally {
        ticking = false;
      }
    };
    this.#timer = setInterval(() => void tick(), everyMs);
    this.#timer.unref();
  }

  /**
   * An erasure redacts the feed (GraphStore.redactChanges) and moves its mark. Persisted copies
   * written before it may hold the erased person's id and name, so when the mark moves (or is
   * found set at this process's first look) every model this process keeps the files of is saved
   * now, from its state caught up past the erasure, instead of at the next periodic save.
   */
  async afterErasure(): Promise<void> {
    await this.catchUp();
    await this.#erasureSeen();
  }

  /** Acts on the redaction mark read with the head by the last catch-up (no read of its own). */
  async #erasureSeen(): Promise<void> {
    const mark = this.#markSeen;
    if (mark === this.#redacted) return;
    const first = this.#redacted === undefined;
    this.#redacted = mark;
    if (first && mark === 0) return;
    // The mark came with the head the models just caught up to, and an erasure's redaction is at
    // or before the head it leaves: the models are past it.
    for (const m of this.#o.models) await m.persist?.('erasure');
    this.#o.log(`feed: an erasure redacted the feed through seq ${mark}; saved read models rewritten`);
  }

  /** Head seq seen at the last look. */
  get head(): number {
    return this.#head;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
    for (const m of this.#o.models) {
      try {
        await m.persist?.('close');
      } catch (e) {
        this.#o.log(`${m.name}: not saved at close: ${(e as Error).message}`);
      }
      await m.close?.();
    }
  }
}
