/**
 * An approximate index for one node kind: hnswlib's HierarchicalNSW (cosine space) plus the
 * string-id ↔ numeric-label map hnswlib cannot hold, saved as three files:
 *
 *   <kind>.hnsw       hnswlib's own format
 *   <kind>.ids.json   label → id
 *   <kind>.json       header: model, dims, parameters, counts, the store seq it reflects, and
 *                     the SHA-256 and size of the two other files
 *
 * hnswlib notices a truncated file but not a damaged one (a changed byte in the link lists can
 * send a search out of bounds or silently mislead it), and knows nothing of models, so `load`
 * checks header, sizes and checksums *before* handing the file to hnswlib; any doubt is
 * reported as IndexLoadError and the caller rebuilds from the vector store.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { HierarchicalNSW } from 'hnswlib-node';
import hnswlib from 'hnswlib-node';
import type { IdFilter, KindIndex, SearchHit } from './types.js';

export interface HnswParams {
  /** Graph degree: higher = better recall, more memory (4·2·M bytes per vector on layer 0) and slower build. */
  readonly M: number;
  readonly efConstruction: number;
  /** Candidate list at query time (raised to k when k is larger). */
  readonly efSearch: number;
}

/**
 * Chosen with test/bench/match-embed.ts and test/bench/match.ts. On real MiniLM embeddings of
 * the generated graph (66,305 challenges, results and projects in one index), recall@10 against
 * exact search is 0.9965 at efSearch 200 and no better at 400 or 800 (0.9970 at 50); search p95
 * 0.92 ms at 200, 1.83 ms at 400. Side by side on the 100,000-person graph with real corpus
 * vectors, who-solved p95 was 47.8 ms at 200 and 55.6 ms at 400 (six kinds searched a request).
 * Hard synthetic data needs more (clustered random vectors: 0.887 at 200, 0.959 at 400), so
 * efSearch is a query-time setting (`hnsw.efSearch`) that a saved index does not pin.
 */
export const DEFAULT_HNSW: HnswParams = { M: 32, efConstruction: 200, efSearch: 200 };

export interface HnswHeader {
  readonly format: 1;
  readonly model: string;
  readonly kind: string;
  readonly dims: number;
  readonly space: 'cosine';
  readonly params: HnswParams;
  /** Live vectors. */
  readonly count: number;
  /** Elements in hnswlib's file, deleted ones included. */
  readonly elements: number;
  readonly maxElements: number;
  /** The vector store's seq (vector-store.ts) this index reflects. */
  readonly seq: number;
  readonly hnsw: { readonly sha256: string; readonly bytes: number };
  readonly idsFile: { readonly sha256: string; readonly bytes: number };
  readonly savedAt: string;
}

export interface IndexFiles {
  readonly hnsw: string;
  readonly ids: string;
  readonly header: string;
}

/** A saved index that must not be used: the reason says which check failed. */
export class IndexLoadError extends Error {
  override readonly name = 'IndexLoadError';
}

const sha256File = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

interface IdsFile {
  readonly nextLabel: number;
  readonly deleted: number;
  /** Pairs of label and id, live elements only. */
  readonly labels: readonly (readonly [number, string])[];
}

export class HnswIndex implements KindIndex {
  readonly type = 'hnsw';
  private readonly labelOf = new Map<string, number>();
  private readonly idOf = new Map<number, string>();
  private nextLabel = 0;
  /** Elements marked deleted (hnswlib keeps them as waypoints until compaction). */
  private deleted = 0;

  /** Candidate list at query time; tunable per instance (benchmarks sweep it). */
  efSearch: number;

  private constructor(
    private readonly index: HierarchicalNSW,
    readonly dims: number,
    readonly params: HnswParams,
  ) {
    this.efSearch = params.efSearch;
  }

  /** An empty index with room for `capacity` elements (it grows by doubling). */
  static create(dims: number, params: HnswParams = DEFAULT_HNSW, capacity = 1_024): HnswIndex {
    const index = new hnswlib.HierarchicalNSW('cosine', dims);
    index.initIndex({
      maxElements: Math.max(16, capacity),
      m: params.M,
      efConstruction: params.efConstruction,
      randomSeed: 100,
    });
    return new HnswIndex(index, dims, params);
  }

