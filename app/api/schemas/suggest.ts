/** Collaboration suggestions and consortium proposals (engine/suggest/types.ts). */
import { countryParam, id, strings } from './common.js';
import { arr, bool, int, nullable, num, obj, type Schema, str, strictObj } from './json.js';

export const suggestionsQuery: Schema = strictObj({
  person: { ...id, description: 'Suggestions for this person’s organisations' },
  organisation: { ...id, description: 'Suggestions for this organisation' },
  country: { ...countryParam, description: 'Suggestions for the organisations of this country' },
  inc: { ...id, description: 'Suggestions for the country an INC coordinates' },
  limit: int({ minimum: 1, maximum: 100, description: 'Default 10' }),
});

export const consortiumQuery: Schema = strictObj(
  {
    challenge: { ...id, description: 'The challenge the consortium should answer' },
    minCountries: int({ minimum: 1, maximum: 20, description: 'Default 3' }),
    maxCountryShare: num({ exclusiveMinimum: 0, maximum: 1, description: 'Default 0.5: no country over half' }),
    minLea: int({ minimum: 0, maximum: 20, description: 'Law-enforcement members at least (default 1)' }),
    size: int({ minimum: 2, maximum: 20, description: 'Members (default 6)' }),
    exclude: arr(countryParam, { maxItems: 50, description: 'Countries to leave out (repeat the parameter)' }),
  },
  ['challenge'],
);

const orgRef: Schema = obj({ id: str(), name: str(), country: str(), orgKind: str() }, ['id', 'name']);

/** A work named as evidence, by id and title, so a reader can look it up and judge the claim. */
const workRef: Schema = obj({ id: str(), title: str(), kind: str() }, ['id', 'title', 'kind']);

const topicalFloor: Schema = obj(
  {
    basis: str({
      enum: ['calibrated', 'declared-only'],
      description:
        'calibrated: per-kind cosine floors from off-topic probe questions; declared-only: no meaning-based matching (lexical mode), only works stored as addressing a need count',
    }),
    floors: obj({}, [], {
      additionalProperties: num(),
      description: 'Cosine floor per work kind a need-to-work similarity must clear',
    }),
    how: str(),
  },
  ['basis', 'floors', 'how'],
  { description: 'The floor a "this work answers your need" claim must clear' },
);

export const suggestAnswer: Schema = obj(
  {
    for: obj({ person: str(), organisation: str(), country: str(), inc: str() }, []),
    origins: arr(orgRef),
    suggestions: arr(
      obj(
        {
          rank: int(),
          from: orgRef,
          to: orgRef,
          scores: obj({ link: num(), complementarity: num(), topical: num(), score: num() }, [
            'link',
            'complementarity',
            'topical',
            'score',
          ]),
          why: str({ description: 'One line: the claims and the works behind them, named with their ids' }),
          via: arr(orgRef),
          complements: arr(
            obj(
              {
                need: obj({ id: str(), title: str(), side: str({ enum: ['from', 'to'] }) }, ['id', 'title', 'side']),
                answer: workRef,
                basis: str({ enum: ['addresses', 'similarity', 'topic'] }),
                similarity: nullable(num({ description: 'Need-to-work cosine, when known' })),
                floor: nullable(num({ description: 'The floor the similarity cleared' })),
              },
              ['need', 'answer', 'basis', 'similarity', 'floor'],
            ),
            { description: 'Only claims with topical support' },
          ),
          proximityOnly: obj(
            {
              closest: obj(
                {
                  need: obj({ id: str(), title: str() }, ['id', 'title']),
                  work: workRef,
                  similarity: nullable(num()),
                  floor: nullable(num()),
                },
                ['need', 'work', 'similarity', 'floor'],
              ),
            },
            [],
            {
              description:
                'Present when no claim has topical support: the suggestion rests on network proximity; the closest work to a need and the floor it missed',
            },
          ),
          sharedTopics: arr(obj({ id: str(), label: str() }, ['id', 'label'])),
        },
        ['rank', 'from', 'to', 'scores', 'why', 'via', 'complements', 'sharedTopics'],
      ),
    ),
    needs: arr(obj({ id: str(), title: str() }, ['id', 'title'])),
    topicalFloor,
    empty: str(),
  },
  ['for', 'origins', 'suggestions', 'needs', 'topicalFloor'],
);

const member: Schema = obj(
  {
    org: orgRef,
    role: str({ enum: ['practitioner', 'research', 'industry', 'public'] }),
    coordinator: bool(),
    covers: strings,
    evidence: arr(
      obj(
        {
          id: str(),
          title: str(),
          kind: str(),
          maturity: num(),
          basis: str({ enum: ['addresses', 'similarity', 'topic', 'raised'] }),
          similarity: nullable(num()),
        },
        ['id', 'title', 'kind', 'maturity', 'basis', 'similarity'],
      ),
      { description: 'The supported works behind the seat' },
    ),
    coordinated: int({ description: 'Projects it coordinated, visible to you' }),
    why: str({ description: 'One line naming the works behind the member' }),
    score: num(),
  },
  ['org', 'role', 'coordinator', 'covers', 'evidence', 'coordinated', 'why', 'score'],
);

export const consortiumAnswer: Schema = obj(
  {
    challenge: obj({ id: str(), title: str() }, ['id', 'title']),
    constraints: obj(
      {
        minCountries: int(),
        maxCountryShare: num(),
        minLea: int(),
        size: int(),
        excludeCountries: strings,
      },
      ['minCountries', 'maxCountryShare', 'minLea', 'size', 'excludeCountries'],
    ),
    subTopics: strings,
    members: arr(member),
    checks: arr(obj({ constraint: str(), met: { type: 'boolean' }, detail: str() }, ['constraint', 'met', 'detail'])),
    alternatives: arr(obj({ reason: str(), members: arr(member) }, ['reason', 'members'])),
    uncovered: strings,
    gaps: arr(obj({ subTopic: str(), reason: str() }, ['subTopic', 'reason']), {
      description: 'Sub-topics nobody in the network visible to you has relevant work for',
    }),
    coordinator: obj({ id: str(), why: str() }, ['id', 'why']),
    topicalFloor,
  },
  ['challenge', 'constraints', 'subTopics', 'members', 'checks', 'alternatives', 'uncovered', 'gaps', 'topicalFloor'],
);
