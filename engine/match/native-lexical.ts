/**
 * The lexical side inside the store, for a backend with a full-text index of its own
 * (`capabilities.nativeFullText`, GraphStore.fullText): the process keeps no lexical index and
 * no index files. The terms are the ones the in-process index would hold (language.ts
 * `documentTerms` over text.ts `fieldText`, per field), so tokenising, folding, stemming and the
 * per-language stems are the same on both backends; the store keeps them beside each node, its
 * full-text index finds the documents holding a query term, and it scores them with the same
 * BM25+ (bm25.ts BM25, lexical.ts BOOST) over the viewer's audience (graph/search.ts).
 *
 * `NativeLexicalModel` keeps the stored terms current: it gives the store the analysis
 * (`searchTerms`), so every upsert through it writes its nodes' terms in the same transaction, and it
 * follows the change feed for writes by processes that gave none; the feed position lives in the
 * store, shared by every process on it (any one of them may apply a record; applying twice writes
 * the same terms).
 */
import type { ChangeRecord, FullTextSearch, GraphNode, GraphStore, NodeTerms, Viewer } from '../../graph/index.js';
import { SYSTEM, TEXT_FIELDS } from '../../graph/index.js';
import type { FeedPosition, ReadModel } from '../feed/index.js';
import { BM25 } from './bm25.js';
import { documentTerms } from './language.js';
import { BOOST, LEXICAL_KINDS, type LexicalHit, type LexicalKind } from './lexical.js';
import type { LexicalSearch, MatchLog } from './ports.js';
import { fieldText } from './text.js';

const LOOKUP = 5_000;

/** A node's terms per text field, as the in-process index tokenises them. */
export function nodeTerms(node: GraphNode): NodeTerms {
  const fields: Record<string, readonly string[]> = {};
  for (const f of TEXT_FIELDS[node.kind]) {
    const text = fieldText(node, f);
    if (text !== undefined) fields[f] = documentTerms(text);
  }
  return { id: node.id, fields };
}

export class NativeLexical implements LexicalSearch {
  constructor(
    private readonly fullText: FullTextSearch,
    readonly kinds: readonly LexicalKind[] = LEXICAL_KINDS,
  ) {}

  async search(kind: LexicalKind, terms: readonly string[], k: number, viewer: Viewer): Promise<LexicalHit[]> {
    if (!this.kinds.includes(kind) || terms.length === 0 || k <= 0) return [];
    const fields = Object.entries(BOOST[kind]).map(([field, boost]) => ({ field, boost }));
    return this.fullText.search({ kind, fields, terms, k, bm25: BM25 }, viewer);
  }

  /** Visibility is applied inside the store's query; a dense hit is checked by the store re-read. */
  visible(): undefined {
    return undefined;
  }

  async similarTerms(kind: LexicalKind, word: string, maxDistance: number, viewer: Viewer): Promise<string[]> {
    if (!this.kinds.includes(kind)) return [];
    return this.fullText.similarTerms(kind, word, maxDistance, viewer);
  }
}

/**
 * The terms the store keeps for a node: its analysis when its kind is searched, else none. The one
 * rule for both writers of terms: the feed's follower below and the store's own write path.
 */
export function searchTerms(node: GraphNode, kinds: readonly string[]): NodeTerms | undefined {
  return kinds.includes(node.kind) ? nodeTerms(node) : undefined;
}

/** Writes the terms of these nodes of searchable kinds (read as SYSTEM) into the store. */
async function writeTerms(fullText: FullTextSearch, nodes: readonly GraphNode[], kinds: readonly string[]) {
  const byKind = new Map<LexicalKind, NodeTerms[]>();
  for (const n of nodes) {
    const terms = searchTerms(n, kinds);
    if (terms === undefined) continue;
    const list = byKind.get(n.kind as LexicalKind) ?? [];
    list.push(terms);
    byKind.set(n.kind as LexicalKind, list);
  }
  for (const [kind, list] of byKind) await fullText.setTerms(kind, list);
}

export class NativeLexicalModel implements ReadModel {
  readonly name = 'search terms (store full-text index)';
  #position: FeedPosition;

  private constructor(
    private readonly store: GraphStore,
    private readonly fullText: FullTextSearch,
    private readonly kinds: readonly LexicalKind[],
    private readonly log: MatchLog,
    position: FeedPosition,
  ) {
    this.#position = position;
  }

  static async open(
    store: GraphStore,
    fullText: FullTextSearch,
    log: MatchLog,
    kinds: readonly LexicalKind[] = LEXICAL_KINDS,
  ): Promise<NativeLexicalModel> {
    // Upserts through this store now write their nodes' terms in their own transaction: another
    // process finds a node the moment it is committed, not once some follower has applied the feed.
    // The follower stays: it covers writes by processes without an engine, and rebuilds.
    fullText.analyzeWith((node) => searchTerms(node, kinds));
    const p = await fullText.position();
    return new NativeLexicalModel(store, fullText, kinds, log, p ?? { epoch: undefined, seq: 0 });
  }

  position(): FeedPosition {
    return this.#position;
  }

  async apply(changes: readonly ChangeRecord[], epoch: string): Promise<void> {
    const kinds: readonly string[] = this.kinds;
    const ids = [...new Set(changes.flatMap((c) => (c.entity === 'node' && kinds.includes(c.kind) ? [c.id] : [])))];
    // A node gone takes its terms with it; a node written by a process without the analysis gets them here.
    for (let i = 0; i < ids.length; i += LOOKUP)
      await writeTerms(this.fullText, await this.store.getNodes(ids.slice(i, i + LOOKUP), SYSTEM), kinds);
    const last = changes[changes.length - 1];
    if (last === undefined) return;
    this.#position = { epoch, seq: last.seq };
    await this.fullText.setPosition(epoch, last.seq);
  }

  async rebuild(epoch: string, head: number, why: string): Promise<void> {
    const started = performance.now();
    let n = 0;
    for (const kind of this.kinds) {
      let cursor: string | undefined;
      do {
        const page = await this.store.list(
          { kind, limit: LOOKUP, ...(cursor === undefined ? {} : { cursor }) },
          SYSTEM,
        );
        await writeTerms(this.fullText, page.items, this.kinds);
        n += page.items.length;
        cursor = page.next;
      } while (cursor !== undefined);
    }
    this.#position = { epoch, seq: head };
    await this.fullText.setPosition(epoch, head);
    this.log(`${this.name}: terms of ${n} nodes written in ${Math.round(performance.now() - started)} ms (${why})`);
  }
}
