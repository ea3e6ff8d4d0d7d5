/**
 * The lexical side: one MiniSearch (BM25+) index per searchable kind, built from the store's
 * TEXT_FIELDS, persisted in `<dataDir>/lexical/` with a stamp naming the change-feed position it
 * reflects and each file's checksum. Opening loads it and replays the feed from that position
 * (./lexical-feed.ts); it is rebuilt (with one log line) when the feed no longer reaches back,
 * the store is another database, the version changed, or a file is damaged or truncated.
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
 * pre-filter, the store the authority. The scorer reads MiniSearch 7's inverted index directly;
 * a MiniSearch whose index has another shape is refused (ERR_LEXICAL_INDEX) rather than searched
 * with the library's own global statistics, which would let hidden documents move the scores.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import MiniSearch from 'minisearch';
import type { GraphStore } from '../../graph/index.js';
import { type GraphNode, SYSTEM, TEXT_FIELDS, VISIBILITY_RANK, type Viewer } from '../../graph/index.js';
import type { FeedPosition } from '../feed/index.js';
import { allowed, type Columns, columns, internals, topK } from './bm25.js';
import { MatchError } from './errors.js';
import { documentTerms } from './language.js';
import { replayLexical } from './lexical-feed.js';
import { readIndexFile, writeIndexFile } from './lexical-file.js';
import type { MatchLog } from './ports.js';
import { fieldText, TOKENIZER_VERSION } from './text.js';

export const LEXICAL_KINDS = ['Project', 'Result', 'Challenge', 'Person', 'Organisation', 'Document', 'Event'] as const;
export type LexicalKind = (typeof LEXICAL_KINDS)[number];

/** Bumped when the stored layout or the field boosts change. */
const FORMAT_VERSION = 4;

/** Titles and names say more than long descriptions; keywords and expertise are chosen words. */
export const BOOST: Readonly<Record<LexicalKind, Readonly<Record<string, number>>>> = {
  Project: { acronym: 1.5, title: 2, objective: 1, keywords: 1.5 },
  Result: { title: 2, description: 1, resultType: 0.5 },
  Challenge: { title: 2, description: 1, keywords: 1.5 },
  Person: { name: 1, expertise: 2, bio: 1 },
  Organisation: { name: 2, shortName: 1.5 },
  Document: { title: 2, summary: 1 },
  Event: { title: 2, description: 1 },
};

import type { ScoredDoc } from './bm25.js';

export type LexicalHit = ScoredDoc;

interface Stamp {
  readonly format: number;
  readonly tokenizer: number;
  /** The change-feed position the files reflect. */
  readonly epoch: string;
  readonly seq: number;
  /** Each kind's file: size and SHA-256, checked before it is parsed. */
  readonly files: Readonly<Record<string, { readonly bytes: number; readonly sha256: string }>>;
}

type Doc = GraphNode;

const optionsFor = (kind: LexicalKind) => ({
  idField: 'id',
  fields: [...TEXT_FIELDS[kind]],
  storeFields: ['v', 'o'],
  extractField: (d: Doc, f: string): unknown =>
    f === 'id' ? d.id : f === 'v' ? VISIBILITY_RANK[d.visibility] : f === 'o' ? d.owner : fieldText(d, f),
  // English text gets text.ts' terms; a long text in another language also its own stems.
  tokenize: (s: string) => documentTerms(s),
  // Terms arrive already folded and stemmed by `documentTerms`.
  processTerm: (t: string) => t,
  searchOptions: { boost: { ...BOOST[kind] } },
});

export class LexicalIndex {
  #indexes: Map<LexicalKind, MiniSearch<Doc>>;
  /** Typed-array copies of per-document data, per kind; dropped on every change. */
  readonly #columns = new Map<LexicalKind, Columns>();
  /** The change-feed position this index reflects (./lexical-feed.ts moves it). */
  position: FeedPosition = { epoch: undefined, seq: 0 };

  private constructor(indexes: Map<LexicalKind, MiniSearch<Doc>>) {
    this.#indexes = indexes;
  }

  /** Builds every kind's index in memory from the store (as SYSTEM), without persisting it. */
  static async build(store: GraphStore, kinds: readonly LexicalKind[] = LEXICAL_KINDS): Promise<LexicalIndex> {
    // The head is read first: every write up to it is in what the pages return.
    const feed = await store.feedInfo();
    const indexes = new Map<LexicalKind, MiniSearch<Doc>>();
    for (const kind of kinds) indexes.set(kind, await buildKind(store, kind));
    const out = new LexicalIndex(indexes);
    out.position = { epoch: feed.epoch, seq: feed.head };
    return out;
  }

