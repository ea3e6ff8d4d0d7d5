/** The shape of a matching answer, shared by who-solved, match-need, the CLI, the API and the bots. */
import type { GraphRel, NodeKind, OrgKind } from '../../graph/index.js';
import type { AnswerKind, MatchMode } from './query.js';

export interface PathNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
}

/** A real path in the store: `relationships[i]` joins `nodes[i]` and `nodes[i+1]`, in its stored direction. */
export interface ExplanationPath {
  readonly nodes: readonly PathNode[];
  readonly relationships: readonly GraphRel[];
}

export interface HitSnippet {
  /** The node the text belongs to: the hit itself or the work that is its evidence. */
  readonly node: string;
  readonly field: string;
  readonly text: string;
  /** Words of the text that matched the query, as written. */
  readonly matched: readonly string[];
}

/** The parts of a hit's score, so a reader can tell why it ranks where it does. */
export interface ScoreParts {
  /** Rank of the hit's own text among the viewer's lexical (BM25) candidates of its kind; null when not among them. */
  readonly lexicalRank: number | null;
  /** Rank among the dense (embedding) candidates of its kind; null when not among them. */
  readonly denseRank: number | null;
  /**
   * Reciprocal rank fusion of the two ranks, in [0, 1] (1: first on every side), tempered by
   * how strongly the text matches (share of query terms held, or cosine over the query's best).
   */
  readonly fused: number;
  /** Combined graph evidence in [0, 1]: relevant works this hit produced, led or took part in. */
  readonly evidence: number;
  /** Maturity in [0, 1] of the hit (a work) or of its strongest evidence (a person or organisation). */
  readonly maturity: number;
  /** Recency in (0, 1] of the same. */
  readonly recency: number;
  /** Score before the diversity penalty, in [0, 1]. */
  readonly score: number;
  /** Diversity multiplier in (0, 1]: below 1 when hits from the same project rank above it. */
  readonly diversity: number;
  readonly final: number;
}

export interface EvidenceItem {
  readonly work: PathNode;
  /** How the hit is tied to the work: `produced`, `coordinator`, `participant of the project behind it`… */
  readonly role: string;
  /** What this work added, in [0, 1]. */
  readonly contribution: number;
  /**
   * Cosine of the work's own text to the query (match-need: to the need's text), when the work
   * was among the dense candidates: how closely the work is about what was asked.
   */
  readonly similarity?: number;
  /** match-need: the asked challenge, when the work is stored as ADDRESSING it. */
  readonly addresses?: string;
}

export interface Hit {
  /** 1-based position in the answer. */
  readonly rank: number;
  readonly id: string;
  readonly kind: AnswerKind;
  readonly label: string;
  readonly country?: string;
  readonly orgKind?: OrgKind;
  readonly trl?: number;
  readonly resultType?: string;
  readonly date?: string;
  /** Events: whether it is held online, and the city it is held in. */
  readonly online?: boolean;
  readonly city?: string;
  /** One line: why this hit is here. */
  readonly why: string;
  readonly scores: ScoreParts;
  /** From the evidence (a matched work or challenge) to the hit. */
  readonly path: ExplanationPath;
  readonly snippets: readonly HitSnippet[];
  /** Strongest works behind the hit, best first (at most 3). */
  readonly evidence: readonly EvidenceItem[];
}

export interface Abstention {
  /** One sentence: why there is no answer. */
  readonly reason: string;
  /** What to do instead: raise the need as a challenge, so that whoever can solve it sees it. */
  readonly suggestion: 'raise-challenge';
  /** The best meaning match found, the floor it had to clear, and the share of the words one work held. */
  readonly support: {
    readonly kind: string | null;
    readonly cosine: number;
    readonly weakFloor: number | null;
    readonly strongFloor: number | null;
    readonly lexicalCoverage: number;
  };
}

/** An open challenge on the asked need: others need this too. */
export interface RelatedChallenge {
  readonly id: string;
  readonly title: string;
  /** How closely it matches the question (its own fused match), in [0, 1]. */
  readonly relevance: number;
  /** Votes as the viewer sees them. */
  readonly votes: { readonly count: number; readonly up: number; readonly down: number; readonly score: number };
}

/** How a question not in English was read (engine/match/language.ts). */
export interface AnswerLanguage {
  /** ISO 639-1 code, as detected. */
  readonly code: string;
  readonly name: string;
  /** Whether meaning-based (dense) matching took part. */
  readonly meaning: boolean;
  /** The sentence model that read it, when `meaning`. */
  readonly model?: string;
  /** Present when meaning-based matching did not take part: why, in words. */
  readonly note?: string;
}

/** A discoverable restricted work as a viewer who may not see it is told of it: no title, text, id or date. */
export interface RestrictedHit {
  /** Opaque, per viewer, keyed one-way: what an introduction request names. */
  readonly handle: string;
  readonly kind: 'Project' | 'Result' | 'Document';
  /** The owning organisation's kind; null when the work has no owner record. */
  readonly orgKind: OrgKind | null;
  /** The owning organisation's country; null when it has none. */
  readonly country: string | null;
}

export interface Answer {
  /** The query text as searched (for match-need: the challenge's text). */
  readonly query: string;
  /** Terms the lexical side searched for. */
  readonly terms: readonly string[];
  readonly mode: MatchMode;
  readonly filters: {
    readonly country?: string;
    readonly orgKind?: OrgKind;
    readonly minTrl?: number;
    readonly kinds: readonly AnswerKind[];
    /** Hits in all. */
    readonly limit: number;
    /** Hits of each kind at most, when asked for. */
    readonly perKind?: number;
  };
  /** Best first; at most `limit` in all and `perKind` of each kind. */
  readonly hits: readonly Hit[];
  /** Present when `hits` is empty: why, in words. */
  readonly empty?: string;
  /**
   * Present when the matcher chose not to answer: nothing in the network is close enough to
   * the question (engine/match/abstain.ts). `hits` is then empty and `empty` says so in words.
   */
  readonly abstained?: Abstention;
  /**
   * Present when the question is not in English: the language it was read in, and whether
   * meaning-based matching covers it (when not, the hits come from shared words only).
   */
  readonly language?: AnswerLanguage;
  /** Open challenges that ask for the same thing, most relevant first (absent when none is close). */
  readonly related?: readonly RelatedChallenge[];
  /**
   * Hit/no-hit (engine/discover): discoverable restricted works the viewer may not see that match
   * the question, each with nothing but its kind, its owner's organisation kind and country and a
   * handle to ask for an introduction. Absent when there are none.
   */
  readonly restricted?: readonly RestrictedHit[];
  readonly stats: {
    /** Visible candidates each side brought, over all kinds. */
    readonly lexical: number;
    readonly dense: number;
    /** Store walks for evidence. */
    readonly walks: number;
    readonly ms: number;
    /** Milliseconds per phase: retrieval (embedding, BM25, vector search, store re-read), evidence walks, ranking. */
    readonly phases: { readonly retrieve: number; readonly evidence: number; readonly rank: number };
  };
}
