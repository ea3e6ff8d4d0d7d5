/**
 * Events of the network (workshops, meetings, conferences; online or in a place): upcoming and
 * past, registration (REGISTERED from the person, a personal record), and for each event an
 * agenda proposal: the open challenges of its themes (its ABOUT topics) that the gaps analysis
 * ranks highest for the viewer, and "who should meet here": pairs of registrants whose
 * organisations the suggestion engine (engine/suggest) puts together, with its evidence.
 *
 * Contract: listEvents(engine, actor, options?) → EventList; readEvent(engine, id, actor) →
 * EventDetail; registerForEvent(engine, id, actor, options?) → EventView. InputError.
 */
import type { GraphStore, NodeOf, Viewer } from '../../graph/index.js';
import type { ChallengeGap } from '../analytics/index.js';
import { nodeLabel } from '../match/index.js';
import type { OrgRef, Suggestion } from '../suggest/index.js';
import { type Actor, isoDay, resolveActor } from './actor.js';
import type { NodeRef } from './challenges.js';
import { InputError, visibleNodeOf } from './errors.js';
import type { InputEngine } from './ports.js';

export type EventNode = NodeOf<'Event'>;

export interface EventView {
  readonly event: EventNode;
  readonly topics: readonly NodeRef[];
  /** Registrations the viewer may see. */
  readonly registrations: number;
  /** Whether the actor's person is registered. */
  readonly registered: boolean;
}

export interface EventList {
  /** Soonest first. */
  readonly upcoming: readonly EventView[];
  /** Most recent first. */
  readonly past: readonly EventView[];
}

/** One side of a suggested meeting: a registrant and the organisation they come for. */
export interface MeetingSide {
  readonly person: NodeRef;
  readonly organisation: OrgRef;
}

/** Two registrants who should meet: the suggestion between their organisations, with its evidence. */
export interface SuggestedMeeting {
  readonly a: MeetingSide;
  readonly b: MeetingSide;
  readonly score: number;
  readonly why: string;
  readonly scores: Suggestion['scores'];
  readonly complements: Suggestion['complements'];
  readonly sharedTopics: Suggestion['sharedTopics'];
  readonly via: Suggestion['via'];
}

export interface EventDetail extends EventView {
  /** Open challenges on the event's themes, most supported first: a proposed agenda. */
  readonly agenda: readonly ChallengeGap[];
  /** Pairs of registrants who should meet here, best first (at most MEETINGS). */
  readonly meet: readonly SuggestedMeeting[];
}

export const AGENDA_ITEMS = 5;
/** Pairs shown; registrants asked about (each costs one suggestion query). */
export const MEETINGS = 10;
export const MAX_MEETING_REGISTRANTS = 40;
/** Suggestions read per registrant: partners beyond these are too weak to propose a meeting. */
const SUGGESTIONS_PER_REGISTRANT = 100;

const today = (now: Date) => isoDay(now);
const isPast = (e: EventNode, now: Date) => e.date !== undefined && e.date.slice(0, 10) < today(now);

async function view(store: GraphStore, e: EventNode, actor: Actor): Promise<EventView> {
  const around = await store.neighbourhood(
    e.id,
    { hops: 1, relTypes: ['ABOUT', 'REGISTERED'], direction: 'both', limit: 10_000 },
    actor.viewer,
  );
  const regs = around.relationships.filter((r) => r.type === 'REGISTERED');
  return {
    event: e,
    topics: around.nodes
      .filter((n) => n.kind === 'Topic')
      .map((n) => ({ id: n.id, kind: n.kind, label: nodeLabel(n) })),
    registrations: regs.length,
    registered: actor.person !== undefined && regs.some((r) => r.from === actor.person),
  };
}

export async function listEvents(
  engine: InputEngine,
  actor: Actor,
  options: { now?: () => Date } = {},
): Promise<EventList> {
  const now = options.now?.() ?? new Date();
  const all: EventNode[] = [];
  let cursor: string | undefined;
  do {
    const page = await engine.store.list(
      { kind: 'Event', limit: 1_000, ...(cursor === undefined ? {} : { cursor }) },
      actor.viewer,
    );
    for (const n of page.items) if (n.kind === 'Event') all.push(n);
    cursor = page.next;
  } while (cursor !== undefined);
  const byDate = (a: EventNode, b: EventNode) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id);
  const upcoming = all.filter((e) => !isPast(e, now)).sort(byDate);
  const past = all.filter((e) => isPast(e, now)).sort((a, b) => byDate(b, a));
  return {
    upcoming: await Promise.all(upcoming.map((e) => view(engine.store, e, actor))),
    past: await Promise.all(past.map((e) => view(engine.store, e, actor))),
  };
}

