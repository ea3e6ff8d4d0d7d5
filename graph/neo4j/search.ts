/**
 * GraphStore.fullText on Neo4j (graph/search.ts): one Lucene full-text index per kind over the
 * analysed terms the engine stores beside each node (`_lx_<field>`: the terms joined by spaces,
 * `_ln_<field>`: how many distinct ones, MiniSearch's field length), read with Lucene's
 * `whitespace` analyzer so Lucene indexes exactly the engine's terms (folding, stemming and the
 * per-language stems of engine/match/language.ts were applied once, by the engine, for both backends).
 *
 * Lucene is used for its postings only, not its scores. Its BM25 differs from the engine's
 * BM25+ (k1 1.2, b 0.75 and no delta against b 0.7, delta 0.5; field norms rounded to one byte;
 * statistics over every document in the index, hidden ones included, which would let restricted
 * text move a viewer's scores; no per-field boosts unless written into the query; no coordination
 * factor). So the query asks Lucene for every document holding any query term, drops those the
 * viewer may not see inside the same Cypher query, and returns per document the term counts and
 * field lengths; BM25+ is computed here with the statistics of the viewer's audience (document
 * count and field-length totals, read once per audience and cached until the terms change).
 */
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { type GraphNode, type NodeKind, TEXT_FIELDS } from '../model.js';
import { checkLimit } from '../query.js';
import type { Analyzer, FullTextHit, FullTextQuery, FullTextSearch, NodeTerms } from '../search.js';
import { type Viewer, viewerClass } from '../viewer.js';
import { checkKind, invalid, viewerParams, visible } from './query.js';
import { META_LABEL } from './schema.js';

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

/** The store's revision (its feed's epoch and head), which every upsert moves in its transaction. */
async function revisionOf(tx: ManagedTransaction): Promise<string> {
  const r = (await tx.run(`MATCH (m:${META_LABEL} {key: 'revision'}) RETURN m.epoch AS epoch, m.rev AS rev`))
    .records[0];
  return r === undefined ? 'empty' : `${String(r.get('epoch'))}:${String(r.get('rev'))}`;
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
 * Lucene finds the documents holding a query term; the viewer's filter drops the rest; each
 * document's term counts per field (taken inside Neo4j: only numbers cross the wire) give its
 * BM25+ score over the viewer's audience (document frequencies from the visible matches
 * themselves), and only the best `$limit` (all when null) come back, with the frequencies.
 */
const topKCypher = (names: readonly string[]): string => `
CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node AS n
WHERE ${visible('n')}
WITH n.id AS id,
     [list IN [${names.map((f) => `split(coalesce(n.${termsProp(f)}, ''), ' ')`).join(', ')}] | [t IN $terms | size([x IN list WHERE x = t])]] AS tf,
     [${names.map((f) => `coalesce(n.${lengthProp(f)}, 0)`).join(', ')}] AS lens
WITH collect({id: id, tf: tf, lens: lens}) AS docs
WITH docs, [f IN range(0, size($boosts) - 1) | [t IN range(0, size($terms) - 1) | size([d IN docs WHERE d.tf[f][t] > 0])]] AS df
UNWIND docs AS d
WITH d, df, [t IN range(0, size($terms) - 1) | [f IN range(0, size($boosts) - 1) WHERE d.tf[f][t] > 0 |
       $boosts[f] * log(1 + ($n - df[f][t] + 0.5) / (df[f][t] + 0.5)) *
       ($delta + (d.tf[f][t] * ($k1 + 1)) / (d.tf[f][t] + $k1 * (1 - $b + $b * d.lens[f] / $avg[f])))]] AS parts
WITH d, df, size([p IN parts WHERE size(p) > 0]) AS matched,
     reduce(s = 0.0, p IN parts | s + reduce(x = 0.0, v IN p | x + v)) AS raw
WHERE matched > 0
WITH d, df, raw * CASE WHEN matched > 1 THEN matched ELSE 1 END AS score
ORDER BY score DESC, d.id ASC
LIMIT coalesce($limit, 2147483647)
RETURN d.id AS id, d.tf AS tf, d.lens AS lens, df, score`;

