/**
 * GraphStore.fullText on Neo4j (graph/search.ts): one Lucene full-text index per kind over the
 * analysed terms the engine stores beside each node (`_lx_<field>`: the terms joined by spaces,
 * `_ln_<field>`: how many distinct ones, MiniSearch's field length), read with Lucene's
 * `whitespace` analyzer so Lucene indexes exactly the engine's terms (folding, stemming and the
 * per-language stems of engine/match/language.ts were applied once, by the engine, for both backends).
 *
 * Lucene's scores are never the answer's. Its BM25 differs from the engine's BM25+ (k1 1.2, b 0.75
 * and no delta against b 0.7, delta 0.5; field norms rounded to one byte; statistics over every
 * document in the index, hidden ones included, which would let restricted text move a viewer's
 * scores; no coordination factor). Every hit is scored here, with the statistics of the viewer's
 * audience: its document count and field-length totals, and each query term's document frequency
 * per field, counted inside Neo4j over the documents the viewer may see (both kept until a write of a
 * node of the kind moves its kind revision, graph/neo4j/schema.ts; a search they cover reads that
 * revision in the query of its documents, and reads them again only if it moved). Which documents are scored:
 * - few matches (EXACT_BELOW, the document frequencies summed): every visible document holding a
 *   query term, with its term counts;
 * - more: the ones Lucene ranks first for a query built to rank as the engine does (field boosts,
 *   and pair clauses that give the terms-held factor, `candidateQuery`), over-fetched by the
 *   viewer's share of the kind, hidden ones dropped in the same query, asked again wider while
 *   fewer than k pass. Lucene's statistics (hidden documents' terms among them) then choose which
 *   visible documents are scored, never their scores; at 100,000 people the forced candidates equalled the exact top 30 in 544 of 546
 *   searches (every kind, bench:scale's questions, three viewers; recall 0.9999), and ties at the
 *   cut may fall otherwise than by id.
 */
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { type GraphNode, type NodeKind, TEXT_FIELDS } from '../model.js';
import { checkLimit } from '../query.js';
import type { Analyzer, FullTextHit, FullTextQuery, FullTextSearch, NodeTerms } from '../search.js';
import { type Viewer, viewerClass } from '../viewer.js';
import { checkKind, invalid, viewerParams, visible } from './query.js';
import { kindRevProp, META_LABEL } from './schema.js';

type Run = <T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>) => Promise<T>;

const FIELD = /^[A-Za-z][A-Za-z0-9]*$/u;
const termsProp = (field: string) => `_lx_${field}`;
const lengthProp = (field: string) => `_ln_${field}`;
const indexName = (kind: NodeKind) => `ileanet_lx_${kind.toLowerCase()}`;

/**
 * The stored properties of a node's terms, for each text field of its kind: the terms joined by
 * spaces and their distinct count, or null (no such property) for a field without terms. One home
 * for the layout: `setTerms` and the write path (graph/neo4j/write.ts) both store these.
 */
export function termProps(kind: NodeKind, terms: NodeTerms): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS[kind]) {
    const list = terms.fields[f] ?? [];
    props[termsProp(f)] = list.length === 0 ? null : list.join(' ');
    props[lengthProp(f)] = list.length === 0 ? null : neo4j.int(new Set(list).size);
  }
  return props;
}

/** One full-text index per kind with text fields; created with the schema (graph/neo4j/store.ts init). */
// Kinds with no text field (survey answers, notices, contact routes…) get none: Neo4j refuses an
// index over no property, and nothing of theirs is searched.
export const FULLTEXT_STATEMENTS: readonly string[] = Object.entries(TEXT_FIELDS)
  .filter(([, fields]) => fields.length > 0)
  .map(
    ([kind, fields]) =>
      `CREATE FULLTEXT INDEX ${indexName(kind as NodeKind)} IF NOT EXISTS FOR (n:${kind}) ON EACH [${fields
        .map((f) => `n.${termsProp(f)}`)
        .join(
          ', ',
        )}] OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'whitespace', \`fulltext.eventually_consistent\`: false}}`,
  );

