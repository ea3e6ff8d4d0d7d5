/**
 * An example third-party plugin: `inc [country]` names the national innovation contact point
 * (INC) for a country, the caller's own by default. It is loaded from the config like any
 * plugin (`"plugins": ["./dist/bots/examples/inc-contact.js"]`) and uses only the plugin API:
 * a module exporting `command`, built with defineCommand, returning a reply.
 */
import { z } from 'zod';
import { CommandError, defineCommand, reply, visibilityOf } from '../core/index.js';

export const command = defineCommand({
  name: 'inc',
  summary: 'Your national innovation contact point (INC), or the one of another country.',
  examples: ['', 'PL'],
  args: z.object({
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/u, 'must be two letters, e.g. BE')
      .optional()
      .describe('the country (two letters); default: yours'),
  }),
  positional: ['country'],
  permission: 'read',
  phrases: [
    {
      pattern:
        /^who is (?:my|our|the) (?:inc|innovation contact point|contact point)(?:\s+(?:for|in)\s+(?<country>[a-z]{2}))?$/iu,
      args: (m) => ({ country: m.groups?.['country'] }),
    },
  ],
  async handler({ args, engine, caller }) {
    const country = (args.country ?? caller.country)?.toUpperCase();
    if (country === undefined)
      throw new CommandError('Which country? e.g. `inc BE` (the bot config does not say yours).');
    const page = await engine.store.list({ kind: 'Inc', where: { country }, limit: 20 }, caller.viewer);
    const incs = page.items.filter((n) => n.kind === 'Inc');
    return reply({
      title: `Innovation contact points in ${country}`,
      text:
        incs.length === 0
          ? `No contact point in ${country} that you may see.`
          : `${incs.length} contact point${incs.length === 1 ? '' : 's'}.`,
      sections:
        incs.length === 0
          ? []
          : [
              {
                title: 'Contact points',
                items: incs.map((n) => ({
                  id: n.id,
                  title: n.name,
                  ...(n.mandate === undefined ? {} : { why: n.mandate }),
                })),
              },
            ],
      visibility: await visibilityOf(
        engine.store,
        incs.map((n) => n.id),
        caller.viewer,
      ),
    });
  },
});
