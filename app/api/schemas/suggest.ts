/** Collaboration suggestions and consortium proposals (engine/suggest/types.ts). */
import { countryParam, id, strings } from './common.js';
import { arr, int, num, obj, type Schema, str, strictObj } from './json.js';

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
          why: str(),
          via: arr(orgRef),
          complements: arr(
            obj(
              {
                need: obj({ id: str(), title: str(), side: str({ enum: ['from', 'to'] }) }, ['id', 'title', 'side']),
                answer: obj({ id: str(), title: str(), kind: str() }, ['id', 'title', 'kind']),
                similarity: num(),
              },
              ['need', 'answer', 'similarity'],
            ),
          ),
          sharedTopics: arr(obj({ id: str(), label: str() }, ['id', 'label'])),
        },
        ['rank', 'from', 'to', 'scores', 'why', 'via', 'complements', 'sharedTopics'],
      ),
    ),
    empty: str(),
  },
  ['for', 'origins', 'suggestions'],
);

const member: Schema = obj(
  {
    org: orgRef,
    role: str({ enum: ['practitioner', 'research', 'industry', 'coordinator-candidate'] }),
    covers: strings,
    evidence: arr(obj({ id: str(), title: str(), kind: str(), maturity: num() }, ['id', 'title', 'kind', 'maturity'])),
    score: num(),
  },
  ['org', 'role', 'covers', 'evidence', 'score'],
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
  },
  ['challenge', 'constraints', 'subTopics', 'members', 'checks', 'alternatives', 'uncovered'],
);