/** BM25+ of the returned documents, as the in-process index scores them; best first, ties by id. */
function scoreRows(
  records: readonly { get(key: string): unknown }[],
  terms: readonly string[],
  boosts: readonly number[],
  n: number,
  avg: readonly number[],
  bm25: FullTextQuery['bm25'],
): FullTextHit[] {
  const { k: k1, b, d: delta } = bm25;
  const df = records[0] === undefined ? [] : (records[0].get('df') as number[][]).map((row) => row.map(Number));
  const scored = records.map((r) => {
    const tf = (r.get('tf') as number[][]).map((row) => row.map(Number));
    const lens = (r.get('lens') as number[]).map(Number);
    let score = 0;
    let matched = 0;
    const held: string[] = [];
    terms.forEach((term, t) => {
      let any = false;
      boosts.forEach((boost, f) => {
        const count = tf[f]?.[t] ?? 0;
        if (count === 0) return;
        any = true;
        const m = df[f]?.[t] ?? 0;
        const idf = Math.log(1 + (n - m + 0.5) / (m + 0.5));
        const len = lens[f] ?? 0;
        score +=
          boost *
          Math.fround(idf * (delta + (count * (k1 + 1)) / (count + k1 * (1 - b + (b * len) / (avg[f] as number)))));
      });
      if (any) {
        matched++;
        held.push(term);
      }
    });
    return { id: r.get('id') as string, score: score * Math.max(1, matched), terms: held };
  });
  return scored
    .filter((s) => s.terms.length > 0)
    .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

export class Neo4jFullText implements FullTextSearch {
  /**
   * Per kind and audience: documents seen and per-field length totals, at the store revision they
   * were read at. Dropped whenever terms are set here; read again once the revision moved, since
   * another process's upsert writes terms too.
   */
  readonly #stats = new Map<string, { rev: string; n: number; sums: number[] }>();

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
    this.#stats.clear();
  }

  /** The audience's statistics at `rev`, read in `tx` unless cached. */
  async #audience(tx: ManagedTransaction, kind: NodeKind, viewer: Viewer, rev: string) {
    const key = `${kind}\u0000${viewerClass(viewer)}`;
    const cached = this.#stats.get(key);
    if (cached !== undefined && cached.rev === rev) return cached;
    const all = TEXT_FIELDS[kind];
    const res = await tx.run(
      `MATCH (n:${kind}) WHERE ${visible('n')}
       RETURN count(n) AS n, [${all.map((f) => `sum(coalesce(n.${lengthProp(f)}, 0))`).join(', ')}] AS sums`,
      viewerParams(viewer),
    );
    const r = res.records[0];
    const sumsAll = (r?.get('sums') as number[] | undefined) ?? [];
    const out = { rev, n: Number(r?.get('n') ?? 0), sums: all.map((_, i) => Number(sumsAll[i] ?? 0)) };
    this.#stats.set(key, out);
    return out;
  }

  async search(q: FullTextQuery, viewer: Viewer): Promise<FullTextHit[]> {
    const kind = checkKind(q.kind);
    const k = checkLimit(q.k, 10, 100_000, 'k');
    const names = q.fields.map((f) => f.field);
    checkFields(kind, names);
    const terms = [...q.terms];
    if (terms.length === 0 || names.length === 0) return [];
    const lucene = names.flatMap((f) => terms.map((t) => `${termsProp(f)}:${phrase(t)}`)).join(' OR ');
    const { k: k1, b, d: delta } = q.bm25;
    const boosts = q.fields.map((f) => f.boost);
    const all = TEXT_FIELDS[kind];
    const fetch = (limit: number | null) =>
      this.run('READ', async (tx) => {
        // The statistics first (cached per revision), so that the query can score and cut to the best.
        const stats = await this.#audience(tx, kind, viewer, await revisionOf(tx));
        const avg = names.map((f) => {
          const s = stats.sums[all.indexOf(f)] ?? 0;
          return stats.n === 0 || s === 0 ? 1 : s / stats.n;
        });
        const res = await tx.run(topKCypher(names), {
          ...viewerParams(viewer),
          index: indexName(kind),
          lucene,
          terms,
          n: stats.n,
          avg,
          boosts,
          k1,
          b,
          delta,
          limit: limit === null ? null : neo4j.int(limit),
        });
        return { res, n: stats.n, avg };
      });
    // The query ranks with its own (double) arithmetic and returns the best `want` with their counts;
    // the scores are then computed here exactly as the in-process index does (float32 per term and
    // field), and the cut is trusted only when no document left out could come within rounding of the k-th.
    const want = 2 * k + 20;
    let got = await fetch(want);
    let scored = scoreRows(got.res.records, terms, boosts, got.n, got.avg, q.bm25);
    const cut = got.res.records.length >= want;
    const lastQueryScore = Number(got.res.records[got.res.records.length - 1]?.get('score') ?? 0);
    if (cut && !((scored[k - 1]?.score ?? 0) > lastQueryScore * (1 + 1e-6))) {
      got = await fetch(null);
      scored = scoreRows(got.res.records, terms, boosts, got.n, got.avg, q.bm25);
    }
    return scored.slice(0, k);
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
