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

  async #audience(kind: NodeKind, viewer: Viewer, rev: string) {
    const key = `${kind}\u0000${viewerClass(viewer)}`;
    const cached = this.#stats.get(key);
    if (cached !== undefined && cached.rev === rev) return cached;
    const all = TEXT_FIELDS[kind];
    const res = await this.run('READ', (tx) =>
      tx.run(
        `MATCH (n:${kind}) WHERE ${visible('n')}
         RETURN count(n) AS n, [${all.map((f) => `sum(coalesce(n.${lengthProp(f)}, 0))`).join(', ')}] AS sums`,
        viewerParams(viewer),
      ),
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
    const { res, rev } = await this.run('READ', async (tx) => ({
      res: await tx.run(
        `CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node AS n
         WHERE ${visible('n')}
         WITH n, [${names.map((f) => `split(coalesce(n.${termsProp(f)}, ''), ' ')`).join(', ')}] AS toks
         RETURN n.id AS id,
                [list IN toks | [t IN $terms | size([x IN list WHERE x = t])]] AS tf,
                [${names.map((f) => `coalesce(n.${lengthProp(f)}, 0)`).join(', ')}] AS lens`,
        { ...viewerParams(viewer), index: indexName(kind), lucene, terms },
      ),
      rev: await revisionOf(tx),
    }));
    const stats = await this.#audience(kind, viewer, rev);
    const all = TEXT_FIELDS[kind];
    const avg = names.map((f) => {
      const s = stats.sums[all.indexOf(f)] ?? 0;
      return stats.n === 0 || s === 0 ? 1 : s / stats.n;
    });
    // Per document, field and query term: its count; document frequency per field and term over what the viewer sees.
    // Term counts are taken inside Neo4j: only numbers cross the wire, not each document's terms.
    const docs = res.records.map((r) => ({
      id: r.get('id') as string,
      tf: (r.get('tf') as number[][]).map((row) => row.map(Number)),
      lens: (r.get('lens') as number[]).map(Number),
    }));
    const df = names.map((_, f) => terms.map((_, t) => docs.filter((d) => (d.tf[f]?.[t] ?? 0) > 0).length));
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
