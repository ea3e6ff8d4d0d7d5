/** The bottom-up input: raising a challenge, voting on one, voting in a poll (engine/input). */
import { challengeInputSchema } from '../../../engine/input/index.js';
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
    similar,
    embedded: { type: 'boolean' },
  },
  ['challenge', 'raisedBy', 'topics', 'similar', 'embedded'],
);

export const challengeView: Schema = obj(
  { challenge: graphNode, topics: arr(nodeRef), raisedBy: arr(nodeRef), votes: tally, myVote: num() },
  ['challenge', 'topics', 'raisedBy', 'votes'],
);

export const challengeList: Schema = obj(
  {
    items: arr(obj({ challenge: graphNode, votes: tally }, ['challenge', 'votes'])),
    next: str({ description: 'Cursor of the next page; absent on the last' }),
  },
  ['items'],
);

export const challengeListQuery: Schema = strictObj({
  status: str({ enum: ['open', 'in-progress', 'addressed', 'closed'] }),
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
