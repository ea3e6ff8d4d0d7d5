/**
 * Votes on polls (a question put to the network, often at an event): VOTED {option} from the
 * actor's person. One vote per person per poll; voting again replaces the earlier choice.
 *
 * Contract (kept stable for bots/): votePoll(engine, pollId, actor, option, options?) → PollVoteResult.
 */

import type { GraphStore, Viewer } from '../../graph/index.js';
import { erasedVoteValue, type NodeOf } from '../../graph/index.js';
import { type Actor, isoDay, resolveActor } from './actor.js';
import { InputError, visibleNodeOf } from './errors.js';
import type { InputEngine } from './ports.js';

export type Poll = NodeOf<'Poll'>;

export interface PollTally {
  /** Every option of the poll in its own order, with the votes it got as the viewer sees them. */
  readonly options: readonly { readonly option: string; readonly votes: number }[];
  readonly votes: number;
}

export interface PollVoteResult {
  readonly pollId: string;
  readonly person: string;
  /** The option as the poll spells it. */
  readonly option: string;
  readonly previous?: string;
  readonly tally: PollTally;
}

/** Looks up a poll the viewer may see, or throws ERR_POLL_NOT_FOUND / ERR_NOT_A_POLL. */
export function visiblePoll(store: GraphStore, pollId: unknown, viewer: Viewer): Promise<Poll> {
  return visibleNodeOf(store, pollId, viewer, 'Poll', {
    notFound: 'ERR_POLL_NOT_FOUND',
    wrongKind: 'ERR_NOT_A_POLL',
    noun: 'poll',
  });
}

/** The poll's option matching `option`: exactly, else ignoring case and surrounding space. */
export function matchOption(poll: Poll, option: unknown): string {
  if (typeof option !== 'string' || option.trim() === '') {
    throw new InputError('ERR_INVALID_INPUT', 'option must be one of the poll’s options, as text', 'option');
  }
  const exact = poll.options.find((o) => o === option);
  if (exact !== undefined) return exact;
  const folded = option.trim().toLowerCase();
  const loose = poll.options.filter((o) => o.trim().toLowerCase() === folded);
  if (loose.length === 1 && loose[0] !== undefined) return loose[0];
  throw new InputError(
    'ERR_INVALID_OPTION',
    `"${option}" is not an option of poll ${poll.id}; its options are: ${poll.options.map((o) => `"${o}"`).join(', ')}`,
    'option',
  );
}

export async function votePoll(
  engine: InputEngine,
  pollId: string,
  actor: Actor,
  option: unknown,
  options: { now?: () => Date } = {},
): Promise<PollVoteResult> {
  const store = engine.store;
  const poll = await visiblePoll(store, pollId, actor.viewer);
  const chosen = matchOption(poll, option);
  const { person } = await resolveActor(store, actor);
  if (person === undefined) {
    throw new InputError('ERR_ACTOR_NO_PERSON', 'votes are cast by a person, and the actor has none');
  }
  if (poll.audience !== undefined && person.country !== poll.audience) {
    throw new InputError(
      'ERR_FORBIDDEN',
      `poll ${poll.id} asks the people of ${poll.audience}${person.country === undefined ? '' : `, not of ${person.country}`}`,
    );
  }
  const now = options.now?.() ?? new Date();
  // closesAt is a day or a moment; a day closes at its end (UTC).
  if (poll.closesAt !== undefined) {
    const closes =
      poll.closesAt.length <= 10 ? Date.parse(`${poll.closesAt}T23:59:59.999Z`) : Date.parse(poll.closesAt);
    if (now.getTime() > closes) {
      throw new InputError('ERR_POLL_CLOSED', `poll ${poll.id} closed on ${poll.closesAt}`);
    }
  }
  const before = await store.relationships({ type: 'VOTED', from: [person.id], to: [poll.id], limit: 1 }, actor.viewer);
  const previous = before.items[0]?.option;
  await store.upsert({
    relationships: [{ type: 'VOTED', from: person.id, to: poll.id, option: chosen, date: isoDay(now) }],
  });
  await engine.afterWrite([], []);
  return {
    pollId: poll.id,
    person: person.id,
    option: chosen,
    ...(previous === undefined ? {} : { previous }),
    tally: await tallyPoll(store, poll, actor.viewer),
  };
}

/** Votes per option as the viewer sees them; votes for an option the poll no longer has are left out. */
export async function tallyPoll(store: GraphStore, poll: Poll, viewer: Viewer): Promise<PollTally> {
  const counts = new Map(poll.options.map((o) => [o, 0]));
  let cursor: string | undefined;
  do {
    const page = await store.relationships(
      { type: 'VOTED', to: [poll.id], limit: 10_000, ...(cursor === undefined ? {} : { cursor }) },
      viewer,
    );
    for (const r of page.items) {
      if (r.option !== undefined && counts.has(r.option)) counts.set(r.option, (counts.get(r.option) ?? 0) + 1);
    }
    cursor = page.next;
  } while (cursor !== undefined);
  for (const entry of poll.erasedVotes ?? []) {
    const option = erasedVoteValue(entry);
    if (counts.has(option)) counts.set(option, (counts.get(option) ?? 0) + 1);
  }
  const options = [...counts].map(([option, votes]) => ({ option, votes }));
  return { options, votes: options.reduce((s, o) => s + o.votes, 0) };
}
