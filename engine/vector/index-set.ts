/**
 * The vector side of matching for one model: the vector store (source of truth) and one index
 * per node kind derived from it. Writes go through here so that store and index move together.
 *
 * Per kind, at first use:
 *  - fewer than `exactBelow` vectors → an ExactIndex filled from the store (exact, no file);
 *  - otherwise the saved HNSW index, checked (model, dims, sizes, checksums), then caught up
 *    with what the store saw after the index was saved (vector-store.ts `seq`). A missing,
 *    damaged or foreign index is rebuilt from the store, and a log line says why.
 *
 * Several processes may write vectors at once (the vector store serialises them); an index
 * always catches up through the store's seq, its own writes included, so what another process
 * stored in between is never skipped. Only the process holding the folder's lock
 * (`<dir>/writer.lock`, engine/feed/lock.ts) writes the index files; the others keep theirs current
 * in memory (`refresh`, also run by `search` at most every `refreshEveryMs`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeKind } from '../../graph/index.js';
import { FileLock } from '../feed/index.js';
import { ExactIndex } from './exact-index.js';
import { DEFAULT_HNSW, HnswIndex, type HnswParams, type IndexFiles, IndexLoadError } from './hnsw-index.js';
import type { IdFilter, KindIndex, SearchHit, VectorIndexSet } from './types.js';
import type { VectorRow, VectorStore } from './vector-store.js';

export interface VectorIndexesOptions {
  readonly dataDir: string;
  /** The embedder's model string; only its vectors are read. */
  readonly model: string;
  readonly dims: number;
  readonly store: VectorStore;
  /** Below this many vectors a kind is searched exactly (default 2,000). */
  readonly exactBelow?: number;
  readonly hnsw?: HnswParams;
  readonly log?: (line: string) => void;
  /** A search first picks up what other processes stored, at most this often (default 500 ms; 0: every search). */
  readonly refreshEveryMs?: number;
}

export interface KindStatus {
  readonly kind: NodeKind;
  readonly type: 'exact' | 'hnsw';
  readonly size: number;
  readonly seq: number;
}

interface Entry {
  index: KindIndex;
  /** Store seq the index reflects. */
  seq: number;
  /** Changed since loaded or saved. */
  dirty: boolean;
}

/** Folder of one model's index files: `<dataDir>/index/<model slug>/`. */
export const indexDir = (dataDir: string, model: string): string =>
  join(dataDir, 'index', model.replace(/[^A-Za-z0-9._-]+/gu, '_'));

export class VectorIndexes implements VectorIndexSet {
  readonly model: string;
  readonly dims: number;
  readonly store: VectorStore;
  readonly dir: string;
  private readonly exactBelow: number;
  private readonly params: HnswParams;
  private readonly log: (line: string) => void;
  private readonly entries = new Map<NodeKind, Promise<Entry>>();
  private readonly lock: FileLock;
  private readonly refreshEveryMs: number;
  private readonly refreshedAt = new Map<NodeKind, number>();

  constructor(options: VectorIndexesOptions) {
    this.model = options.model;
    this.dims = options.dims;
    this.store = options.store;
    this.dir = indexDir(options.dataDir, options.model);
    this.exactBelow = options.exactBelow ?? 2_000;
    this.params = options.hnsw ?? DEFAULT_HNSW;
    this.log = options.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.lock = new FileLock(join(this.dir, 'writer.lock'));
    this.refreshEveryMs = options.refreshEveryMs ?? 500;
  }

  files(kind: NodeKind): IndexFiles {
    const base = join(this.dir, kind);
    return { hnsw: `${base}.hnsw`, ids: `${base}.ids.json`, header: `${base}.json` };
  }

  /** Stores vectors (replacing those of the same ids) and indexes them. Atomic in the store. */
  async upsert(kind: NodeKind, rows: readonly Omit<VectorRow, 'kind'>[]): Promise<void> {
    if (rows.length === 0) return;
    const entry = await this.entry(kind);
    await this.store.put(
      this.model,
      rows.map((r) => ({ ...r, kind })),
    );
    // Through the store's seq, not straight into the index: another process may have stored
    // vectors between this index's seq and ours, and the index must never skip them.
    await this.catchUp(kind, entry);
    if (entry.index.type === 'exact' && entry.index.size >= this.exactBelow) this.promote(kind, entry);
  }

