/**
 * BM25+ top-k straight from MiniSearch's inverted index (see lexical.ts for why): the same
 * formula as MiniSearch's `search` (k1 1.2, b 0.7, delta 0.5, times the number of distinct
 * query terms matched), over typed arrays, keeping only the k best in a heap.
 */
import type MiniSearch from 'minisearch';
import { CLEARANCE_RANK, type Viewer } from '../../graph/viewer.js';

export interface ScoredDoc {
  readonly id: string;
  readonly score: number;
  /** Query terms found in the document. */
  readonly terms: readonly string[];
}

/** Whether a viewer may see a document with these stored fields (the rule of graph/viewer.ts). */
export function allowed(viewer: Viewer, stored: { v?: number; o?: string } | undefined): boolean {
  const v = stored?.v ?? 2;
  if (v <= CLEARANCE_RANK[viewer.clearance]) return true;
  return v === 2 && stored?.o !== undefined && viewer.orgs.includes(stored.o);
}

/** MiniSearch's default BM25+ parameters, written out because `topK` applies them itself. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** The protected parts of MiniSearch 7 that `topK` reads (see lexical.ts). */
export interface Internals {
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _documentCount: number;
  _documentIds: Map<number, string>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, { v?: number; o?: string }>;
  _nextId: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the scorer reads the index, never the documents' type.
export function internals(ms: MiniSearch<any>): Internals | undefined {
  const i = ms as unknown as Partial<Internals>;
  return typeof i._index?.get === 'function' &&
    i._documentIds instanceof Map &&
    i._fieldLength instanceof Map &&
    i._storedFields instanceof Map &&
    Array.isArray(i._avgFieldLength) &&
    typeof i._documentCount === 'number' &&
    typeof i._nextId === 'number' &&
    typeof i._fieldIds === 'object'
    ? (i as Internals)
    : undefined;
}

/**
 * Per-document data the scorer reads for every posting, laid out in typed arrays by
 * MiniSearch's short id: a Map lookup per posting is what made the library's search slow.
 * Rebuilt after any change to the index.
 */
export interface Columns {
  readonly alive: Uint8Array;
  readonly vis: Uint8Array;
  readonly owner: (string | undefined)[];
  readonly ids: (string | undefined)[];
  /** Per field id: each document's field length. */
  readonly lengths: Float32Array[];
  /** Scratch accumulators, all zero between searches (a search is synchronous, so never shared). */
  readonly scores: Float64Array;
  readonly masks: Int32Array;
  /**
   * Per term and field, its postings as parallel typed arrays with each document's BM25
   * impact precomputed: walking a Map of 30,000 postings costs ~8 ms, these arrays ~0.1 ms.
   * Filled for the terms queried; dropped with the columns on any change.
   */
  readonly impacts: Map<string, { docs: Int32Array; impact: Float32Array } | null>;
}

export function columns(i: Internals): Columns {
  const n = i._nextId;
  const alive = new Uint8Array(n);
  const vis = new Uint8Array(n).fill(2);
  const owner: (string | undefined)[] = new Array(n);
  const ids: (string | undefined)[] = new Array(n);
  const fields = Object.values(i._fieldIds);
  const lengths = fields.map(() => new Float32Array(n));
  for (const [doc, id] of i._documentIds) {
    alive[doc] = 1;
    ids[doc] = id;
    const stored = i._storedFields.get(doc);
    vis[doc] = stored?.v ?? 2;
    owner[doc] = stored?.o;
    const len = i._fieldLength.get(doc);
    if (len !== undefined) for (const f of fields) (lengths[f] as Float32Array)[doc] = len[f] ?? 0;
  }
  return { alive, vis, owner, ids, lengths, scores: new Float64Array(n), masks: new Int32Array(n), impacts: new Map() };
}

/** A term's postings in one field with their BM25+ impact (boost excluded), live documents only. */
function impactsOf(i: Internals, cols: Columns, term: string, fieldId: number) {
  const key = `${fieldId}\u0000${term}`;
  const cached = cols.impacts.get(key);
  if (cached !== undefined) return cached;
  const postings = i._index.get(term)?.get(fieldId);
  let entry: { docs: Int32Array; impact: Float32Array } | null = null;
  if (postings !== undefined) {
    const avg = i._avgFieldLength[fieldId] || 1;
    const len = cols.lengths[fieldId] as Float32Array;
    const docs = new Int32Array(postings.size);
    const impact = new Float32Array(postings.size);
    let live = 0;
    for (const doc of postings.keys()) if (cols.alive[doc] === 1) live++;
    // MiniSearch counts document frequency over the postings as they stand; live ones are the truth.
    const idf = Math.log(1 + (i._documentCount - live + 0.5) / (live + 0.5));
    let j = 0;
    for (const [doc, tf] of postings) {
      // Discarded documents linger in postings until MiniSearch vacuums.
      if (cols.alive[doc] !== 1) continue;
      docs[j] = doc;
      impact[j] =
        idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * (len[doc] as number)) / avg)));
      j++;
    }
    entry = { docs: docs.subarray(0, j), impact: impact.subarray(0, j) };
  }
  cols.impacts.set(key, entry);
  return entry;
}

