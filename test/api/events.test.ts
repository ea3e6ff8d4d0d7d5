/** Events over HTTP: upcoming and past, one event with its agenda proposal, registration. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, EventList, EventView } from '../../engine/input/events.js';
import { type ApiFixture, DEMO, json, openApi } from './helpers.js';

let f: ApiFixture;
const UPCOMING = 'test:event:drone-workshop';
const HIDDEN = 'test:event:restricted-briefing';
beforeAll(async () => {
  f = await openApi();
  const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await f.demo.store.upsert({
    nodes: [
      {
        kind: 'Event',
        id: UPCOMING,
        title: 'Counter-drone workshop',
        date: soon,
        online: false,
        city: 'Ghent',
        country: 'BE',
      },
      {
        kind: 'Event',
        id: HIDDEN,
        title: 'Internal briefing',
        date: soon,
        online: true,
        visibility: 'restricted',
        owner: 'demo:org:nordmark-police',
      },
    ],
    relationships: [{ type: 'ABOUT', from: UPCOMING, to: 'area:counter-uas' }],
  });
  await f.demo.engine.afterWrite([], []);
});
afterAll(async () => {
  await f?.close();
});

const enc = encodeURIComponent;

describe('events', () => {
  it('lists upcoming (soonest first) and past (latest first) events the caller may see', async () => {
    const list = json<EventList>(await f.as('officer', { url: '/api/events' }));
    expect(list.upcoming.map((v) => v.event.id)).toEqual([UPCOMING]);
    expect(list.past.length).toBeGreaterThan(1);
    const dates = list.past.map((v) => v.event.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(list.upcoming[0]?.topics.map((t) => t.id)).toEqual(['area:counter-uas']);
  });

  it('one event comes with an agenda from the open challenges of its themes', async () => {
    const d = json<EventDetail>(await f.as('officer', { url: `/api/events/${enc(UPCOMING)}` }));
    expect(d.agenda.length).toBeGreaterThan(0);
    for (const c of d.agenda) expect(c.topics).toContain('Drones and counter-UAS');
    const votes = d.agenda.map((c) => c.votes);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
  });

  it('registers a person once; a past event is a 409; a hidden event is a 404 like a missing one', async () => {
    const r = await f.as('officer', { method: 'POST', url: `/api/events/${enc(UPCOMING)}/registrations` });
    expect(r.statusCode).toBe(201);
    expect(json<EventView>(r)).toMatchObject({ registered: true, registrations: 1 });
    const again = json<EventView>(
      await f.as('officer', { method: 'POST', url: `/api/events/${enc(UPCOMING)}/registrations` }),
    );
    expect(again.registrations).toBe(1);
    const other = json<EventView>(
      await f.as('inc', { method: 'POST', url: `/api/events/${enc(UPCOMING)}/registrations` }),
    );
    expect([other.registrations, other.registered]).toEqual([2, true]);
    const stored = await f.demo.store.relationships(
      { type: 'REGISTERED', to: [UPCOMING] },
      { id: 't', clearance: 'all', orgs: [] },
    );
    expect(stored.items.map((x) => x.from).sort()).toEqual([DEMO.officer.person, DEMO.inc.person].sort());

    const past = json<EventList>(await f.as('officer', { url: '/api/events' })).past[0]?.event.id ?? '';
    const late = await f.as('officer', { method: 'POST', url: `/api/events/${enc(past)}/registrations` });
    expect([late.statusCode, json<{ code: string }>(late).code]).toEqual([409, 'ERR_EVENT_PAST']);
    for (const id of [HIDDEN, 'test:event:none']) {
      const h = await f.as('officer', { method: 'POST', url: `/api/events/${enc(id)}/registrations` });
      expect([h.statusCode, json<{ code: string }>(h).code]).toEqual([404, 'ERR_EVENT_NOT_FOUND']);
    }
  });

  it('"who should meet here": pairs of registrants from the suggestion engine, with its evidence', async () => {
    const MEET = 'test:event:meet-here';
    const soon = new Date(Date.now() + 25 * 86_400_000).toISOString().slice(0, 10);
    await f.demo.store.upsert({
      nodes: [{ kind: 'Event', id: MEET, title: 'Network days', date: soon, online: false, country: 'BE' }],
    });
    const who = ['officer', 'nordmark', 'inc', 'policy'] as const;
    for (const w of who) {
      const r = await f.as(w, { method: 'POST', url: `/api/events/${enc(MEET)}/registrations` });
      expect(r.statusCode, r.body).toBe(201);
    }
    const d = json<EventDetail>(await f.as('admin', { url: `/api/events/${enc(MEET)}` }));
    expect(d.registrations).toBe(who.length);
    expect(d.meet.length).toBeGreaterThan(0);
    const registrants = new Set<string>(who.map((w) => DEMO[w].person));
    for (const m of d.meet) {
      expect(registrants.has(m.a.person.id) && registrants.has(m.b.person.id)).toBe(true);
      expect(m.a.person.id).not.toBe(m.b.person.id);
      expect(m.why).not.toBe('');
      // The pair is what the suggestion engine says for one of the two, scores and all.
      const fromA = await f.demo.engine.suggest({ for: { person: m.a.person.id }, limit: 100 }, f.viewer('admin'));
      const fromB = await f.demo.engine.suggest({ for: { person: m.b.person.id }, limit: 100 }, f.viewer('admin'));
      const found = [
        ...fromA.suggestions.filter((s) => s.from.id === m.a.organisation.id && s.to.id === m.b.organisation.id),
        ...fromB.suggestions.filter((s) => s.from.id === m.b.organisation.id && s.to.id === m.a.organisation.id),
      ];
      expect(found.map((s) => s.scores.score)).toContain(m.score);
    }
    const scores = d.meet.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
