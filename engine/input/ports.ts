/**
 * What the write side needs of the engine. engine/service.ts composes the engine out of this
 * folder (similar challenges, catching up after a write), so this folder names the part of it
 * it uses instead of importing the Engine back: the dependency runs one way, service → input.
 * The Engine satisfies this interface as it is.
 */
import type { GraphNode, GraphStore, Viewer } from '../../graph/index.js';
import type { GapsAnswer, GapsQuery } from '../analytics/index.js';
import type { SuggestAnswer, SuggestQuery } from '../suggest/index.js';
import type { SimilarAnswer, SimilarOptions } from './similar.js';
import type { AfterWriteReport } from './sync.js';

export interface InputEngine {
  readonly store: GraphStore;
  /** Stored challenges closest to a text, best first; throws MatchError on an empty text or a bad limit. */
  similarChallenges(text: string, viewer: Viewer, options?: SimilarOptions): Promise<SimilarAnswer>;
  /** Catches every read model up after a write; failures are reported, not thrown. */
  afterWrite(nodes: readonly GraphNode[], removedIds?: readonly string[]): Promise<AfterWriteReport>;
  /** Demand against mature results (polls from the top gaps, an event's agenda). */
  gaps(query: GapsQuery, viewer: Viewer): Promise<GapsAnswer>;
  /** Cross-border collaboration suggestions with their evidence (an event's "who should meet here"). */
  suggest(query: SuggestQuery, viewer: Viewer): Promise<SuggestAnswer>;
}
