/**
 * Events (workshops, webinars, demonstrations), the polls held at them, and who attends.
 * Events are written before people, so attendance and poll votes always point back.
 */
import { dayInYear, isoDay, Weighted } from './random.js';
import { type AreaState, at, type EventEntry, type Gen, ids, type OrgEntry } from './state.js';
import { inSentence, Slots } from './text.js';
import {
  EVENT_DESCRIPTIONS,
  EVENT_TITLES,
  NETWORK_EVENT_TITLES,
  POLL_EXTRA_OPTION,
  POLL_QUESTIONS,
} from './vocab/phrases.js';

/** Days a poll stays open after its event. */
const POLL_DAYS = 14;

export function* events(g: Gen): Generator<void> {
  const rng = g.rng;
  const years: number[] = [];
  for (let y = g.o.fromYear; y <= g.o.toYear; y++) years.push(y);
  // The network grows: more events every year.
  const yearW = new Weighted(
    years,
    years.map((y) => 1.12 ** (y - g.o.fromYear)),
  );
  const countryW = new Weighted(
    g.countries,
    g.countries.map((c) => c.info.weight),
  );
  const hosts = new Map<string, OrgEntry[]>();
  for (const o of g.orgs) {
    if (o.kind === 'industry' || o.kind === 'other') continue;
    const list = hosts.get(o.country);
    if (list) list.push(o);
    else hosts.set(o.country, [o]);
  }
  for (let k = 0; k < g.o.eventCount; k++) {
    const country = countryW.pick(rng);
    const networkWide = rng.chance(0.1);
    const main = g.areaWeights.pick(rng);
    const areas: AreaState[] = networkWide ? [main, ...rng.sample(g.areas, 2).filter((a) => a !== main)] : [main];
    const day = dayInYear(rng, yearW.pick(rng));
    const date = isoDay(day);
    const local = hosts.get(country.info.code);
    const host =
      networkWide || local === undefined || rng.chance(0.3)
        ? { id: country.incId, name: `the National Innovation Contact Point ${country.info.name}` }
        : rng.pick(local);
    // Network-wide meetings are where people meet in person; smaller ones are often online.
    const online = !networkWide && rng.chance(0.35);
    const slots = new Slots(rng, main.area, {
      label: inSentence(main.area.label),
      need: rng.pick(main.area.needs),
      year: date.slice(0, 4),
      org: host.name,
    });
    const title = slots.text(rng.pick(networkWide ? NETWORK_EVENT_TITLES : EVENT_TITLES));
    const id = ids.event(++g.count.event);
    g.out.node({
      id,
      kind: 'Event',
      visibility: rng.chance(0.5) ? 'public' : 'network',
      date,
      title,
      online,
      ...(online ? {} : { city: rng.pick(country.info.cities) }),
      country: country.info.code,
      description: new Slots(rng, main.area, { need: slots.fill('need').toLowerCase(), org: host.name }).text(
        rng.pick(EVENT_DESCRIPTIONS),
      ),
    });
    g.out.rel('ORGANISED', host.id, id);
    if (!online) g.out.rel('LOCATED_IN', id, country.id);
    for (const a of areas) g.out.rel('ABOUT', id, a.topicId);
    let poll: EventEntry['poll'];
    if (rng.chance(g.o.pollShare)) {
      poll = { id: ids.poll(++g.count.poll), options: [...rng.sample(main.area.needs, 4), POLL_EXTRA_OPTION] };
      g.out.node({
        id: poll.id,
        kind: 'Poll',
        visibility: 'network',
        date,
        question: slots.text(rng.pick(POLL_QUESTIONS)),
        options: [...poll.options],
        closesAt: isoDay(Math.min(g.endDay, day + POLL_DAYS)),
      });
      g.out.rel('HELD_AT', poll.id, id);
      g.out.rel('ABOUT', poll.id, main.topicId);
    }
    const event: EventEntry = poll ? { id, day, poll } : { id, day };
    g.events.push(event);
    for (const a of areas) a.events.push(event);
    yield;
  }
}

/** Person `n` attends a few events, mostly on their own areas, and answers the polls held there. */
export function attend(g: Gen, n: number, areas: readonly AreaState[], mean: number): void {
  const rng = g.rng;
  if (g.events.length === 0) return;
  const k = rng.poisson(mean);
  if (k === 0) return;
  const seen = new Set<EventEntry>();
  const person = ids.person(n);
  for (let i = 0; i < k; i++) {
    const own = rng.pick(areas).events;
    const event = own.length > 0 && rng.chance(0.7) ? rng.pick(own) : rng.pick(g.events);
    if (seen.has(event)) continue;
    seen.add(event);
    const date = isoDay(event.day);
    g.out.rel('ATTENDED', person, event.id).date = date;
    if (event.poll && rng.chance(0.6)) {
      // Skewed toward the first options, as real polls rarely split evenly.
      const options = event.poll.options;
      const r = g.out.rel('VOTED', person, event.poll.id);
      r.option = at(options, Math.floor(rng.next() ** 1.8 * options.length));
      r.date = date;
    }
  }
}
