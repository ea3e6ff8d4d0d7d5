/** who-solved and match-need: the query parameters and the answer (engine/match/answer.ts). */

import { ANSWER_KINDS, MATCH_MODES, MAX_LIMIT } from '../../../engine/match/index.js';
import { ORG_KINDS } from '../../../graph/index.js';
import { countryParam, graphRel, nodeRef, strings } from './common.js';
import { arr, bool, int, nullable, num, obj, type Schema, str, strictObj } from './json.js';

const filterProps: Record<string, Schema> = {
  country: countryParam,
  orgKind: str({
    enum: [...ORG_KINDS],
    description: 'Only organisations of this kind, and people and works tied to one',
  }),
  minTrl: int({ minimum: 1, maximum: 9, description: 'Only results at this TRL or above, and who made them' }),
  limit: int({ minimum: 1, maximum: MAX_LIMIT, description: 'Answers in all (default 10)' }),
  perKind: int({ minimum: 1, maximum: MAX_LIMIT, description: 'At most this many answers of each kind' }),
  kinds: arr(str({ enum: [...ANSWER_KINDS] }), {
    minItems: 1,
    description: 'Kinds to answer with (repeat the parameter: kinds=Person&kinds=Result); default all',
  }),
  mode: str({
    enum: [...MATCH_MODES],
    description:
      'hybrid: words and meaning; lexical: words only; dense: meaning only. Default: hybrid when the server has a sentence model, else lexical',
  }),
};

export const whoSolvedQuery: Schema = strictObj(
  {
    // The matcher counts characters after collapsing white space (at most 1,000) and says so; this bound only stops abuse.
    text: str({
      minLength: 1,
      maxLength: 4_000,
      description: 'The need in a few words, e.g. "drone detection at prisons"',
    }),
    ...filterProps,
  },
  ['text'],
);

export const matchQuery: Schema = strictObj(filterProps);

const pathNode = nodeRef;

/** engine/match/answer.ts RestrictedHit: deliberately closed, so nothing else of a hidden work can pass. */
export const restrictedHit: Schema = {
  ...obj(
    {
      handle: str({ description: 'Opaque and yours alone: names the work in an introduction request' }),
      kind: str({ enum: ['Project', 'Result', 'Document'] }),
      orgKind: nullable(str({ enum: [...ORG_KINDS] })),
      country: nullable(str()),
    },
    ['handle', 'kind', 'orgKind', 'country'],
  ),
  additionalProperties: false,
};

const hit: Schema = obj(
  {
    rank: int(),
    id: str(),
    kind: str({ enum: [...ANSWER_KINDS] }),
    label: str(),
    country: str(),
    orgKind: str(),
    trl: int(),
    resultType: str(),
    date: str(),
    online: bool({ description: 'Events: held online' }),
    city: str({ description: 'Events: the city it is held in' }),
    why: str({ description: 'One line: why this hit is here' }),
    scores: obj(
      {
        lexicalRank: nullable(int()),
        denseRank: nullable(int()),
        fused: num(),
        evidence: num(),
        maturity: num(),
        recency: num(),
        score: num(),
        diversity: num(),
        final: num(),
      },
      ['lexicalRank', 'denseRank', 'fused', 'evidence', 'maturity', 'recency', 'score', 'diversity', 'final'],
    ),
    path: obj(
      {
        nodes: arr(pathNode),
        relationships: arr(graphRel, {
          description: 'relationships[i] joins nodes[i] and nodes[i+1], in its stored direction',
        }),
      },
      ['nodes', 'relationships'],
      { description: 'The explanation: a real path in the graph from the evidence to the hit' },
    ),
    snippets: arr(
      obj({ node: str(), field: str(), text: str(), matched: strings }, ['node', 'field', 'text', 'matched']),
    ),
    evidence: arr(
      obj(
        {
          work: pathNode,
          role: str(),
          contribution: num(),
          similarity: num({ description: "Cosine of the work's text to the query, when among the dense candidates" }),
          addresses: str({ description: 'match-need: the asked challenge, when the work is stored as addressing it' }),
        },
        ['work', 'role', 'contribution'],
      ),
    ),
  },
  ['rank', 'id', 'kind', 'label', 'why', 'scores', 'path', 'snippets', 'evidence'],
);

export const answer: Schema = obj(
  {
    query: str(),
    terms: strings,
    mode: str({ enum: [...MATCH_MODES] }),
    model: nullable(str({ description: 'The sentence model of the dense side, null when there is none' })),
    filters: obj(
      {
        country: str(),
        orgKind: str(),
        minTrl: int(),
        kinds: strings,
        limit: int(),
        perKind: int(),
      },
      ['kinds', 'limit'],
    ),
    hits: arr(hit),
    empty: str({ description: 'Present when there are no hits: why' }),
    language: obj(
      {
        code: str({ description: 'ISO 639-1 code of the language the question was read in' }),
        name: str(),
        meaning: bool({ description: 'Whether meaning-based (dense) matching took part' }),
        model: str({ description: 'The sentence model that read the question, when meaning is true' }),
        note: str({
          description:
            'Present when meaning-based matching does not cover the language: the hits come only from words the question shares with the texts',
        }),
      },
      ['code', 'name', 'meaning'],
      { description: 'Present when the question is not in English' },
    ),
    related: arr(
      obj(
        {
          id: str(),
          title: str(),
          relevance: num(),
          votes: obj({ count: int(), up: int(), down: int(), score: num() }, ['count', 'up', 'down', 'score']),
        },
        ['id', 'title', 'relevance', 'votes'],
      ),
      { description: 'Open challenges on the same need, with their votes: others need this too' },
    ),
    abstained: obj(
      {
        reason: str(),
        suggestion: str({
          enum: ['raise-challenge'],
          description: 'Raise the need as a challenge (POST /api/challenges)',
        }),
        support: obj(
          {
            kind: nullable(str()),
            cosine: num(),
            weakFloor: nullable(num()),
            strongFloor: nullable(num()),
            lexicalCoverage: num(),
          },
          ['kind', 'cosine', 'weakFloor', 'strongFloor', 'lexicalCoverage'],
        ),
      },
      ['reason', 'suggestion', 'support'],
      {
        description:
          'Present when nothing in the network is close enough to the question: the hits are empty on purpose',
      },
    ),
    restricted: arr(restrictedHit, {
      description:
        "Hit/no-hit: discoverable restricted works you may not see that match, with nothing but their kind and their owner organisation's kind and country; ask for access with POST /api/introductions { work: handle }. Absent when none",
    }),
    stats: obj(
      {
        lexical: int(),
        dense: int(),
        walks: int(),
        ms: num(),
        phases: obj({ retrieve: num(), evidence: num(), rank: num() }, ['retrieve', 'evidence', 'rank']),
      },
      ['lexical', 'dense', 'walks', 'ms', 'phases'],
    ),
  },
  ['query', 'terms', 'mode', 'model', 'filters', 'hits', 'stats'],
);
