/** The bottom-up input: raising a challenge, voting on one, voting in a poll (engine/input). */
import { challengeChangeSchema, challengeInputSchema, pollInputSchema } from '../../../engine/input/index.js';
import { CHALLENGE_STATUSES } from '../../../graph/index.js';
import { graphNode, nodeRef, strings } from './common.js';
import { arr, describe, fromZod, int, nullable, num, obj, type Schema, str, strictObj } from './json.js';

export const challengeBody: Schema = describe(fromZod(challengeInputSchema), {
  title: 'The need in one line',
  description: 'What happens, what was tried, what would help',
  area: 'Free-text area, e.g. "Drones and counter-UAS"',
  country: 'Two upper-case letters; default: the country of your person or organisation',
  keywords: 'Chosen words that describe the need',
  topics: 'Topic ids the challenge is about (see /api/facets)',
  visibility: 'network (default): vetted members; public: everyone; restricted: your organisation only',
});

export const challengeVoteBody: Schema = strictObj(
  { value: int({ enum: [1, -1], description: '1: this is a need for us too; -1: it is not' }) },
  ['value'],
);

export const pollVoteBody: Schema = strictObj(
  { option: str({ minLength: 1, maxLength: 500, description: 'One of the poll’s options, as written' }) },
  ['option'],
);

const tally: Schema = obj({ count: int(), up: int(), down: int(), score: num() }, ['count', 'up', 'down', 'score']);

const similar: Schema = obj(
  {
    mode: str(),
    challenges: arr(
      obj(
        {
          id: str(),
          title: str(),
          status: str(),
          country: str(),
          date: str(),
          score: num(),
          lexicalRank: nullable(int()),
          denseRank: nullable(int()),
        },
        ['id', 'title', 'status', 'score', 'lexicalRank', 'denseRank'],
      ),
    ),
  },
  ['mode', 'challenges'],
);

export const submittedChallenge: Schema = obj(
  {
    challenge: graphNode,
    raisedBy: str(),
    topics: strings,
    topicsAssigned: { type: 'boolean', description: 'True when the topics were matched from the vocabulary' },
    similar,
    embedded: { type: 'boolean' },
  },
  ['challenge', 'raisedBy', 'topics', 'topicsAssigned', 'similar', 'embedded'],
);

export const challengePreview: Schema = obj(
  {
    country: str({ description: 'The country it would be raised for: the one given, else yours' }),
    topics: strings,
    topicsAssigned: { type: 'boolean', description: 'True when the topics were matched from the vocabulary' },
    similar,
  },
  ['topics', 'topicsAssigned', 'similar'],
);

export const challengeView: Schema = obj(
  {
    challenge: graphNode,
    topics: arr(nodeRef),
    raisedBy: arr(nodeRef),
    votes: tally,
    myVote: num(),
    moves: arr(str({ enum: [...CHALLENGE_STATUSES] }), {
      description: 'Statuses you may move it to now (PATCH answers 409 for any other)',
    }),
  },
  ['challenge', 'topics', 'raisedBy', 'votes', 'moves'],
);

export const challengeList: Schema = obj(
  {
    items: arr(
      obj({ challenge: graphNode, votes: tally, topics: strings }, ['challenge', 'votes', 'topics'], {
        description: 'topics: ids of the topics you may see the challenge is about',
      }),
    ),
    next: str({ description: 'Cursor of the next page; absent on the last' }),
  },
  ['items'],
);

export const challengeListQuery: Schema = strictObj({
  status: str({ enum: [...CHALLENGE_STATUSES] }),
  country: str({ pattern: '^[A-Za-z]{2}$' }),
  limit: int({ minimum: 1, maximum: 200, description: 'Default 50' }),
  cursor: str({ maxLength: 2_000 }),
});

export const challengeVoteResult: Schema = obj(
  { challengeId: str(), person: str(), value: int(), previous: num(), votes: tally },
  ['challengeId', 'person', 'value', 'votes'],
);

export const pollVoteResult: Schema = obj(
  {
    pollId: str(),
    person: str(),
    option: str(),
    previous: str(),
    tally: obj({ options: arr(obj({ option: str(), votes: int() }, ['option', 'votes'])), votes: int() }, [
      'options',
      'votes',
    ]),
  },
  ['pollId', 'person', 'option', 'tally'],
);

export const challengeChangeBody: Schema = describe(fromZod(challengeChangeSchema), {
  status:
    'The new status: open, in-progress (under analysis), addressed, closed, duplicate. A move that is not allowed is a 409 naming the allowed ones',
  reason: 'Why (kept in the history)',
  addressedBy: 'With addressed: ids of the results, projects or documents that answer the need',
  takeUp: 'With addressed: how the answer is taken up, e.g. "piloted by X since 2026-03"',
  duplicateOf: 'With duplicate: the surviving challenge; the votes move to it',
  topics: 'The challenge’s topics, replacing its current ones',
});

const statusChange: Schema = obj(
  {
    id: str(),
    date: str({ description: 'When (ISO date-time)' }),
    from: str({ enum: [...CHALLENGE_STATUSES] }),
    to: str({ enum: [...CHALLENGE_STATUSES] }),
    reason: str(),
    by: nodeRef,
    addressedBy: strings,
    takeUp: str(),
    duplicateOf: str(),
    votesMoved: int(),
  },
  ['id', 'date', 'from', 'to', 'addressedBy'],
);

export const challengeChangeResult: Schema = obj(
  { challenge: graphNode, change: graphNode, topics: strings, votesMoved: int() },
  ['challenge', 'topics', 'votesMoved'],
);

export const challengeHistoryAnswer: Schema = obj(
  { challengeId: str(), status: str({ enum: [...CHALLENGE_STATUSES] }), items: arr(statusChange) },
  ['challengeId', 'status', 'items'],
);

export const pollBody: Schema = describe(fromZod(pollInputSchema), {
  question: 'The question, e.g. "Which of these should the network prioritise?"',
  options: 'Two or more distinct options, in order (or fromGaps)',
  fromGaps: 'Instead of options: this many of the largest topic gaps (of the audience’s country when given)',
  closesAt: 'A date (closes at its end, UTC) or a date-time, in the future',
  audience: 'Two upper-case letters: only that country’s people answer; absent, the network',
  event: 'The event the poll is held at',
  visibility: 'network (default), public, or restricted to your organisation',
});

export const createdPoll: Schema = obj({ poll: graphNode, createdBy: str() }, ['poll', 'createdBy']);