  /**
   * Loads a saved index after checking that it belongs to `expect.model` with `expect.dims`
   * and that both files are whole. Throws IndexLoadError, never crashes on a bad file.
   */
  static load(
    files: IndexFiles,
    expect: { model: string; kind: string; dims: number },
  ): { index: HnswIndex; header: HnswHeader } {
    let header: HnswHeader;
    try {
      header = JSON.parse(readFileSync(files.header, 'utf8')) as HnswHeader;
    } catch (e) {
      throw new IndexLoadError(`header ${files.header} is missing or unreadable (${(e as Error).message})`);
    }
    if (header.format !== 1 || header.space !== 'cosine')
      throw new IndexLoadError(`header ${files.header} has an unknown format`);
    if (header.model !== expect.model)
      throw new IndexLoadError(`index was built for model ${header.model}, not ${expect.model}`);
    if (header.kind !== expect.kind) throw new IndexLoadError(`index holds kind ${header.kind}, not ${expect.kind}`);
    if (header.dims !== expect.dims)
      throw new IndexLoadError(`index has ${header.dims} dimensions, the model ${expect.dims}`);
    for (const [path, rec] of [
      [files.hnsw, header.hnsw],
      [files.ids, header.idsFile],
    ] as const) {
      if (!existsSync(path)) throw new IndexLoadError(`${path} is missing`);
      const bytes = statSync(path).size;
      if (bytes !== rec?.bytes)
        throw new IndexLoadError(`${path} has ${bytes} bytes, the header says ${rec?.bytes} (truncated or replaced)`);
      if (sha256File(path) !== rec.sha256) throw new IndexLoadError(`${path} fails its checksum (damaged)`);
    }
    let ids: IdsFile;
    try {
      ids = JSON.parse(readFileSync(files.ids, 'utf8')) as IdsFile;
    } catch (e) {
      throw new IndexLoadError(`${files.ids} is unreadable (${(e as Error).message})`);
    }
    const raw = new hnswlib.HierarchicalNSW('cosine', header.dims);
    try {
      raw.readIndexSync(files.hnsw);
    } catch (e) {
      throw new IndexLoadError(`hnswlib could not read ${files.hnsw}: ${(e as Error).message}`);
    }
    if (
      raw.getCurrentCount() !== header.elements ||
      raw.getNumDimensions() !== header.dims ||
      ids.labels.length !== header.count
    ) {
      throw new IndexLoadError(`${files.hnsw} does not hold what its header says`);
    }
    const index = new HnswIndex(raw, header.dims, header.params);
    for (const [label, id] of ids.labels) {
      index.labelOf.set(id, label);
      index.idOf.set(label, id);
    }
    index.nextLabel = ids.nextLabel;
    index.deleted = ids.deleted;
    return { index, header };
  }

  get size(): number {
    return this.labelOf.size;
  }

  has(id: string): boolean {
    return this.labelOf.has(id);
  }

  ids(): IterableIterator<string> {
    return this.labelOf.keys();
  }

  /** Elements hnswlib still holds for deleted or replaced vectors (they cost memory and a little search time). */
  get deletedCount(): number {
    return this.deleted;
  }

  /**
   * A changed vector is deleted and added again under a fresh label. hnswlib's in-place update
   * (and its replace-deleted mode) repairs the links of neighbours' neighbours: with M = 32 that
   * is ~100× the cost of an insert. Deleted elements are reclaimed by `compacted()`.
   */
  upsert(id: string, vector: Float32Array): void {
    if (vector.length !== this.dims) throw new Error(`vector has ${vector.length} dimensions, index has ${this.dims}`);
    this.remove(id);
    if (this.index.getCurrentCount() >= this.index.getMaxElements()) {
      this.index.resizeIndex(this.index.getMaxElements() * 2);
    }
    const label = this.nextLabel++;
    this.index.addPoint(Array.from(vector), label);
    this.labelOf.set(id, label);
    this.idOf.set(label, id);
  }

  remove(id: string): boolean {
    const label = this.labelOf.get(id);
    if (label === undefined) return false;
    this.index.markDelete(label);
    this.labelOf.delete(id);
    this.idOf.delete(label);
    this.deleted++;
    return true;
  }

  /** A fresh index of the live vectors only (read back from hnswlib, already unit length). */
  compacted(): HnswIndex {
    const next = HnswIndex.create(this.dims, this.params, Math.max(this.size, 16));
    for (const [label, id] of this.idOf) next.upsert(id, Float32Array.from(this.index.getPoint(label)));
    return next;
  }

  search(query: Float32Array, k: number, filter?: IdFilter): SearchHit[] {
    const n = Math.min(Math.floor(k), this.size);
    if (n <= 0) return [];
    if (query.length !== this.dims) throw new Error(`query has ${query.length} dimensions, index has ${this.dims}`);
    this.index.setEf(Math.max(this.efSearch, n));
    const labelFilter = filter
      ? (label: number) => {
          const id = this.idOf.get(label);
          return id !== undefined && filter(id);
        }
      : undefined;
    const r = this.index.searchKnn(Array.from(query), n, labelFilter);
    const hits: SearchHit[] = [];
    r.neighbors.forEach((label, i) => {
      const id = this.idOf.get(label);
      if (id !== undefined) hits.push({ id, score: 1 - (r.distances[i] ?? 1) });
    });
    return hits;
  }

  /** Writes the three files, each to a temporary name first; the header goes last, so a crash mid-save is caught at load. */
  save(files: IndexFiles, meta: { model: string; kind: string; seq: number }): HnswHeader {
    const tmp = (p: string) => `${p}.tmp-${process.pid}`;
    this.index.writeIndexSync(tmp(files.hnsw));
    const ids: IdsFile = { nextLabel: this.nextLabel, deleted: this.deleted, labels: [...this.idOf.entries()] };
    writeFileSync(tmp(files.ids), JSON.stringify(ids));
    const header: HnswHeader = {
      format: 1,
      model: meta.model,
      kind: meta.kind,
      dims: this.dims,
      space: 'cosine',
      params: this.params,
      count: this.size,
      elements: this.index.getCurrentCount(),
      maxElements: this.index.getMaxElements(),
      seq: meta.seq,
      hnsw: { sha256: sha256File(tmp(files.hnsw)), bytes: statSync(tmp(files.hnsw)).size },
      idsFile: { sha256: sha256File(tmp(files.ids)), bytes: statSync(tmp(files.ids)).size },
      savedAt: new Date().toISOString(),
    };
    writeFileSync(tmp(files.header), `${JSON.stringify(header, null, 2)}\n`);
    renameSync(tmp(files.hnsw), files.hnsw);
    renameSync(tmp(files.ids), files.ids);
    renameSync(tmp(files.header), files.header);
    return header;
  }
}