  /** Removes vectors from store and index; unknown ids are ignored. */
  async delete(kind: NodeKind, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const entry = await this.entry(kind);
    const n = await this.store.delete(this.model, kind, ids);
    await this.catchUp(kind, entry);
    return n;
  }

  /** Stored text hashes of this model's vectors of a kind, by id (all without `ids`). */
  hashes(kind: NodeKind, ids?: readonly string[]): Promise<Map<string, string>> {
    return this.store.hashes(this.model, kind, ids);
  }

  /** Vectors of this model stored for a kind. */
  count(kind: NodeKind): Promise<number> {
    return this.store.count(this.model, kind);
  }

  feedPosition(): Promise<{ epoch: string; seq: number } | undefined> {
    return this.store.feedPosition(this.model);
  }

  setFeedPosition(epoch: string, seq: number): Promise<void> {
    return this.store.setFeedPosition(this.model, epoch, seq);
  }

  /** Whether the kind's index holds a vector for `id`. */
  async has(kind: NodeKind, id: string): Promise<boolean> {
    return (await this.entry(kind)).index.has(id);
  }

  /** The `k` nearest vectors of a kind by cosine, best first; empty when the kind has none. */
  async search(kind: NodeKind, query: Float32Array, k: number, filter?: IdFilter): Promise<SearchHit[]> {
    if (query.length !== this.dims)
      throw new Error(`query has ${query.length} dimensions, ${this.model} has ${this.dims}`);
    const now = performance.now();
    if (now - (this.refreshedAt.get(kind) ?? Number.NEGATIVE_INFINITY) >= this.refreshEveryMs) {
      this.refreshedAt.set(kind, now);
      await this.refresh(kind);
    }
    return (await this.entry(kind)).index.search(query, k, filter);
  }

  /** The ids a kind's index holds (for tests and comparisons between processes). */
  async ids(kind: NodeKind): Promise<string[]> {
    await this.refresh(kind);
    return [...(await this.entry(kind)).index.ids()].sort();
  }

  /** Applies what another process stored since this index was loaded. */
  async refresh(kind: NodeKind): Promise<void> {
    const entry = await this.entry(kind);
    if ((await this.store.lastSeq(this.model, kind)) > entry.seq) await this.catchUp(kind, entry);
  }

  /** Throws away the kind's index and builds it again from the store. */
  async rebuild(kind: NodeKind): Promise<KindStatus> {
    const p = this.build(kind);
    this.entries.set(kind, p);
    const e = await p;
    return { kind, type: e.index.type, size: e.index.size, seq: e.seq };
  }

  /**
   * Writes every changed HNSW index to disk (exact indexes need no file), when this process
   * holds the folder's lock (taken here when free); otherwise another process is the writer.
   */
  async save(): Promise<void> {
    // Nothing loaded, nothing to save: and no lock file left in a folder that holds no index.
    if (this.entries.size === 0) return;
    if (!this.lock.tryAcquire()) return;
    for (const [kind, p] of this.entries) {
      const e = await p;
      if (!e.dirty || !(e.index instanceof HnswIndex)) continue;
      let index: HnswIndex = e.index;
      // Deleted elements still take memory and search steps; past a quarter of the file, start clean.
      if (index.deletedCount > Math.max(1_000, index.size / 3)) {
        this.log(`vector index ${kind} (${this.model}): compacting ${index.deletedCount} deleted elements`);
        index = index.compacted();
        e.index = index;
      }
      mkdirSync(this.dir, { recursive: true });
      index.save(this.files(kind), { model: this.model, kind, seq: e.seq });
      e.dirty = false;
    }
  }