function visibleEvent(store: GraphStore, id: unknown, viewer: Viewer): Promise<EventNode> {
  return visibleNodeOf(store, id, viewer, 'Event', {
    notFound: 'ERR_EVENT_NOT_FOUND',
    wrongKind: 'ERR_NOT_AN_EVENT',
    noun: 'event',
  });
}

export async function readEvent(engine: InputEngine, eventId: string, actor: Actor): Promise<EventDetail> {
  const event = await visibleEvent(engine.store, eventId, actor.viewer);
  const v = await view(engine.store, event, actor);
  const themes = new Set(v.topics.map((t) => t.label));
  const gaps = await engine.gaps({ limit: 200 }, actor.viewer);
  const agenda = gaps.challenges.filter((c) => c.topics.some((t) => themes.has(t))).slice(0, AGENDA_ITEMS);
  return { ...v, agenda, meet: await meetings(engine, event, actor) };
}

/**
 * "Who should meet here": each registrant's organisations get their suggestions (cross-border,
 * complementary needs and results, link prediction); a suggestion whose partner is the
 * organisation of another registrant becomes a pair. A pair found from both sides keeps its best
 * score. Everything is read as the actor: a hidden registrant, organisation or evidence is absent.
 */
async function meetings(engine: InputEngine, event: EventNode, actor: Actor): Promise<SuggestedMeeting[]> {
  const store = engine.store;
  const regs = await store.relationships({ type: 'REGISTERED', to: [event.id], limit: 10_000 }, actor.viewer);
  const people = (
    await store.getNodes(regs.items.map((r) => r.from).slice(0, MAX_MEETING_REGISTRANTS), actor.viewer)
  ).filter((n) => n.kind === 'Person');
  if (people.length < 2) return [];
  const members = await store.relationships(
    { type: 'MEMBER_OF', from: people.map((p) => p.id), limit: 10_000 },
    actor.viewer,
  );
  const orgsOf = new Map<string, string[]>();
  for (const m of members.items) orgsOf.set(m.from, [...(orgsOf.get(m.from) ?? []), m.to]);
  const best = new Map<string, SuggestedMeeting>();
  for (const p of people) {
    if ((orgsOf.get(p.id) ?? []).length === 0) continue;
    const answer = await engine.suggest({ for: { person: p.id }, limit: SUGGESTIONS_PER_REGISTRANT }, actor.viewer);
    for (const s of answer.suggestions) {
      for (const q of people) {
        if (q.id === p.id || !(orgsOf.get(q.id) ?? []).includes(s.to.id)) continue;
        const a: MeetingSide = { person: { id: p.id, kind: p.kind, label: nodeLabel(p) }, organisation: s.from };
        const b: MeetingSide = { person: { id: q.id, kind: q.kind, label: nodeLabel(q) }, organisation: s.to };
        const [first, second] = p.id < q.id ? [a, b] : [b, a];
        const key = `${first.person.id}\u0000${second.person.id}`;
        const known = best.get(key);
        if (known !== undefined && known.score >= s.scores.score) continue;
        best.set(key, {
          a: first,
          b: second,
          score: s.scores.score,
          why: s.why,
          scores: s.scores,
          complements: s.complements,
          sharedTopics: s.sharedTopics,
          via: s.via,
        });
      }
    }
  }
  return [...best.values()]
    .sort((x, y) => y.score - x.score || x.a.person.id.localeCompare(y.a.person.id))
    .slice(0, MEETINGS);
}

/** Registers the actor's person (again: unchanged). An event already past takes no registration. */
export async function registerForEvent(
  engine: InputEngine,
  eventId: string,
  actor: Actor,
  options: { now?: () => Date } = {},
): Promise<EventView> {
  const store = engine.store;
  const event = await visibleEvent(store, eventId, actor.viewer);
  const { person } = await resolveActor(store, actor);
  if (person === undefined)
    throw new InputError('ERR_ACTOR_NO_PERSON', 'people register for events, and the actor has none');
  const now = options.now?.() ?? new Date();
  if (isPast(event, now)) {
    throw new InputError('ERR_EVENT_PAST', `event ${event.id} took place on ${event.date}: it takes no registration`);
  }
  await store.upsert({ relationships: [{ type: 'REGISTERED', from: person.id, to: event.id, date: isoDay(now) }] });
  await engine.afterWrite([], []);
  return view(store, event, actor);
}
