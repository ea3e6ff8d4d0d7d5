/** Contact routes (engine/contact): the caller sets their own; vetted members read anyone's they may see. */
import type { FastifyInstance } from 'fastify';
import { contactRoute, setContactRoute } from '../../../engine/contact/index.js';
import { CHAT_PLATFORMS, CONTACT_ROUTES } from '../../../graph/index.js';
import { actorOf, principalOf } from '../plugins/app/auth.js';
import { BODY_ERRORS, errors, idParams, noQuery, PATH_ERRORS } from '../schemas/common.js';
import { obj, str, strictObj } from '../schemas/json.js';
import { WRITERS } from './challenges.js';

const contactView = obj(
  {
    person: str(),
    route: str({ enum: [...CONTACT_ROUTES] }),
    platform: str({ enum: [...CHAT_PLATFORMS], description: 'With route chat' }),
    handle: str({ description: 'With route chat: the user id on that platform' }),
    inc: obj({ id: str(), name: str(), country: str() }, ['id', 'name', 'country'], {
      description: "With route inc: the INC of the person's country, when you may see it",
    }),
  },
  ['person', 'route'],
);

// Only the shape here; the engine checks which fields go with which route and each platform's handle form.
const contactBody = strictObj(
  {
    route: str({ enum: [...CONTACT_ROUTES], description: 'chat: reach me on a chat platform; inc: through my INC' }),
    platform: str({ enum: [...CHAT_PLATFORMS] }),
    handle: str({
      maxLength: 300,
      description: 'Your user id on the platform (Slack U…, Discord digits, Matrix @you:server)',
    }),
  },
  ['route'],
);

export default async function contactRoutes(app: FastifyInstance): Promise<void> {
  app.put<{ Body: unknown }>(
    '/api/me/contact',
    {
      // Every role: a route is the caller's own, not a write to shared data.
      config: { auth: { roles: [...WRITERS, 'policy'] } },
      schema: {
        tags: ['people'],
        summary:
          'Set how you prefer to be reached: your chat handle, or through your INC (seen by vetted members only)',
        querystring: noQuery,
        body: contactBody,
        response: { 200: contactView, ...errors(...BODY_ERRORS) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return setContactRoute(app.engine.store, req.body, { viewer: actor.viewer, person: actor.person });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/people/:id/contact',
    {
      schema: {
        tags: ['people'],
        summary: "A person's preferred contact route; 404 when there is none you may see",
        querystring: noQuery,
        params: idParams,
        response: { 200: contactView, ...errors(404, ...PATH_ERRORS) },
      },
    },
    async (req) => contactRoute(app.engine.store, req.params.id, principalOf(req).viewer),
  );
}
