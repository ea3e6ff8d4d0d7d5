/** Events: listing, one event with its agenda proposal, registration (engine/input/events.ts). */
import { graphNode, nodeRef, strings } from './common.js';
import { arr, int, num, obj, type Schema, str } from './json.js';

export const eventView: Schema = obj(
  { event: graphNode, topics: arr(nodeRef), registrations: int(), registered: { type: 'boolean' } },
  ['event', 'topics', 'registrations', 'registered'],
);
export const eventList: Schema = obj({ upcoming: arr(eventView), past: arr(eventView) }, ['upcoming', 'past']);
const org: Schema = obj({ id: str(), name: str(), country: str(), orgKind: str() }, ['id', 'name']);
const side: Schema = obj({ person: nodeRef, organisation: org }, ['person', 'organisation']);
const meeting: Schema = obj(
  {
    a: side,
    b: side,
    score: num(),
    why: str(),
    scores: obj({ link: num(), complementarity: num(), topical: num(), score: num() }, ['score']),
    complements: arr(obj({}, [])),
    sharedTopics: arr(obj({ id: str(), label: str() }, ['id', 'label'])),
    via: arr(org),
  },
  ['a', 'b', 'score', 'why', 'scores', 'complements', 'sharedTopics', 'via'],
);

export const eventDetail: Schema = obj(
  {
    ...(eventView as { properties: Record<string, Schema> }).properties,
    agenda: arr(
      obj(
        {
          id: str(),
          title: str(),
          country: str(),
          topics: strings,
          votes: num(),
          bestMaturity: num(),
          addressedBy: int(),
        },
        ['id', 'title', 'topics', 'votes'],
      ),
    ),
    meet: arr(meeting, {
      description: 'Who should meet here: pairs of registrants the suggestion engine puts together, best first',
    }),
  },
  ['event', 'topics', 'registrations', 'registered', 'agenda', 'meet'],
);
