import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../engine/input/actor.js';
import { InputError } from '../../engine/input/errors.js';
import { votePoll } from '../../engine/input/polls.js';
import { SYSTEM } from '../../graph/viewer.js';
import { type DemoEngine, openDemoEngine } from '../helpers/demo-engine.js';

const POLL = 'demo:poll:emerging-threats-2024';
const KOEN = 'demo:person:koen-verhoeve';
const inc: Actor = {
  viewer: { id: 'test:koen', clearance: 'network', orgs: ['demo:inc:BE'] },
  person: KOEN,
  organisation: 'demo:inc:BE',
};
/** The poll closes on 2024-12-04: votes are taken until the end of that day. */
const OPEN = () => new Date('2024-12-04T22:00:00Z');
const CLOSED = () => new Date('2024-12-05T00:00:01Z');

let fx: DemoEngine;
beforeAll(async () => {
  fx = await openDemoEngine();
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

const votesFor = async (option: string) => {
  const [poll] = await fx.engine.polls(inc.viewer, POLL);
  return poll?.options.find((o) => o.option === option)?.votes ?? Number.NaN;
};

describe('votePoll', () => {
  it('records the person’s choice, spelt as the poll spells it, and the analytics count it at once', async () => {
    const option = 'Crypto ATMs and money mules';
    const before = await votesFor(option);
    const r = await votePoll(fx.engine, POLL, inc, '  crypto atms AND money mules ', { now: OPEN });
    expect(r.option).toBe(option);
    const stored = await fx.store.relationships({ type: 'VOTED', from: [KOEN], to: [POLL] }, SYSTEM);
    expect(stored.items).toEqual([{ type: 'VOTED', from: KOEN, to: POLL, option, date: '2024-12-04' }]);
    expect(r.tally.options.find((o) => o.option === option)?.votes).toBe(before + (r.previous === option ? 0 : 1));
    expect(await votesFor(option)).toBe(r.tally.options.find((o) => o.option === option)?.votes);
  });

  it('one vote per person: voting again moves it', async () => {
    const a = 'Deepfakes presented as evidence';
    const b = 'Grooming in online games';
    await votePoll(fx.engine, POLL, inc, a, { now: OPEN });
    const beforeA = await votesFor(a);
    const beforeB = await votesFor(b);
    const r = await votePoll(fx.engine, POLL, inc, b, { now: OPEN });
    expect(r.previous).toBe(a);
    expect(await votesFor(a)).toBe(beforeA - 1);
    expect(await votesFor(b)).toBe(beforeB + 1);
    expect(r.tally.votes).toBe(r.tally.options.reduce((s, o) => s + o.votes, 0));
    const mine = await fx.store.relationships({ type: 'VOTED', from: [KOEN], to: [POLL] }, SYSTEM);
    expect(mine.items.map((v) => v.option)).toEqual([b]);
  });

  it('refuses closed polls, unknown options, people-less actors and ids of other things', async () => {
    expect(
      (await rejection(votePoll(fx.engine, POLL, inc, 'Deepfakes presented as evidence', { now: CLOSED }))).code,
    ).toBe('ERR_POLL_CLOSED');
    const bad = await rejection(votePoll(fx.engine, POLL, inc, 'Pigeons', { now: OPEN }));
    expect({ code: bad.code, field: bad.field }).toEqual({ code: 'ERR_INVALID_OPTION', field: 'option' });
    expect(bad.message).toContain('Deepfakes presented as evidence');
    expect((await rejection(votePoll(fx.engine, POLL, inc, 3, { now: OPEN }))).code).toBe('ERR_INVALID_INPUT');
    expect(
      (await rejection(votePoll(fx.engine, POLL, { viewer: inc.viewer }, 'Grooming in online games', { now: OPEN })))
        .code,
    ).toBe('ERR_ACTOR_NO_PERSON');
    expect((await rejection(votePoll(fx.engine, 'demo:poll:nope', inc, 'x', { now: OPEN }))).code).toBe(
      'ERR_POLL_NOT_FOUND',
    );
    expect(
      (await rejection(votePoll(fx.engine, 'demo:challenge:prison-drone-drops', inc, 'x', { now: OPEN }))).code,
    ).toBe('ERR_NOT_A_POLL');
    const anonymous: Actor = { viewer: { id: 'anon', clearance: 'public', orgs: [] }, person: KOEN };
    expect((await rejection(votePoll(fx.engine, POLL, anonymous, 'x', { now: OPEN }))).code).toBe('ERR_POLL_NOT_FOUND');
  });
});
