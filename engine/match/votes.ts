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
  return (await tallyChallenges(store, [challengeId], viewer)).get(challengeId) as VoteTally;
}

/**
 * Votes on each of `challengeIds` as the viewer sees them, keyed by id (every id present; one the
 * viewer may not see counts the visible votes only, as tallyChallenge does). Two store reads
 * whatever the number of challenges: a list of them costs what one does, not two round trips each
 * (a board of 40 challenges was 80 queries, seconds on a loaded Neo4j).
 */
export async function tallyChallenges(
  store: GraphStore,
  challengeIds: readonly string[],
  viewer: Viewer,
): Promise<Map<string, VoteTally>> {
  const tallies = new Map<string, { count: number; up: number; down: number; score: number }>();
  for (const id of challengeIds) tallies.set(id, { count: 0, up: 0, down: 0, score: 0 });
  const add = (id: string, v: number) => {
    const t = tallies.get(id);
    if (t === undefined) return;
    t.count++;
    t.score += v;
    if (v > 0) t.up++;
    else if (v < 0) t.down++;
  };
  const ids = [...tallies.keys()];
  if (ids.length === 0) return tallies;
  let cursor: string | undefined;
  do {
    const page = await store.relationships(
      { type: 'VOTED', to: ids, limit: 10_000, ...(cursor === undefined ? {} : { cursor }) },
      viewer,
    );
    for (const r of page.items) add(r.to, r.value ?? 0);
    cursor = page.next;
  } while (cursor !== undefined);
  // Votes of erased people, kept anonymously on the challenge (graph/model.ts erasedVotes).
  for (const node of await store.getNodes(ids, viewer)) {
    if (node.kind !== 'Challenge') continue;
    for (const entry of node.erasedVotes ?? []) add(node.id, Number(erasedVoteValue(entry)));
  }
  return tallies;
}
