import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../engine/input/actor.js';
import { InputError } from '../../engine/input/errors.js';
import { submitChallenge, tallyChallenge, voteChallenge } from '../../engine/input/index.js';
import { challengeHistory, changeChallenge } from '../../engine/input/lifecycle.js';
import { SYSTEM } from '../../graph/viewer.js';
import { type DemoEngine, openDemoEngine } from '../helpers/demo-engine.js';

const VALMONT = 'demo:org:valmont-prisons';
const raiser: Actor = {
  viewer: { id: 'test:olivier', clearance: 'network', orgs: [VALMONT] },
  person: 'demo:person:olivier-dufresnel',
  organisation: VALMONT,
};
/** Koen acts for the Belgian contact point: its Inc node gives the country. */
const incBE: Actor = {
  viewer: { id: 'test:koen', clearance: 'network', orgs: [] },
  person: 'demo:person:koen-verhoeve',
  organisation: 'demo:inc:BE',
  role: 'inc',
};
const incFR: Actor = {
  viewer: { id: 'test:inc-fr', clearance: 'network', orgs: [] },
  person: 'demo:person:koen-verhoeve',
  role: 'inc',
  country: 'FR',
};
const admin: Actor = {
  viewer: { id: 'test:admin', clearance: 'all', orgs: [] },
  person: 'demo:person:ines-lacourt',
  role: 'admin',
};
const bystander: Actor = {
  viewer: { id: 'test:pieter', clearance: 'network', orgs: [] },
  person: 'demo:person:pieter-van-akkerdonk',
};
const RESULT = 'demo:result:skyfence-sensor-network';

let fx: DemoEngine;
let people: string[] = [];
beforeAll(async () => {
  fx = await openDemoEngine();
  const page = await fx.store.list({ kind: 'Person', where: { visibility: 'network' }, limit: 30 }, SYSTEM);
  people = page.items.map((p) => p.id);
});
afterAll(async () => {
  await fx?.close();
});

async function rejection(p: Promise<unknown>): Promise<InputError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

const raise = async (title: string, extra: Record<string, unknown> = {}) =>
  (await submitChallenge(fx.engine, { title, country: 'BE', topics: ['area:counter-uas'], ...extra }, raiser))
    .challenge;

