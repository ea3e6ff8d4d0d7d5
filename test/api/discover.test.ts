/**
 * Hit/no-hit through the API (issue 17, item 3): the owner marks a restricted work discoverable
 * (`PUT /api/works/{id}/discoverable`); other members then get only its kind and its owner's
 * organisation kind and country, with a handle of their own; nobody else may change the flag, and
 * a work they may not see answers exactly like a missing one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoverError, HANDLE_PATTERN } from '../../engine/discover/index.js';
import type { Answer } from '../../engine/match/answer.js';
import type { Viewer } from '../../graph/viewer.js';
import { type ApiFixture, DEMO, json, openApi, qs } from './helpers.js';

type ApiAnswer = Answer & { model: string | null };

const WORK = 'test:result:cell-jammer-trial';
const TITLE = 'Field trial of a cell jammer around prison wings';
const TEXT = 'Measured how far a directional cell jammer reaches beyond the wing walls during night shifts';

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi();
  // A restricted result of the officer's organisation (Haute-Valmont Prison Administration: lea, FR).
  const node = {
    id: WORK,
    kind: 'Result' as const,
    visibility: 'restricted' as const,
    owner: DEMO.officer.organisation,
    date: '2025-09-17',
    title: TITLE,
    description: TEXT,
    trl: 6,
  };
  await f.demo.store.upsert({ nodes: [node] });
  await f.demo.engine.afterWrite([{ ...node, kind: 'Result' }]);
}, 120_000);
afterAll(async () => {
  await f.close();
});

const put = (who: Parameters<ApiFixture['as']>[0], id: string, body: unknown) =>
  f.as(who, {
    method: 'PUT',
    url: `/api/works/${encodeURIComponent(id)}/discoverable`,
    payload: body as Record<string, unknown>,
  });
const ask = async (who: Parameters<ApiFixture['as']>[0], text = 'cell jammer prison wings') =>
  json<ApiAnswer>(await f.as(who, { url: `/api/who-solved${qs({ text, mode: 'lexical', limit: 50 })}` }));

describe('hit/no-hit', () => {
  it('is off until the owner turns it on: others see nothing at all', async () => {
    const before = await ask('nordmark');
    expect(before.restricted).toBeUndefined();
    expect(JSON.stringify(before)).not.toContain(WORK);
  });

  it('the owner marks it; other members learn only kind, organisation kind and country, with a handle', async () => {
    const r = await put('officer', WORK, { discoverable: true });
    expect(r.statusCode).toBe(200);
    expect(json(r)).toEqual({ id: WORK, discoverable: true });

    const other = await ask('nordmark');
    expect(other.restricted).toHaveLength(1);
    const [hit] = other.restricted ?? [];
    expect(hit).toEqual({
      handle: expect.stringMatching(HANDLE_PATTERN),
      kind: 'Result',
      orgKind: 'lea',
      country: 'FR',
    });
    const body = JSON.stringify(other);
    for (const secret of [WORK, TITLE, TEXT.slice(0, 30), '2025-09-17']) expect(body).not.toContain(secret);

    // Another member gets another handle for the same work: handles cannot be compared across people.
    const inc = await ask('inc');
    expect(inc.restricted?.[0]?.handle).toMatch(HANDLE_PATTERN);
    expect(inc.restricted?.[0]?.handle).not.toBe(hit?.handle);

    // The owner sees the work itself, and administrators see everything: no hit/no-hit for them.
    const own = await ask('officer');
    expect(own.hits.map((h) => h.id)).toContain(WORK);
    expect(own.restricted).toBeUndefined();
    const admin = await ask('admin');
    expect(admin.hits.map((h) => h.id)).toContain(WORK);
    expect(admin.restricted).toBeUndefined();
  });

  it('filters apply to the owner organisation: another country shows no restricted hit', async () => {
    const fr = json<ApiAnswer>(
      await f.as('nordmark', { url: `/api/who-solved${qs({ text: 'cell jammer', mode: 'lexical', country: 'FR' })}` }),
    );
    expect(fr.restricted).toHaveLength(1);
    const de = json<ApiAnswer>(
      await f.as('nordmark', { url: `/api/who-solved${qs({ text: 'cell jammer', mode: 'lexical', country: 'DE' })}` }),
    );
    expect(de.restricted).toBeUndefined();
  });

  it('a handle resolves only for the viewer it was given to', async () => {
    const a: Viewer = { id: 'member-a', clearance: 'network', orgs: [] };
    const b: Viewer = { id: 'member-b', clearance: 'network', orgs: [] };
    const [hit] = await f.demo.engine.discovery.hits('cell jammer', {}, a);
    expect(hit).toBeDefined();
    expect((await f.demo.engine.discovery.resolve(hit?.handle ?? '', a)).id).toBe(WORK);
    await expect(f.demo.engine.discovery.resolve(hit?.handle ?? '', b)).rejects.toMatchObject({
      code: 'ERR_HANDLE_UNKNOWN',
    });
    await expect(f.demo.engine.discovery.resolve('rh_not-a-handle', a)).rejects.toBeInstanceOf(DiscoverError);
    // Guests never get hit/no-hit: they could not ask for an introduction.
    expect(await f.demo.engine.discovery.hits('cell jammer', {}, { id: 'g', clearance: 'public', orgs: [] })).toEqual(
      [],
    );
  });

  it('refuses anyone but the owner, and a hidden work answers exactly like a missing one', async () => {
    const hidden = await put('nordmark', WORK, { discoverable: false });
    const missing = await put('nordmark', 'test:result:no-such-work', { discoverable: false });
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const shape = (r: typeof hidden) => {
      const { requestId: _r, instance: _i, detail: _d, message: _m, ...rest } = json(r);
      return rest;
    };
    expect(shape(hidden)).toEqual(shape(missing));
    expect(JSON.stringify(json(hidden))).not.toContain(TITLE);

    const admin = await put('admin', WORK, { discoverable: false });
    expect(admin.statusCode).toBe(403);
    expect(json(admin)).toMatchObject({ code: 'ERR_NOT_OWNER' });
  });

  it('refuses work that is not restricted, nodes that are not works, and malformed bodies', async () => {
    const challenge = await put('officer', 'demo:challenge:prison-drone-drops', { discoverable: true });
    expect(challenge.statusCode).toBe(400);
    expect(json(challenge)).toMatchObject({ code: 'ERR_NOT_A_WORK' });
    const pub = (
      await f.demo.store.list({ kind: 'Result', where: { visibility: 'public' }, limit: 1 }, f.viewer('officer'))
    ).items[0];
    expect(pub).toBeDefined();
    const open = await put('officer', pub?.id ?? '', { discoverable: true });
    expect(open.statusCode).toBe(400);
    expect(json(open)).toMatchObject({ code: 'ERR_NOT_RESTRICTED' });
    for (const body of [{ discoverable: 'yes' }, {}, { discoverable: true, extra: 1 }]) {
      expect((await put('officer', WORK, body)).statusCode).toBe(400);
    }
    expect((await put(undefined, WORK, { discoverable: true })).statusCode).toBe(401);
  });

  it('turned off, the work is invisible to others again', async () => {
    expect((await put('officer', WORK, { discoverable: false })).statusCode).toBe(200);
    expect((await ask('nordmark')).restricted).toBeUndefined();
  });
});
