/**
 * The lexical side: one MiniSearch (BM25+) index per searchable kind, built from the store's
 * TEXT_FIELDS, persisted in `<dataDir>/lexical/` with a stamp, loaded when the stamp still
 * matches the store and rebuilt (with one log line) when it is stale, from another version,
 * or unreadable.
 *
 * Scoring: MiniSearch's own `search` materialises a result object for every matching
 * document before sorting; on the 100,000-person graph a query touching a common expertise
 * term matches ~25,000 people and takes ~300 ms. `search` computes the same BM25+ formula
 * straight from MiniSearch's inverted index into a typed array and keeps the top k in a heap
 * (./bm25.ts, ~2 ms). It reads MiniSearch's protected fields through `Internals`; when their
 * shape is not what this code knows (another MiniSearch version), it falls back to the
 * library's `search`. test/match/lexical.test.ts checks that both agree.
 *
 * Visibility: the index holds every node (it is built as SYSTEM) with its visibility rank
 * and owner as stored fields. Hidden data has no side effects: BM25's statistics (document
 * count, average field lengths, each term's document frequency) are kept per visibility class
 * (public, network, restricted per owner) and summed over the classes the viewer sees, and
 * only their documents are scored, so a viewer's hits, scores included, are those of an index
 * over a store holding only what they may see (test/match/visibility-property.test.ts). The
 * caller still re-reads every candidate through the store with the viewer: the index is a
 * pre-filter, the store the authority. (The fallback for an unknown MiniSearch version scores
 * with the library's global statistics and only filters.)
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { type GraphNode, TEXT_FIELDS } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM, VISIBILITY_RANK, type Viewer } from '../../graph/viewer.js';
import { allowed, type Columns, columns, fallbackSearch, internals, topK } from './bm25.js';
import { MatchError } from './errors.js';
import type { MatchLog } from './ports.js';
import { fieldText, TOKENIZER_VERSION, terms } from './text.js';

export const LEXICAL_KINDS = ['Project', 'Result', 'Challenge', 'Person', 'Organisation', 'Document'] as const;
export type LexicalKind = (typeof LEXICAL_KINDS)[number];

/** Bumped when the stored layout or the field boosts change. */
const FORMAT_VERSION = 1;

/** Titles and names say more than long descriptions; keywords and expertise are chosen words. */
const BOOST: Readonly<Record<LexicalKind, Readonly<Record<string, number>>>> = {
  Project: { acronym: 1.5, title: 2, objective: 1, keywords: 1.5 },
  Result: { title: 2, description: 1, resultType: 0.5 },
  Challenge: { title: 2, description: 1, keywords: 1.5 },
  Person: { name: 1, expertise: 2, bio: 1 },
  Organisation: { name: 2, shortName: 1.5 },
  Document: { title: 2, summary: 1 },
};

import type { ScoredDoc } from './bm25.js';

export type LexicalHit = ScoredDoc;

interface Stamp {
  readonly format: number;
  readonly tokenizer: number;
  /** Nodes of each kind in the store (as SYSTEM) when the index was built. */
  readonly counts: Readonly<Record<string, number>>;
}

type Doc = GraphNode;

const optionsFor = (kind: LexicalKind) => ({
  idField: 'id',
  fields: [...TEXT_FIELDS[kind]],
  storeFields: ['v', 'o'],
  extractField: (d: Doc, f: string): unknown =>
    f === 'id' ? d.id : f === 'v' ? VISIBILITY_RANK[d.visibility] : f === 'o' ? d.owner : fieldText(d, f),
  tokenize: (s: string) => terms(s),
  // Terms arrive already folded and stemmed by `terms`.
  processTerm: (t: string) => t,
  searchOptions: { boost: { ...BOOST[kind] } },
});

export class LexicalIndex {
  readonly #indexes: Map<LexicalKind, MiniSearch<Doc>>;
  /** Typed-array copies of per-document data, per kind; dropped on every change. */
  readonly #columns = new Map<LexicalKind, Columns>();