  /**
   * Loads the persisted index from `<dataDir>/lexical/` and replays the change feed from the
   * position its stamp names, or builds it when it is missing, from another version or database,
   * damaged (size or checksum), or further back than the feed reaches. Writes it back when it was
   * rebuilt, unless `save` is false (a process that does not hold the folder's lock).
   * Throws ERR_LEXICAL_INDEX only when it can neither read nor write the folder.
   */
  static async open(
    store: GraphStore,
    dataDir: string,
    options: { log?: MatchLog; kinds?: readonly LexicalKind[]; save?: boolean } = {},
  ): Promise<LexicalIndex> {
    const log = options.log ?? (() => undefined);
    const kinds = options.kinds ?? LEXICAL_KINDS;
    const dir = join(dataDir, 'lexical');
    const feed = await store.feedInfo();
    const stamp = await readStamp(dir);
    const usable =
      stamp !== undefined &&
      stamp.format === FORMAT_VERSION &&
      stamp.tokenizer === TOKENIZER_VERSION &&
      stamp.epoch === feed.epoch &&
      stamp.seq >= feed.oldest - 1 &&
      stamp.seq <= feed.head;
    if (!usable) {
      log(
        stamp === undefined
          ? `building the lexical index (${kinds.join(', ')})`
          : 'lexical index is stale (another index version, another database, or further back than the change feed reaches); rebuilding it',
      );
      const out = await LexicalIndex.build(store, kinds);
      if (options.save !== false) await out.save(dataDir);
      return out;
    }
    const indexes = new Map<LexicalKind, MiniSearch<Doc>>();
    const rebuilt: LexicalKind[] = [];
    for (const kind of kinds) {
      const file = join(dir, `${kind}.jsonl`);
      let index: MiniSearch<Doc> | undefined;
      let problem = '';
      // Another process may be replacing the files right now: a mismatch is read again before it counts.
      for (let attempt = 0; attempt < 3 && index === undefined; attempt++) {
        if (attempt > 0) await sleep(100);
        try {
          const current = attempt === 0 ? stamp : ((await readStamp(dir)) ?? stamp);
          const expect = current.files[kind];
          if (expect === undefined) throw new Error('is not in the stamp');
          index = await readIndexFile<Doc>(file, optionsFor(kind), expect);
        } catch (e) {
          problem = (e as Error).message;
        }
      }
      if (index === undefined) {
        log(`lexical index ${file} is unreadable (${problem}); rebuilding it`);
        index = await buildKind(store, kind);
        rebuilt.push(kind);
      }
      indexes.set(kind, index);
    }
    const out = new LexicalIndex(indexes);
    // Kinds rebuilt just now are ahead of the stamp: replaying the feed over them changes nothing.
    out.position = { epoch: stamp.epoch, seq: stamp.seq };
    // A replay is not written back here (writing every file costs seconds at 100,000 people and
    // would hold up the start): the holder of the folder's lock saves it later (./lexical-feed.ts).
    const replay = await replayLexical(out, store, log);
    if (options.save !== false && (rebuilt.length > 0 || replay.rebuilt)) await out.save(dataDir);
    return out;
  }

  /** Rebuilds every kind from the store and writes it (after an ingest). */
  static async rebuild(
    store: GraphStore,
    dataDir: string,
    kinds: readonly LexicalKind[] = LEXICAL_KINDS,
  ): Promise<LexicalIndex> {
    const out = await LexicalIndex.build(store, kinds);
    await out.save(dataDir);
    return out;
  }

  /** Takes another index's documents and position (a rebuild, without changing the object others hold). */
  replaceFrom(other: LexicalIndex): void {
    this.#indexes = new Map(other.#indexes);
    this.#columns.clear();
    this.position = other.position;
  }

