/**
 * The engine as one object: what the CLI, the HTTP API and the bots call. It owns the store
 * handle, the matcher (lexical index, sentence model, vector indexes) and the analytics
 * snapshot, and closes them together. Every read takes the asking viewer.
 */
import type { GraphNode } from '../graph/model.js';
import type { GraphStore } from '../graph/store.js';
import type { Viewer } from '../graph/viewer.js';
import { type Analytics, createAnalytics } from './analytics/index.js';
import type {
  GapsAnswer,
  GapsQuery,
  NetworkAnswer,
  NetworkQuery,
  PollAnswer,
  TrendsAnswer,
  TrendsQuery,
} from './analytics/types.js';
import type { Embedder } from './embed/embedder.js';
import {
  similarChallenges as findSimilarChallenges,
  type SimilarAnswer,
  type SimilarOptions,
} from './input/similar.js';
import { type AfterWriteReport, createAfterWrite } from './input/sync.js';
import type { Answer } from './match/answer.js';
import { type OpenMatcherOptions, openMatcher } from './match/open.js';
import type { MatchMode, MatchNeedOptions, WhoSolvedFilters } from './match/query.js';
import { createSuggester } from './suggest/index.js';
import type { ConsortiumAnswer, ConsortiumConstraints, SuggestAnswer, SuggestQuery } from './suggest/types.js';

export interface EngineOptions {
  readonly store: GraphStore;
  readonly dataDir: string;
  /** `lexical` skips loading the sentence model (default `hybrid`). */
  readonly mode?: MatchMode;
  readonly model?: string;
  /** A sentence model instead of loading `model` (tests pass the fake); the caller closes it. */
  readonly embedder?: Embedder;
  readonly log?: (line: string) => void;
  /** Clock for trends' "now" and matching's recency (tests pin it). */
  readonly now?: () => Date;
}

export interface Engine {
  readonly store: GraphStore;
  readonly dataDir: string;
  /** The sentence model in use, when there is one. */
  readonly model?: string;
  /** Why there is no dense side, when there is none. */
  readonly denseProblem?: string;
  whoSolved(text: string, filters: WhoSolvedFilters | undefined, viewer: Viewer): Promise<Answer>;
  matchNeed(challengeId: string, viewer: Viewer, options?: MatchNeedOptions): Promise<Answer>;
  suggest(query: SuggestQuery, viewer: Viewer): Promise<SuggestAnswer>;
  consortium(
    challengeId: string,
    constraints: ConsortiumConstraints | undefined,
    viewer: Viewer,
  ): Promise<ConsortiumAnswer>;
  trends(query: TrendsQuery, viewer: Viewer): Promise<TrendsAnswer>;
  gaps(query: GapsQuery, viewer: Viewer): Promise<GapsAnswer>;
  network(query: NetworkQuery, viewer: Viewer): Promise<NetworkAnswer>;
  polls(viewer: Viewer, pollId?: string): Promise<PollAnswer[]>;
  /** A policy brief in Markdown: top gaps, trends, suggested actions. */
  report(viewer: Viewer): Promise<string>;
  /** Tell the engine the store changed through this process (analytics snapshots are refreshed). */
  invalidate(): void;
  /**
   * Stored challenges closest to a text, best first (lexical and, with a dense side, dense
   * candidates fused); what engine/input shows beside a new challenge so duplicates are seen.
   * Throws MatchError on an empty text or a bad limit.
   */
  similarChallenges(text: string, viewer: Viewer, options?: SimilarOptions): Promise<SimilarAnswer>;
  /**
   * After nodes were written (or removed) through this process: puts them in the lexical index,
   * embeds them into the vector indexes when there is a dense side, and calls `invalidate`.
   * Embedding failures are reported, not thrown (the write stands; `ileanet embed` catches up).
   */
  afterWrite(nodes: readonly GraphNode[], removedIds?: readonly string[]): Promise<AfterWriteReport>;
  close(): Promise<void>;
}

export async function openEngine(o: EngineOptions): Promise<Engine> {
  const matcherOptions: OpenMatcherOptions = {
    store: o.store,
    dataDir: o.dataDir,
    mode: o.mode ?? 'hybrid',
    ...(o.model === undefined ? {} : { model: o.model }),
    ...(o.embedder === undefined ? {} : { embedder: o.embedder }),
    ...(o.log === undefined ? {} : { log: o.log }),
    // One clock for the engine: recency in matching is measured from the same "now" as trends.
    ...(o.now === undefined ? {} : { now: o.now }),
  };
  const opened = await openMatcher(matcherOptions);
  const analytics: Analytics = createAnalytics(o.store, {
    ...(o.now === undefined ? {} : { now: o.now }),
    ...(o.log === undefined ? {} : { log: o.log }),
  });
  const suggester = createSuggester({
    store: o.store,
    analytics,
    matcher: opened.matcher,
    mode: opened.denseProblem === undefined && (o.mode ?? 'hybrid') !== 'lexical' ? (o.mode ?? 'hybrid') : 'lexical',
  });
  return {
    store: o.store,
    dataDir: o.dataDir,
    ...(opened.model === undefined ? {} : { model: opened.model }),
    ...(opened.denseProblem === undefined ? {} : { denseProblem: opened.denseProblem }),
    whoSolved: (text, filters, viewer) => opened.matcher.whoSolved(text, filters, viewer),
    matchNeed: (id, viewer, options) => opened.matcher.matchNeed(id, viewer, options),
    suggest: (query, viewer) => suggester.suggest(query, viewer),
    consortium: (id, constraints, viewer) => suggester.consortium(id, constraints ?? {}, viewer),
    trends: (query, viewer) => analytics.trends(query, viewer),
    gaps: (query, viewer) => analytics.gaps(query, viewer),
    network: (query, viewer) => analytics.network(query, viewer),
    polls: (viewer, pollId) => analytics.polls(viewer, pollId),
    report: (viewer) => analytics.report(viewer),
    invalidate: () => analytics.invalidate(),
    similarChallenges: (text, viewer, options) =>
      findSimilarChallenges(
        {
          store: o.store,
          lexical: opened.lexical,
          ...(opened.dense === undefined ? {} : { dense: opened.dense }),
          ...(opened.denseProblem === undefined ? {} : { denseProblem: opened.denseProblem }),
        },
        text,
        viewer,
        options,
      ),
    afterWrite: createAfterWrite({
      store: o.store,
      lexical: opened.lexical,
      ...(opened.denseWriter === undefined ? {} : { denseWriter: opened.denseWriter }),
      invalidate: () => analytics.invalidate(),
      log: o.log ?? (() => undefined),
    }),
    close: () => opened.close(),
  };
}
