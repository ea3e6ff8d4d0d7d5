/** Shapes of collaboration suggestions and consortium proposals (CLI, API, dashboard, bots). */
import type { OrgKind } from '../../graph/index.js';

/** The floor a "this work answers your need" claim must clear (./support.ts). */
export interface TopicalFloor {
  /** `calibrated`: per-kind cosine floors from the off-topic probes; `declared-only`: no dense side. */
  readonly basis: 'calibrated' | 'declared-only';
  /** Cosine floor per work kind (Project, Result, Document), rounded; empty when declared-only. */
  readonly floors: Readonly<Record<string, number>>;
  /** One sentence: what the floor is and where it comes from. */
  readonly how: string;
}

/** A work named as evidence: a project, result or document the reader can look up by id. */
export interface WorkRef {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
}

/** Whom suggestions are for: one of these. */
export type SuggestFor =
  | { readonly person: string }
  | { readonly organisation: string }
  | { readonly country: string }
  | { readonly inc: string };

export interface SuggestQuery {
  readonly for: SuggestFor;
  /** Default 10, at most 100. */
  readonly limit?: number;
}

export interface OrgRef {
  readonly id: string;
  readonly name: string;
  readonly country?: string;
  readonly orgKind?: OrgKind;
}

export interface ScoreBreakdown {
  /** Link prediction on the collaboration graph, in [0, 1]. */
  readonly link: number;
  /** Complementarity of needs and results/expertise, by embeddings or topics, in [0, 1]. */
  readonly complementarity: number;
  /** Topic overlap of the two sides' work, in [0, 1]. */
  readonly topical: number;
  readonly score: number;
}

export interface Suggestion {
  readonly rank: number;
  /** The side the suggestion is for (an organisation of the person, country or INC). */
  readonly from: OrgRef;
  /** The suggested partner, across a border. */
  readonly to: OrgRef;
  readonly scores: ScoreBreakdown;
  /** One line: why. */
  readonly why: string;
  /** Partners they share (common neighbours), at most 3. */
  readonly via: readonly OrgRef[];
  /**
   * Needs of one side the other side's work answers, at most 3, each with its topical support:
   * `addresses` (the work is stored as addressing the need), `similarity` (need-to-work cosine
   * over the calibrated floor, both shown) or `topic` (the need is on the topic of the other
   * side's mature result). Only supported claims are listed.
   */
  readonly complements: readonly {
    readonly need: { readonly id: string; readonly title: string; readonly side: 'from' | 'to' };
    readonly answer: WorkRef;
    readonly basis: 'addresses' | 'similarity' | 'topic';
    /** Need-to-work cosine, when known. */
    readonly similarity: number | null;
    /** The floor the similarity was judged against, when there is one. */
    readonly floor: number | null;
  }[];
  /**
   * When no claim has topical support: the suggestion rests on network proximity. The closest
   * work of the candidate to one of your needs is named with its similarity and the floor it missed.
   */
  readonly proximityOnly?: {
    readonly closest?: {
      readonly need: { readonly id: string; readonly title: string };
      readonly work: WorkRef;
      readonly similarity: number | null;
      readonly floor: number | null;
    };
  };
  /** Topics both work on, at most 5. */
  readonly sharedTopics: readonly { readonly id: string; readonly label: string }[];
}

export interface SuggestAnswer {
  readonly for: SuggestFor;
  /** The organisations suggestions were computed for. */
  readonly origins: readonly OrgRef[];
  readonly suggestions: readonly Suggestion[];
  /** The needs suggestions were matched against (most voted first), and the floor a claim must clear. */
  readonly needs: readonly { readonly id: string; readonly title: string }[];
  readonly topicalFloor: TopicalFloor;
  readonly empty?: string;
}

export interface ConsortiumConstraints {
  /** Default 3. */
  readonly minCountries?: number;
  /** Default 0.5: no country over half the members. */
  readonly maxCountryShare?: number;
  /** Default 1. */
  readonly minLea?: number;
  /** Default 6 members, at most 20. */
  readonly size?: number;
  /** Countries to exclude. */
  readonly excludeCountries?: readonly string[];
}

/** practitioner: a law-enforcement body; public: another public body or NGO as end user. */
export type ConsortiumRole = 'practitioner' | 'research' | 'industry' | 'public';

export interface ConsortiumMember {
  readonly org: OrgRef;
  readonly role: ConsortiumRole;
  /** The member best placed to coordinate: the most relevant among those who have coordinated projects. */
  readonly coordinator: boolean;
  /** Sub-topics of the challenge this member covers. */
  readonly covers: readonly string[];
  /**
   * Why: its strongest supported evidence (works with their maturity and topical support).
   * `raised` names the challenge itself when a practitioner raised it; `topic` a project of the
   * member's on one of the challenge's topics.
   */
  readonly evidence: readonly {
    readonly id: string;
    readonly title: string;
    readonly kind: string;
    readonly maturity: number;
    readonly basis: 'addresses' | 'similarity' | 'topic' | 'raised';
    readonly similarity: number | null;
  }[];
  /** Projects this member coordinated (visible to the viewer): experience for the coordinator's seat. */
  readonly coordinated: number;
  /** One line naming the works behind the member. */
  readonly why: string;
  readonly score: number;
}

export interface ConsortiumAnswer {
  readonly challenge: { readonly id: string; readonly title: string };
  readonly constraints: Required<Omit<ConsortiumConstraints, 'excludeCountries'>> & {
    readonly excludeCountries: readonly string[];
  };
  /** The sub-topics the team should cover (the challenge's topics and key terms). */
  readonly subTopics: readonly string[];
  readonly members: readonly ConsortiumMember[];
  /** Which constraints hold. */
  readonly checks: readonly { readonly constraint: string; readonly met: boolean; readonly detail: string }[];
  /** When a constraint cannot be met: the nearest alternatives and why. */
  readonly alternatives: readonly { readonly reason: string; readonly members: readonly ConsortiumMember[] }[];
  readonly uncovered: readonly string[];
  /** Sub-topics nobody in the network (visible to the viewer) has relevant work for: seats left empty rather than filled. */
  readonly gaps: readonly { readonly subTopic: string; readonly reason: string }[];
  /** Why the coordinator was chosen (absent with no members). */
  readonly coordinator?: { readonly id: string; readonly why: string };
  readonly topicalFloor: TopicalFloor;
}