describe('challenge lifecycle', () => {
  it('the INC of its country moves it along; each move is kept with who, when and why', async () => {
    const c = await raise('Drones drop parcels over the Antwerp remand prison walls at night');
    const e1 = await rejection(changeChallenge(fx.engine, c.id, { status: 'in-progress' }, raiser));
    expect(e1.code).toBe('ERR_TRANSITION_NOT_ALLOWED');
    expect(e1.message).toMatch(/cannot move from open to in-progress by you .*allowed: closed$/u);
    const e2 = await rejection(changeChallenge(fx.engine, c.id, { status: 'in-progress' }, incFR));
    expect(e2.code).toBe('ERR_FORBIDDEN');
    expect(e2.message).toContain('the INC of BE');
    expect((await rejection(changeChallenge(fx.engine, c.id, { status: 'closed' }, bystander))).code).toBe(
      'ERR_FORBIDDEN',
    );

    const moved = await changeChallenge(
      fx.engine,
      c.id,
      { status: 'in-progress', reason: 'three prisons report it' },
      incBE,
      { now: () => new Date('2026-01-10T09:00:00Z') },
    );
    expect(moved.challenge).toMatchObject({ status: 'in-progress', statusDate: '2026-01-10T09:00:00.000Z' });
    expect(moved.change).toMatchObject({ from: 'open', to: 'in-progress', reason: 'three prisons report it' });

    const noLink = await rejection(changeChallenge(fx.engine, c.id, { status: 'addressed' }, incBE));
    expect([noLink.code, noLink.field]).toEqual(['ERR_INVALID_INPUT', 'addressedBy']);
    const badLink = await rejection(
      changeChallenge(
        fx.engine,
        c.id,
        { status: 'addressed', addressedBy: [RESULT, 'demo:person:olivier-dufresnel'] },
        incBE,
      ),
    );
    expect([badLink.code, badLink.field]).toEqual(['ERR_INVALID_INPUT', 'addressedBy[1]']);

    const done = await changeChallenge(
      fx.engine,
      c.id,
      { status: 'addressed', addressedBy: [RESULT], takeUp: 'piloted by the Antwerp prison since 2026-03' },
      admin,
      { now: () => new Date('2026-03-01T12:00:00Z') },
    );
    expect(done.challenge).toMatchObject({
      status: 'addressed',
      takeUp: 'piloted by the Antwerp prison since 2026-03',
    });
    const addresses = await fx.store.relationships({ type: 'ADDRESSES', from: [RESULT], to: [c.id] }, SYSTEM);
    expect(addresses.items).toHaveLength(1);

    const back = await rejection(changeChallenge(fx.engine, c.id, { status: 'closed' }, incBE));
    expect(back.code).toBe('ERR_TRANSITION_NOT_ALLOWED');
    expect(back.message).toMatch(/allowed: in-progress$/u);

    const history = await challengeHistory(fx.engine, c.id, bystander);
    expect(history.status).toBe('addressed');
    expect(history.items.map((h) => [h.from, h.to, h.by?.id, h.date])).toEqual([
      ['open', 'in-progress', incBE.person, '2026-01-10T09:00:00.000Z'],
      ['in-progress', 'addressed', admin.person, '2026-03-01T12:00:00.000Z'],
    ]);
    expect(history.items[1]).toMatchObject({
      addressedBy: [RESULT],
      takeUp: 'piloted by the Antwerp prison since 2026-03',
    });
  });

  it('the raiser may withdraw (to closed), and a closed challenge takes no votes', async () => {
    const c = await raise('Drones map the guard rounds before a drop');
    await changeChallenge(fx.engine, c.id, { status: 'closed', reason: 'withdrawn: solved locally' }, raiser);
    expect((await rejection(voteChallenge(fx.engine, c.id, bystander, 1))).code).toBe('ERR_CHALLENGE_CLOSED');
    const h = await challengeHistory(fx.engine, c.id, raiser);
    expect(h.items.map((i) => [i.to, i.reason, i.by?.id])).toEqual([
      ['closed', 'withdrawn: solved locally', raiser.person],
    ]);
  });

  it('a duplicate’s votes move to the surviving challenge; a voter’s own vote there stands', async () => {
    const survivor = await raise('Prison drone drops of phones and drugs');
    const dup = await raise('Phones and drugs dropped into prisons by drones');
    const [a, b, c] = people.filter((p) => p !== raiser.person).slice(0, 3) as [string, string, string];
    const as = (person: string): Actor => ({ viewer: { id: person, clearance: 'network', orgs: [] }, person });
    await voteChallenge(fx.engine, dup.id, as(a), 1);
    await voteChallenge(fx.engine, dup.id, as(b), 1);
    await voteChallenge(fx.engine, dup.id, as(c), -1);
    await voteChallenge(fx.engine, survivor.id, as(b), -1);
    const self = await rejection(
      changeChallenge(fx.engine, dup.id, { status: 'duplicate', duplicateOf: dup.id }, incBE),
    );
    expect(self.field).toBe('duplicateOf');
    const r = await changeChallenge(fx.engine, dup.id, { status: 'duplicate', duplicateOf: survivor.id }, incBE);
    expect(r.votesMoved).toBe(2);
    expect(r.challenge).toMatchObject({ status: 'duplicate', duplicateOf: survivor.id });
    const votes = await fx.store.relationships({ type: 'VOTED', to: [survivor.id] }, SYSTEM);
    expect(Object.fromEntries(votes.items.map((v) => [v.from, v.value]))).toEqual({ [a]: 1, [b]: -1, [c]: -1 });
    const refused = await rejection(voteChallenge(fx.engine, dup.id, bystander, 1));
    expect(refused.message).toContain(`vote there`);
    // A duplicate's survivor cannot itself be a duplicate.
    const third = await raise('Drone drops into prison yards');
    const chain = await rejection(
      changeChallenge(fx.engine, third.id, { status: 'duplicate', duplicateOf: dup.id }, incBE),
    );
    expect([chain.field, chain.message]).toEqual(['duplicateOf', expect.stringContaining('is itself a duplicate')]);
  });

  it('parallel status changes: exactly one wins, the others are told; parallel votes beside them all count', async () => {
    const c = await raise('Drones with thermal cameras watch the prison car park');
    const voters = people.slice(0, 12);
    const as = (person: string): Actor => ({ viewer: { id: person, clearance: 'network', orgs: [] }, person });
    const moves = Array.from({ length: 6 }, (_, i) =>
      changeChallenge(fx.engine, c.id, { status: 'in-progress', reason: `move ${i}` }, incBE).then(
        () => 'moved',
        (e: unknown) => (e instanceof InputError ? e.code : String(e)),
      ),
    );
    const votes = voters.map((v) => voteChallenge(fx.engine, c.id, as(v), 1));
    const outcomes = await Promise.all(moves);
    await Promise.all(votes);
    expect(outcomes.filter((o) => o === 'moved')).toHaveLength(1);
    for (const o of outcomes.filter((x) => x !== 'moved')) {
      expect(['ERR_STATUS_CONFLICT', 'ERR_TRANSITION_NOT_ALLOWED']).toContain(o);
    }
    expect((await challengeHistory(fx.engine, c.id, admin)).items).toHaveLength(1);
    expect((await tallyChallenge(fx.store, c.id, SYSTEM)).count).toBe(voters.length);
  });

  it('cycle figures in trends and the brief follow the moves: time to addressed, shares, participation', async () => {
    const cycle = async () => (await fx.engine.trends({ country: 'BE' }, admin.viewer)).cycle;
    const before = await cycle();
    const c = await raise('Drone swarms over the Liège prison courtyard');
    const dup = await raise('Drone swarms over a prison courtyard in Liège');
    const raised = await cycle();
    expect(raised.challenges).toBe(before.challenges + 2);
    const be = (x: typeof before) => x.participation.find((p) => p.country === 'BE');
    await voteChallenge(fx.engine, c.id, bystander, 1);
    expect(be(await cycle())?.votes).toBe((be(raised)?.votes ?? 0) + 1);
    await changeChallenge(fx.engine, dup.id, { status: 'duplicate', duplicateOf: c.id }, incBE);
    expect((await cycle()).challenges, 'a duplicate counts through its survivor').toBe(before.challenges + 1);
    await changeChallenge(fx.engine, c.id, { status: 'addressed', addressedBy: [RESULT] }, incBE, {
      now: () => new Date(Date.parse(`${c.date}T00:00:00Z`) + 30 * 86_400_000),
    });
    const after = await cycle();
    expect(after.addressed).toBe(before.addressed + 1);
    expect(after.daysToAddressed.count).toBe(before.daysToAddressed.count + 1);
    const share = (x: typeof before) => x.byCountry.find((r) => r.key === 'BE');
    expect(share(after)?.addressed).toBe((share(before)?.addressed ?? 0) + 1);
    const uas = after.byTopic.find((t) => t.key === 'area:counter-uas');
    expect(uas?.addressed).toBeGreaterThan(0);
    const brief = await fx.engine.report(admin.viewer);
    expect(brief).toContain('## The network’s cycle');
    expect(brief).toMatch(/\d+ of \d+ challenges are addressed/u);
  });

  it('an addressed need leaves the gap', async () => {
    const c = await raise('Counter-drone jammers interfere with prison radio', { topics: ['area:counter-uas'] });
    const demand = async () =>
      (await fx.engine.gaps({ country: 'BE', limit: 100 }, admin.viewer)).challenges.some((g) => g.id === c.id);
    expect(await demand()).toBe(true);
    await changeChallenge(fx.engine, c.id, { status: 'addressed', addressedBy: [RESULT] }, incBE);
    expect(await demand()).toBe(false);
  });

  it('a hidden challenge’s history is not found, the same as a missing one', async () => {
    const c = (
      await submitChallenge(fx.engine, { title: 'Restricted drone incident log', visibility: 'restricted' }, raiser)
    ).challenge;
    const hidden = await rejection(challengeHistory(fx.engine, c.id, bystander));
    const missing = await rejection(challengeHistory(fx.engine, 'input:challenge:none', bystander));
    expect(hidden.code).toBe('ERR_CHALLENGE_NOT_FOUND');
    expect(missing.code).toBe('ERR_CHALLENGE_NOT_FOUND');
    expect((await rejection(changeChallenge(fx.engine, c.id, { status: 'closed' }, bystander))).code).toBe(
      'ERR_CHALLENGE_NOT_FOUND',
    );
  });
});