  /** Writes every kind and the stamp (feed position, checksums) to `<dataDir>/lexical/`. */
  async save(dataDir: string): Promise<void> {
    const dir = join(dataDir, 'lexical');
    const files: Record<string, { bytes: number; sha256: string }> = {};
    try {
      await mkdir(dir, { recursive: true });
      // Each file by rename, the stamp last, so a crash mid-way leaves a stamp whose checksums
      // do not vouch for a half-written set (the mismatching kind is rebuilt at the next open).
      for (const [kind, index] of this.#indexes) {
        const file = join(dir, `${kind}.jsonl`);
        files[kind] = await writeIndexFile(index, `${file}.tmp-${process.pid}`);
        await rename(`${file}.tmp-${process.pid}`, file);
      }
      const stamp: Stamp = {
        format: FORMAT_VERSION,
        tokenizer: TOKENIZER_VERSION,
        epoch: this.position.epoch ?? '',
        seq: this.position.seq,
        files,
      };
      await writeFile(join(dir, `stamp.json.tmp-${process.pid}`), JSON.stringify(stamp));
      await rename(join(dir, `stamp.json.tmp-${process.pid}`), join(dir, 'stamp.json'));
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

  /** Ids of a kind's documents, sorted (tests compare indexes held by different processes). */
  ids(kind: LexicalKind): string[] {
    const ms = this.#indexes.get(kind);
    const i = ms === undefined ? undefined : internals(ms);
    return i === undefined ? [] : [...i._documentIds.values()].sort();
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
  /**
   * Index terms of one kind spelt like `word` (within `maxDistance` edits, same first letter)
   * that occur in a document the viewer may see, closest first, ties by term; empty for a kind
   * not indexed. The cognates a question in another language shares with English text
   * ("deteccion" → "detection"); terms only hidden documents hold are never offered.
   */
  similarTerms(kind: LexicalKind, word: string, maxDistance: number, viewer: Viewer): string[] {
    const ms = this.#indexes.get(kind);
    if (ms === undefined || word === '') return [];
    const i = internals(ms);
    const map = (ms as unknown as { _index?: { fuzzyGet?: (k: string, d: number) => Map<string, [unknown, number]> } })
      ._index;
    if (i === undefined || typeof map?.fuzzyGet !== 'function') throw unsupportedMiniSearch();
    const seen = (term: string): boolean => {
      for (const docs of i._index.get(term)?.values() ?? []) {
        for (const doc of docs.keys())
          if (i._documentIds.has(doc) && allowed(viewer, i._storedFields.get(doc))) return true;
      }
      return false;
    };
    return [...map.fuzzyGet(word, maxDistance)]
      .filter(([term]) => term[0] === word[0] && seen(term))
      .sort((a, b) => a[1][1] - b[1][1] || (a[0] < b[0] ? -1 : 1))
      .map(([term]) => term);
  }

  /**
   * How many documents of one kind that the viewer may see hold an index term (in any field);
   * 0 for a kind not indexed. Which of a word's dictionary translations the texts actually use
   * ("prison" rather than "durance"), so hidden documents never sway it.
   */
  frequency(kind: LexicalKind, term: string, viewer: Viewer): number {
    const ms = this.#indexes.get(kind);
    if (ms === undefined || term === '') return 0;
    const i = internals(ms);
    if (i === undefined) throw unsupportedMiniSearch();
    const docs = new Set<number>();
    for (const field of i._index.get(term)?.values() ?? [])
      for (const doc of field.keys())
        if (i._documentIds.has(doc) && allowed(viewer, i._storedFields.get(doc))) docs.add(doc);
    return docs.size;
  }

  search(kind: LexicalKind, query: readonly string[], k: number, viewer: Viewer): LexicalHit[] {
    const ms = this.#indexes.get(kind);
    if (ms === undefined || query.length === 0 || k <= 0) return [];
    const i = internals(ms);
    if (i === undefined) throw unsupportedMiniSearch();
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
      typeof s.epoch === 'string' &&
      typeof s.seq === 'number' &&
      typeof s.files === 'object' &&
      s.files !== null
      ? (s as Stamp)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The stamp's feed position, for `ileanet stats` (undefined when there is no usable stamp). */
export async function persistedLexicalPosition(dataDir: string): Promise<{ epoch: string; seq: number } | undefined> {
  const s = await readStamp(join(dataDir, 'lexical'));
  return s === undefined || s.format !== FORMAT_VERSION ? undefined : { epoch: s.epoch, seq: s.seq };
}

/**
 * The installed MiniSearch keeps its index in another shape than the one `topK` reads (a version
 * other than package-lock.json's): a clear refusal, never scores from global statistics.
 */
export function unsupportedMiniSearch(): MatchError {
  return new MatchError(
    'ERR_LEXICAL_INDEX',
    'the installed minisearch keeps its index in a shape ileanet cannot score per visibility class; install the version package-lock.json names (npm ci)',
  );
}
