/**
 * BM25+ top-k straight from MiniSearch's inverted index (see lexical.ts for why): the same
 * formula as MiniSearch's `search` (k1 1.2, b 0.7, delta 0.5, times the number of distinct
 * query terms matched), over typed arrays, keeping only the k best in a heap.
 */
import type MiniSearch from 'minisearch';
import { type Viewer, type VisibilityGate, viewerClass, visibilityGate } from '../../graph/index.js';

export interface ScoredDoc {
  readonly id: string;
  readonly score: number;
  /** Query terms found in the document. */
  readonly terms: readonly string[];
}

/** Whether a viewer may see a document with these stored fields (the rule of graph/viewer.ts). */
export function allowed(viewer: Viewer, stored: { v?: number; o?: string } | undefined): boolean {
  return visibilityGate(viewer)(stored?.v ?? 2, stored?.o);
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
  /**
   * Documents and field-length totals per visibility class: public, network, and restricted
   * per owner (key `r:<owner>`). A viewer's statistics are the sum over the classes they see.
   */
  readonly classes: Map<string, VisibilityClass>;
  /** Restricted owners of this kind, for telling viewers that see the same classes apart. */
  readonly restrictedOwners: Set<string>;
  /** Per audience (see `audienceOf`): its document count and average field lengths. */
  readonly stats: Map<string, { n: number; avg: number[] }>;
  /** Scratch accumulators, all zero between searches (a search is synchronous, so never shared). */
  readonly scores: Float64Array;
  readonly masks: Int32Array;
  /**
   * Per audience, term and field, its postings the audience may see as parallel typed arrays
   * with each document's BM25 impact precomputed: walking a Map of 30,000 postings costs ~8 ms,
   * these arrays ~0.1 ms. Filled for the terms queried; dropped with the columns on any change.
   */
  readonly impacts: Map<string, { docs: Int32Array; impact: Float32Array } | null>;
}

/** Documents of one visibility (and owner, when restricted), with their field-length totals. */
interface VisibilityClass {
  readonly rank: number;
  readonly owner: string | undefined;
  count: number;
  readonly lengths: number[];
}

const classOf = (v: number, owner: string | undefined): string => (v === 0 ? 'p' : v === 1 ? 'n' : `r:${owner ?? ''}`);

export function columns(i: Internals): Columns {
  const n = i._nextId;
  const alive = new Uint8Array(n);
  const vis = new Uint8Array(n).fill(2);
  const owner: (string | undefined)[] = new Array(n);
  const ids: (string | undefined)[] = new Array(n);
  const fields = Object.values(i._fieldIds);
  const width = Math.max(0, ...fields) + 1;
  const lengths = fields.map(() => new Float32Array(n));
  const classes = new Map<string, VisibilityClass>();
  const restrictedOwners = new Set<string>();
  for (const [doc, id] of i._documentIds) {
    alive[doc] = 1;
    ids[doc] = id;
    const stored = i._storedFields.get(doc);
    const v = stored?.v ?? 2;
    vis[doc] = v;
    owner[doc] = stored?.o;
    if (v === 2 && stored?.o !== undefined) restrictedOwners.add(stored.o);
    const key = classOf(v, stored?.o);
    let c = classes.get(key);
    if (c === undefined) {
      c = { rank: v, owner: v === 2 ? stored?.o : undefined, count: 0, lengths: new Array<number>(width).fill(0) };
      classes.set(key, c);
    }
    c.count += 1;
    const len = i._fieldLength.get(doc);
    if (len !== undefined)
      for (const f of fields) {
        const l = len[f] ?? 0;
        (lengths[f] as Float32Array)[doc] = l;
        c.lengths[f] = (c.lengths[f] as number) + l;
      }
  }
  return {
    alive,
    vis,
    owner,
    ids,
    lengths,
    classes,
    restrictedOwners,
    stats: new Map(),
    scores: new Float64Array(n),
    masks: new Int32Array(n),
    impacts: new Map(),
  };
}

