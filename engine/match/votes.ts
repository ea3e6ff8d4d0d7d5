/**
 * Votes on a challenge as a viewer sees them. Matching shows them beside related challenges and
 * the write side (engine/input) beside a vote, so the count lives here, below both: input depends
 * on match, never the other way round.
 */
import { erasedVoteValue, type GraphStore, type Viewer } from '../../graph/index.js';
import type { VoteTally } from './vote-types.js';

export type { VoteTally } from './vote-types.js';

/** Votes on a challenge as the viewer sees them. */
export async function tallyChallenge(store: GraphStore, challengeId: string, viewer: Viewer): Promise<VoteTally> {
  let up = 0;
  let down = 0;
  let count = 0;
  let score = 0;
  let cursor: string | undefined;
  do {
    const page = await store.relationships(
      { type: 'VOTED', to: [challengeId], limit: 10_000, ...(cursor === undefined ? {} : { cursor }) },
      viewer,
    );
    for (const r of page.items) {
      const v = r.value ?? 0;
      count++;
      score += v;
      if (v > 0) up++;
      else if (v < 0) down++;
    }
    cursor = page.next;
  } while (cursor !== undefined);
  // Votes of erased people, kept anonymously on the challenge (graph/model.ts erasedVotes).
  const node = await store.getNode(challengeId, viewer);
  if (node?.kind === 'Challenge') {
    for (const entry of node.erasedVotes ?? []) {
      const v = Number(erasedVoteValue(entry));
      count++;
      score += v;
      if (v > 0) up++;
      else if (v < 0) down++;
    }
  }
  return { count, up, down, score };
}
