import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../engine/input/actor.js';
import { submitChallenge, voteChallenge } from '../../engine/input/challenges.js';
import { InputError } from '../../engine/input/errors.js';
import { readChallenge } from '../../engine/input/index.js';
import { VectorStore } from '../../engine/vector/vector-store.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { type DemoEngine, openDemoEngine } from '../helpers/demo-engine.js';

const OLIVIER = 'demo:person:olivier-dufresnel';
const VALMONT = 'demo:org:valmont-prisons';
const NORDMARK = 'demo:org:nordmark-police';
const officer: Actor = {
  viewer: { id: 'test:olivier', clearance: 'network', orgs: [VALMONT] },
  person: OLIVIER,
  organisation: VALMONT,
};
const outsider: Viewer = { id: 'test:outsider', clearance: 'network', orgs: [] };
const NOW = new Date('2025-06-15T10:00:00Z');
const now = () => NOW;

let fx: DemoEngine;
beforeAll(async () => {
  fx = await openDemoEngine({ dense: true });
});
afterAll(async () => {
  await fx?.close();
});

async function countChallenges(): Promise<number> {
  return (await fx.store.stats(SYSTEM)).nodes.Challenge;
}

async function rejection(p: Promise<unknown>): Promise<InputError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe('submitChallenge', () => {
  it('stores the challenge with RAISED from the person and ABOUT its topics, in the actor’s country', async () => {
    const s = await submitChallenge(
      fx.engine,
      {
        title: 'Thermal cameras lose small drones against warm warehouse roofs',
        description: 'Harbour perimeter cameras lose small drones against the warm roofs at dusk.',
        keywords: ['drones', 'thermal imaging'],
        topics: ['area:counter-uas'],
      },
      officer,
      { now },
    );
    const c = s.challenge;
    expect(c.id).toMatch(/^input:challenge:[0-9a-f-]{36}$/u);
    expect(c).toMatchObject({
      kind: 'Challenge',
      status: 'open',
      visibility: 'network',
      owner: VALMONT,
      date: '2025-06-15',
      country: 'FR',
      keywords: ['drones', 'thermal imaging'],
    });
    expect(s.raisedBy).toBe(OLIVIER);
    expect(s.topics).toEqual(['area:counter-uas']);
    const raised = await fx.store.relationships({ type: 'RAISED', to: [c.id] }, SYSTEM);
    expect(raised.items).toEqual([{ type: 'RAISED', from: OLIVIER, to: c.id, date: '2025-06-15' }]);
    const about = await fx.store.relationships({ type: 'ABOUT', from: [c.id] }, SYSTEM);
    expect(about.items.map((r) => r.to)).toEqual(['area:counter-uas']);
    const view = await readChallenge(fx.engine, c.id, officer);
    expect(view.topics.map((t) => t.label)).toEqual(['Drones and counter-UAS']);
    expect(view.raisedBy.map((r) => r.id)).toEqual([OLIVIER]);
    expect(view.votes).toEqual({ count: 0, up: 0, down: 0, score: 0 });
    // The raiser may withdraw it and nothing else; the view says so, from the lifecycle's rule.
    expect(view.moves).toEqual(['closed']);
    expect((await readChallenge(fx.engine, c.id, { viewer: SYSTEM, role: 'admin' })).moves).toEqual([
      'in-progress',
      'addressed',
      'closed',
      'duplicate',
    ]);
  });

  it('shows the existing challenge it duplicates first, and never itself', async () => {
    const s = await submitChallenge(
      fx.engine,
      { title: 'Drones drop contraband over our prison walls at night', keywords: ['drones', 'prisons', 'contraband'] },
      officer,
      { now },
    );
    expect(s.similar.mode).toBe('hybrid');
    expect(s.similar.challenges[0]?.id).toBe('demo:challenge:prison-drone-drops');
    expect(s.similar.challenges.map((x) => x.id)).not.toContain(s.challenge.id);
    expect(s.similar.challenges.length).toBeGreaterThan(1);
    for (const x of s.similar.challenges) expect(x.score).toBeGreaterThan(0);
  });

  it('is findable at once: in the lexical index, in the vector index and by match-need', async () => {
    const words = 'Quokka sightings near the harbour customs warehouse';
    const before = await fx.engine.similarChallenges(words, officer.viewer, { mode: 'lexical' });
    expect(before.challenges.map((x) => x.title)).not.toContain(words);
    const s = await submitChallenge(fx.engine, { title: words }, officer, { now });
    expect(s.embedded).toBe(true);
    const lexical = await fx.engine.similarChallenges('quokka sightings', officer.viewer, { mode: 'lexical' });
    expect(lexical.challenges[0]?.id).toBe(s.challenge.id);
    const dense = await fx.engine.similarChallenges(words, officer.viewer, { mode: 'dense' });
    expect(dense.challenges[0]?.id).toBe(s.challenge.id);
    const vectors = await VectorStore.open(fx.dir);
    try {
      const stored = await vectors.hashes(fx.embedder?.model ?? '', 'Challenge', [s.challenge.id]);
      expect(stored.has(s.challenge.id)).toBe(true);
    } finally {
      await vectors.close();
    }
    const matched = await fx.engine.matchNeed(s.challenge.id, officer.viewer, { mode: 'lexical' });
    expect(matched.query).toContain('Quokka');
  });

  it('counts in the analytics at once (the snapshot is refreshed)', async () => {
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    const before = await fx.engine.trends({}, officer.viewer);
    await submitChallenge(fx.engine, { title: 'Counting test: a need raised today' }, officer, { now });
    const after = await fx.engine.trends({}, officer.viewer);
    expect(sum(after.totals.challenges)).toBe(sum(before.totals.challenges) + 1);
  });

  it('keeps a restricted challenge to the actor’s organisation', async () => {
    const s = await submitChallenge(
      fx.engine,
      { title: 'Internal: staff smuggling phones in lunch boxes', visibility: 'restricted' },
      officer,
      { now },
    );
    expect(s.challenge).toMatchObject({ visibility: 'restricted', owner: VALMONT });
    expect(await fx.store.getNode(s.challenge.id, officer.viewer)).toBeDefined();
    expect(await fx.store.getNode(s.challenge.id, outsider)).toBeUndefined();
    const hidden = await fx.engine.similarChallenges('staff smuggling phones lunch boxes', outsider, {
      mode: 'lexical',
    });
    expect(hidden.challenges.map((x) => x.id)).not.toContain(s.challenge.id);
  });

  it('rejects malformed input naming the field, and writes nothing', async () => {
    const before = await countChallenges();
    const cases: [unknown, string, string][] = [
      [{ title: '' }, 'title', 'ERR_INVALID_INPUT'],
      [{}, 'title', 'ERR_INVALID_INPUT'],
      [{ title: 'ok', colour: 'red' }, 'colour', 'ERR_INVALID_INPUT'],
      [{ title: 'ok', keywords: ['fine', ''] }, 'keywords[1]', 'ERR_INVALID_INPUT'],
      [{ title: 'ok', country: 'France' }, 'country', 'ERR_INVALID_INPUT'],
      [{ title: 'ok', visibility: 'secret' }, 'visibility', 'ERR_INVALID_INPUT'],
      [{ title: 'ok', topics: ['area:counter-uas', 'area:unknown'] }, 'topics[1]', 'ERR_UNKNOWN_TOPIC'],
      [{ title: 'ok', topics: [OLIVIER] }, 'topics[0]', 'ERR_UNKNOWN_TOPIC'],
      [{ title: 'x'.repeat(1_001) }, 'title', 'ERR_INVALID_INPUT'],
    ];
    for (const [input, field, code] of cases) {
      const e = await rejection(submitChallenge(fx.engine, input, officer, { now }));
      expect({ code: e.code, field: e.field }).toEqual({ code, field });
      expect(e.message).toContain(field.replace(/\[\d+\]$/u, ''));
    }
    expect(await countChallenges()).toBe(before);
  });

  it('refuses actors who are nobody, and restricted challenges without an organisation', async () => {
    const before = await countChallenges();
    expect((await rejection(submitChallenge(fx.engine, { title: 'a' }, { viewer: outsider }))).code).toBe(
      'ERR_ACTOR_UNKNOWN',
    );
    expect(
      (await rejection(submitChallenge(fx.engine, { title: 'a' }, { viewer: outsider, person: 'demo:person:nobody' })))
        .code,
    ).toBe('ERR_ACTOR_UNKNOWN');
    expect(
      (await rejection(submitChallenge(fx.engine, { title: 'a' }, { viewer: outsider, person: VALMONT }))).code,
    ).toBe('ERR_ACTOR_UNKNOWN');
    const noOrg = await rejection(
      submitChallenge(fx.engine, { title: 'a', visibility: 'restricted' }, { viewer: outsider, person: OLIVIER }),
    );
    expect({ code: noOrg.code, field: noOrg.field }).toEqual({ code: 'ERR_FORBIDDEN', field: 'visibility' });
    // An organisation the viewer is not a member of would own a challenge its author cannot see.
    const foreign = await rejection(
      submitChallenge(
        fx.engine,
        { title: 'a', visibility: 'restricted' },
        { viewer: outsider, person: OLIVIER, organisation: NORDMARK },
      ),
    );
    expect(foreign.code).toBe('ERR_FORBIDDEN');
    expect(await countChallenges()).toBe(before);
  });

  it('never overwrites: a given id must be new', async () => {
    const e = await rejection(
      submitChallenge(fx.engine, { title: 'Replace me?' }, officer, { now, id: 'demo:challenge:prison-drone-drops' }),
    );
    expect({ code: e.code, field: e.field }).toEqual({ code: 'ERR_INVALID_INPUT', field: 'id' });
    expect((await fx.store.getNode('demo:challenge:prison-drone-drops', SYSTEM))?.kind).toBe('Challenge');
    const s = await submitChallenge(fx.engine, { title: 'Imported with its own id' }, officer, {
      now,
      id: 'import:ch:1',
    });
    expect(s.challenge.id).toBe('import:ch:1');
  });

  it('takes an organisation alone as the author', async () => {
    const s = await submitChallenge(
      fx.engine,
      { title: 'Raised by the organisation itself' },
      { viewer: { id: 'test:org', clearance: 'network', orgs: [NORDMARK] }, organisation: NORDMARK },
      { now },
    );
    expect(s.raisedBy).toBe(NORDMARK);
    expect(s.challenge.country).toBe('DE');
  });
});

