/** The admin privacy routes (issue 19): erasure and export, admin only; unknown people 404, nothing changed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../graph/viewer.js';
import { type ApiFixture, DEMO, json, openApi } from './helpers.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi();
}, 120_000);
afterAll(async () => {
  await f?.close();
});

const erase = (who: 'officer' | 'admin' | 'policy', body: unknown) =>
  f.as(who, { method: 'POST', url: '/api/admin/erasures', payload: body as Record<string, unknown> });

describe('admin privacy routes', () => {
  it('other roles get 403 and nothing changes', async () => {
    const head = await f.demo.engine.store.headSeq();
    for (const who of ['officer', 'policy'] as const) {
      const r = await erase(who, { person: DEMO.nordmark.person, reason: 'asked' });
      expect(r.statusCode).toBe(403);
      const e = await f.as(who, { method: 'GET', url: `/api/admin/persons/${DEMO.nordmark.person}/export` });
      expect(e.statusCode).toBe(403);
    }
    expect(await f.demo.engine.store.headSeq()).toBe(head);
  });

  it('an unknown person is a 404 naming the id; a missing reason a 400; nothing changes', async () => {
    const head = await f.demo.engine.store.headSeq();
    const r = await erase('admin', { person: 'demo:person:nobody-at-all', reason: 'asked' });
    expect(r.statusCode).toBe(404);
    expect(json(r)).toMatchObject({ code: 'ERR_PERSON_NOT_FOUND', field: 'id' });
    expect(json<{ message: string }>(r).message).toContain('demo:person:nobody-at-all');
    const org = await erase('admin', { person: DEMO.nordmark.organisation, reason: 'asked' });
    expect(org.statusCode).toBe(404);
    expect((await erase('admin', { person: DEMO.nordmark.person })).statusCode).toBe(400);
    expect((await erase('admin', { person: DEMO.nordmark.person, reason: '   ' })).statusCode).toBe(400);
    expect(
      (await f.as('admin', { method: 'GET', url: '/api/admin/persons/demo:person:nobody-at-all/export' })).statusCode,
    ).toBe(404);
    expect(await f.demo.engine.store.headSeq()).toBe(head);
  });

  it('export then erasure: the person is gone from the store and the answers; the request log names no one', async () => {
    const id = DEMO.nordmark.person;
    const exported = await f.as('admin', { method: 'GET', url: `/api/admin/persons/${id}/export` });
    expect(exported.statusCode).toBe(200);
    expect(json(exported)).toMatchObject({ format: 'ileanet-person-export/1', person: id });
    expect(JSON.stringify(json(exported))).toContain(DEMO.nordmark.organisation);
    const r = await erase('admin', { person: id, reason: 'asked by email' });
    expect(r.statusCode, r.body).toBe(200);
    expect(
      json(r),
      f
        .logs()
        .split('\n')
        .filter((l) => l.includes('still holds'))
        .join('\n'),
    ).toMatchObject({ leftovers: 0, resumed: false });
    expect(await f.demo.engine.store.getNode(id, SYSTEM)).toBeUndefined();
    expect((await erase('admin', { person: id, reason: 'again' })).statusCode).toBe(404);
    // Request log lines carry a pseudonymous actor, never a person id.
    const logs = f.logs();
    expect(logs).toContain('"actor":"');
    for (const p of Object.values(DEMO)) expect(logs).not.toContain(p.person);
  }, 60_000);

  it('the OpenAPI document lists both routes with their refusals', async () => {
    const doc = json<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(
      await f.as(undefined, { method: 'GET', url: '/docs/json' }),
    );
    expect(Object.keys(doc.paths['/api/admin/erasures']?.['post']?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '403', '404']),
    );
    expect(Object.keys(doc.paths['/api/admin/persons/{id}/export']?.['get']?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '403', '404']),
    );
  });
});
