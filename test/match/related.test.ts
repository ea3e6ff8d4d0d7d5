import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../app/cli/commands/match.js';
import { droneGraph, ID, OUTSIDER } from './graph.js';
import { type Fixture, openFixture } from './setup.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture(droneGraph({ secrets: true }));
  await fx.store.upsert({
    relationships: [
      { type: 'VOTED', from: ID.anna, to: ID.need, value: 1 },
      { type: 'VOTED', from: ID.bruno, to: ID.need, value: 1 },
    ],
  });
});
afterAll(async () => {
  await fx.close();
});

describe('related open challenges', () => {
  it('shows the open challenge on the asked need beside the answers, with its votes', async () => {
    const a = await fx.matcher().whoSolved('drones dropping contraband into prisons', {}, OUTSIDER);
    expect(a.hits.length).toBeGreaterThan(0);
    const need = a.related?.find((c) => c.id === ID.need);
    expect(need).toMatchObject({ title: 'Drones dropping contraband into prisons', votes: { count: 2, up: 2 } });
    expect(render(a, undefined)).toMatch(
      /Others need this too \(open challenges\)\n {2}- Drones dropping contraband into prisons \(2 votes\)/u,
    );
  });

  it('never shows a challenge the viewer may not see', async () => {
    const a = await fx.matcher().whoSolved('drone detection at the secret prison', {}, OUTSIDER);
    expect((a.related ?? []).map((c) => c.id)).not.toContain(ID.secretNeed);
  });

  it('shows none when no open challenge is close to the question', async () => {
    const a = await fx.matcher().whoSolved('counter-drone protection', { mode: 'lexical' }, OUTSIDER);
    expect((a.related ?? []).map((c) => c.id)).not.toContain(ID.need);
  });
});
