/**
 * Stored challenges closest to a text: what someone raising a need should see first, so that
 * a duplicate gets a vote instead of a second copy. The same retrieval as who-solved
 * (engine/match/retrieve.ts: BM25 and, when there is a dense side, vector candidates fused by
 * reciprocal rank, then re-read through the store with the viewer), over Challenge only.
 */
import type { GraphStore, Viewer } from '../../graph/index.js';
import type { DenseSide, LexicalSearch } from '../match/index.js';
import { DEFAULT_TUNING, MatchError, type MatchMode, parseQueryText, queryTerms, retrieve } from '../match/index.js';
import type { SimilarAnswer, SimilarChallenge } from './similar-types.js';

export const MAX_SIMILAR = 50;
export const DEFAULT_SIMILAR = 5;

export interface SimilarOptions {
  /** Default 5, at most 50. */
  readonly limit?: number;
  /** Ids never returned (the challenge just written). */
  readonly exclude?: readonly string[];
  /** Default: `hybrid` when the engine has a dense side, else `lexical`. */
  readonly mode?: MatchMode;
}

export type { SimilarAnswer, SimilarChallenge } from './similar-types.js';

export interface SimilarParts {
  readonly store: GraphStore;
  readonly lexical: LexicalSearch;
  readonly dense?: DenseSide;
  readonly denseProblem?: string;
}

export async function similarChallenges(
  parts: SimilarParts,
  text: string,
  viewer: Viewer,
  options: SimilarOptions = {},
): Promise<SimilarAnswer> {
  const query = parseQueryText(text);
  const limit = options.limit ?? DEFAULT_SIMILAR;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SIMILAR) {
    throw new MatchError('ERR_INVALID_FILTER', `limit must be a whole number from 1 to ${MAX_SIMILAR}`);
  }
  const mode = options.mode ?? (parts.dense === undefined ? 'lexical' : 'hybrid');
  const got = await retrieve({
    store: parts.store,
    lexical: parts.lexical,
    dense: parts.dense,
    denseProblem: parts.denseProblem,
    text: query,
    terms: queryTerms(query),
    kinds: ['Challenge'],
    mode,
    exclude: new Set(options.exclude ?? []),
    tuning: { ...DEFAULT_TUNING, candidates: Math.max(DEFAULT_TUNING.candidates, limit) },
    viewer,
  });
  const challenges: SimilarChallenge[] = [];
  for (const c of (got.byKind.get('Challenge') ?? []).slice(0, limit)) {
    const node = got.nodes.get(c.id);
    if (node?.kind !== 'Challenge') continue;
    const own = got.own.get(c.id);
    challenges.push({
      id: node.id,
      title: node.title,
      status: node.status,
      ...(node.country === undefined ? {} : { country: node.country }),
      ...(node.date === undefined ? {} : { date: node.date }),
      score: Math.round(c.fused * 1_000) / 1_000,
      lexicalRank: own?.lexicalRank ?? null,
      denseRank: own?.denseRank ?? null,
    });
  }
  return { mode, challenges };
}
