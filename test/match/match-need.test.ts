import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needText } from '../../engine/match/match-need.js';
import { droneGraph, ID, INSIDER, OUTSIDER } from './graph.js';
import { type Fixture, openFixture } from './setup.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture(droneGraph());
});
afterAll(async () => {
  await fx.close();
});

describe('match-need', () => {
  it('answers a stored challenge with experts and mature results, never the challenge itself', async () => {
    const a = await fx.matcher().matchNeed(ID.need, OUTSIDER);
    expect(a.query).toMatch(/^Drones dropping contraband into prisons\. drones, prisons\. Prisons need/u);
    expect(a.hits.map((h) => h.id)).not.toContain(ID.need);
    const results = a.hits.filter((h) => h.kind === 'Result').map((h) => h.id);
    expect(results[0]).toBe(ID.demonstrator);
    const people = a.hits.filter((h) => h.kind === 'Person').map((h) => h.id);
    expect(people[0]).toBe(ID.anna);
  });

  it('counts the works that already address the challenge as evidence, with the challenge on the path', async () => {
    // Only words the challenge does not use: what remains is the ADDRESSES edge.
    const a = await fx
      .matcher({ tuning: { lexicalWeight: 0, denseWeight: 0 } })
      .matchNeed(ID.need, OUTSIDER, { mode: 'lexical' });
    const demonstrator = a.hits.find((h) => h.id === ID.demonstrator);
    expect(demonstrator?.path.nodes.map((n) => n.id)).toEqual([ID.need, ID.demonstrator]);
    expect(demonstrator?.why).toMatch(/addresses the matching challenge/u);
    const dronelab = a.hits.find((h) => h.id === ID.dronelab);
    expect(dronelab?.path.nodes.map((n) => n.id)).toEqual([ID.need, ID.demonstrator, ID.dronelab]);
  });

  it("uses the challenge's topics: a work about the same topic gets a bonus", async () => {
    const withTopic = await fx.matcher().matchNeed(ID.need, OUTSIDER);
    const noTopic = await fx.matcher({ tuning: { topicWeight: 0 } }).matchNeed(ID.need, OUTSIDER);
    const score = (a: typeof withTopic) => a.hits.find((h) => h.id === ID.skywall)?.scores.score ?? 0;
    expect(score(withTopic)).toBeGreaterThan(score(noTopic));
  });

  it('takes the same filters as who-solved', async () => {
    const a = await fx.matcher().matchNeed(ID.need, OUTSIDER, { country: 'FR', kinds: ['Organisation'] });
    expect(a.hits.map((h) => h.id)).toEqual([ID.gendarmerie]);
  });

  it('fails clearly on a missing, unknown, hidden or non-challenge id', async () => {
    const m = fx.matcher();
    await expect(m.matchNeed('', OUTSIDER)).rejects.toMatchObject({ code: 'ERR_CHALLENGE_NOT_FOUND' });
    await expect(m.matchNeed('chl:nope', OUTSIDER)).rejects.toMatchObject({
      code: 'ERR_CHALLENGE_NOT_FOUND',
      message: 'no challenge chl:nope (or you may not see it)',
    });
    // Hidden reads exactly like missing: the outsider cannot tell that the need exists.
    await expect(m.matchNeed(ID.secretNeed, OUTSIDER)).rejects.toMatchObject({
      code: 'ERR_CHALLENGE_NOT_FOUND',
      message: `no challenge ${ID.secretNeed} (or you may not see it)`,
    });
    await expect(m.matchNeed(ID.skywall, OUTSIDER)).rejects.toMatchObject({ code: 'ERR_NOT_A_CHALLENGE' });
    await expect(m.matchNeed(ID.need, OUTSIDER, { kind: 'lea' } as never)).rejects.toMatchObject({
      code: 'ERR_INVALID_FILTER',
    });
    const insider = await m.matchNeed(ID.secretNeed, INSIDER);
    expect(insider.hits.map((h) => h.id)).toContain(ID.radar);
  });

  it('cuts a long challenge text at a word boundary under the query limit', () => {
    const text = needText({ title: 'T', keywords: [], description: 'word '.repeat(400) });
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text.endsWith('word')).toBe(true);
  });
});