export function topK(
  i: Internals,
  cols: Columns,
  boosts: Readonly<Record<string, number>>,
  query: readonly string[],
  k: number,
  viewer: Viewer,
): ScoredDoc[] {
  // Which query terms each document holds goes in `masks`, as a bit set (queries have few distinct terms).
  const { scores, masks } = cols;
  const touched: number[] = [];
  const fieldBoosts = Object.entries(boosts).flatMap(([f, boost]) => {
    const id = i._fieldIds[f];
    return id === undefined ? [] : [{ id, boost }];
  });
  for (let q = 0; q < query.length; q++) {
    const bit = q < 31 ? 1 << q : 0;
    for (const { id: fieldId, boost } of fieldBoosts) {
      const p = impactsOf(i, cols, query[q] as string, fieldId);
      if (p === null) continue;
      const { docs, impact } = p;
      for (let j = 0; j < docs.length; j++) {
        const doc = docs[j] as number;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] = (scores[doc] as number) + boost * (impact[j] as number);
        masks[doc] = (masks[doc] as number) | bit;
      }
    }
  }
  const clear = CLEARANCE_RANK[viewer.clearance];
  const heap = new TopK(k);
  for (const doc of touched) {
    // MiniSearch multiplies by the number of distinct query terms matched (coordination).
    const s = (scores[doc] as number) * popcount(masks[doc] as number);
    if (!heap.wants(s)) continue;
    const v = cols.vis[doc] as number;
    if (v > clear && !(v === 2 && viewer.orgs.includes(cols.owner[doc] ?? '\u0000'))) continue;
    heap.push(doc, s, cols.ids[doc] ?? '');
  }
  const out = heap.sorted().map(({ doc, score, id }) => {
    const mask = masks[doc] as number;
    return { id, score, terms: query.filter((_, q) => q >= 31 || (mask & (1 << q)) !== 0) };
  });
  for (const doc of touched) {
    scores[doc] = 0;
    masks[doc] = 0;
  }
  return out;
}

function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return Math.max(1, (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24);
}

/** The library's own search: same scores, slower (see the file comment). */
// biome-ignore lint/suspicious/noExplicitAny: the scorer reads the index, never the documents' type.
export function fallbackSearch(ms: MiniSearch<any>, query: readonly string[], k: number, viewer: Viewer): ScoredDoc[] {
  return ms
    .search(query.join(' '), {
      tokenize: (s: string) => s.split(' '),
      filter: (r) => allowed(viewer, r as { v?: number; o?: string }),
    })
    .slice(0, k)
    .map((r) => ({ id: String(r.id), score: r.score, terms: r.queryTerms }));
}

/** A bounded min-heap keeping the k best (score, then smaller id) entries. */
class TopK {
  readonly #items: { doc: number; score: number; id: string }[] = [];
  constructor(readonly k: number) {}
  #worse(a: { score: number; id: string }, b: { score: number; id: string }): boolean {
    return a.score < b.score || (a.score === b.score && a.id > b.id);
  }
  /** Cheap test before the visibility check: could this score enter? */
  wants(score: number): boolean {
    const top = this.#items[0];
    return this.#items.length < this.k || top === undefined || score >= top.score;
  }
  push(doc: number, score: number, id: string): void {
    const h = this.#items;
    const item = { doc, score, id };
    if (h.length < this.k) {
      h.push(item);
      let c = h.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!this.#worse(item, h[p] as typeof item)) break;
        h[c] = h[p] as typeof item;
        c = p;
      }
      h[c] = item;
      return;
    }
    const top = h[0];
    if (top === undefined || !this.#worse(top, item)) return;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      const r = l + 1;
      let m = c;
      let mItem = item;
      const li = h[l];
      const ri = h[r];
      if (li !== undefined && this.#worse(li, mItem)) {
        m = l;
        mItem = li;
      }
      if (ri !== undefined && this.#worse(ri, mItem)) {
        m = r;
        mItem = ri;
      }
      if (m === c) break;
      h[c] = mItem;
      c = m;
    }
    h[c] = item;
  }
  sorted(): { doc: number; score: number; id: string }[] {
    return [...this.#items].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