/**
 * The audience a viewer belongs to for this index: viewers with the same key see the same
 * documents, so share statistics. Restricted documents are seen whole by clearance `all`, else
 * only those of the viewer's organisations that own any here.
 */
function audienceOf(cols: Columns, viewer: Viewer): string {
  return viewerClass({ ...viewer, orgs: viewer.orgs.filter((o) => cols.restrictedOwners.has(o)) });
}

const sees = (cols: Columns, gate: VisibilityGate, doc: number): boolean =>
  gate(cols.vis[doc] as number, cols.owner[doc]);

/**
 * Document count and average field lengths over exactly the documents the audience sees:
 * BM25's statistics are the ones a store holding only those documents would give, so hidden
 * documents move no one's scores. Sums of integer lengths are exact, so the order of classes
 * does not change a bit of the result.
 */
function statsOf(cols: Columns, audience: string, gate: VisibilityGate, width: number) {
  const cached = cols.stats.get(audience);
  if (cached !== undefined) return cached;
  let n = 0;
  const sums = new Array<number>(width).fill(0);
  for (const c of cols.classes.values()) {
    if (!gate(c.rank, c.owner)) continue;
    n += c.count;
    for (let f = 0; f < width; f++) sums[f] = (sums[f] as number) + (c.lengths[f] ?? 0);
  }
  const out = { n, avg: sums.map((s) => (n === 0 ? 0 : s / n)) };
  cols.stats.set(audience, out);
  return out;
}

/** A term's postings in one field that the audience sees, with their BM25+ impact (boost excluded). */
function impactsOf(i: Internals, cols: Columns, term: string, fieldId: number, audience: string, gate: VisibilityGate) {
  const key = `${audience}\u0000${fieldId}\u0000${term}`;
  const cached = cols.impacts.get(key);
  if (cached !== undefined) return cached;
  const postings = i._index.get(term)?.get(fieldId);
  let entry: { docs: Int32Array; impact: Float32Array } | null = null;
  if (postings !== undefined) {
    const stats = statsOf(cols, audience, gate, cols.lengths.length);
    const avg = stats.avg[fieldId] || 1;
    const len = cols.lengths[fieldId] as Float32Array;
    const docs = new Int32Array(postings.size);
    const impact = new Float32Array(postings.size);
    let j = 0;
    for (const doc of postings.keys()) {
      // Discarded documents linger in postings until MiniSearch vacuums; hidden ones are not the audience's.
      if (cols.alive[doc] === 1 && sees(cols, gate, doc)) docs[j++] = doc;
    }
    // Document frequency over what the audience sees, in postings order (the same in a store holding only that).
    const df = j;
    const idf = Math.log(1 + (stats.n - df + 0.5) / (df + 0.5));
    for (let x = 0; x < df; x++) {
      const doc = docs[x] as number;
      const tf = postings.get(doc) as number;
      impact[x] =
        idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * (len[doc] as number)) / avg)));
    }
    entry = { docs: docs.subarray(0, df), impact: impact.subarray(0, df) };
  }
  // A flood of distinct audiences or terms must not grow the cache without bound.
  if (cols.impacts.size > 100_000) cols.impacts.clear();
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
  const audience = audienceOf(cols, viewer);
  const gate = visibilityGate(viewer);
  const fieldBoosts = Object.entries(boosts).flatMap(([f, boost]) => {
    const id = i._fieldIds[f];
    return id === undefined ? [] : [{ id, boost }];
  });
  for (let q = 0; q < query.length; q++) {
    const bit = q < 31 ? 1 << q : 0;
    for (const { id: fieldId, boost } of fieldBoosts) {
      const p = impactsOf(i, cols, query[q] as string, fieldId, audience, gate);
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
  const heap = new TopK(k);
  for (const doc of touched) {
    // MiniSearch multiplies by the number of distinct query terms matched (coordination).
    const s = (scores[doc] as number) * popcount(masks[doc] as number);
    if (!heap.wants(s)) continue;
    // Impacts hold only the audience's documents; the check stays as the rule's last word.
    if (!sees(cols, gate, doc)) continue;
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