  async status(kinds: readonly NodeKind[]): Promise<KindStatus[]> {
    const out: KindStatus[] = [];
    for (const kind of kinds) {
      const e = await this.entry(kind);
      out.push({ kind, type: e.index.type, size: e.index.size, seq: e.seq });
    }
    return out;
  }

  /** Saves; the store stays open (its owner closes it). */
  async close(): Promise<void> {
    try {
      await this.save();
    } finally {
      this.lock.release();
      this.entries.clear();
    }
  }

  private entry(kind: NodeKind): Promise<Entry> {
    let p = this.entries.get(kind);
    if (!p) {
      p = this.load(kind);
      this.entries.set(kind, p);
      // A failed load must not stick: the next call tries again.
      p.catch(() => this.entries.delete(kind));
    }
    return p;
  }

  private async load(kind: NodeKind): Promise<Entry> {
    const count = await this.store.count(this.model, kind);
    if (count < this.exactBelow) return this.build(kind);
    if (!existsSync(this.files(kind).header)) {
      this.log(
        `vector index ${kind} (${this.model}): no saved index yet; building it from the vector store (${count} vectors)`,
      );
      return this.build(kind);
    }
    let loaded: ReturnType<typeof HnswIndex.load>;
    try {
      loaded = HnswIndex.load(this.files(kind), { model: this.model, kind, dims: this.dims });
    } catch (e) {
      if (!(e instanceof IndexLoadError)) throw e;
      this.log(
        `vector index ${kind} (${this.model}): ${e.message}; rebuilding from the vector store (${count} vectors)`,
      );
      return this.build(kind);
    }
    // efSearch is a query-time setting: the configured one wins over the value saved with the graph.
    loaded.index.efSearch = this.params.efSearch;
    const entry: Entry = { index: loaded.index, seq: loaded.header.seq, dirty: false };
    await this.catchUp(kind, entry);
    const now = await this.store.count(this.model, kind);
    if (entry.index.size !== now) {
      this.log(
        `vector index ${kind} (${this.model}): holds ${entry.index.size} vectors, the store ${now}; rebuilding from the vector store`,
      );
      return this.build(kind);
    }
    return entry;
  }

  /**
   * Applies store writes and deletes after `entry.seq`. The target seq is read first and is where
   * the entry ends: everything committed up to it is seen by the reads after it, while a delete
   * committed after it may be missed by them, so the entry never claims to be past it (rows read
   * beyond it are applied again next time, which changes nothing).
   */
  private async catchUp(kind: NodeKind, entry: Entry): Promise<void> {
    let applied = 0;
    const from = entry.seq;
    const target = await this.store.lastSeq(this.model, kind);
    if (target <= from) return;
    for (const id of await this.store.deletedSince(this.model, kind, from)) {
      if (entry.index.remove(id)) applied++;
    }
    for await (const page of this.store.scan(this.model, kind, from)) {
      for (const r of page) {
        entry.index.upsert(r.id, r.vector);
        applied++;
      }
    }
    entry.seq = Math.max(entry.seq, target);
    if (applied > 0) entry.dirty = true;
  }

  private async build(kind: NodeKind): Promise<Entry> {
    const count = await this.store.count(this.model, kind);
    const index: KindIndex =
      count < this.exactBelow
        ? new ExactIndex(this.dims, Math.max(count, 16))
        : HnswIndex.create(this.dims, this.params, count);
    const entry: Entry = { index, seq: 0, dirty: index.type === 'hnsw' };
    await this.catchUp(kind, entry);
    entry.dirty = index.type === 'hnsw';
    return entry;
  }

  /** An exact index that grew past the threshold becomes an HNSW index (built from its own vectors). */
  private promote(kind: NodeKind, entry: Entry): void {
    const exact = entry.index as ExactIndex;
    const hnsw = HnswIndex.create(this.dims, this.params, exact.size * 2);
    for (const [id, v] of exact.entries()) hnsw.upsert(id, v);
    entry.index = hnsw;
    entry.dirty = true;
    this.log(`vector index ${kind} (${this.model}): ${exact.size} vectors, switching from exact search to HNSW`);
  }
}
