/**
 * Polls made in the product over HTTP: POST /api/polls by INCs and administrators, options from
 * the top gaps, an audience of one country, and the 400s naming the field for bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedPoll } from '../../engine/input/poll-create.js';
import { type ApiFixture, DEMO, json, openApi } from './helpers.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi();
});
afterAll(async () => {
  await f?.close();
});

const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const create = (who: Parameters<ApiFixture['as']>[0], payload: unknown) =>
  f.as(who, { method: 'POST', url: '/api/polls', payload: payload as Record<string, unknown> });
const problem = (r: Awaited<ReturnType<typeof create>>) => [
  r.statusCode,
  json<{ code: string }>(r).code,
  json<{ field?: string }>(r).field,
];

describe('POST /api/polls', () => {
  it('the INC asks its country which top gaps to prioritise; only that country’s people answer', async () => {
    const gaps = json<{ topics: { label: string }[] }>(await f.as('inc', { url: '/api/gaps?country=BE&limit=3' }));
    const r = await create('inc', {
      question: 'Which of these should the network prioritise?',
      fromGaps: 3,
      closesAt: future,
      audience: 'BE',
    });
    expect(r.statusCode).toBe(201);
    const { poll, createdBy } = json<CreatedPoll>(r);
    expect(poll).toMatchObject({ kind: 'Poll', audience: 'BE', closesAt: future });
    expect(poll.options).toEqual(gaps.topics.slice(0, 3).map((t) => t.label));
    expect(createdBy).toBe(DEMO.inc.person);
    expect(r.headers['location']).toBe(`/api/polls/${encodeURIComponent(poll.id)}`);

    const vote = (who: 'inc' | 'officer') =>
      f.as(who, {
        method: 'POST',
        url: `/api/polls/${encodeURIComponent(poll.id)}/votes`,
        payload: { option: poll.options[1] as string },
      });
    expect((await vote('inc')).statusCode).toBe(200);
    const foreign = await vote('officer');
    expect([foreign.statusCode, json<{ message: string }>(foreign).message]).toEqual([
      403,
      expect.stringContaining('asks the people of BE'),
    ]);
    const results = json<{ options: { option: string; votes: number }[] }>(
      await f.as('admin', { url: `/api/polls/${encodeURIComponent(poll.id)}` }),
    );
    expect(results.options.find((o) => o.option === poll.options[1])?.votes).toBe(1);
  });

  it('bad input is a 400 naming the field; officers may not create polls', async () => {
    const base = { question: 'Which tool first?', options: ['Drones', 'Deepfakes'], closesAt: future };
    expect(problem(await create('inc', { ...base, closesAt: '2020-01-01' }))).toEqual([
      400,
      'ERR_INVALID_INPUT',
      'closesAt',
    ]);
    expect(problem(await create('inc', { ...base, closesAt: 'soon' }))).toEqual([400, 'ERR_VALIDATION', 'closesAt']);
    expect(problem(await create('inc', { ...base, options: [] }))).toEqual([400, 'ERR_INVALID_INPUT', 'options']);
    expect(problem(await create('inc', { ...base, options: ['Drones', 'drones '] }))).toEqual([
      400,
      'ERR_INVALID_INPUT',
      'options[1]',
    ]);
    expect(problem(await create('inc', { ...base, audience: 'FR' }))).toEqual([403, 'ERR_FORBIDDEN', 'audience']);
    expect((await create('officer', base)).statusCode).toBe(403);
    expect((await create('admin', base)).statusCode).toBe(403);
  });
});
