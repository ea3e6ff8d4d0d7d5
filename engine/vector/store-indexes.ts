/**
 * The vector side kept in the store (GraphStore.vectors, `capabilities.nativeVectorSearch`): the
 * same VectorIndexSet as the in-process `VectorIndexes`, but nothing is held in the process and
 * nothing is written to the data folder. Vectors, their text hashes and the change-feed position
 * live in the store, shared by every process on it, so a vector stored by one is found by all at
 * once, and searches apply the viewer's visibility inside the store's query (`searchVisible`).
 */
import { type NodeKind, SYSTEM, type VectorSearch, type Viewer } from '../../graph/index.js';
import type { IdFilter, SearchHit, VectorIndexSet } from './types.js';

/** Unfiltered searches (`search` with a filter) ask this many times k, then the filter is applied. */
const FILTER_SLACK = 4;

export class StoreVectorIndexes implements VectorIndexSet {
  private constructor(
    private readonly vectors: VectorSearch,
    readonly model: string,
    readonly dims: number,
  ) {}

  /** Makes ready the store's vector index of each kind for the model (created when missing). */
  static async open(
    vectors: VectorSearch,
    model: string,
    dims: number,
    kinds: readonly NodeKind[],
  ): Promise<StoreVectorIndexes> {
    await vectors.prepare(model, dims, kinds);
    return new StoreVectorIndexes(vectors, model, dims);
  }

  async upsert(kind: NodeKind, rows: readonly { id: string; textHash: string; vector: Float32Array }[]) {
    for (const r of rows)
      if (r.vector.length !== this.dims)
        throw new Error(`vector of ${r.id} has ${r.vector.length} dimensions; ${this.model} vectors have ${this.dims}`);
    await this.vectors.put(kind, this.model, rows);
  }

  delete(kind: NodeKind, ids: readonly string[]): Promise<number> {
    return this.vectors.remove(kind, this.model, ids);
  }

  async has(kind: NodeKind, id: string): Promise<boolean> {
    return (await this.vectors.hashes(kind, this.model, [id])).has(id);
  }

  hashes(kind: NodeKind, ids?: readonly string[]): Promise<Map<string, string>> {
    return this.vectors.hashes(kind, this.model, ids);
  }

  count(kind: NodeKind): Promise<number> {
    return this.vectors.count(kind, this.model);
  }

  /** Of every visibility (read as SYSTEM); with a filter, a wider search filtered here. */
  async search(kind: NodeKind, query: Float32Array, k: number, filter?: IdFilter): Promise<SearchHit[]> {
    this.#checkQuery(query);
    const want = filter === undefined ? k : k * FILTER_SLACK;
    const hits = await this.vectors.search({ kind, model: this.model, vector: query, k: want }, SYSTEM);
    return (filter === undefined ? hits : hits.filter((h) => filter(h.id))).slice(0, k);
  }

  searchVisible(kind: NodeKind, query: Float32Array, k: number, viewer: Viewer): Promise<SearchHit[]> {
    this.#checkQuery(query);
    return this.vectors.search({ kind, model: this.model, vector: query, k }, viewer);
  }

  #checkQuery(query: Float32Array): void {
    if (query.length !== this.dims)
      throw new Error(`query has ${query.length} dimensions, ${this.model} has ${this.dims}`);
  }

  async refresh(): Promise<void> {}

  async save(): Promise<void> {}

  feedPosition(): Promise<{ epoch: string; seq: number } | undefined> {
    return this.vectors.position(this.model);
  }

  setFeedPosition(epoch: string, seq: number): Promise<void> {
    return this.vectors.setPosition(this.model, epoch, seq);
  }

  async close(): Promise<void> {}
}
