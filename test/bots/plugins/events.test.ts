/** The `events` command through the runtime and the fake transport: list, register, agenda. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../graph/viewer.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { type Bots, MEMBERS, PEOPLE, startFakeBots } from '../helpers/fake-transport.js';

let demo: DemoEngine;
let bots: Bots;
const EVENT = 'test:event:port-drones';
beforeAll(async () => {
  demo = await openDemoEngine();
  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await demo.engine.store.upsert({
    nodes: [{ kind: 'Event', id: EVENT, title: 'Drones in the port', date: soon, online: true }],
    relationships: [{ type: 'ABOUT', from: EVENT, to: 'area:counter-uas' }],
  });
  await demo.engine.afterWrite([], []);
  bots = await startFakeBots(demo.engine, { rateLimit: { max: 1_000, windowSeconds: 60 }, identities: MEMBERS });
});
afterAll(async () => {
  await bots?.close();
  await demo?.close();
});

const last = () => bots.transport.last();

describe('events', () => {
  it('lists upcoming events with a register button, registers, and shows the agenda', async () => {
    await bots.transport.slash('U-sanne', 'events');
    const list = last().reply;
    const item = list.sections[0]?.items[0];
    expect(item?.id).toBe(EVENT);
    expect(item?.actions?.[0]?.command).toBe(`events ${EVENT} register`);

    await bots.transport.click('U-sanne', `events ${EVENT} register`);
    expect(last().text).toMatch(/^You are registered for “Drones in the port”/u);
    const regs = await demo.engine.store.relationships({ type: 'REGISTERED', to: [EVENT] }, SYSTEM);
    expect(regs.items.map((r) => r.from)).toEqual([PEOPLE.sanne.person]);

    await bots.transport.slash('U-sanne', `events ${EVENT}`);
    const detail = last().reply;
    expect(detail.title).toBe('Drones in the port');
    expect(detail.actions).toEqual([]);
    const agenda = detail.sections[0]?.items ?? [];
    expect(agenda.length).toBeGreaterThan(0);
    for (const a of agenda) expect(a.facts).toContain('Drones and counter-UAS');
  });

  it('shows who should meet there: pairs of registrants from the suggestions, with why', async () => {
    const MEET = 'test:event:meet-here';
    const soon = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    await demo.engine.store.upsert({
      nodes: [{ kind: 'Event', id: MEET, title: 'Network days', date: soon, online: true }],
    });
    for (const user of ['U-sanne', 'U-hugo']) await bots.transport.click(user, `events ${MEET} register`);
    const meet = await demo.engine.suggest({ for: { person: PEOPLE.sanne.person }, limit: 100 }, SYSTEM);
    const expected = meet.suggestions.some((s) => s.to.id === PEOPLE.hugo.organisation);
    expect(expected, 'the demo pairs a Belgian police force with Orbivia').toBe(true);
    await bots.transport.slash('U-sanne', `events ${MEET}`);
    const section = last().reply.sections.find((x) => x.title === 'Who should meet here');
    expect(section !== undefined, 'a section exactly when the suggestions pair them').toBe(expected);
    for (const item of section?.items ?? []) {
      expect(item.title).toContain('Sanne');
      expect(item.why).toBeTruthy();
    }
  });
});
