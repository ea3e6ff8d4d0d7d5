/**
 * The lexical index as a read model of the change feed (engine/feed/follower.ts). It drives the
 * index only through its own `upsert` and `remove`: for the nodes of indexed kinds named by a
 * page of records, the current version is read back from the store (as SYSTEM) and replaces the
 * document, or the document goes when the node is gone. Relationship records do not touch it
 * (the index holds the nodes' own text fields only).
 *
 * Persisted copies carry the feed position they reflect (lexical.ts stamp); on open the index
 * replays the feed from there (`replayLexical`), so an edit that keeps the node counts equal is
 * no longer missed, and a rebuild happens only when the feed does not reach back that far.
 */
import type { ChangeRecord, GraphStore } from '../../graph/index.js';
import { SYSTEM } from '../../graph/index.js';
import type { FileLock } from '../feed/index.js';
import { type CatchUpReport, catchUpModel, type PersistReason, type ReadModel } from '../feed/index.js';
import type { LexicalIndex } from './lexical.js';
import type { MatchLog } from './ports.js';

const LOOKUP = 5_000;

/** Applies a page of feed records to the index (idempotent: the store's current state wins). */
export async function applyLexicalChanges(
  index: LexicalIndex,
  store: GraphStore,
  changes: readonly ChangeRecord[],
): Promise<number> {
  const kinds: readonly string[] = index.kinds;
  const touched = new Set<string>();
  for (const c of changes) if (c.entity === 'node' && kinds.includes(c.kind)) touched.add(c.id);
  const ids = [...touched];
  for (let i = 0; i < ids.length; i += LOOKUP) {
    const part = ids.slice(i, i + LOOKUP);
    const found = await store.getNodes(part, SYSTEM);
    const present = new Set(found.map((n) => n.id));
    index.remove(part.filter((id) => !present.has(id)));
    index.upsert(found);
  }
  return ids.length;
}

/** The index as a ReadModel; `lock` decides whether this process may write its files. */
export class LexicalReadModel implements ReadModel {
  readonly name = 'lexical index';
  #dirty = false;

  constructor(
    readonly index: LexicalIndex,
    private readonly store: GraphStore,
    private readonly dataDir: string,
    private readonly lock: FileLock | undefined,
    private readonly log: MatchLog,
  ) {}

  position() {
    return this.index.position;
  }

  async apply(changes: readonly ChangeRecord[], epoch: string): Promise<void> {
    await applyLexicalChanges(this.index, this.store, changes);
    const last = changes[changes.length - 1];
    if (last !== undefined) this.index.position = { epoch, seq: last.seq };
    this.#dirty = true;
  }

  async rebuild(): Promise<void> {
    const { LexicalIndex } = await import('./lexical.js');
    const fresh = await LexicalIndex.build(this.store, this.index.kinds);
    this.index.replaceFrom(fresh);
    this.#dirty = true;
  }

  async persist(reason: PersistReason): Promise<void> {
    if (this.lock?.tryAcquire() === false) return;
    // Also when the files lag behind what was replayed at open (not written then, to start sooner).
    const { persistedLexicalPosition } = await import('./lexical.js');
    const saved = await persistedLexicalPosition(this.dataDir);
    const p = this.index.position;
    if (!this.#dirty && saved?.epoch === p.epoch && saved?.seq === p.seq) return;
    await this.index.save(this.dataDir);
    this.#dirty = false;
    if (reason === 'periodic') this.log(`lexical index saved at feed seq ${this.index.position.seq}`);
  }

  async close(): Promise<void> {
    this.lock?.release();
  }
}

/** Brings a freshly loaded index up to the store's head (rebuilding it when the feed does not reach back). */
export function replayLexical(index: LexicalIndex, store: GraphStore, log: MatchLog): Promise<CatchUpReport> {
  return catchUpModel(store, new LexicalReadModel(index, store, '', undefined, log), log);
}