/**
 * The kind's revision: the feed's epoch and the seq of the last write that created, changed or
 * removed a node of the kind (graph/neo4j/schema.ts takeSeqs), else the head. Search statistics
 * depend on nothing else (text and visibility are the node's own), so they are kept per kind revision.
 * `REVISION` ends a query with it (`$revProp`: kindRevProp of the kind), and `revisionText` reads it.
 */
const REVISION = `OPTIONAL MATCH (m:${META_LABEL} {key: 'revision'})
  WITH *, m.epoch AS epoch, coalesce(m[$revProp], m.rev) AS rev`;
const revisionText = (r: { get(key: string): unknown } | undefined): string => {
  const epoch = r?.get('epoch') ?? null;
  const rev = r?.get('rev') ?? null;
  return epoch === null && rev === null ? 'empty' : `${String(epoch)}:${String(rev)}`;
};

async function revisionOf(tx: ManagedTransaction, kind: NodeKind): Promise<string> {
  const res = await tx.run(`${REVISION} RETURN epoch, rev`, { revProp: kindRevProp(kind) });
  return revisionText(res.records[0]);
}

/** Documents found, and the kind's revision read after them in the same query. */
interface Found {
  readonly docs: Doc[];
  readonly rev: string;
}

/** A term as a Lucene phrase of one token: nothing in it is read as query syntax. */
const phrase = (term: string): string => `"${term.replace(/["\\]/gu, (c) => `\\${c}`)}"`;

function checkFields(kind: NodeKind, fields: readonly string[]): void {
  const known = TEXT_FIELDS[kind];
  for (const f of fields)
    if (!FIELD.test(f) || !known.includes(f)) throw invalid(`fullText: ${kind} has no text field ${JSON.stringify(f)}`);
}

function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * Below this many matches (the query's document frequencies over the viewer's audience, summed)
 * every visible match is scored; above it, Lucene's best-ranked ones (FullTextStrategy). At
 * 100,000 people a common term matches ~12,000 people: reading and shipping each one's term counts
 * took 240 ms of a question's Person search, Lucene's top few hundred 7-10 ms.
 */
export const EXACT_BELOW = 2_000;
/**
 * Candidates per hit asked for, over the viewer's share of the kind. The forced candidates against
 * the exact search (strategy 'exact'), bench:scale's 26 questions in lexical who-solved at 100,000
 * people, three viewers (public, network, all), 546 searches: the same top k in 544 (recall
 * 0.99983); with 4, 527 (0.99372); with 2, 503 (0.97597).
 */
const OVERFETCH = 10;
/** Widest candidate fetch; past it, every match is scored. */
const MAX_FETCH = 20_000;
/** Document frequencies kept per kind, audience and kind revision; dropped when they grow past this. */
const DF_CACHE = 50_000;

interface Doc {
  readonly id: string;
  /** Per field and query term: its count in the document. */
  readonly tf: number[][];
  readonly lens: number[];
}

/**
 * Per visible document (Cypher): its id, each searched field's terms and its field lengths. The
 * query terms are counted here, not in Cypher: a list comprehension per term and field over each
 * document's split terms took half of a Person search (17 ms against 9, 100,000 people). The
 * fields are a parameter ($fields), so every kind's search is one query text, planned once: on a
 * freshly started server each new text cost 0.5 to 2 s of planning on the first question.
 */
const docRow = (n: string) =>
  `[${n}.id, [f IN $fields | coalesce(${n}['${termsProp('')}' + f], '')], [f IN $fields | coalesce(${n}['${lengthProp('')}' + f], 0)]]`;

