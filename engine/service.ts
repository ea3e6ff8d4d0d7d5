/**
 * The engine as one object: what the CLI, the HTTP API and the bots call. It owns the store
 * handle, the matcher (lexical index, sentence model, vector indexes) and the analytics
 * snapshot, and closes them together. Every read takes the asking viewer.
 */
import { join } from 'node:path';
import type { GraphNode, GraphStore, Viewer } from '../graph/index.js';
import type {
  GapsAnswer,
  GapsQuery,
  NetworkAnswer,
  NetworkQuery,
  PollAnswer,
  Snapshot,
  TrendsAnswer,
  TrendsQuery,
} from './analytics/index.js';
import { type Analytics, createAnalytics } from './analytics/index.js';
import { createDiscovery, type Discovery, loadDiscoverKey, withRestricted } from './discover/index.js';
import type { Embedder } from './embed/index.js';
import { FileLock, Follower, type ModelStatus } from './feed/index.js';
import {
  type AfterWriteReport,
  createAfterWrite,
  similarChallenges as findSimilarChallenges,
  type SimilarAnswer,
  type SimilarOptions,
} from './input/index.js';
import type { Answer, LexicalIndex, MatchMode, MatchNeedOptions, WhoSolvedFilters } from './match/index.js';
import { type OpenMatcherOptions, openMatcher } from './match/index.js';
import type { ConsortiumAnswer, ConsortiumConstraints, SuggestAnswer, SuggestQuery } from './suggest/index.js';
import { createSuggester } from './suggest/index.js';
import type { VectorIndexSet } from './vector/index.js';

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
  /**
   * Longest an answer may reflect the store as it was before another process's write, in ms
   * (default 0: the feed's head is read before every answer, one cheap read). Servers and bots
   * pass a small bound ($ILEANET_FEED_STALENESS_MS, default 250 ms) and follow in the background.
   */
  readonly maxStalenessMs?: number;
  /** Follow the feed in the background every this many ms (default: off). */
  readonly followEveryMs?: number;
  /** Load the analytics snapshot (from its saved copy when there is one) right away, in the background. */
  readonly warm?: boolean;
}

