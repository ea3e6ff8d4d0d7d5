/**
 * Candidate retrieval: BM25 and dense candidates per kind, fused by reciprocal rank, then
 * re-read through the store with the viewer. Only what the store returns goes on to ranking.
 */
import type { GraphNode, GraphStore, Viewer } from '../../graph/index.js';
import { SUPPORT_KINDS, type Support } from './abstain.js';
import { denseKeep, denseTopK } from './dense-keep.js';
import { MatchError } from './errors.js';
import { type Fused, reciprocalRankFusion } from './fusion.js';
import type { LexicalKind } from './lexical.js';
import type { DenseSide, LexicalSearch } from './ports.js';
import type { MatchMode } from './query.js';
import type { OwnMatch, RankTuning } from './rank.js';

export interface Retrieved {
  /** Visible candidates by id. */
  readonly nodes: Map<string, GraphNode>;
  /** Their own match: fused score and the rank on each side. */
  readonly own: Map<string, OwnMatch>;
  /** Per kind, visible candidates best first. */
  readonly byKind: Map<LexicalKind, { id: string; fused: number }[]>;
  readonly lexicalCount: number;
  readonly denseCount: number;
  /** How well the question is supported at all (for abstention): visible hits only. */
  readonly support: Support;
}

export interface RetrieveInput {
  readonly store: GraphStore;
  readonly lexical: LexicalSearch;
  readonly dense: DenseSide | undefined;
  /** Why dense is unavailable, when it is (for the error message). */
  readonly denseProblem: string | undefined;
  readonly text: string;
  readonly terms: readonly string[];
  /**
   * English terms translated from a question in another language (./lexicon.ts), searched as a
   * list of their own and fused beside the others: a wrong sense among them then adds one more
   * vote of a list rather than diluting the question's own words.
   */
  readonly translated?: readonly string[];
  /**
   * A question in another language rendered in English (./render.ts) and embedded by the
   * default model, searched in that model's index as a further dense list (`rendered`).
   */
  readonly rendered?: { readonly vector: Float32Array; readonly index: DenseSide['index'] };
  readonly kinds: readonly LexicalKind[];
  readonly mode: MatchMode;
  readonly exclude: ReadonlySet<string>;
  readonly tuning: RankTuning;
  readonly viewer: Viewer;
}

const LEXICAL_ONLY_HINT = 'ask for lexical mode (--mode lexical) to answer from words alone';

/** The query's vector, or a clear ERR_DENSE_UNAVAILABLE: never a silent lexical-only answer. */
export async function queryVector(
  input: Pick<RetrieveInput, 'dense' | 'denseProblem' | 'text'>,
): Promise<Float32Array> {
  if (input.dense === undefined) {
    throw new MatchError(
      'ERR_DENSE_UNAVAILABLE',
      `dense retrieval is not available: ${input.denseProblem ?? 'no sentence model is configured'}; ${LEXICAL_ONLY_HINT}`,
    );
  }
  try {
    const [v] = await input.dense.embedder.embed([input.text], 'query');
    if (v === undefined) throw new Error('the embedder returned no vector');
    return v;
  } catch (e) {
    if (e instanceof MatchError) throw e;
    throw new MatchError(
      'ERR_DENSE_UNAVAILABLE',
      `the sentence model ${input.dense.embedder.model} failed: ${(e as Error).message}; ${LEXICAL_ONLY_HINT}`,
      { cause: e },
    );
  }
}

