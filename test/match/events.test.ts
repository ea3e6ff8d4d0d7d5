/**
 * Events as who-solved answers (issue 16, item 4): a workshop on a theme is found by a question
 * on that theme, on the lexical and the dense side; a restricted event reaches only who may see
 * it; the other kinds' answers are the same with or without events in the graph; the CLI and the
 * bots render an event hit with its day and place.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../app/cli/commands/match.js';
import { answerSections, answerSummary, shortItems } from '../../bots/plugins/answer-reply.js';
import type { Hit } from '../../engine/match/answer.js';
import { hitFacts } from '../../engine/match/hit-facts.js';
import { LexicalIndex } from '../../engine/match/lexical.js';
import { createMatcher } from '../../engine/match/who-solved.js';
import { openStore } from '../../graph/index.js';
import type { NodeInput } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import type { Batch } from '../../graph/validate.js';
import { neo4jTestDatabase, processBackends } from '../helpers/neo4j.js';
import { droneGraph, ID, INSIDER, OUTSIDER } from './graph.js';
import { exactDense, type Fixture, NOW, openFixture } from './setup.js';

const QUERY = 'who has solved drone detection at prisons?';
const EV = {
  workshop: 'evt:drone-workshop',
  conference: 'evt:prison-conference',
  secret: 'evt:secret-briefing',
  laundering: 'evt:laundering',
} as const;

/** Fictional events; the fixture's NOW is 2026-01-01, so the workshop is upcoming and the conference past. */
const EVENTS: NodeInput[] = [
  {
    kind: 'Event',
    id: EV.workshop,
    title: 'Workshop on drone detection at prisons',
    description: 'Prison services and industry compare counter-drone sensors that detect drones over prison walls.',
    date: '2026-03-10',
    city: 'Lyon',
    country: 'FR',
    online: false,
    visibility: 'public',
  },
  {
    kind: 'Event',
    id: EV.conference,
    title: 'Conference on detecting drones at prisons and airports',
    description: 'Detection of small drones near prisons: radar, radio frequency and camera systems.',
    date: '2024-10-02',
    online: true,
    visibility: 'network',
  },
  {
    kind: 'Event',
    id: EV.secret,
    title: 'Briefing on the secret drone detection radar for prisons',
    description: 'Drone detection at prisons with the restricted radar.',
    date: '2026-02-01',
    city: 'Paris',
    country: 'FR',
    online: false,
    visibility: 'restricted',
    owner: ID.secret,
  },
  {
    kind: 'Event',
    id: EV.laundering,
    title: 'Meeting on money laundering investigations',
    description: 'Financial investigators on tracing crypto assets.',
    date: '2026-04-01',
    city: 'Vienna',
    country: 'AT',
    online: false,
    visibility: 'public',
  },
];

function withEvents(): Batch {
  const g = droneGraph();
  return { ...g, nodes: [...(g.nodes ?? []), ...EVENTS] };
}

const eventIds = (hits: readonly Hit[]) => hits.filter((h) => h.kind === 'Event').map((h) => h.id);

let fx: Fixture;
let plain: Fixture;
beforeAll(async () => {
  fx = await openFixture(withEvents());
  plain = await openFixture(droneGraph());
});
afterAll(async () => {
  await fx.close();
  await plain.close();
});

