/**
 * Analytics over any GraphStore, for a viewer: trends, gaps, network metrics, polls and the
 * policy brief. One snapshot per store (./snapshot.ts), kept current with the change feed;
 * network metrics are computed once per snapshot state and viewer class.
 */
import { type GraphStore, type Viewer, viewerClass } from '../../graph/index.js';
import type { FileLock } from '../feed/index.js';
import { type CycleFilters, cycleFigures } from './cycle.js';
import { computeFacts } from './facts.js';
import { gaps } from './gaps.js';
import { collaborationGraph, computeMetrics, network } from './network.js';
import { polls } from './polls.js';
import { renderReport } from './report.js';
import { type Snapshot, Snapshots } from './snapshot.js';
import { type CubeFilter, type TrendCube, trendCube, trends } from './trends.js';
import type {
  GapsAnswer,
  GapsQuery,
  NetworkAnswer,
  NetworkQuery,
  PollAnswer,
  TrendsAnswer,
  TrendsQuery,
} from './types.js';

/** Filtered trend cubes kept per snapshot state and viewer class (each about as large as the unfiltered one at most). */
const CUBES = 64;

export interface Analytics {
  trends(query: TrendsQuery | undefined, viewer: Viewer): Promise<TrendsAnswer>;
  gaps(query: GapsQuery | undefined, viewer: Viewer): Promise<GapsAnswer>;
  network(query: NetworkQuery | undefined, viewer: Viewer): Promise<NetworkAnswer>;
  polls(viewer: Viewer, pollId?: string): Promise<PollAnswer[]>;
  report(viewer: Viewer): Promise<string>;
  /** The current snapshot (reloaded when the store changed); suggestions read it too. */
  snapshot(): Promise<Snapshot>;
  /** Per-snapshot cache shared with suggestions. */
  derived<T>(s: Snapshot, key: string, compute: () => T): T;
  invalidate(): void;
  /** The snapshot as a read model of the change feed (engine/feed/follower.ts). */
  readonly model: Snapshots;
}

export interface AnalyticsOptions {
  /** Clock for "now" (tests pin it). */
  readonly now?: () => Date;
  /** A snapshot that took longer than this to load is refreshed in the background (default 2 s). */
  readonly syncReloadMs?: number;
  readonly log?: (line: string) => void;
  /** Persist the snapshot in `<dataDir>/analytics/` for warm starts (by the holder of `lock`). */
  readonly dataDir?: string;
  readonly lock?: FileLock;
  /**
   * Keep the saved snapshot inside the store when it offers that (`capabilities.sharedReadModels`),
   * shared by every app server, instead of in `dataDir` (default true).
   */
  readonly shareInStore?: boolean;
}