export async function retrieve(input: RetrieveInput): Promise<Retrieved> {
  const { lexical, viewer, exclude, tuning: t } = input;
  const useLexical = input.mode !== 'dense';
  const useDense = input.mode !== 'lexical';
  // The question is embedded while the words are searched: the model runs on its own threads and
  // the lexical side reads an index or the store, so neither waits for the other.
  const embedding = useDense ? queryVector(input) : undefined;
  // A failed embedding is reported by the dense side's await below, not as an unhandled rejection meanwhile.
  embedding?.catch(() => undefined);
  const k = t.candidates;
  const words = async (kind: LexicalKind, terms: readonly string[]) =>
    (await lexical.search(kind, terms, k + exclude.size, viewer)).filter((h) => !exclude.has(h.id)).slice(0, k);
  // The k nearest of one vector list the viewer may see (the visibility rule inside, dense-keep.ts).
  const nearest = async (kind: LexicalKind, index: Parameters<typeof denseTopK>[0], v: Float32Array) => {
    try {
      return await denseTopK(index, kind, v, k, denseKeep(lexical, input.store, kind, viewer, exclude), t.denseFloor);
    } catch (e) {
      throw new MatchError(
        'ERR_DENSE_UNAVAILABLE',
        `the vector index of ${kind} failed: ${(e as Error).message}; ${LEXICAL_ONLY_HINT}`,
        { cause: e },
      );
    }
  };
  const translated = input.translated ?? [];
  // Every kind's lists are fetched at once (on Neo4j, each is a round trip), then combined in kind order.
  // A kind's vector search starts as soon as the question is embedded, not after its word search
  // (bench:scale on Neo4j at 100,000 people, six alternating pairs: hybrid p50 109.6 against 117.1 ms,
  // p95 141.7 against 152.7, medians; answers identical).
  const lists = await Promise.all(
    input.kinds.map(async (kind) => {
      const found = Promise.all([
        useLexical ? words(kind, input.terms) : [],
        useLexical && translated.length > 0 ? words(kind, translated) : [],
      ]);
      const near = (embedding ?? Promise.resolve(undefined)).then((vector) =>
        Promise.all([
          vector !== undefined && input.dense !== undefined ? nearest(kind, input.dense.index, vector) : [],
          useDense && input.rendered !== undefined ? nearest(kind, input.rendered.index, input.rendered.vector) : [],
        ]),
      );
      const [[lex, trans], [dense, rendered]] = await Promise.all([found, near]);
      return { kind, lex, trans, dense, rendered };
    }),
  );
  const fusedByKind = new Map<LexicalKind, Fused[]>();
  let lexicalCount = 0;
  let denseCount = 0;
  // Absolute match strength, for RankTuning.strengthWeight: share of query terms held, cosine over the best cosine.
  const strength = new Map<string, number>();
  const cosine = new Map<string, number>();
  let bestCosine = 0;
  const kindCosine = new Map<LexicalKind, number>();
  let lexicalCoverage = 0;
  // The rendering's cosines are the default model's: a scale of their own.
  const renderedCosine = new Map<string, number>();
  let bestRendered = 0;
  for (const { kind, lex, trans, dense, rendered } of lists) {
    for (const h of rendered) {
      renderedCosine.set(h.id, h.score);
      bestRendered = Math.max(bestRendered, h.score);
    }
    for (const h of trans)
      strength.set(h.id, Math.max(strength.get(h.id) ?? 0, h.terms.length / Math.max(1, translated.length)));
    lexicalCount += lex.length + trans.length;
    denseCount += dense.length + rendered.length;
    const supports = SUPPORT_KINDS.includes(kind);
    if (dense[0] !== undefined) kindCosine.set(kind, dense[0].score);
    for (const h of lex) {
      if (supports) lexicalCoverage = Math.max(lexicalCoverage, h.terms.length / Math.max(1, input.terms.length));
      strength.set(h.id, Math.max(strength.get(h.id) ?? 0, h.terms.length / Math.max(1, input.terms.length)));
    }
    for (const h of dense) {
      cosine.set(h.id, h.score);
      bestCosine = Math.max(bestCosine, h.score);
    }
    fusedByKind.set(
      kind,
      reciprocalRankFusion(
        [
          ...(useLexical ? [{ name: 'lexical', ids: lex.map((h) => h.id), weight: t.lexicalWeight }] : []),
          ...(trans.length > 0
            ? [{ name: 'translated', ids: trans.map((h) => h.id), weight: t.translatedWeight }]
            : []),
          ...(useDense ? [{ name: 'dense', ids: dense.map((h) => h.id), weight: t.denseWeight }] : []),
          ...(rendered.length > 0
            ? [{ name: 'rendered', ids: rendered.map((h) => h.id), weight: t.renderedWeight }]
            : []),
        ],
        t.rrfK,
      ).slice(0, k),
    );
  }
  const ids = [...new Set([...fusedByKind.values()].flatMap((l) => l.map((f) => f.id)))];
  const nodes = new Map((await input.store.getNodes(ids, viewer)).map((n) => [n.id, n]));
  const own = new Map<string, OwnMatch>();
  const byKind = new Map<LexicalKind, { id: string; fused: number }[]>();
  for (const [kind, list] of fusedByKind) {
    const entries: { id: string; fused: number }[] = [];
    for (const f of list) {
      if (!nodes.has(f.id)) continue;
      const c = cosine.get(f.id);
      const rc = renderedCosine.get(f.id);
      const s = Math.max(
        strength.get(f.id) ?? 0,
        c === undefined || bestCosine <= 0 ? 0 : c / bestCosine,
        rc === undefined || bestRendered <= 0 ? 0 : rc / bestRendered,
      );
      const fused = f.score * (1 - t.strengthWeight + t.strengthWeight * s);
      own.set(f.id, {
        fused,
        lexicalRank: f.ranks['lexical'] ?? null,
        denseRank: f.ranks['dense'] ?? null,
        cosine: c ?? null,
      });
      entries.push({ id: f.id, fused });
    }
    byKind.set(
      kind,
      entries.sort((a, b) => b.fused - a.fused),
    );
  }
  return { nodes, own, byKind, lexicalCount, denseCount, support: { cosine: kindCosine, lexicalCoverage } };
}