  private constructor(indexes: Map<LexicalKind, MiniSearch<Doc>>) {
    this.#indexes = indexes;
  }

  /** Builds every kind's index in memory from the store (as SYSTEM), without persisting it. */
  static async build(store: GraphStore, kinds: readonly LexicalKind[] = LEXICAL_KINDS): Promise<LexicalIndex> {
    const indexes = new Map<LexicalKind, MiniSearch<Doc>>();
    for (const kind of kinds) indexes.set(kind, await buildKind(store, kind));
    return new LexicalIndex(indexes);
  }

  /**
   * Loads the persisted index from `<dataDir>/lexical/`, or builds and writes it when it is
   * missing, from another version, unreadable, or stale (the store's node counts differ from
   * the stamp's). Edits that keep the counts equal are caught by `rebuild` (run after ingest).
   * Throws ERR_LEXICAL_INDEX only when it can neither read nor write the folder.
   */
  static async open(
    store: GraphStore,
    dataDir: string,
    options: { log?: MatchLog; kinds?: readonly LexicalKind[] } = {},
  ): Promise<LexicalIndex> {
    const log = options.log ?? (() => undefined);
    const kinds = options.kinds ?? LEXICAL_KINDS;
    const dir = join(dataDir, 'lexical');
    const counts = (await store.stats(SYSTEM)).nodes;
    const stamp = await readStamp(dir);
    const indexes = new Map<LexicalKind, MiniSearch<Doc>>();
    const rebuilt: LexicalKind[] = [];
    for (const kind of kinds) {
      const fresh =
        stamp !== undefined &&
        stamp.format === FORMAT_VERSION &&
        stamp.tokenizer === TOKENIZER_VERSION &&
        stamp.counts[kind] === counts[kind];
      let index: MiniSearch<Doc> | undefined;
      if (fresh) {
        try {
          index = MiniSearch.loadJSON<Doc>(await readFile(join(dir, `${kind}.json`), 'utf8'), optionsFor(kind));
          if (index.documentCount !== counts[kind])
            throw new Error(`holds ${index.documentCount} documents, the store ${counts[kind]}`);
        } catch (e) {
          log(`lexical index ${join(dir, `${kind}.json`)} is unreadable (${(e as Error).message}); rebuilding it`);
          index = undefined;
        }
      } else {
        log(
          stamp === undefined
            ? `building the lexical index of ${kind} (${counts[kind]} nodes)`
            : `lexical index of ${kind} is stale (the store or the index version changed); rebuilding it`,
        );
      }
      if (index === undefined) {
        index = await buildKind(store, kind);
        rebuilt.push(kind);
      }
      indexes.set(kind, index);
    }
    const out = new LexicalIndex(indexes);
    if (rebuilt.length > 0) {
      await out.#save(
        dir,
        { format: FORMAT_VERSION, tokenizer: TOKENIZER_VERSION, counts: { ...stamp?.counts, ...pick(counts, kinds) } },
        rebuilt,
      );
    }
    return out;
  }

  /** Rebuilds every kind from the store and writes it (after an ingest). */
  static async rebuild(
    store: GraphStore,
    dataDir: string,
    kinds: readonly LexicalKind[] = LEXICAL_KINDS,
  ): Promise<LexicalIndex> {
    const out = await LexicalIndex.build(store, kinds);
    const counts = (await store.stats(SYSTEM)).nodes;
    await out.#save(
      join(dataDir, 'lexical'),
      { format: FORMAT_VERSION, tokenizer: TOKENIZER_VERSION, counts: pick(counts, kinds) },
      kinds,
    );
    return out;
  }

  async #save(dir: string, stamp: Stamp, kinds: readonly LexicalKind[]): Promise<void> {
    try {
      await mkdir(dir, { recursive: true });
      // The stamp goes last, and each file by rename, so a crash mid-way leaves a stamp that
      // does not vouch for a half-written file.
      await writeFile(join(dir, 'stamp.json'), '{}');
      for (const kind of kinds) {
        const index = this.#indexes.get(kind);
        if (index === undefined) continue;
        const file = join(dir, `${kind}.json`);
        await writeFile(`${file}.tmp`, JSON.stringify(index));
        await rename(`${file}.tmp`, file);
      }
      await writeFile(join(dir, 'stamp.json.tmp'), JSON.stringify(stamp));
      await rename(join(dir, 'stamp.json.tmp'), join(dir, 'stamp.json'));
    } catch (e) {
      throw new MatchError('ERR_LEXICAL_INDEX', `cannot write the lexical index to ${dir}: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }

  /** Kinds this index covers. */
  get kinds(): LexicalKind[] {
    return [...this.#indexes.keys()];
  }

  /** Documents indexed for a kind (every visibility). */
  size(kind: LexicalKind): number {
    return this.#indexes.get(kind)?.documentCount ?? 0;
  }

  /**
   * Whether the viewer may see document `id` by the index's record of it: true or false when
   * the index holds it, undefined when it does not (then only the store can tell).
   */
  visible(kind: LexicalKind, id: string, viewer: Viewer): boolean | undefined {
    const ms = this.#indexes.get(kind);
    if (ms === undefined || !ms.has(id)) return undefined;
    return allowed(viewer, ms.getStoredFields(id) as { v?: number; o?: string } | undefined);
  }

  /** Adds or replaces nodes of indexed kinds (other kinds are ignored). */
  upsert(nodes: readonly GraphNode[]): void {
    for (const n of nodes) {
      const ms = this.#indexes.get(n.kind as LexicalKind);
      if (ms === undefined) continue;
      if (ms.has(n.id)) ms.replace(n);
      else ms.add(n);
      this.#columns.delete(n.kind as LexicalKind);
    }
  }

  /** Removes documents by id; unknown ids are ignored. */
  remove(ids: readonly string[]): void {
    for (const [kind, ms] of this.#indexes) {
      for (const id of ids) {
        if (!ms.has(id)) continue;
        ms.discard(id);
        this.#columns.delete(kind);
      }
    }
  }

  /**
   * The `k` best documents of one kind for the query terms (already run through `terms`),
   * that the viewer may see, best first; ties by id. Empty for a kind not indexed.
   */
  search(kind: LexicalKind, query: readonly string[], k: number, viewer: Viewer): LexicalHit[] {
    const ms = this.#indexes.get(kind);
    if (ms === undefined || query.length === 0 || k <= 0) return [];
    const i = internals(ms);
    if (i === undefined) return fallbackSearch(ms, query, k, viewer);
    let cols = this.#columns.get(kind);
    if (cols === undefined) {
      cols = columns(i);
      this.#columns.set(kind, cols);
    }
    return topK(i, cols, BOOST[kind], query, k, viewer);
  }
}

async function buildKind(store: GraphStore, kind: LexicalKind): Promise<MiniSearch<Doc>> {
  const ms = new MiniSearch<Doc>(optionsFor(kind));
  let cursor: string | undefined;
  do {
    const page = await store.list({ kind, limit: 10_000, ...(cursor === undefined ? {} : { cursor }) }, SYSTEM);
    ms.addAll(page.items);
    cursor = page.next;
  } while (cursor !== undefined);
  return ms;
}

async function readStamp(dir: string): Promise<Stamp | undefined> {
  try {
    const s = JSON.parse(await readFile(join(dir, 'stamp.json'), 'utf8')) as Partial<Stamp>;
    return typeof s.format === 'number' &&
      typeof s.tokenizer === 'number' &&
      typeof s.counts === 'object' &&
      s.counts !== null
      ? (s as Stamp)
      : undefined;
  } catch {
    return undefined;
  }
}

const pick = (counts: Readonly<Record<string, number>>, kinds: readonly string[]): Record<string, number> =>
  Object.fromEntries(kinds.map((k) => [k, counts[k] ?? 0]));