export interface Engine {
  readonly store: GraphStore;
  readonly dataDir: string;
  /** The sentence model in use, when there is one. */
  readonly model?: string;
  /** Why there is no dense side, when there is none. */
  readonly denseProblem?: string;
  /**
   * Who has solved X. For a vetted member, the answer's `restricted` lists the discoverable
   * restricted works they may not see that match (hit/no-hit, engine/discover).
   */
  whoSolved(text: string, filters: WhoSolvedFilters | undefined, viewer: Viewer): Promise<Answer>;
  /** Experts and results for a stored challenge; `restricted` as in whoSolved, on the challenge's text. */
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
  /** Hit/no-hit: marking restricted work discoverable, and resolving the handles shown for it. */
  readonly discovery: Discovery;
  /** Kept for callers from before the change feed: the engine follows the feed by itself. */
  invalidate(): void;
  /** Brings every read model up to the feed's head now; returns the seq all have applied. */
  catchUp(): Promise<number>;
  /** Brings the read models within the staleness bound (what every answer does first); returns the seq all have applied. */
  fresh(): Promise<number>;
  /**
   * After an erasure redacted the feed (engine/privacy): catches up and saves every read model
   * this process keeps the files of, so none keeps the erased person on disk. The background
   * follower does it by itself; a process erasing through its own engine calls it at once.
   */
  afterErasure(): Promise<void>;
  /** Each read model's feed position, and the last head seen. */
  feedStatus(): { head: number; models: ModelStatus[] };
  /** The read models themselves, for diagnostics and for tests comparing processes; not for answers. */
  readonly readModels: {
    /** The in-process lexical index; absent when the store searches itself (capabilities.nativeFullText). */
    readonly lexical?: LexicalIndex;
    readonly vectors?: VectorIndexSet;
    snapshot(): Promise<Snapshot>;
    /** Resolves when no background embedding pass runs (start-up with no feed position). */
    settled(): Promise<void>;
  };
  /**
   * Stored challenges closest to a text, best first (lexical and, with a dense side, dense
   * candidates fused); what engine/input shows beside a new challenge so duplicates are seen.
   * Throws MatchError on an empty text or a bad limit.
   */
  similarChallenges(text: string, viewer: Viewer, options?: SimilarOptions): Promise<SimilarAnswer>;
  /**
   * After a write through this process: catches every read model up now (lexical index, vectors,
   * analytics; the API's answer cache keys on the result), so the written nodes are findable at
   * once. Failures are reported, not thrown (the write stands; the next catch-up retries).
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
  const log = o.log ?? (() => undefined);
  const analytics: Analytics = createAnalytics(o.store, {
    ...(o.now === undefined ? {} : { now: o.now }),
    log,
    dataDir: o.dataDir,
    lock: new FileLock(join(o.dataDir, 'analytics', 'writer.lock')),
  });
  const follower = new Follower({
    store: o.store,
    models: [...opened.models, analytics.model],
    log,
    maxStalenessMs: o.maxStalenessMs ?? 0,
  });
  const suggester = createSuggester({
    store: o.store,
    analytics,
    matcher: opened.matcher,
    ...(o.now === undefined ? {} : { now: o.now }),
    mode: opened.denseProblem === undefined && (o.mode ?? 'hybrid') !== 'lexical' ? (o.mode ?? 'hybrid') : 'lexical',
  });
  /** Every answer first brings the read models within the staleness bound. */
  const fresh =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await follower.fresh();
      return f(...args);
    };
  const afterWrite = createAfterWrite({
    follower,
    lexical: opened.lexical,
    ...(opened.denseWriter === undefined ? {} : { vectors: opened.denseWriter.indexes }),
    log,
  });
  const discovery = createDiscovery({ store: o.store, key: loadDiscoverKey(o.dataDir), afterWrite });
  if (o.followEveryMs !== undefined) {
    follower.start(o.followEveryMs);
    follower.catchUp().catch((e: unknown) => log(`feed: first catch-up failed: ${(e as Error).message}`));
  }
  if (o.warm === true) {
    analytics.snapshot().catch((e: unknown) => log(`analytics: warm-up failed: ${(e as Error).message}`));
  }
  return {
    store: o.store,
    dataDir: o.dataDir,
    ...(opened.model === undefined ? {} : { model: opened.model }),
    ...(opened.denseProblem === undefined ? {} : { denseProblem: opened.denseProblem }),
    whoSolved: fresh(async (text: string, filters: WhoSolvedFilters | undefined, viewer: Viewer) =>
      withRestricted(discovery, await opened.matcher.whoSolved(text, filters, viewer), filters?.kinds, viewer),
    ),
    matchNeed: fresh(async (id: string, viewer: Viewer, options?: MatchNeedOptions) =>
      withRestricted(discovery, await opened.matcher.matchNeed(id, viewer, options), options?.kinds, viewer),
    ),
    discovery,
    suggest: fresh((query: SuggestQuery, viewer: Viewer) => suggester.suggest(query, viewer)),
    consortium: fresh((id: string, constraints: ConsortiumConstraints | undefined, viewer: Viewer) =>
      suggester.consortium(id, constraints ?? {}, viewer),
    ),
    trends: fresh((query: TrendsQuery, viewer: Viewer) => analytics.trends(query, viewer)),
    gaps: fresh((query: GapsQuery, viewer: Viewer) => analytics.gaps(query, viewer)),
    network: fresh((query: NetworkQuery, viewer: Viewer) => analytics.network(query, viewer)),
    polls: fresh((viewer: Viewer, pollId?: string) => analytics.polls(viewer, pollId)),
    report: fresh((viewer: Viewer) => analytics.report(viewer)),
    invalidate: () => undefined,
    catchUp: () => follower.catchUp(),
    fresh: () => follower.fresh(),
    afterErasure: () => follower.afterErasure(),
    feedStatus: () => ({ head: follower.head, models: follower.status() }),
    readModels: {
      ...(opened.lexicalIndex === undefined ? {} : { lexical: opened.lexicalIndex }),
      ...(opened.denseWriter === undefined ? {} : { vectors: opened.denseWriter.indexes }),
      snapshot: () => analytics.snapshot(),
      settled: async () => {
        await opened.denseModel?.settled();
      },
    },
    similarChallenges: fresh((text: string, viewer: Viewer, options?: SimilarOptions) =>
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
    ),
    afterWrite,
    close: async () => {
      await follower.close();
      await opened.close();
    },
  };
}