describe('events in who-solved', () => {
  it('an event on the theme is found on each side, ahead of an event on another theme', async () => {
    for (const mode of ['hybrid', 'lexical', 'dense'] as const) {
      const a = await fx.matcher({ abstention: 'off' }).whoSolved(QUERY, { mode, limit: 50 }, OUTSIDER);
      const events = eventIds(a.hits);
      expect(events, mode).toContain(EV.workshop);
      expect(events, mode).toContain(EV.conference);
      const laundering = events.indexOf(EV.laundering);
      if (laundering >= 0) expect(events.indexOf(EV.workshop), mode).toBeLessThan(laundering);
    }
  });

  it('says whether the event is upcoming or past, where it is held, and carries its day and place', async () => {
    const a = await fx.matcher().whoSolved(QUERY, { mode: 'lexical', kinds: ['Event'] }, OUTSIDER);
    expect(a.hits.every((h) => h.kind === 'Event')).toBe(true);
    const workshop = a.hits.find((h) => h.id === EV.workshop);
    expect(workshop).toMatchObject({ kind: 'Event', city: 'Lyon', country: 'FR', online: false, date: '2026-03-10' });
    expect(workshop?.why).toBe('upcoming event on 2026-03-10 in Lyon, FR: its programme matches the query');
    const conference = a.hits.find((h) => h.id === EV.conference);
    expect(conference?.why).toBe('past event on 2024-10-02, online: its programme matches the query');
    expect(conference?.snippets[0]?.matched.length).toBeGreaterThan(0);
  });

  it('is left out when other kinds are asked for, and the country filter reads the event’s own country', async () => {
    const works = await fx.matcher().whoSolved(QUERY, { mode: 'hybrid', kinds: ['Result', 'Project'] }, OUTSIDER);
    expect(eventIds(works.hits)).toEqual([]);
    const fr = await fx.matcher().whoSolved(QUERY, { mode: 'lexical', kinds: ['Event'], country: 'fr' }, OUTSIDER);
    expect(eventIds(fr.hits)).toEqual([EV.workshop]);
    const de = await fx.matcher().whoSolved(QUERY, { mode: 'lexical', kinds: ['Event'], country: 'DE' }, OUTSIDER);
    expect(de.hits).toEqual([]);
  });

  it('a restricted event never reaches a viewer who may not see it, on any side; its owner sees it', async () => {
    for (const mode of ['hybrid', 'lexical', 'dense'] as const) {
      const out = await fx.matcher({ abstention: 'off' }).whoSolved(QUERY, { mode, limit: 100 }, OUTSIDER);
      const mentioned = out.hits.flatMap((h) => [
        h.id,
        ...h.path.nodes.map((n) => n.id),
        ...h.snippets.map((s) => s.node),
      ]);
      expect(mentioned, mode).not.toContain(EV.secret);
      const anon = await fx
        .matcher({ abstention: 'off' })
        .whoSolved(QUERY, { mode, limit: 100 }, { id: 'anon', clearance: 'public', orgs: [] });
      // Public only: the network conference is hidden too.
      expect(eventIds(anon.hits), mode).not.toContain(EV.secret);
      expect(eventIds(anon.hits), mode).not.toContain(EV.conference);
      const inside = await fx.matcher({ abstention: 'off' }).whoSolved(QUERY, { mode, limit: 100 }, INSIDER);
      expect(eventIds(inside.hits), mode).toContain(EV.secret);
    }
  });

  it('leaves the answers of the other kinds as they were without events', async () => {
    const kinds = ['Person', 'Organisation', 'Result', 'Project', 'Document'] as const;
    for (const mode of ['hybrid', 'lexical'] as const) {
      const a = await fx.matcher().whoSolved(QUERY, { mode, kinds: [...kinds], limit: 50 }, OUTSIDER);
      const b = await plain.matcher().whoSolved(QUERY, { mode, kinds: [...kinds], limit: 50 }, OUTSIDER);
      expect(
        a.hits.map((h) => [h.id, h.scores.final]),
        mode,
      ).toEqual(b.hits.map((h) => [h.id, h.scores.final]));
    }
  });
});