describe('voteChallenge', () => {
  const target = 'demo:challenge:prison-drone-drops';

  it('records one vote per person; voting again replaces it', async () => {
    const start = (await readChallenge(fx.engine, target, officer)).votes;
    const first = await voteChallenge(fx.engine, target, officer, 1, { now });
    expect(first.previous).toBeUndefined();
    expect(first.votes.count).toBe(start.count + 1);
    expect(first.votes.up).toBe(start.up + 1);
    const again = await voteChallenge(fx.engine, target, officer, -1, { now });
    expect(again.previous).toBe(1);
    expect(again.votes.count).toBe(start.count + 1);
    expect(again.votes.up).toBe(start.up);
    expect(again.votes.down).toBe(start.down + 1);
    expect(again.votes.score).toBe(start.score - 1);
    const mine = await fx.store.relationships({ type: 'VOTED', from: [OLIVIER], to: [target] }, SYSTEM);
    expect(mine.items).toEqual([{ type: 'VOTED', from: OLIVIER, to: target, value: -1, date: '2025-06-15' }]);
    expect((await readChallenge(fx.engine, target, officer)).myVote).toBe(-1);
  });

  it('rejects what cannot be a vote', async () => {
    const e = await rejection(voteChallenge(fx.engine, target, officer, 2));
    expect({ code: e.code, field: e.field }).toEqual({ code: 'ERR_INVALID_INPUT', field: 'value' });
    expect((await rejection(voteChallenge(fx.engine, 'demo:challenge:nope', officer, 1))).code).toBe(
      'ERR_CHALLENGE_NOT_FOUND',
    );
    expect((await rejection(voteChallenge(fx.engine, 'demo:poll:priorities-2020', officer, 1))).code).toBe(
      'ERR_NOT_A_CHALLENGE',
    );
    expect((await rejection(voteChallenge(fx.engine, target, { viewer: outsider }, 1))).code).toBe(
      'ERR_ACTOR_NO_PERSON',
    );
    expect((await rejection(voteChallenge(fx.engine, 'demo:challenge:bwc-storage-costs', officer, 1))).code).toBe(
      'ERR_CHALLENGE_CLOSED',
    );
    // Hidden and missing read the same.
    expect(
      (
        await rejection(
          voteChallenge(fx.engine, 'demo:challenge:dna-mixture-court', { ...officer, viewer: outsider }, 1),
        )
      ).code,
    ).toBe('ERR_CHALLENGE_NOT_FOUND');
  });
});
