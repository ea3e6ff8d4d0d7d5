/**
 * `events [eventId] [register]`: the upcoming events (each with a register button), one event
 * with its agenda proposal (the open challenges of its themes), or a registration, through
 * engine/input like the API.
 */
import { z } from 'zod';
import { listEvents, readEvent, registerForEvent } from '../../engine/input/index.js';
import { idSchema } from '../../graph/index.js';
import { defineCommand } from '../core/command.js';
import { CommandError } from '../core/errors.js';
import { mayRun } from '../core/identity.js';
import { reply } from '../core/reply.js';
import { visibilityOf } from '../core/visibility.js';
import { actorOf, requirePerson } from './actor.js';

const where = (e: { online: boolean; city?: string; country?: string }) =>
  e.online ? 'online' : [e.city, e.country].filter((x) => x !== undefined).join(', ');

export const events = defineCommand({
  name: 'events',
  aliases: ['event'],
  summary: 'Upcoming events of the network; one event with its proposed agenda; register.',
  help: 'Without an id, lists the upcoming events with a button to register. With an id, the event, an agenda proposal from the open challenges of its themes and who should meet there (pairs of registrants the suggestions put together); add "register" to register.',
  examples: ['', 'demo:event:drone-summit-2025', 'demo:event:drone-summit-2025 register'],
  args: z.object({
    event: idSchema.optional().describe('the event id'),
    action: z.enum(['register']).optional().describe('register: register for the event'),
  }),
  positional: ['event', 'action'],
  permission: 'read',
  writes: true,
  async handler({ args, engine, caller }) {
    const actor = actorOf(caller);
    if (args.event === undefined) {
      const list = await listEvents(engine, actor);
      const shown = list.upcoming.slice(0, 10);
      return reply({
        title: 'Upcoming events',
        text: shown.length === 0 ? 'No upcoming event is visible to you.' : `${list.upcoming.length} upcoming.`,
        sections: [
          {
            title: 'Upcoming',
            items: shown.map((v) => ({
              id: v.event.id,
              title: v.event.title,
              facts: [v.event.date ?? '', where(v.event), `${v.registrations} registered`],
              actions: v.registered ? [] : [{ label: 'Register', command: `events ${v.event.id} register` }],
            })),
          },
        ],
        visibility: await visibilityOf(
          engine.store,
          shown.map((v) => v.event.id),
          caller.viewer,
        ),
      });
    }
    if (args.action === 'register') {
      if (!mayRun(caller, 'vote') && !caller.permissions.includes('*')) {
        throw new CommandError('Your role may read events but not register.');
      }
      requirePerson(caller, 'register for an event');
      const v = await registerForEvent(engine, args.event, actor);
      return reply({
        tone: 'notice',
        text: `You are registered for “${v.event.title}” (${v.event.date ?? 'date to come'}, ${where(v.event)}). ${v.registrations} registered.`,
        visibility: v.event.visibility,
      });
    }
    const d = await readEvent(engine, args.event, actor);
    return reply({
      title: d.event.title,
      text: `${d.event.date ?? 'Date to come'}, ${where(d.event)}. ${d.registrations} registered.${d.agenda.length === 0 ? '' : ' Proposed agenda below.'}`,
      sections: [
        ...(d.agenda.length === 0
          ? []
          : [
              {
                title: 'Proposed agenda: open challenges of its themes',
                items: d.agenda.map((c) => ({ id: c.id, title: c.title, facts: [`${c.votes} votes`, ...c.topics] })),
              },
            ]),
        ...(d.meet.length === 0
          ? []
          : [
              {
                title: 'Who should meet here',
                items: d.meet.map((m) => ({
                  title: `${m.a.person.label} (${m.a.organisation.name}) and ${m.b.person.label} (${m.b.organisation.name})`,
                  facts: [m.a.organisation.country, m.b.organisation.country].filter((c) => c !== undefined),
                  why: m.why,
                  score: m.score,
                })),
              },
            ]),
      ],
      actions: d.registered ? [] : [{ label: 'Register', command: `events ${d.event.id} register` }],
      visibility: d.event.visibility,
    });
  },
});
