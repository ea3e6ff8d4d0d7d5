/**
 * The bottom-up input over HTTP (engine/input behind it): raise, read, list and vote on
 * challenges, vote in polls. The engine here has a dense side (FakeEmbedder vectors), so a new
 * challenge must come back embedded and the default matching mode is hybrid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmittedChallenge } from '../../engine/input/challenges.js';
import type { ChallengeView } from '../../engine/input/index.js';
import type { PollVoteResult } from '../../engine/input/polls.js';
import type { Answer } from '../../engine/match/answer.js';
import { SYSTEM } from '../../graph/viewer.js';
import { type ApiFixture, DEMO, json, openApi, qs } from './helpers.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi({ dense: true });
});
afterAll(async () => {
  await f?.close();
});

const post = (who: Parameters<ApiFixture['as']>[0], url: string, payload: unknown) =>
  f.as(who, { method: 'POST', url, payload: payload as Record<string, unknown> });
const enc = encodeURIComponent;

describe('raising a challenge', () => {
  it('stores it, answers 201 with its location, its similar challenges, and it is findable at once', async () => {
    const r = await post('officer', '/api/challenges', {
      title: 'Drones drop phones and drugs over the prison wall at night',
      keywords: ['drones', 'prisons', 'contraband'],
      topics: ['area:counter-uas'],
    });
    expect(r.statusCode).toBe(201);
    const s = json<SubmittedChallenge>(r);
    expect(r.headers['location']).toBe(`/api/challenges/${enc(s.challenge.id)}`);
    expect(s.challenge).toMatchObject({
      kind: 'Challenge',
      status: 'open',
      country: 'FR',
      owner: DEMO.officer.organisation,
    });
    expect(s.raisedBy).toBe(DEMO.officer.person);
    expect(s.embedded).toBe(true);
    expect(s.similar.mode).toBe('hybrid');
    expect(s.similar.challenges[0]?.id).toBe('demo:challenge:prison-drone-drops');

    const view = json<ChallengeView>(await f.as('inc', { url: r.headers['location'] as string }));
    expect(view.challenge).toEqual(s.challenge);
    expect(view.topics.map((t) => t.id)).toEqual(['area:counter-uas']);
    expect(view.votes).toEqual({ count: 0, up: 0, down: 0, score: 0 });

    // A second officer raising the same need sees the first one among the similar.
    const dup = json<SubmittedChallenge>(
      await post('inc', '/api/challenges', { title: 'Contraband drones over prison walls after dark' }),
    );
    expect(dup.similar.challenges.slice(0, 3).map((c) => c.id)).toContain(s.challenge.id);

    // And its matches (its own text as the query) are served at once.
    const m = await f.as('officer', { url: `/api/challenges/${enc(s.challenge.id)}/matches` });
    expect(m.statusCode).toBe(200);
    expect(json<Answer>(m).mode).toBe('hybrid');
    expect(json<Answer>(m).hits.length).toBeGreaterThan(0);
  });

  it('lists challenges a page at a time, filtered by status and country, with their votes', async () => {
    const r = await f.as('officer', { url: `/api/challenges${qs({ status: 'closed' })}` });
    const page = json<{ items: { challenge: { id: string; status: string }; votes: { count: number } }[] }>(r);
    expect(page.items.map((i) => i.challenge.id)).toEqual([
      'demo:challenge:bwc-storage-costs',
      'demo:challenge:prison-radicalisation',
    ]);
    const first = await f.as('officer', { url: `/api/challenges${qs({ limit: 10 })}` });
    const p1 = json<{ items: { challenge: { id: string } }[]; next?: string }>(first);
    expect(p1.items).toHaveLength(10);
    expect(p1.next).toBeDefined();
    const p2 = json<{ items: { challenge: { id: string } }[] }>(
      await f.as('officer', { url: `/api/challenges${qs({ limit: 10, cursor: p1.next })}` }),
    );
    expect((p2.items[0]?.challenge.id ?? '') > (p1.items.at(-1)?.challenge.id ?? '')).toBe(true);
    const be = json<{ items: { challenge: { country: string } }[] }>(
      await f.as('officer', { url: `/api/challenges${qs({ country: 'be', limit: 200 })}` }),
    );
    expect(be.items.length).toBeGreaterThan(0);
    for (const i of be.items) expect(i.challenge.country).toBe('BE');
    const votes = json<{ items: { challenge: { id: string }; votes: { count: number } }[] }>(
      await f.as('admin', { url: `/api/challenges${qs({ limit: 200 })}` }),
    );
    const drones = votes.items.find((i) => i.challenge.id === 'demo:challenge:prison-drone-drops');
    const stored = await f.demo.store.relationships(
      { type: 'VOTED', to: ['demo:challenge:prison-drone-drops'], limit: 1000 },
      SYSTEM,
    );
    expect(drones?.votes.count).toBe(stored.items.length);
  });

  it('answers malformed bodies with 400 naming the field, and writes nothing', async () => {
    const before = (await f.demo.store.stats(SYSTEM)).nodes.Challenge;
    const cases: [unknown, string, string][] = [
      [{}, 'title', 'ERR_VALIDATION'],
      [{ title: '' }, 'title', 'ERR_VALIDATION'],
      [{ title: 7 }, 'title', 'ERR_VALIDATION'],
      [{ title: 'ok', colour: 'red' }, 'colour', 'ERR_VALIDATION'],
      [{ title: 'ok', keywords: ['a', ''] }, 'keywords[1]', 'ERR_VALIDATION'],
      [{ title: 'ok', country: 'fr' }, 'country', 'ERR_VALIDATION'],
      [{ title: 'ok', visibility: 'secret' }, 'visibility', 'ERR_VALIDATION'],
      [{ title: 'ok', topics: ['area:nothing'] }, 'topics[0]', 'ERR_UNKNOWN_TOPIC'],
      [{ title: 'ok', topics: ['has space'] }, 'topics[0]', 'ERR_VALIDATION'],
    ];
    for (const [payload, field, code] of cases) {
      const r = await post('officer', '/api/challenges', payload);
      expect({ payload, status: r.statusCode, code: json(r)['code'], field: json(r)['field'] }).toEqual({
        payload,
        status: 400,
        code,
        field,
      });
      expect(json<{ message: string }>(r).message).toContain(field.replace(/\[\d+\]$/u, ''));
    }
    const garbled = await f.as('officer', {
      method: 'POST',
      url: '/api/challenges',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": "unterminated',
    });
    expect(garbled.statusCode).toBe(400);
    expect(json(garbled)).toMatchObject({ code: 'ERR_MALFORMED_BODY', message: 'the body is not valid JSON' });
    const empty = await f.as('officer', {
      method: 'POST',
      url: '/api/challenges',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.statusCode).toBe(400);
    const text = await f.as('officer', {
      method: 'POST',
      url: '/api/challenges',
      headers: { 'content-type': 'text/plain' },
      payload: 'title=hello',
    });
    expect(text.statusCode).toBe(415);
    expect(json(text)['code']).toBe('ERR_UNSUPPORTED_MEDIA_TYPE');
    const huge = await post('officer', '/api/challenges', { title: 'big', description: 'x'.repeat(1_100_000) });
    expect(huge.statusCode).toBe(413);
    expect(json(huge)['code']).toBe('ERR_BODY_TOO_LARGE');
    expect((await f.demo.store.stats(SYSTEM)).nodes.Challenge).toBe(before);
  });

  it('restricts a challenge to the token’s organisation when asked', async () => {
    const r = await post('noPerson', '/api/challenges', { title: 'Internal only: a need', visibility: 'restricted' });
    expect(r.statusCode).toBe(201);
    const s = json<SubmittedChallenge>(r);
    expect(s.raisedBy).toBe(DEMO.officer.organisation);
    const url = `/api/challenges/${enc(s.challenge.id)}`;
    expect((await f.as('officer', { url })).statusCode).toBe(200);
    expect((await f.as('inc', { url })).statusCode).toBe(404);
    expect((await f.as('admin', { url })).statusCode).toBe(200);
  });
});

describe('voting on a challenge', () => {
  const url = `/api/challenges/${enc('demo:challenge:prison-drone-drops')}/votes`;

  it('one vote per person, replaced by a new one', async () => {
    const first = await post('inc', url, { value: 1 });
    expect(first.statusCode).toBe(200);
    const a = json<{ value: number; previous?: number; votes: { count: number; up: number; down: number } }>(first);
    expect(a.value).toBe(1);
    const second = json<typeof a>(await post('inc', url, { value: -1 }));
    expect(second.previous).toBe(1);
    expect(second.votes.count).toBe(a.votes.count);
    expect(second.votes.down).toBe(a.votes.down + 1);
    const view = json<ChallengeView>(
      await f.as('inc', { url: `/api/challenges/${enc('demo:challenge:prison-drone-drops')}` }),
    );
    expect(view.myVote).toBe(-1);
    expect(view.votes).toEqual(second.votes);
  });

  it('answers bad votes with the right status and code', async () => {
    const cases: [Parameters<ApiFixture['as']>[0], string, unknown, number, string][] = [
      ['inc', url, { value: 2 }, 400, 'ERR_VALIDATION'],
      ['inc', url, {}, 400, 'ERR_VALIDATION'],
      ['inc', url, { value: '1' }, 400, 'ERR_VALIDATION'],
      ['inc', '/api/challenges/demo:challenge:none/votes', { value: 1 }, 404, 'ERR_CHALLENGE_NOT_FOUND'],
      ['inc', '/api/challenges/demo:challenge:bwc-storage-costs/votes', { value: 1 }, 409, 'ERR_CHALLENGE_CLOSED'],
      ['inc', '/api/challenges/demo:poll:priorities-2020/votes', { value: 1 }, 400, 'ERR_NOT_A_CHALLENGE'],
      ['noPerson', url, { value: 1 }, 403, 'ERR_ACTOR_NO_PERSON'],
      ['policy', url, { value: 1 }, 403, 'ERR_FORBIDDEN'],
    ];
    for (const [who, u, payload, status, code] of cases) {
      const r = await post(who, u, payload);
      expect({ u, payload, status: r.statusCode, code: json(r)['code'] }).toEqual({ u, payload, status, code });
    }
    expect(json(await post('inc', url, { value: 2 }))['field']).toBe('value');
  });
});

describe('polls', () => {
  const open = 'test:poll:open';

  beforeAll(async () => {
    // An open poll beside the demo's (all closed by now), written as an event organiser would.
    await f.demo.store.upsert({
      nodes: [
        {
          kind: 'Poll',
          id: open,
          question: 'Which training should the network run next?',
          options: ['Drone forensics', 'Crypto tracing'],
          closesAt: '2999-12-31',
        },
      ],
    });
    f.demo.engine.invalidate();
  });

  it('lists polls with their results as the analytics compute them', async () => {
    const r = await f.as('policy', { url: '/api/polls' });
    expect(json(r)).toEqual(await f.demo.engine.polls(f.viewer('policy')));
    const one = await f.as('policy', { url: `/api/polls/${enc('demo:poll:priorities-2020')}` });
    expect(json(one)).toEqual((await f.demo.engine.polls(f.viewer('policy'), 'demo:poll:priorities-2020'))[0]);
    expect((await f.as('policy', { url: '/api/polls/demo:poll:none' })).statusCode).toBe(404);
  });

  it('takes one vote per person and counts it in the results at once', async () => {
    const url = `/api/polls/${enc(open)}/votes`;
    const r = await post('policy', url, { option: 'drone forensics' });
    expect(r.statusCode).toBe(200);
    const v = json<PollVoteResult>(r);
    expect(v).toMatchObject({ pollId: open, person: DEMO.policy.person, option: 'Drone forensics' });
    expect(v.tally.options).toEqual([
      { option: 'Drone forensics', votes: 1 },
      { option: 'Crypto tracing', votes: 0 },
    ]);
    const moved = json<PollVoteResult>(await post('policy', url, { option: 'Crypto tracing' }));
    expect(moved.previous).toBe('Drone forensics');
    const results = json<{ options: { option: string; votes: number }[]; votes: number }>(
      await f.as('officer', { url: `/api/polls/${enc(open)}` }),
    );
    expect(results.votes).toBe(1);
    expect(results.options.find((o) => o.option === 'Crypto tracing')?.votes).toBe(1);
  });

  it('refuses closed polls, unknown options and people-less tokens', async () => {
    const closed = await post('policy', `/api/polls/${enc('demo:poll:priorities-2020')}/votes`, {
      option: 'Tracing crypto-assets',
    });
    expect([closed.statusCode, json(closed)['code']]).toEqual([409, 'ERR_POLL_CLOSED']);
    const bad = await post('policy', `/api/polls/${enc(open)}/votes`, { option: 'Knitting' });
    expect([bad.statusCode, json(bad)['code'], json(bad)['field']]).toEqual([400, 'ERR_INVALID_OPTION', 'option']);
    const missing = await post('policy', `/api/polls/${enc(open)}/votes`, {});
    expect([missing.statusCode, json(missing)['field']]).toEqual([400, 'option']);
    const nobody = await post('noPerson', `/api/polls/${enc(open)}/votes`, { option: 'Crypto tracing' });
    expect([nobody.statusCode, json(nobody)['code']]).toEqual([403, 'ERR_ACTOR_NO_PERSON']);
  });
});
