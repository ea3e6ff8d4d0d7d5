/**
 * The shapes analytics answers in, shared by the CLI, the HTTP API, the dashboard and the bots.
 * Every answer is computed for one viewer: nodes the viewer may not see are neither counted
 * nor named, and relationships count only when both ends are visible.
 */
import type { NodeKind } from '../../graph/index.js';

export type TrendUnit = 'year' | 'quarter';
export type TrendBy = 'topic' | 'country';
/** What a trend counts: challenges raised, projects started, results and deliverables produced. */
export const TREND_MEASURES = ['challenges', 'projects', 'results'] as const;
export type TrendMeasure = (typeof TREND_MEASURES)[number];

export interface TrendsQuery {
  /** Series per topic (default) or per country. */
  readonly by?: TrendBy;
  readonly unit?: TrendUnit;
  /** Inclusive bounds on the node's date, `YYYY` or `YYYY-MM-DD`. */
  readonly from?: string;
  readonly to?: string;
  /** Keep only nodes tied to this country (ISO code as stored, e.g. `BE`). */
  readonly country?: string;
  /** Keep only nodes about this topic id. */
  readonly topic?: string;
  /** Emerging series need at least this many nodes in the recent window (default 5). */
  readonly minSupport?: number;
  /** At most this many series, largest first (default 20). */
  readonly limit?: number;
}

export interface TrendSeries {
  /** Topic id or country code. */
  readonly key: string;
  readonly label: string;
  /** One number per bucket of `TrendsAnswer.buckets`, per measure. */
  readonly counts: Readonly<Record<TrendMeasure, readonly number[]>>;
  readonly total: number;
  /**
   * Growth of the recent window (last `window` buckets) over the one before, as a ratio minus 1
   * (0.5 = +50 %); null when the earlier window is empty.
   */
  readonly growth: number | null;
}

export interface EmergingTopic {
  readonly key: string;
  readonly label: string;
  readonly recent: number;
  readonly previous: number;
  /** Smoothed growth: (recent + 1) / (previous + 1) − 1, so a first appearance does not read as infinite. */
  readonly growth: number;
}

/** Challenges and how many of them are addressed, for one topic or country. */
export interface CycleShare {
  /** Topic id or country code. */
  readonly key: string;
  readonly label: string;
  /** Challenges (duplicates left out: they count through their survivor). */
  readonly challenges: number;
  readonly addressed: number;
  /** addressed / challenges, in [0, 1]. */
  readonly share: number;
}

/** The network's own cycle: raised → addressed, and who takes part. */
export interface CycleFigures {
  readonly challenges: number;
  readonly addressed: number;
  /** Days from raised (the challenge's date) to addressed (its last status change), over those with both dates. */
  readonly daysToAddressed: { readonly count: number; readonly median: number | null; readonly mean: number | null };
  /** Most challenges first. */
  readonly byTopic: readonly CycleShare[];
  readonly byCountry: readonly CycleShare[];
  /**
   * Per country: challenges raised there; votes on challenges, comments, poll answers and survey
   * answers by people of the country; most active first.
   */
  readonly participation: readonly {
    readonly country: string;
    readonly challenges: number;
    readonly votes: number;
    readonly comments: number;
    readonly pollAnswers: number;
    readonly surveyAnswers: number;
  }[];
}

export interface TrendsAnswer {
  readonly by: TrendBy;
  readonly unit: TrendUnit;
  /** Bucket labels in time order: `2021` or `2021-Q3`. */
  readonly buckets: readonly string[];
  readonly series: readonly TrendSeries[];
  /** Totals per bucket over everything visible and in the filters (not only the listed series). */
  readonly totals: Readonly<Record<TrendMeasure, readonly number[]>>;
  /** Buckets per growth window. */
  readonly window: number;
  readonly emerging: readonly EmergingTopic[];
  /** The cycle figures under the same country and topic filters (not bounded by from/to). */
  readonly cycle: CycleFigures;
  /** Present when there is nothing to show: why, in words. */
  readonly empty?: string;
}

export interface GapsQuery {
  readonly country?: string;
  /** A result counts as mature at or above this maturity (default 0.6: TRL 6, a prototype or demonstrator). */
  readonly minMaturity?: number;
  readonly limit?: number;
}

export interface TopicGap {
  readonly topic: string;
  readonly label: string;
  /** Challenges about the topic, open or in progress. */
  readonly challenges: number;
  /** Sum of positive votes on those challenges. */
  readonly votes: number;
  /** Demand = challenges + votes / 5 (a vote weighs a fifth of a submitted challenge). */
  readonly demand: number;
  /** Results about the topic (or addressing its challenges) at or above the maturity threshold. */
  readonly matureResults: number;
  readonly results: number;
  /** demand / (1 + matureResults): high when many ask and little mature exists. */
  readonly gap: number;
}

export interface ChallengeGap {
  readonly id: string;
  readonly title: string;
  readonly country?: string;
  readonly topics: readonly string[];
  readonly votes: number;
  /** Best maturity among results that address it directly (0 when none). */
  readonly bestMaturity: number;
  readonly addressedBy: number;
}

export interface GapsAnswer {
  readonly minMaturity: number;
  /** Topics by gap, largest first. */
  readonly topics: readonly TopicGap[];
  /** Open challenges with no mature result addressing them, most voted first. */
  readonly challenges: readonly ChallengeGap[];
  readonly empty?: string;
}

export interface NetworkQuery {
  /** How many organisations to list by centrality (default 20). */
  readonly top?: number;
  readonly country?: string;
}

export interface OrgCentrality {
  readonly id: string;
  readonly name: string;
  readonly country?: string;
  readonly orgKind?: string;
  /** Distinct partners. */
  readonly degree: number;
  /** Normalised betweenness in [0, 1]. */
  readonly betweenness: number;
  readonly community: number;
}

export interface Community {
  readonly id: number;
  readonly size: number;
  /** Largest members, by degree. */
  readonly members: readonly { readonly id: string; readonly name: string }[];
  readonly countries: readonly { readonly country: string; readonly count: number }[];
  /** Most frequent topics of the community's projects. */
  readonly topics: readonly { readonly id: string; readonly label: string; readonly count: number }[];
}

export interface CountryCollaboration {
  readonly country: string;
  readonly organisations: number;
  /** Collaboration links (organisation pairs sharing a project) touching the country. */
  readonly links: number;
  /** Share of those links that cross a border, in [0, 1]. */
  readonly crossBorderIndex: number;
}

export interface NetworkAnswer {
  readonly organisations: number;
  readonly links: number;
  readonly modularity: number;
  readonly central: readonly OrgCentrality[];
  readonly communities: readonly Community[];
  readonly countries: readonly CountryCollaboration[];
  /** Links between each pair of countries: `matrix[i][j]` for `countryOrder[i]`, `countryOrder[j]`. */
  readonly countryOrder: readonly string[];
  readonly matrix: readonly (readonly number[])[];
  readonly empty?: string;
}

export interface PollAnswer {
  readonly id: string;
  readonly question: string;
  readonly closesAt?: string;
  readonly event?: { readonly id: string; readonly title: string };
  readonly options: readonly { readonly option: string; readonly votes: number; readonly share: number }[];
  readonly votes: number;
}

export interface AnalyticsNodeRef {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
}