describe('topics of a new challenge', () => {
  it('are matched from the vocabulary when none are given, and can be edited', async () => {
    const s = await submitChallenge(
      fx.engine,
      { title: 'Counter-UAS for drones over the port', country: 'BE' },
      raiser,
    );
    expect(s.topicsAssigned).toBe(true);
    expect(s.topics).toContain('area:counter-uas');
    const byArea = await submitChallenge(
      fx.engine,
      { title: 'Something over the walls', area: 'Drones and counter-UAS' },
      raiser,
    );
    expect(byArea.topics).toEqual(['area:counter-uas']);
    const none = await submitChallenge(fx.engine, { title: 'Counter-UAS for drones', topics: [] }, raiser);
    expect([none.topics, none.topicsAssigned]).toEqual([[], false]);

    const edited = await changeChallenge(fx.engine, s.challenge.id, { topics: ['area:border-security'] }, raiser);
    expect(edited.topics).toEqual(['area:border-security']);
    const about = await fx.store.relationships({ type: 'ABOUT', from: [s.challenge.id] }, SYSTEM);
    expect(about.items.map((r) => r.to)).toEqual(['area:border-security']);
    const bad = await rejection(changeChallenge(fx.engine, s.challenge.id, { topics: ['area:nope'] }, raiser));
    expect([bad.code, bad.field]).toEqual(['ERR_UNKNOWN_TOPIC', 'topics[0]']);
    const other = await rejection(changeChallenge(fx.engine, s.challenge.id, { topics: [] }, bystander));
    expect(other.code).toBe('ERR_FORBIDDEN');
  });
});