describe('event hits in the CLI and the bots', () => {
  it('the CLI prints an Events section with the day and place', async () => {
    const a = await fx.matcher().whoSolved(QUERY, { mode: 'lexical', limit: 30 }, OUTSIDER);
    const text = render(a, undefined);
    const section = text.split('\nEvents\n')[1];
    expect(section).toBeDefined();
    expect(section).toContain('Workshop on drone detection at prisons (event, Lyon, FR, 2026-03-10)');
    expect(section).toContain('upcoming event on 2026-03-10 in Lyon, FR');
    expect(section).toContain('(event, online, 2024-10-02)');
  });

  it('the bots list events in their own section and count them', async () => {
    const a = await fx.matcher().whoSolved(QUERY, { mode: 'lexical' }, OUTSIDER);
    const events = answerSections(a).find((s) => s.title === 'Events');
    expect(events?.items.map((i) => i.id)).toContain(EV.workshop);
    expect(events?.items.find((i) => i.id === EV.workshop)?.facts).toEqual(['event', 'Lyon', 'FR', '2026-03-10']);
    expect(answerSummary(a)).toMatch(/\b\d+ events?\b/u);
    // The short answer stays the best expert, organisation and result; events are one "More" away.
    expect(shortItems(a, () => undefined).some((i) => i.title.startsWith('Event'))).toBe(false);
  });

  it('hit facts of an event: kind, online or city, country, full day', () => {
    const base = { rank: 1, id: 'evt:x', label: 'x', why: '', path: { nodes: [], relationships: [] } };
    const h = { ...base, kind: 'Event', online: true, date: '2026-05-01T09:00:00Z' } as unknown as Hit;
    expect(hitFacts(h)).toEqual(['event', 'online', '2026-05-01']);
  });
});

describe('events and the change feed', () => {
  it('an event stored after the lexical index was built is found once the index has read the feed', async () => {
    const late = await openFixture(withEvents());
    try {
      const id = 'evt:late';
      await late.store.upsert({
        nodes: [
          {
            kind: 'Event',
            id,
            title: 'Hackathon on anti-drone nets',
            date: '2026-06-01',
            online: true,
            visibility: 'public',
          },
        ],
      });
      const fresh = await LexicalIndex.open(late.store, late.dir, { save: false });
      const a = await late
        .matcher({ lexical: fresh })
        .whoSolved('hackathon anti-drone nets', { mode: 'lexical', kinds: ['Event'] }, OUTSIDER);
      expect(eventIds(a.hits)[0]).toBe(id);
      const before = await late
        .matcher()
        .whoSolved('hackathon anti-drone nets', { mode: 'lexical', kinds: ['Event'] }, OUTSIDER);
      expect(eventIds(before.hits)).not.toContain(id);
    } finally {
      await late.close();
    }
  });
});

const neo4j = await neo4jTestDatabase();
afterAll(async () => {
  await neo4j.close();
});

// The same questions through each store: the lexical index and the dense side read events from it,
// and only what the store returns for the viewer reaches the answer.
for (const backend of processBackends('events in who-solved', neo4j)) {
  describe(`events through the store: ${backend.name}`, () => {
    let dir: string;
    let store: GraphStore;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), `ileanet-events-${backend.name}-`));
      await backend.reset();
      store = await openStore(backend.config(dir));
      await store.upsert(withEvents());
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('finds the event on the theme and hides the restricted one from an outsider, on each side', async () => {
      const lexical = await LexicalIndex.open(store, dir);
      const matcher = createMatcher({
        store,
        lexical,
        dense: await exactDense(store),
        now: () => NOW,
        abstention: 'off',
      });
      for (const mode of ['hybrid', 'lexical', 'dense'] as const) {
        const out = await matcher.whoSolved(QUERY, { mode, kinds: ['Event'], limit: 20 }, OUTSIDER);
        expect(eventIds(out.hits), mode).toContain(EV.workshop);
        expect(eventIds(out.hits), mode).not.toContain(EV.secret);
        const inside = await matcher.whoSolved(QUERY, { mode, kinds: ['Event'], limit: 20 }, INSIDER);
        expect(eventIds(inside.hits), mode).toContain(EV.secret);
      }
    });
  });
}
