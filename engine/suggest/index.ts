/**
 * Suggestions over the analytics snapshot: collaboration suggestions and consortium
 * proposals, for a viewer. The collaboration index is built once per snapshot and viewer
 * class and shared through the analytics cache.
 */
import { type GraphStore, type Viewer, viewerClass } from '../../graph/index.js';
import type { Analytics } from '../analytics/index.js';
import type { Matcher, MatchMode } from '../match/index.js';
import { buildConsortium } from './consortium.js';
import { NeedCache } from './need-cache.js';
import { collabIndex, suggestCollaborations } from './suggest.js';
import type { ConsortiumAnswer, ConsortiumConstraints, SuggestAnswer, SuggestQuery } from './types.js';

export interface Suggester {
  suggest(query: SuggestQuery, viewer: Viewer): Promise<SuggestAnswer>;
  consortium(challengeId: string, constraints: ConsortiumConstraints, viewer: Viewer): Promise<ConsortiumAnswer>;
}

export interface SuggesterOptions {
  readonly store: GraphStore;
  readonly analytics: Analytics;
  readonly matcher: Matcher;
  /** Retrieval mode for match-need inside suggestions: hybrid when the model is there, else lexical. */
  readonly mode: MatchMode;
  /** The engine's clock (default the system's): where the recent-work window of the collaboration index ends. */
  readonly now?: () => Date;
}

export function createSuggester(o: SuggesterOptions): Suggester {
  const needs = new NeedCache();
  return {
    async suggest(query, viewer) {
      const snapshot = await o.analytics.snapshot();
      const index = o.analytics.derived(snapshot, `collab|${viewerClass(viewer)}`, () =>
        collabIndex(snapshot, viewer, o.now?.()),
      );
      return suggestCollaborations(
        {
          snapshot,
          index,
          matcher: needs.matcher(o.matcher, snapshot.revision),
          mode: o.mode,
          memo: (key, compute) => o.analytics.derived(snapshot, `suggest|${viewerClass(viewer)}|${key}`, compute),
        },
        query,
        viewer,
      );
    },
    async consortium(challengeId, constraints, viewer) {
      const snapshot = await o.analytics.snapshot();
      return buildConsortium(
        { snapshot, matcher: needs.matcher(o.matcher, snapshot.revision), mode: o.mode },
        challengeId,
        constraints,
        viewer,
      );
    },
  };
}
export type {
  ConsortiumAnswer,
  ConsortiumConstraints,
  OrgRef,
  SuggestAnswer,
  SuggestFor,
  Suggestion,
  SuggestQuery,
  TopicalFloor,
} from './types.js';
