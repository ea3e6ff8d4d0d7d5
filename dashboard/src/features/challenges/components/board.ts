/**
 * The board's arrangement of the API's list: one column per status a need moves through, most
 * supported first, and each duplicate under the challenge it was merged into (its votes moved
 * there). A duplicate whose survivor is not on the board (filtered out, or not visible to the
 * viewer) stays findable in the Closed column, marked as a duplicate.
 */
import type { Challenge, ChallengeList, ChallengeStatus, VoteTally } from '../../../lib/cycle-types.js';

export const COLUMNS = ['open', 'in-progress', 'addressed', 'closed'] as const satisfies readonly ChallengeStatus[];
export type Column = (typeof COLUMNS)[number];

export interface Card {
  readonly challenge: Challenge;
  readonly votes: VoteTally;
  readonly topics: readonly string[];
  readonly duplicates: readonly Card[];
}

export function arrangeBoard(list: ChallengeList, topic: string): Record<Column, Card[]> {
  const shown = list.items.filter((i) => topic === '' || i.topics.includes(topic));
  const byId = new Map(shown.map((i) => [i.challenge.id, i]));
  const duplicatesOf = new Map<string, Card[]>();
  const board: Record<Column, Card[]> = { open: [], 'in-progress': [], addressed: [], closed: [] };
  const card = (i: ChallengeList['items'][number]): Card => ({
    challenge: i.challenge,
    votes: i.votes,
    topics: i.topics,
    duplicates: duplicatesOf.get(i.challenge.id) ?? [],
  });
  for (const i of shown) {
    const survivor = i.challenge.duplicateOf;
    if (i.challenge.status === 'duplicate' && survivor !== undefined && byId.has(survivor)) {
      duplicatesOf.set(survivor, [...(duplicatesOf.get(survivor) ?? []), card(i)]);
    }
  }
  for (const i of shown) {
    const { status, duplicateOf } = i.challenge;
    if (status === 'duplicate') {
      if (duplicateOf === undefined || !byId.has(duplicateOf)) board.closed.push(card(i));
      continue;
    }
    board[status].push(card(i));
  }
  // Most supported first; the title breaks ties so the order is the same on every load.
  for (const column of COLUMNS) {
    board[column].sort(
      (a, b) => b.votes.score - a.votes.score || a.challenge.title.localeCompare(b.challenge.title, 'en'),
    );
  }
  return board;
}
