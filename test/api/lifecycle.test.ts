/**
 * The challenge lifecycle over HTTP: PATCH /api/challenges/{id} and its history, with the
 * refusals the issue names (409 naming the allowed moves, 404 for what the caller cannot see)
 * and parallel requests that lose nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmittedChallenge } from '../../engine/input/challenges.js';
import type { ChallengeHistory } from '../../engine/input/lifecycle.js';
import { type ApiFixture, DEMO, json, openApi } from './helpers.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi();
});
afterAll(async () => {
  await f?.close();
});

const enc = encodeURIComponent;
const patch = (who: Parameters<ApiFixture['as']>[0], id: string, payload: unknown) =>
  f.as(who, { method: 'PATCH', url: `/api/challenges/${enc(id)}`, payload: payload as Record<string, unknown> });
const raise = async (title: string, extra: Record<string, unknown> = {}) =>
  json<SubmittedChallenge>(
    await f.as('officer', {
      method: 'POST',
      url: '/api/challenges',
      payload: { title, country: 'BE', topics: ['area:counter-uas'], ...extra },
    }),
  ).challenge;

describe('PATCH /api/challenges/{id}', () => {
  it('GET names the moves each viewer may make, the same the PATCH accepts; the list gives topic ids', async () => {
    const c = await raise('Drones over the Bruges remand prison at dawn');
    const moves = async (who: Parameters<ApiFixture['as']>[0]) =>
      json<{ moves: string[] }>(await f.as(who, { method: 'GET', url: `/api/challenges/${enc(c.id)}` })).moves;
    expect(await moves('inc')).toEqual(['in-progress', 'addressed', 'closed', 'duplicate']);
    expect(await moves('officer')).toEqual(['closed']);
    expect(await moves('nordmark')).toEqual([]);
    expect(await moves('policy')).toEqual([]);
    // What is offered is accepted, what is not offered is refused.
    expect((await patch('nordmark', c.id, { status: 'closed' })).statusCode).toBe(403);
    expect((await patch('inc', c.id, { status: 'in-progress' })).statusCode).toBe(200);
    expect(await moves('inc')).toEqual(['open', 'addressed', 'closed', 'duplicate']);
    const list = json<{ items: { challenge: { id: string }; topics: string[] }[] }>(
      await f.as('inc', { method: 'GET', url: '/api/challenges?country=BE&limit=200' }),
    );
    expect(list.items.find((i) => i.challenge.id === c.id)?.topics).toEqual(['area:counter-uas']);
    for (const i of list.items) expect(Array.isArray(i.topics)).toBe(true);
  });

  it('the INC moves a challenge of its country; a move not allowed is a 409 naming the allowed ones', async () => {
    const c = await raise('Drones over the Ghent remand prison at night');
    const byRaiser = await patch('officer', c.id, { status: 'in-progress' });
    expect(byRaiser.statusCode).toBe(409);
    expect(json<{ code: string; message: string; field: string }>(byRaiser)).toMatchObject({
      code: 'ERR_TRANSITION_NOT_ALLOWED',
      field: 'status',
      message: expect.stringMatching(/allowed: closed$/u),
    });
    const moved = await patch('inc', c.id, { status: 'in-progress', reason: 'reported by three prisons' });
    expect(moved.statusCode).toBe(200);
    expect(json<{ challenge: { status: string } }>(moved).challenge.status).toBe('in-progress');
    const wrong = await patch('inc', c.id, { status: 'duplicate' });
    expect(wrong.statusCode).toBe(400);
    expect(json<{ field: string }>(wrong).field).toBe('duplicateOf');
    const unknown = await patch('inc', c.id, {
      status: 'addressed',
      addressedBy: ['demo:result:net-interceptor'],
      by: 'x',
    });
    expect([unknown.statusCode, json<{ field: string }>(unknown).field]).toEqual([400, 'by']);
    const addressed = await patch('inc', c.id, {
      status: 'addressed',
      addressedBy: ['demo:result:net-interceptor'],
      takeUp: 'piloted in Ghent since 2026-03',
    });
    expect(addressed.statusCode).toBe(200);
    const again = await patch('inc', c.id, { status: 'closed' });
    expect(again.statusCode).toBe(409);
    expect(json<{ message: string }>(again).message).toMatch(/allowed: in-progress$/u);

    const h = await f.as('policy', { url: `/api/challenges/${enc(c.id)}/history` });
    expect(h.statusCode).toBe(200);
    const history = json<ChallengeHistory>(h);
    expect(history.items.map((i) => [i.from, i.to, i.by?.id])).toEqual([
      ['open', 'in-progress', DEMO.inc.person],
      ['in-progress', 'addressed', DEMO.inc.person],
    ]);
    expect(history.items[1]?.takeUp).toBe('piloted in Ghent since 2026-03');
  });

  it('a challenge the caller cannot see is a 404, for PATCH and history alike, the same as a missing one', async () => {
    const hidden = await raise('Restricted: drone incidents at the prison', { visibility: 'restricted' });
    for (const id of [hidden.id, 'input:challenge:does-not-exist']) {
      const p = await patch('inc', id, { status: 'closed' });
      const h = await f.as('inc', { url: `/api/challenges/${enc(id)}/history` });
      expect([p.statusCode, json<{ code: string }>(p).code]).toEqual([404, 'ERR_CHALLENGE_NOT_FOUND']);
      expect([h.statusCode, json<{ code: string }>(h).code]).toEqual([404, 'ERR_CHALLENGE_NOT_FOUND']);
    }
    expect((await patch('policy', hidden.id, { status: 'closed' })).statusCode).toBe(403);
  });

  it('parallel moves and votes: one move wins, every vote counts', async () => {
    const c = await raise('Drones spotted over the port fuel depot');
    const moves = Array.from({ length: 5 }, () => patch('inc', c.id, { status: 'in-progress' }));
    const votes = (['officer', 'nordmark', 'inc'] as const).map((who) =>
      f.as(who, { method: 'POST', url: `/api/challenges/${enc(c.id)}/votes`, payload: { value: 1 } }),
    );
    const answers = await Promise.all([...moves, ...votes]);
    const moveStatuses = answers.slice(0, 5).map((a) => a.statusCode);
    expect(moveStatuses.filter((s) => s === 200)).toHaveLength(1);
    expect(moveStatuses.filter((s) => s === 409)).toHaveLength(4);
    expect(answers.slice(5).map((a) => a.statusCode)).toEqual([200, 200, 200]);
    const view = json<{ votes: { count: number } }>(await f.as('admin', { url: `/api/challenges/${enc(c.id)}` }));
    expect(view.votes.count).toBe(3);
    const h = json<ChallengeHistory>(await f.as('admin', { url: `/api/challenges/${enc(c.id)}/history` }));
    expect(h.items).toHaveLength(1);
  });

  it('both routes are in the OpenAPI document with their problem answers', async () => {
    const doc = json<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(
      await f.as(undefined, { url: '/docs/json' }),
    );
    expect(Object.keys(doc.paths['/api/challenges/{id}']?.['patch']?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '403', '404', '409']),
    );
    expect(Object.keys(doc.paths['/api/challenges/{id}/history']?.['get']?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '404']),
    );
  });
});
