/** Events: listing, one event with its agenda proposal, registration (engine/input/events.ts). */
import { graphNode, nodeRef, strings } from './common.js';
import { arr, int, num, obj, type Schema, str } from './json.js';

export const eventView: Schema = obj(
  { event: graphNode, topics: arr(nodeRef), registrations: int(), registered: { type: 'boolean' } },
  ['event', 'topics', 'registrations', 'registered'],
);
export const eventList: Schema = obj({ upcoming: arr(eventView), past: arr(eventView) }, ['upcoming', 'past']);
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
  },
  ['event', 'topics', 'registrations', 'registered', 'agenda'],
);
