/**
 * Events: workshops, meetings and conferences of the network, upcoming (soonest first) and past
 * (latest first); registration for upcoming ones; and for each an agenda proposal, the open
 * challenges of its themes most supported first (GET /api/events/{id}).
 */
import { useEffect, useRef } from 'react';
import { ActionNote } from '../../../components/action-note.js';
import { Empty, ErrorNote, Figures, Loading } from '../../../components/states.js';
import { TableBox } from '../../../components/table-box.js';
import { countryName } from '../../../lib/country.js';
import type { EventView } from '../../../lib/cycle-types.js';
import { fmtDate, fmtInt, fmtNum } from '../../../lib/format.js';
import { linkFor, useLinkState, usePageTitle } from '../../../lib/link-state.js';
import { useAction } from '../../../lib/use-action.js';
import { useMe, withMe } from '../../../lib/use-me.js';
import {
  DEFAULT_EVENTS,
  type EventsFilters,
  eventsFromLink,
  register,
  useEvent,
  useEvents,
} from '../api/use-events.js';

export function EventsPage() {
  const [filters] = useLinkState<EventsFilters>('events', eventsFromLink, DEFAULT_EVENTS);
  const events = useEvents();
  const me = useMe();
  // Policy readers register too (the API's rule); a token without a person cannot.
  const mayRegister = me.status === 'ready' && me.data.person !== undefined;
  usePageTitle('Events', []);
  const agendaLink = (id: string) => linkFor('events', { open: id }, DEFAULT_EVENTS);
  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">Events</h1>
      <p className="lede">Where the network meets, who is coming, and what is worth discussing there.</p>
      {filters.open === '' ? null : (
        <Agenda key={filters.open} id={filters.open} closeLink={linkFor('events', DEFAULT_EVENTS, DEFAULT_EVENTS)} />
      )}
      <Figures state={withMe(events, me)} what="events">
        {(list) => (
          <>
            <h2>Upcoming</h2>
            {list.upcoming.length === 0 ? (
              <Empty>No upcoming event.</Empty>
            ) : (
              <EventCards
                events={list.upcoming}
                upcoming
                mayRegister={mayRegister}
                agendaLink={agendaLink}
                onChanged={events.reload}
              />
            )}
            <h2>Past</h2>
            {list.past.length === 0 ? (
              <Empty>No past event.</Empty>
            ) : (
              <EventCards
                events={list.past}
                upcoming={false}
                mayRegister={false}
                agendaLink={agendaLink}
                onChanged={events.reload}
              />
            )}
          </>
        )}
      </Figures>
    </section>
  );
}

function EventCards(props: {
  events: readonly EventView[];
  upcoming: boolean;
  mayRegister: boolean;
  agendaLink: (id: string) => string;
  onChanged: () => void;
}) {
  return (
    <ul className="cards events" data-events={props.upcoming ? 'upcoming' : 'past'}>
      {props.events.map((e) => (
        <li key={e.event.id}>
          <EventCard view={e} {...props} />
        </li>
      ))}
    </ul>
  );
}

function EventCard({
  view,
  upcoming,
  mayRegister,
  agendaLink,
  onChanged,
}: {
  view: EventView;
  upcoming: boolean;
  mayRegister: boolean;
  agendaLink: (id: string) => string;
  onChanged: () => void;
}) {
  const action = useAction();
  const { event } = view;
  const place = event.online
    ? 'online'
    : [event.city, event.country === undefined ? undefined : countryName(event.country)].filter(Boolean).join(', ') ||
      'place to be announced';
  return (
    <article className="card event-card" data-event={event.id} aria-label={event.title}>
      <h3>{event.title}</h3>
      <p className="muted">
        {fmtDate(event.date)} · {place} ·{' '}
        <span data-registrations={view.registrations}>{fmtInt(view.registrations)} registered</span>
        {view.topics.length === 0 ? '' : ` · ${view.topics.map((t) => t.label).join(' · ')}`}
      </p>
      {event.description === undefined ? null : <p>{event.description}</p>}
      <p className="actions">
        <a href={agendaLink(event.id)}>Agenda proposal</a>
        {upcoming && mayRegister ? (
          view.registered ? (
            <span className="registered"> · You are registered.</span>
          ) : (
            <>
              {' '}
              <button
                type="button"
                onClick={async () => {
                  if (await action.run(() => register(event.id), 'Registered.')) onChanged();
                }}
              >
                Register
              </button>
            </>
          )
        ) : null}
      </p>
      <ActionNote state={action.state} />
    </article>
  );
}

function Agenda({ id, closeLink }: { id: string; closeLink: string }) {
  const detail = useEvent(id);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = detail.status === 'ready';
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  return (
    <section className="panel agenda" aria-label="Agenda proposal" data-agenda={id}>
      <p className="detail-close">
        <a href={closeLink}>Close</a>
      </p>
      {detail.status === 'error' ? <ErrorNote error={detail.error} onRetry={detail.reload} /> : null}
      {detail.status === 'loading' ? <Loading what="the agenda proposal" /> : null}
      {detail.status === 'ready' ? (
        <>
          <h2 ref={heading} tabIndex={-1}>
            Agenda proposal: {detail.data.event.title}
          </h2>
          <p className="muted">The open challenges of the event’s themes, most supported first.</p>
          {detail.data.agenda.length === 0 ? (
            <Empty>No open challenge on the event’s themes.</Empty>
          ) : (
            <TableBox label="Agenda proposal">
              <table className="data" data-table="agenda">
                <thead>
                  <tr>
                    <th scope="col">Challenge</th>
                    <th scope="col">Country</th>
                    <th scope="col" className="num">
                      Votes
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {detail.data.agenda.map((c) => (
                    <tr key={c.id} data-key={c.id}>
                      <th scope="row">
                        <a href={linkFor('challenges', { open: c.id }, { open: '' })}>{c.title}</a>
                      </th>
                      <td>{countryName(c.country)}</td>
                      <td className="num">{fmtNum(c.votes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          )}
        </>
      ) : null}
    </section>
  );
}
