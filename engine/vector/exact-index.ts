/**
 * Brute-force cosine search over vectors held in one growable Float32Array. Below a few
 * thousand vectors it is as fast as HNSW and exact, needs no file of its own (it is filled from
 * the vector store at load), and it is the ground truth for HNSW recall tests and benchmarks.
 */
import { type IdFilter, type KindIndex, normalised, type SearchHit } from './types.js';

export class ExactIndex implements KindIndex {
  readonly type = 'exact';
  private data: Float32Array;
  private readonly rowOf = new Map<string, number>();
  private readonly idAt: string[] = [];

  constructor(
    readonly dims: number,
    capacity = 1_024,
  ) {
    this.data = new Float32Array(Math.max(1, capacity) * dims);
  }

  get size(): number {
    return this.idAt.length;
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  *ids(): IterableIterator<string> {
    yield* this.idAt;
  }

  /** Each id with its (unit-length) vector; the vectors are views, copy them to keep them. */
  *entries(): IterableIterator<[string, Float32Array]> {
    for (let r = 0; r < this.idAt.length; r++) {
      yield [this.idAt[r] as string, this.data.subarray(r * this.dims, (r + 1) * this.dims)];
    }
  }

  upsert(id: string, vector: Float32Array): void {
    if (vector.length !== this.dims) throw new Error(`vector has ${vector.length} dimensions, index has ${this.dims}`);
    let row = this.rowOf.get(id);
    if (row === undefined) {
      row = this.idAt.length;
      if ((row + 1) * this.dims > this.data.length) {
        const grown = new Float32Array(this.data.length * 2);
        grown.set(this.data);
        this.data = grown;
      }
      this.rowOf.set(id, row);
      this.idAt.push(id);
    }
    this.data.set(normalised(vector), row * this.dims);
  }

  remove(id: string): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;
    // Swap the last row into the hole: O(1), order does not matter.
    const last = this.idAt.length - 1;
    const lastId = this.idAt[last] as string;
    if (row !== last) {
      this.data.copyWithin(row * this.dims, last * this.dims, (last + 1) * this.dims);
      this.idAt[row] = lastId;
      this.rowOf.set(lastId, row);
    }
    this.idAt.pop();
    this.rowOf.delete(id);
    return true;
  }

  search(query: Float32Array, k: number, filter?: IdFilter): SearchHit[] {
    if (query.length !== this.dims) throw new Error(`query has ${query.length} dimensions, index has ${this.dims}`);
    const q = normalised(query);
    const n = Math.max(0, Math.floor(k));
    const top = new TopK(n);
    const d = this.dims;
    const data = this.data;
    // Rows tying with the k-th score are kept, then cut by id: the answer must not depend on the
    // order vectors arrived in (processes following the change feed insert in different orders).
    const scored: [number, number][] = [];
    for (let r = 0; r < this.idAt.length; r++) {
      let s = 0;
      const base = r * d;
      for (let i = 0; i < d; i++) s += (q[i] as number) * (data[base + i] as number);
      if (s < top.floor) continue;
      if (filter && !filter(this.idAt[r] as string)) continue;
      top.push(s, r);
      scored.push([s, r]);
    }
    const floor = top.floor;
    const id = (row: number) => this.idAt[row] as string;
    return scored
      .filter(([s]) => s >= floor)
      .sort((a, b) => b[0] - a[0] || (id(a[1]) < id(b[1]) ? -1 : id(a[1]) > id(b[1]) ? 1 : 0))
      .slice(0, n)
      .map(([score, row]) => ({ id: id(row), score }));
  }
}

/** The k largest scores seen, in a binary min-heap. */
export class TopK {
  private readonly scores: number[] = [];
  private readonly items: number[] = [];
  constructor(private readonly k: number) {}

  /** Scores at or below this cannot enter. */
  get floor(): number {
    return this.scores.length < this.k ? Number.NEGATIVE_INFINITY : (this.scores[0] as number);
  }

  push(score: number, item: number): void {
    if (this.k === 0) return;
    const s = this.scores;
    const it = this.items;
    if (s.length < this.k) {
      s.push(score);
      it.push(item);
      let i = s.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if ((s[p] as number) <= (s[i] as number)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    if (score <= (s[0] as number)) return;
    s[0] = score;
    it[0] = item;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < s.length && (s[l] as number) < (s[m] as number)) m = l;
      if (r < s.length && (s[r] as number) < (s[m] as number)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** [score, item] pairs, best first. */
  sorted(): [number, number][] {
    return this.scores.map((s, i): [number, number] => [s, this.items[i] as number]).sort((a, b) => b[0] - a[0]);
  }

  private swap(a: number, b: number): void {
    const s = this.scores;
    const it = this.items;
    [s[a], s[b]] = [s[b] as number, s[a] as number];
    [it[a], it[b]] = [it[b] as number, it[a] as number];
  }
}
