/**
 * One challenge as a surface shows it: its topics, who raised it, its votes, the caller's own vote,
 * and the status moves the caller may make (`moves`). The moves come from the rule the status
 * change applies (./lifecycle.ts), here once, so the API, the bots and the dashboard offer exactly
 * what a change would accept.
 */
import { nodeLabel, tallyChallenge } from '../match/index.js';
import type { Actor } from './actor.js';
import type { ChallengeView, NodeRef } from './challenge-types.js';
import { visibleChallenge } from './challenges.js';
import { transitionsOn } from './lifecycle.js';
import type { InputEngine } from './ports.js';

export type { ChallengeView } from './challenge-types.js';

/** A challenge with its topics, who raised it, its votes and the actor's moves, as the actor's viewer sees them. */
export async function readChallenge(engine: InputEngine, challengeId: string, actor: Actor): Promise<ChallengeView> {
  const store = engine.store;
  const challenge = await visibleChallenge(store, challengeId, actor.viewer);
  const around = await store.neighbourhood(
    challenge.id,
    { hops: 1, relTypes: ['ABOUT', 'RAISED'], direction: 'both', limit: 1_000 },
    actor.viewer,
  );
  const ref = (n: (typeof around.nodes)[number]): NodeRef => ({ id: n.id, kind: n.kind, label: nodeLabel(n) });
  const raisers = new Set(around.relationships.filter((r) => r.type === 'RAISED').map((r) => r.from));
  const topics = around.nodes.filter((n) => n.kind === 'Topic').map(ref);
  const raisedBy = around.nodes.filter((n) => raisers.has(n.id)).map(ref);
  let myVote: number | undefined;
  if (actor.person !== undefined) {
    const mine = await store.relationships(
      { type: 'VOTED', from: [actor.person], to: [challenge.id], limit: 1 },
      actor.viewer,
    );
    myVote = mine.items[0]?.value;
  }
  return {
    challenge,
    topics,
    raisedBy,
    votes: await tallyChallenge(store, challenge.id, actor.viewer),
    ...(myVote === undefined ? {} : { myVote }),
    moves: await transitionsOn(store, challenge, actor),
  };
}