/** The document's count of each query term in each field, from its stored terms. */
function docOf(row: unknown[], terms: readonly string[]): Doc {
  const wanted = new Set(terms);
  const tf = (row[1] as string[]).map((text) => {
    const counts = new Map<string, number>();
    for (const word of text.split(' ')) if (wanted.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    return terms.map((t) => counts.get(t) ?? 0);
  });
  return { id: row[0] as string, tf, lens: (row[2] as unknown[]).map(Number) };
}

/** Every visible document holding a query term in a searched field. */
async function matchesOf(
  tx: ManagedTransaction,
  kind: NodeKind,
  q: FullTextQuery,
  terms: readonly string[],
  viewer: Viewer,
): Promise<Found> {
  const names = q.fields.map((f) => f.field);
  const lucene = names.flatMap((f) => terms.map((t) => `${termsProp(f)}:${phrase(t)}`)).join(' OR ');
  const res = await tx.run(
    `CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node AS n
     WHERE ${visible('n')}
     WITH collect(${docRow('n')}) AS docs
     ${REVISION}
     RETURN docs, epoch, rev`,
    { ...viewerParams(viewer), index: indexName(kind), lucene, fields: names, revProp: kindRevProp(kind) },
  );
  const r = res.records[0];
  return {
    docs: ((r?.get('docs') as unknown[][] | undefined) ?? []).map((row) => docOf(row, terms)),
    rev: revisionText(r),
  };
}

/** Lucene's limit on the clauses of one query is 1,024; a question whose terms alone need more is scored exactly. */
export const MAX_CLAUSES = 1_000;

/**
 * The Lucene query that ranks candidates: each term in each field, weighted by the field's boost,
 * plus, for each pair of terms, a clause requiring both. A document holding m of the terms then
 * scores its terms' sum m times over (once alone, m − 1 times in pairs), as the engine's BM25+
 * multiplies by the terms held: without the pairs, Lucene ranked a document holding one term
 * three times above those holding two, and the true best were not among the candidates.
 *
 * A long question (match-need asks with a challenge's whole text, 24-29 terms at 100,000 people)
 * would need more pairs than Lucene takes: then only its rarest terms are paired (`rarity`, each
 * term's document frequencies over the viewer's audience summed over the fields; ties by position),
 * as many as fit in MAX_CLAUSES beside every term alone. Rare terms weigh most in the engine's
 * scores, so the pairs that decide who is a candidate are kept; a term no visible document holds
 * (rarity 0) is not paired, since its pairs could only lift hidden documents. Before, such a
 * question was scored exactly over every visible document holding any of its terms (~40,000
 * challenges and ~15,000 results each time). Undefined when the terms alone pass MAX_CLAUSES.
 */
export function candidateQuery(
  fields: FullTextQuery['fields'],
  terms: readonly string[],
  rarity: readonly number[],
): string | undefined {
  const group = (t: string) =>
    `(${fields.map(({ field, boost }) => `${termsProp(field)}:${phrase(t)}^${boost}`).join(' OR ')})`;
  const fits = (paired: number) => (terms.length + paired * (paired - 1)) * fields.length <= MAX_CLAUSES;
  if (!fits(1)) return undefined;
  let rarest: readonly string[] = terms;
  if (!fits(terms.length)) {
    const seen = terms.map((t, i) => ({ t, i })).filter(({ i }) => (rarity[i] ?? 0) > 0);
    let paired = seen.length;
    while (!fits(paired)) paired--;
    rarest = seen
      .sort((a, b) => (rarity[a.i] ?? 0) - (rarity[b.i] ?? 0) || a.i - b.i)
      .slice(0, paired)
      .sort((a, b) => a.i - b.i)
      .map(({ t }) => t);
  }
  const pairs: string[] = [];
  for (let i = 0; i < rarest.length; i++)
    for (let j = i + 1; j < rarest.length; j++)
      pairs.push(`(+${group(rarest[i] as string)} +${group(rarest[j] as string)})`);
  return [...terms.map(group), ...pairs].join(' OR ');
}

/**
 * The visible documents among the `want` Lucene ranks first for the query (each field's terms
 * weighted by the field's boost), asked again four times wider while fewer than k pass and Lucene
 * had more; past MAX_FETCH, every match. Lucene only chooses the candidates: they are scored
 * here with the audience's statistics like every other hit.
 */
async function candidatesOf(
  tx: ManagedTransaction,
  kind: NodeKind,
  q: FullTextQuery,
  terms: readonly string[],
  viewer: Viewer,
  first: number,
  rarity: readonly number[],
): Promise<Found> {
  const names = q.fields.map((f) => f.field);
  const lucene = candidateQuery(q.fields, terms, rarity);
  if (lucene === undefined) return matchesOf(tx, kind, q, terms, viewer);
  for (let want = Math.min(first, MAX_FETCH); ; want = Math.min(want * 4, MAX_FETCH)) {
    const res = await tx.run(
      `CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $want}) YIELD node AS n
       WITH collect(n) AS ns
       ${REVISION}
       RETURN size(ns) AS seen, [n IN ns WHERE ${visible('n')} | ${docRow('n')}] AS docs, epoch, rev`,
      {
        ...viewerParams(viewer),
        index: indexName(kind),
        lucene,
        fields: names,
        want: neo4j.int(want),
        revProp: kindRevProp(kind),
      },
    );
    const r = res.records[0];
    const seen = Number(r?.get('seen') ?? 0);
    const docs = ((r?.get('docs') as unknown[][] | undefined) ?? []).map((row) => docOf(row, terms));
    if (docs.length >= q.k || seen < want) return { docs, rev: revisionText(r) };
    if (want >= MAX_FETCH) return matchesOf(tx, kind, q, terms, viewer);
  }
}

/**
 * The documents to score: every visible match when there are few (the document frequencies summed,
 * EXACT_BELOW) or the strategy says so, else Lucene's candidates, over-fetched by the viewer's
 * share of the kind.
 */
function documents(
  tx: ManagedTransaction,
  kind: NodeKind,
  q: FullTextQuery,
  terms: readonly string[],
  viewer: Viewer,
  k: number,
  stats: { readonly n: number; readonly all: number },
  df: readonly (readonly number[])[],
): Promise<Found> {
  const strategy = q.strategy ?? 'auto';
  const matches = df.flat().reduce((a, b) => a + b, 0);
  if (strategy === 'exact' || (strategy === 'auto' && matches <= EXACT_BELOW))
    return matchesOf(tx, kind, q, terms, viewer);
  const first = Math.ceil((k * OVERFETCH * stats.all) / Math.max(1, stats.n)) + 10;
  const rarity = terms.map((_, i) => df.reduce((sum, row) => sum + (row[i] ?? 0), 0));
  return candidatesOf(tx, kind, q, terms, viewer, first, rarity);
}

/** A document frequency's key: the field and the term. */
const pairKey = (field: string, term: string) => `${field}\u0000${term}`;

export class Neo4jFullText implements FullTextSearch {
  /**
   * Per kind and audience: documents seen, documents in all and per-field length totals, at the
   * kind revision they were read at. Dropped when terms of the kind are set here; read again once that
   * revision moved, since another process's upsert of the kind writes terms too.
   */
  readonly #stats = new Map<string, { rev: string; n: number; all: number; sums: number[] }>();
  /**
   * Per kind and audience, at a kind revision: each field's and term's document frequency over the
   * audience, and the counts being read (by pair), which a search needing the same pair at once joins.
   */
  readonly #df = new Map<string, { rev: string; counts: Map<string, number>; reading: Map<string, Promise<void>> }>();

  constructor(private readonly run: Run) {}

  #analyze: Analyzer | undefined;

  analyzeWith(analyze: Analyzer): void {
    this.#analyze = analyze;
  }

  /**
   * The term properties an upsert writes with `node` (graph/neo4j/write.ts), from the analyzer;
   * undefined without one, and the write then leaves none (the feed's follower sets them).
   * Null-valued properties are not kept by `SET n = row`, as for a field without terms.
   */
  writtenTerms(node: GraphNode): Record<string, unknown> | undefined {
    const terms = this.#analyze?.(node);
    return terms === undefined ? undefined : termProps(node.kind, terms);
  }

  async setTerms(kind: NodeKind, nodes: readonly NodeTerms[]): Promise<void> {
    checkKind(kind);
    const rows = nodes.map((n) => ({ id: n.id, props: termProps(kind, n) }));
    for (let i = 0; i < rows.length; i += 5_000) {
      await this.run('WRITE', (tx) =>
        tx.run(`UNWIND $rows AS row MATCH (n:${kind} {id: row.id}) SET n += row.props`, {
          rows: rows.slice(i, i + 5_000),
        }),
      );
    }
    // Only this kind's figures: its term counts changed without a write of its records (no kind
    // revision moved); every other kind's stand (at 100,000 people, the feed's follower setting one
    // challenge's terms made the next answer read all five kinds' statistics again: 1.4 s on Neo4j).
    // A read of them under way began before these terms: it is not joined and not kept (#terms).
    this.#terms.set(kind, (this.#terms.get(kind) ?? 0) + 1);
    for (const m of [this.#stats, this.#df, this.#reading])
      for (const key of m.keys()) if (key.startsWith(`${kind}\u0000`)) m.delete(key);
  }

  /**
   * The audience's statistics and each field's and term's document frequency as last read, when
   * both were read at one kind revision and every pair is known; else undefined.
   */
  #known(kind: NodeKind, viewer: Viewer, names: readonly string[], terms: readonly string[]) {
    const audience = `${kind}\u0000${viewerClass(viewer)}`;
    const stats = this.#stats.get(audience);
    const held = this.#df.get(audience);
    if (stats === undefined || held === undefined || held.rev !== stats.rev) return undefined;
    const df: number[][] = [];
    for (const f of names) {
      const row: number[] = [];
      for (const t of terms) {
        const n = held.counts.get(pairKey(f, t));
        if (n === undefined) return undefined;
        row.push(n);
      }
      df.push(row);
    }
    return { stats, df };
  }

  /** Statistics being read, by audience and kind revision: searches asking at once share one read. */
  readonly #reading = new Map<string, Promise<{ rev: string; n: number; all: number; sums: number[] }>>();
  /**
   * Per kind: moves each time its terms are set here, which changes its statistics with no kind
   * revision moving; a read begun before that is then neither joined nor kept.
   */
  readonly #terms = new Map<NodeKind, number>();

  async #audience(tx: ManagedTransaction, kind: NodeKind, viewer: Viewer, rev: string) {
    const key = `${kind}\u0000${viewerClass(viewer)}`;
    const cached = this.#stats.get(key);
    if (cached !== undefined && cached.rev === rev) return cached;
    // The read walks every node of the kind (a few hundred ms at 100,000 people); the searches of
    // one answer, or of a suggestion's needs, that find it moved at once wait for one read, not one each.
    const at = `${key}\u0000${rev}`;
    const pending = this.#reading.get(at);
    if (pending !== undefined) return pending;
    const reading = this.#readAudience(tx, kind, viewer, rev, key).finally(() => {
      if (this.#reading.get(at) === reading) this.#reading.delete(at);
    });
    this.#reading.set(at, reading);
    return reading;
  }

  async #readAudience(tx: ManagedTransaction, kind: NodeKind, viewer: Viewer, rev: string, key: string) {
    const terms = this.#terms.get(kind) ?? 0;
    const all = TEXT_FIELDS[kind];
    const res = await tx.run(
      `MATCH (a:${kind}) WITH count(a) AS all
       MATCH (n:${kind}) WHERE ${visible('n')}
       RETURN all, count(n) AS n, [${all.map((f) => `sum(coalesce(n.${lengthProp(f)}, 0))`).join(', ')}] AS sums`,
      viewerParams(viewer),
    );
    const r = res.records[0];
    const sumsAll = (r?.get('sums') as number[] | undefined) ?? [];
    const out = {
      rev,
      n: Number(r?.get('n') ?? 0),
      all: Number(r?.get('all') ?? 0),
      sums: all.map((_, i) => Number(sumsAll[i] ?? 0)),
    };
    if ((this.#terms.get(kind) ?? 0) === terms) this.#stats.set(key, out);
    return out;
  }

  /**
   * Each field's and term's document frequency over the viewer's audience (one Lucene query per
   * pair, counted inside Neo4j), kept until the kind's revision moves.
   */
  async #frequencies(
    tx: ManagedTransaction,
    kind: NodeKind,
    names: readonly string[],
    terms: readonly string[],
    viewer: Viewer,
    rev: string,
  ): Promise<number[][]> {
    const audience = `${kind}\u0000${viewerClass(viewer)}`;
    let held = this.#df.get(audience);
    if (held === undefined || held.rev !== rev || held.counts.size > DF_CACHE) {
      held = { rev, counts: new Map(), reading: new Map() };
      this.#df.set(audience, held);
    }
    const { counts, reading } = held;
    const count = async (pairs: readonly { f: string; t: string }[]) => {
      const res = await tx.run(
        `UNWIND $pairs AS p
         CALL { WITH p
                CALL db.index.fulltext.queryNodes($index, p.lucene) YIELD node AS n
                WHERE ${visible('n')} RETURN count(n) AS df }
         RETURN p.f AS f, p.t AS t, df`,
        {
          ...viewerParams(viewer),
          index: indexName(kind),
          pairs: pairs.map(({ f, t }) => ({ f, t, lucene: `${termsProp(f)}:${phrase(t)}` })),
        },
      );
      for (const r of res.records) counts.set(pairKey(r.get('f') as string, r.get('t') as string), Number(r.get('df')));
    };
    // After a write of the kind, every search of it counts its terms again (each pair is a Lucene
    // query over the kind); the searches of one suggestion's needs, asking at once, share the
    // pairs they have in common. A joined count that failed is counted here again, below; this
    // search's own count failing fails the search (its transaction is done: the driver retries it whole).
    const joined = new Set<Promise<void>>();
    let read: Promise<void> | undefined;
    const mine: { f: string; t: string; key: string }[] = [];
    for (const f of names)
      for (const t of terms) {
        const key = pairKey(f, t);
        if (counts.has(key)) continue;
        const pending = reading.get(key);
        if (pending !== undefined) joined.add(pending);
        else mine.push({ f, t, key });
      }
    if (mine.length > 0) {
      const own: Promise<void> = count(mine).finally(() => {
        for (const m of mine) if (reading.get(m.key) === own) reading.delete(m.key);
      });
      for (const m of mine) reading.set(m.key, own);
      read = own;
    }
    await Promise.all([read, ...[...joined].map((p) => p.catch(() => undefined))]);
    const still = names.flatMap((f) => terms.filter((t) => !counts.has(pairKey(f, t))).map((t) => ({ f, t })));
    if (still.length > 0) await count(still);
    return names.map((f) => terms.map((t) => counts.get(pairKey(f, t)) ?? 0));
  }

  async search(q: FullTextQuery, viewer: Viewer): Promise<FullTextHit[]> {
    const kind = checkKind(q.kind);
    const k = checkLimit(q.k, 10, 100_000, 'k');
    const strategy = q.strategy ?? 'auto';
    if (!['auto', 'exact', 'candidates'].includes(strategy))
      throw invalid(`fullText: unknown strategy ${JSON.stringify(strategy)}`);
    const names = q.fields.map((f) => f.field);
    checkFields(kind, names);
    const terms = [...q.terms];
    if (terms.length === 0 || names.length === 0) return [];
    const { docs, df, stats } = await this.run('READ', async (tx) => {
      // First with the statistics last read, when they cover this question: the documents' query
      // reads the kind's revision after them, and only when it moved since are the statistics read
      // again and the documents with them. A question whose terms were seen before then costs one
      // query, not two (at 100,000 people, seven of a hybrid answer's 29 were the revision alone).
      const known = this.#known(kind, viewer, names, terms);
      if (known !== undefined) {
        const found = await documents(tx, kind, q, terms, viewer, k, known.stats, known.df);
        if (found.rev === known.stats.rev) return { docs: found.docs, ...known };
      }
      const rev = await revisionOf(tx, kind);
      const stats = await this.#audience(tx, kind, viewer, rev);
      const df = await this.#frequencies(tx, kind, names, terms, viewer, rev);
      return { docs: (await documents(tx, kind, q, terms, viewer, k, stats, df)).docs, df, stats };
    });
    const all = TEXT_FIELDS[kind];
    const avg = names.map((f) => {
      const s = stats.sums[all.indexOf(f)] ?? 0;
      return stats.n === 0 || s === 0 ? 1 : s / stats.n;
    });
    const { k: k1, b, d: delta } = q.bm25;
    const scored = docs.map((doc) => {
      let score = 0;
      let matched = 0;
      const held: string[] = [];
      terms.forEach((term, t) => {
        let any = false;
        q.fields.forEach(({ boost }, f) => {
          const tf = doc.tf[f]?.[t] ?? 0;
          if (tf === 0) return;
          any = true;
          const n = df[f]?.[t] ?? 0;
          const idf = Math.log(1 + (stats.n - n + 0.5) / (n + 0.5));
          const len = doc.lens[f] ?? 0;
          score +=
            boost * Math.fround(idf * (delta + (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / (avg[f] as number)))));
        });
        if (any) {
          matched++;
          held.push(term);
        }
      });
      return { id: doc.id, score: score * Math.max(1, matched), terms: held };
    });
    return scored
      .filter((s) => s.terms.length > 0)
      .sort((a, b2) => b2.score - a.score || (a.id < b2.id ? -1 : a.id > b2.id ? 1 : 0))
      .slice(0, k);
  }

  async similarTerms(kind: NodeKind, word: string, maxDistance: number, viewer: Viewer): Promise<string[]> {
    checkKind(kind);
    if (word === '' || !/^[\p{L}\p{N}]+$/u.test(word)) return [];
    const fields = TEXT_FIELDS[kind];
    const distance = Math.max(0, Math.min(2, Math.trunc(maxDistance)));
    const lucene = fields.map((f) => `${termsProp(f)}:${word}~${distance}`).join(' OR ');
    const res = await this.run('READ', (tx) =>
      tx.run(
        `CALL db.index.fulltext.queryNodes($index, $lucene, {limit: 200}) YIELD node AS n
         WHERE ${visible('n')}
         RETURN [${fields.map((f) => `coalesce(n.${termsProp(f)}, '')`).join(', ')}] AS texts`,
        { ...viewerParams(viewer), index: indexName(kind), lucene },
      ),
    );
    const found = new Map<string, number>();
    for (const r of res.records)
      for (const text of r.get('texts') as string[])
        for (const t of text.split(' ')) {
          if (t === '' || t[0] !== word[0] || found.has(t)) continue;
          const dist = levenshtein(word, t, distance);
          if (dist <= distance) found.set(t, dist);
        }
    return [...found].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
  }

  async position(): Promise<{ epoch: string; seq: number } | undefined> {
    const res = await this.run('READ', (tx) =>
      tx.run(`MATCH (m:${META_LABEL} {key: 'fulltext'}) RETURN m.epoch AS epoch, m.seq AS seq`),
    );
    const r = res.records[0];
    return r === undefined ? undefined : { epoch: String(r.get('epoch')), seq: Number(r.get('seq')) };
  }

  async setPosition(epoch: string, seq: number): Promise<void> {
    await this.run('WRITE', (tx) =>
      tx.run(`MERGE (m:${META_LABEL} {key: 'fulltext'}) SET m.epoch = $epoch, m.seq = $seq`, {
        epoch,
        seq: neo4j.int(seq),
      }),
    );
  }
}
