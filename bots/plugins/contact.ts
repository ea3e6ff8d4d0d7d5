/**
 * `contact here` / `contact inc`: set how you prefer to be reached (this chat account, or through
 * your INC); `contact <personId>`: how to reach someone. Routes are seen by vetted members only
 * (engine/contact): a guest, or a room a guest reads, is told there is none it may see.
 */
import { z } from 'zod';
import { type ContactView, contactRoute, setContactRoute } from '../../engine/contact/index.js';
import { CHAT_PLATFORMS } from '../../graph/index.js';
import { defineCommand } from '../core/command.js';
import { CommandError } from '../core/errors.js';
import { reply } from '../core/reply.js';
import { requirePerson } from './actor.js';

const describeRoute = (c: ContactView): string =>
  c.route === 'chat'
    ? `on ${c.platform ?? 'chat'} as ${c.handle ?? '(no handle)'}`
    : c.inc === undefined
      ? 'through their INC'
      : `through their INC, ${c.inc.name}`;

export const contact = defineCommand({
  name: 'contact',
  summary: 'Set how you prefer to be reached (here, or through your INC), or see how to reach someone.',
  help: '“contact here” makes this chat account your route; “contact inc” routes people through your INC; “contact <person id>” shows a member’s route. Only vetted members see routes.',
  examples: ['here', 'inc', 'demo:person:olivier-dufresnel'],
  args: z.object({
    target: z.string().min(1).describe('here, inc, or a person id'),
  }),
  positional: ['target'],
  // Members only: guests neither set nor see routes.
  permission: 'submit',
  replyPrivately: true,
  // Runs as the asker (their own route, or a lookup as them); a reply shown where guests read goes to a DM.
  writes: true,
  async handler({ args, engine, caller }) {
    const target = args.target.trim();
    if (target === 'here' || target === 'inc') {
      requirePerson(caller, 'set your contact route');
      if (target === 'here' && !(CHAT_PLATFORMS as readonly string[]).includes(caller.platform))
        throw new CommandError(`${caller.platform} is not a platform members can be reached on here.`);
      const set = await setContactRoute(
        engine.store,
        target === 'here' ? { route: 'chat', platform: caller.platform, handle: caller.userId } : { route: 'inc' },
        { viewer: caller.viewer, person: caller.person },
      );
      return reply({
        tone: 'notice',
        text: `Members of the network will now reach you ${describeRoute(set).replace('their', 'your')}. Guests never see it.`,
        visibility: 'network',
      });
    }
    const route = await contactRoute(engine.store, target, caller.viewer);
    return reply({ text: `Reach ${target} ${describeRoute(route)}.`, visibility: 'network' });
  },
});
