/** Shapes of collaboration suggestions and consortium proposals (CLI, API, dashboard, bots). */
import type { OrgKind } from '../../graph/index.js';

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
  /** Needs of one side the other side's results or expertise answer, at most 3. */
  readonly complements: readonly {
    readonly need: { readonly id: string; readonly title: string; readonly side: 'from' | 'to' };
    readonly answer: { readonly id: string; readonly title: string; readonly kind: string };
    readonly similarity: number;
  }[];
  /** Topics both work on, at most 5. */
  readonly sharedTopics: readonly { readonly id: string; readonly label: string }[];
}

export interface SuggestAnswer {
  readonly for: SuggestFor;
  /** The organisations suggestions were computed for. */
  readonly origins: readonly OrgRef[];
  readonly suggestions: readonly Suggestion[];
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
  /** The member best placed to coordinate (most coordinator roles in relevant work, then score). */
  readonly coordinator: boolean;
  /** Sub-topics of the challenge this member covers. */
  readonly covers: readonly string[];
  /** Why: its strongest evidence (works with their maturity). */
  readonly evidence: readonly {
    readonly id: string;
    readonly title: string;
    readonly kind: string;
    readonly maturity: number;
  }[];
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
}
