/** The events page's calls: upcoming and past events, one event with its agenda proposal, a registration. */
import { apiSend } from '../../../lib/api-client.js';
import type { EventDetail, EventList, EventView } from '../../../lib/cycle-types.js';
import { useApi } from '../../../lib/use-api.js';

export interface EventsFilters {
  readonly [key: string]: string;
  /** The event whose agenda proposal is open; '' for none. */
  readonly open: string;
}

export const DEFAULT_EVENTS: EventsFilters = { open: '' };

export const eventsFromLink = (p: URLSearchParams): EventsFilters => ({ open: p.get('open') ?? '' });

export const useEvents = () => useApi<EventList>('/api/events');

export const useEvent = (id: string) => useApi<EventDetail>(id === '' ? null : `/api/events/${encodeURIComponent(id)}`);

export const register = (id: string) =>
  apiSend<EventView>('POST', `/api/events/${encodeURIComponent(id)}/registrations`);