export function createAnalytics(store: GraphStore, options: AnalyticsOptions = {}): Analytics {
  const snapshots = new Snapshots(store, {
    ...(options.syncReloadMs === undefined ? {} : { syncReloadMs: options.syncReloadMs }),
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.lock === undefined ? {} : { lock: options.lock }),
    ...(options.shareInStore !== false && store.capabilities.sharedReadModels && store.shared !== undefined
      ? { shared: store.shared }
      : {}),
  });
  const now = options.now ?? (() => new Date());
  const factsFor = (s: Snapshot, viewer: Viewer) =>
    snapshots.derived(s, `facts|${viewerClass(viewer)}`, () => computeFacts(s, s.visibleMask(viewer)));
  // A trends request without dates reads these counts, not every fact: kept per snapshot state, viewer
  // class, unit and filter, the filtered ones the CUBES most recently used (a dashboard walking every
  // topic must not push the facts themselves out of the snapshot's derived values).
  const cubeFor = (s: Snapshot, viewer: Viewer) => (unit: 'year' | 'quarter', filter: CubeFilter) => {
    const facts = factsFor(s, viewer);
    if (filter.country === undefined && filter.topic === undefined)
      return snapshots.derived(s, `trend-cube|${viewerClass(viewer)}|${unit}`, () => trendCube(facts, unit));
    const kept = snapshots.derived(s, `trend-cubes|${viewerClass(viewer)}`, () => new Map<string, TrendCube>());
    const key = `${unit}|${filter.country ?? ''}|${filter.topic ?? ''}`;
    let cube = kept.get(key);
    if (cube === undefined) cube = trendCube(facts, unit, filter);
    kept.delete(key);
    kept.set(key, cube);
    for (const oldest of kept.keys()) {
      if (kept.size <= CUBES) break;
      kept.delete(oldest);
    }
    return cube;
  };
  // The cycle figures walk every challenge and vote: kept per snapshot state, viewer class and filters.
  const cycleFor = (s: Snapshot, viewer: Viewer) => (filters: CycleFilters) =>
    snapshots.derived(s, `cycle|${viewerClass(viewer)}|${filters.country ?? ''}|${filters.topic ?? ''}`, () =>
      cycleFigures(s, s.visibleMask(viewer), filters),
    );
  const metricsFor = (s: Snapshot, viewer: Viewer) =>
    snapshots.derived(s, `network|${viewerClass(viewer)}`, () =>
      computeMetrics(collaborationGraph(s, s.visibleMask(viewer))),
    );
  const api: Analytics = {
    async trends(query, viewer) {
      const s = await snapshots.get();
      return trends(s, factsFor(s, viewer), query, viewer, now(), cubeFor(s, viewer), cycleFor(s, viewer));
    },
    async gaps(query, viewer) {
      const s = await snapshots.get();
      return gaps(s, factsFor(s, viewer), query, viewer);
    },
    async network(query, viewer) {
      const s = await snapshots.get();
      return network(s, query, viewer, metricsFor(s, viewer));
    },
    async polls(viewer, pollId) {
      return polls(await snapshots.get(), viewer, pollId);
    },
    async report(viewer) {
      const s = await snapshots.get();
      return renderReport({
        trends: trends(s, factsFor(s, viewer), { limit: 10 }, viewer, now(), cubeFor(s, viewer), cycleFor(s, viewer)),
        gaps: gaps(s, factsFor(s, viewer), { limit: 10 }, viewer),
        network: network(s, { top: 10 }, viewer, metricsFor(s, viewer)),
        now: now(),
        scope:
          viewer.clearance === 'all'
            ? 'a reader cleared for everything'
            : viewer.clearance === 'network'
              ? `a vetted network member${viewer.orgs.length > 0 ? ' (with their organisation’s restricted data)' : ''}`
              : 'the public',
      });
    },
    snapshot: () => snapshots.get(),
    derived: (s, key, compute) => snapshots.derived(s, key, compute),
    invalidate: () => snapshots.invalidate(),
    model: snapshots,
  };
  return api;
}
export { ANALYTICS_ERROR_STATUS, AnalyticsError, isAnalyticsError, parseQuery } from './errors.js';
export { gapsQuerySchema } from './gaps.js';
export { type CollabGraph, collaborationGraph, networkQuerySchema } from './network.js';
export type { Snapshot } from './snapshot.js';
export { SHARED_NAME as SHARED_SNAPSHOT_NAME } from './snapshot.js';
export { savedSnapshotPosition, sharedSnapshotPosition } from './snapshot-file.js';
export { trendsQuerySchema } from './trends.js';
export {
  type ChallengeGap,
  type Community,
  type CountryCollaboration,
  type EmergingTopic,
  type GapsAnswer,
  type GapsQuery,
  type NetworkAnswer,
  type NetworkQuery,
  type OrgCentrality,
  type PollAnswer,
  type TopicGap,
  TREND_MEASURES,
  type TrendMeasure,
  type TrendSeries,
  type TrendsAnswer,
  type TrendsQuery,
} from './types.js';
