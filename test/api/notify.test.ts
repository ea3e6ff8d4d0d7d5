/** Subscriptions and the inbox over HTTP: the caller's own, 4xx for every mistake, others' answered as missing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../engine/notify/index.js';
import { type ApiFixture, DEMO, json, openApi } from './helpers.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi();
});
afterAll(async () => {
  await f?.close();
});

const post = (payload: Record<string, unknown>) => ({ method: 'POST' as const, url: '/api/subscriptions', payload });

describe('subscriptions', () => {
  it('subscribes (201), again (200, the same), lists, and unsubscribes (204); another caller sees none of it', async () => {
    const first = await f.as('officer', post({ subject: 'query', value: '  drones at   prisons ' }));
    expect(first.statusCode).toBe(201);
    const sub = json<{ id: string; subject: string; value: string; subscriber: string }>(first);
    expect(sub).toMatchObject({ subject: 'query', value: 'drones at prisons', subscriber: DEMO.officer.person });
    const again = await f.as('officer', post({ subject: 'query', value: 'drones at prisons' }));
    expect(again.statusCode).toBe(200);
    expect(json<{ id: string }>(again).id).toBe(sub.id);
    const list = json<{ subscriptions: { id: string }[] }>(await f.as('officer', { url: '/api/subscriptions' }));
    expect(list.subscriptions.map((s) => s.id)).toEqual([sub.id]);
    expect(
      json<{ subscriptions: unknown[] }>(await f.as('nordmark', { url: '/api/subscriptions' })).subscriptions,
    ).toEqual([]);
    const theirs = await f.as('nordmark', { method: 'DELETE', url: `/api/subscriptions/${sub.id}` });
    expect(theirs.statusCode).toBe(404);
    expect((await f.as('officer', { method: 'DELETE', url: `/api/subscriptions/${sub.id}` })).statusCode).toBe(204);
    expect((await f.as('officer', { method: 'DELETE', url: `/api/subscriptions/${sub.id}` })).statusCode).toBe(404);
  });

  it('a query the matcher rejects gets who-solved’s own error', async () => {
    const mine = await f.as('officer', post({ subject: 'query', value: '   ' }));
    const theirs = await f.as('officer', { url: '/api/who-solved?text=%20%20' });
    expect(mine.statusCode).toBe(400);
    expect(json<{ code: string }>(mine).code).toBe('ERR_QUERY_EMPTY');
    expect(json<{ code: string }>(theirs).code).toBe('ERR_QUERY_EMPTY');
    const long = await f.as('officer', post({ subject: 'query', value: 'x'.repeat(1_001) }));
    expect(json<{ code: string }>(long).code).toBe('ERR_QUERY_TOO_LONG');
  });

  it('bad subjects, values, topics and INCs are 4xx naming the field; no person is a 403; no token a 401', async () => {
    const bad = async (body: Record<string, unknown>, who: 'officer' | 'noPerson' = 'officer') => {
      const r = await f.as(who, post(body));
      return { status: r.statusCode, code: json<{ code: string }>(r).code };
    };
    expect(await bad({ subject: 'weather' })).toMatchObject({ status: 400 });
    expect(await bad({ subject: 'country', value: 'France' })).toEqual({
      status: 400,
      code: 'ERR_INVALID_SUBSCRIPTION',
    });
    expect(await bad({ subject: 'topic', value: 'demo:topic:nope' })).toEqual({
      status: 400,
      code: 'ERR_SUBSCRIPTION_TARGET',
    });
    expect(await bad({ subject: 'challenges', inc: 'demo:inc:BE' })).toEqual({
      status: 403,
      code: 'ERR_NOT_INC_MEMBER',
    });
    expect(await bad({ subject: 'country', value: 'fr' }, 'noPerson')).toEqual({ status: 403, code: 'ERR_NO_PERSON' });
    expect((await f.as(undefined, post({ subject: 'country', value: 'FR' }))).statusCode).toBe(401);
    const ok = await f.as('officer', post({ subject: 'country', value: 'fr' }));
    expect(json<{ value: string }>(ok).value).toBe('FR');
  });
});

describe('inbox', () => {
  it('lists the caller’s notices newest first with their reason, marks them read; others’ are 404', async () => {
    await notify(f.demo.store, [
      { recipientId: DEMO.officer.person, kind: 'alert', title: 'First', reason: 'because 1', dedupeKey: 'api:1' },
      { recipientId: DEMO.nordmark.person, kind: 'alert', title: 'Not yours', reason: 'x', dedupeKey: 'api:2' },
    ]);
    const page = json<{ items: { id: string; title: string; reason: string }[]; unread: number }>(
      await f.as('officer', { url: '/api/inbox' }),
    );
    expect(page.items.map((i) => [i.title, i.reason])).toEqual([['First', 'because 1']]);
    expect(page.unread).toBe(1);
    const id = page.items[0]?.id ?? '';
    const other = json<{ items: { id: string }[] }>(await f.as('nordmark', { url: '/api/inbox' })).items[0]?.id ?? '';
    const refused = await f.as('officer', { method: 'POST', url: '/api/inbox/read', payload: { ids: [id, other] } });
    expect(refused.statusCode).toBe(404);
    const marked = await f.as('officer', { method: 'POST', url: '/api/inbox/read', payload: { ids: [id] } });
    expect(json<{ marked: number }>(marked).marked).toBe(1);
    const unread = json<{ items: unknown[]; unread: number }>(await f.as('officer', { url: '/api/inbox?unread=true' }));
    expect(unread).toEqual({ items: [], unread: 0 });
    expect((await f.as('officer', { url: '/api/inbox?limit=0' })).statusCode).toBe(400);
    expect((await f.as('officer', { url: '/api/inbox?cursor=zzz' })).statusCode).toBe(400);
  });
});
