/**
 * Contact routes (issue 17, item 1) through the API and the bots: a person sets their own route
 * (a chat handle, or through their INC); vetted members read it; guests never do, on any surface,
 * and a route they may not see answers exactly like a missing one.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/api/app.js';
import { TokenTable } from '../../app/api/tokens.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { createTestRuntime, type TestRuntime } from '../bots/helpers/runtime.js';
import { type ApiFixture, DEMO, json, openApi } from './helpers.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi();
}, 120_000);
afterAll(async () => {
  await f.close();
});

const put = (who: Parameters<ApiFixture['as']>[0], body: unknown) =>
  f.as(who, { method: 'PUT', url: '/api/me/contact', payload: body as Record<string, unknown> });
const get = (who: Parameters<ApiFixture['as']>[0], person: string) =>
  f.as(who, { url: `/api/people/${encodeURIComponent(person)}/contact` });

/**
 * A second app over the same engine whose only caller is a read-only session reading as `viewer`
 * (what a chat link from a room with guests opens): the API's one way to be a guest.
 */
async function asSession(viewer: Viewer, url: string) {
  const table = new TokenTable([]);
  const token = `ilt_${randomBytes(16).toString('base64url')}`;
  table.addSession(token, viewer, Date.now() + 60_000);
  const app = await buildApp({ engine: f.demo.engine, tokens: table, log: { write: () => true } as never });
  try {
    return await app.inject({ url, headers: { authorization: `Bearer ${token}` } });
  } finally {
    await app.close();
  }
}

describe('contact routes over the API', () => {
  it('a person sets a chat handle; vetted members read it', async () => {
    const r = await put('officer', { route: 'chat', platform: 'matrix', handle: '@olivier:prisons.example' });
    expect(r.statusCode).toBe(200);
    expect(json(r)).toEqual({
      person: DEMO.officer.person,
      route: 'chat',
      platform: 'matrix',
      handle: '@olivier:prisons.example',
    });
    const read = await get('nordmark', DEMO.officer.person);
    expect(read.statusCode).toBe(200);
    expect(json(read)).toMatchObject({ route: 'chat', platform: 'matrix', handle: '@olivier:prisons.example' });
  });

  it('"through my INC" names the INC of the person\'s country', async () => {
    expect((await put('inc', { route: 'inc' })).statusCode).toBe(200);
    expect(json(await get('officer', DEMO.inc.person))).toEqual({
      person: DEMO.inc.person,
      route: 'inc',
      inc: { id: 'demo:inc:BE', name: expect.stringMatching(/Belgian/u), country: 'BE' },
    });
    // Italy has no INC in the demo: the route says so by naming none.
    expect((await put('policy', { route: 'inc' })).statusCode).toBe(200);
    expect(json(await get('officer', DEMO.policy.person))).toEqual({ person: DEMO.policy.person, route: 'inc' });
  });

  it('a guest never sees a route: the answer is the one for a person without any', async () => {
    const url = `/api/people/${encodeURIComponent(DEMO.officer.person)}/contact`;
    const seen = await asSession({ id: 'guest-link', clearance: 'public', orgs: [] }, url);
    // The same session as a member reads it: the 404 is the guest's, not the route's.
    expect((await asSession({ id: 'member-link', clearance: 'network', orgs: [] }, url)).statusCode).toBe(200);
    const none = await get('nordmark', 'demo:person:nobody-at-all');
    expect(seen.statusCode).toBe(404);
    expect(none.statusCode).toBe(404);
    expect(json(seen)['code']).toBe(json(none)['code']);
    expect(seen.body).not.toContain('@olivier');
  });

  it("a restricted person's route is seen only inside their organisation", async () => {
    // Tobias Eichbauer is restricted to Nordmark Police: so is his route.
    expect((await put('nordmark', { route: 'chat', platform: 'slack', handle: 'U024BE7LH' })).statusCode).toBe(200);
    expect((await get('nordmark', DEMO.nordmark.person)).statusCode).toBe(200);
    expect((await get('officer', DEMO.nordmark.person)).statusCode).toBe(404);
  });

  it('refuses malformed routes with 400 naming the field, and callers who are no person', async () => {
    const cases: [unknown, string][] = [
      [{ route: 'chat', platform: 'slack', handle: 'not a slack id' }, 'handle'],
      [{ route: 'chat', platform: 'matrix' }, 'handle'],
      [{ route: 'fax' }, 'route'],
      [{ route: 'inc', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const r = await put('officer', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(json(r)), JSON.stringify(body)).toContain(field);
    }
    const noPerson = await put('noPerson', { route: 'inc' });
    expect(noPerson.statusCode).toBe(400);
    expect(json(noPerson)).toMatchObject({ code: 'ERR_CONTACT_NO_PERSON' });
  });
});

describe('contact routes in the bots', () => {
  let bots: TestRuntime;
  beforeAll(async () => {
    bots = await createTestRuntime(f.demo.engine, {
      identities: {
        'matrix:@olivier:prisons.example': { role: 'member', person: DEMO.officer.person },
        'slack:U0MEMBER1': { role: 'member', organisation: DEMO.inc.organisation },
      },
    });
  });
  afterAll(async () => {
    await bots.close();
  });
  const say = async (platform: string, user: string, text: string, dm = true) => {
    const out = await bots.runtime.handle({
      platform,
      user: { id: user },
      conversation: { id: `${platform}-room`, dm },
      via: 'slash',
      text,
    });
    return JSON.stringify(out);
  };

  it('"contact here" makes this chat account the route; a member reads it; a guest is told there is none', async () => {
    const set = await say('matrix', '@olivier:prisons.example', 'contact here');
    expect(set).toContain('reach you on matrix');
    expect(json(await get('nordmark', DEMO.officer.person))).toMatchObject({
      platform: 'matrix',
      handle: '@olivier:prisons.example',
    });
    const member = await say('slack', 'U0MEMBER1', `contact ${DEMO.officer.person}`);
    expect(member).toContain('@olivier:prisons.example');
    const guest = await say('slack', 'U0STRANGER', `contact ${DEMO.officer.person}`);
    expect(guest).not.toContain('@olivier');
    expect(guest).toMatch(/role|permission|may not|cannot/iu);
  });

  it('someone the config links to no person cannot set a route', async () => {
    const out = await say('slack', 'U0MEMBER1', 'contact inc');
    expect(out).toMatch(/linked to your person/u);
  });
});

describe('erasure', () => {
  it('erasing a person erases their contact route', async () => {
    expect((await put('policy', { route: 'inc' })).statusCode).toBe(200);
    const r = await f.as('admin', {
      method: 'POST',
      url: '/api/admin/erasures',
      payload: { person: DEMO.policy.person, reason: 'request of the person' },
    });
    expect(r.statusCode).toBeLessThan(300);
    expect((await get('officer', DEMO.policy.person)).statusCode).toBe(404);
    expect(await f.demo.store.getNode(`contact:${DEMO.policy.person}`, SYSTEM)).toBeUndefined();
  });
});
