/**
 * The API as a service: authentication and roles, unknown routes, the OpenAPI document, CORS,
 * rate limits, request logs without personal data, and internal errors without stack traces.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/api/app.js';
import { type ApiFixture, DEMO, issueTestTokens, json, openApi, qs } from './helpers.js';

interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  field?: string;
  requestId: string;
}

let f: ApiFixture;
beforeAll(async () => {
  // Each test here refuses many requests without a token on purpose; the back-off is tested on its own.
  f = await openApi({ rateLimit: { max: 600, timeWindow: 60_000, failedAuth: 10_000 } });
});
afterAll(async () => {
  await f?.close();
});

/** Every operation of the OpenAPI document, as [method, path with an example id]. */
async function operations(): Promise<[string, string][]> {
  const doc = json<{ paths: Record<string, Record<string, unknown>> }>(await f.as(undefined, { url: '/docs/json' }));
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m): [string, string] => [m.toUpperCase(), path.replace(/\{[^}]+\}/gu, 'demo:x')]),
  );
}

describe('authentication', () => {
  it('answers /api/health without a token', async () => {
    const r = await f.as(undefined, { url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(json(r)).toEqual({ status: 'ok', backend: 'embedded', dense: false, model: null });
  });

  it('refuses every other operation without a token or with an unknown one', async () => {
    const ops = (await operations()).filter(([, p]) => p !== '/api/health');
    expect(ops.length).toBeGreaterThanOrEqual(16);
    for (const [method, url] of ops) {
      const none = await f.app.inject({ method: method as 'GET', url });
      expect({ url, status: none.statusCode, code: json(none)['code'] }).toEqual({
        url,
        status: 401,
        code: 'ERR_UNAUTHENTICATED',
      });
      expect(none.headers['www-authenticate']).toBe('Bearer');
      const unknown = await f.app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: 'Bearer ilt_not-a-token-this-server-issued' },
      });
      expect(unknown.statusCode).toBe(401);
      expect(json(unknown)['message']).toMatch(/not known/u);
    }
  });

  it('tells the caller who the token stands for', async () => {
    const r = await f.as('inc', { url: '/api/me' });
    expect(json(r)).toEqual({
      role: 'inc',
      clearance: 'network',
      person: DEMO.inc.person,
      organisation: DEMO.inc.organisation,
      defaultMode: 'lexical',
      model: null,
    });
    expect(json(await f.as('admin', { url: '/api/me' }))).toMatchObject({ role: 'admin', clearance: 'all' });
  });

  it('keeps writes to the roles that may write', async () => {
    const r = await f.as('policy', {
      method: 'POST',
      url: '/api/challenges',
      payload: { title: 'A policy maker may not raise this' },
    });
    expect(r.statusCode).toBe(403);
    expect(json(r)).toMatchObject({ code: 'ERR_FORBIDDEN', message: expect.stringMatching(/policy role/u) });
  });
});

describe('errors', () => {
  it('answers unknown routes with 404 ERR_ROUTE_NOT_FOUND, token or not', async () => {
    for (const [who, method, url] of [
      [undefined, 'GET', '/api/nothing-here'],
      ['officer', 'GET', '/api/nothing-here?text=secret'],
      ['officer', 'DELETE', '/api/nothing-here/secret'],
      [undefined, 'GET', '/no/such/page'],
    ] as const) {
      const r = await f.as(who, { method, url });
      expect(r.statusCode).toBe(404);
      const body = json<ErrorBody>(r);
      expect(body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'ERR_ROUTE_NOT_FOUND' });
      expect(body.message).not.toContain('secret');
      expect(body.message).not.toContain('nothing-here');
      expect(body.requestId).toBe(r.headers['x-request-id']);
    }
  });

  it('answers a known path with another method 405 ERR_METHOD_NOT_ALLOWED and Allow, token or not', async () => {
    for (const [who, method, url, allow] of [
      ['officer', 'DELETE', '/api/trends', 'GET, HEAD'],
      [undefined, 'PUT', '/api/health', 'GET, HEAD'],
      [undefined, 'TRACE', '/api/challenges', 'GET, HEAD, POST'],
      ['officer', 'PATCH', `/api/challenges/${encodeURIComponent('demo:x')}/votes`, 'POST'],
    ] as const) {
      const r = await f.as(who, { method, url });
      expect({ url, status: r.statusCode, allow: r.headers['allow'] }).toEqual({ url, status: 405, allow });
      expect(json<ErrorBody>(r)).toMatchObject({
        code: 'ERR_METHOD_NOT_ALLOWED',
        requestId: r.headers['x-request-id'],
      });
    }
  });

  it('answers an unknown query parameter on any route with 400 naming it', async () => {
    const BODIES: Record<string, Record<string, unknown>> = {
      '/api/challenges': { title: 'x' },
      '/api/challenges/preview': { title: 'x' },
      '/api/challenges/{id}/votes': { value: 1 },
      '/api/polls/{id}/votes': { option: 'x' },
      '/api/admin/erasures': { person: 'demo:person:nobody', reason: 'x' },
      'POST /api/polls': { question: 'x?', options: ['a', 'b'], closesAt: '2999-01-01' },
      'PATCH /api/challenges/demo:x': { status: 'closed' },
      'PATCH /api/comments/demo:x': { text: 'x' },
      '/api/comments/{id}/hide': { reason: 'x' },
      '/api/challenges/{id}/comments': { text: 'x' },
      '/api/results/{id}/comments': { text: 'x' },
      '/api/projects/{id}/comments': { text: 'x' },
      '/api/polls/{id}/comments': { text: 'x' },
      'POST /api/surveys': { title: 'x', questions: [{ type: 'text', prompt: 'x?' }], closesAt: '2999-01-01' },
      '/api/surveys/{id}/answers': { answers: [{ question: 'q1', text: 'x' }] },
      '/api/surveys/{id}/answers/demo:x/challenge': { question: 'q1' },
      '/api/works/{id}/discoverable': { discoverable: true },
      '/api/me/contact': { route: 'inc' },
      '/api/subscriptions': { subject: 'country', value: 'FR' },
      '/api/inbox/read': { ids: ['demo:x'] },
      '/api/introductions': { target: 'demo:x', question: 'q', message: 'm' },
      '/api/introductions/{id}/decision': { decision: 'approve' },
    };
    const required: Record<string, string> = {
      '/api/who-solved': 'text=drones&',
      '/api/consortium': 'challenge=demo%3Achallenge%3Aprison-drone-drops&',
      '/api/suggestions': 'country=BE&',
    };
    const ops = await operations();
    for (const [method, path] of ops) {
      const url = `${path.replace('demo:x', 'demo:challenge:prison-drone-drops')}?${required[path] ?? ''}bogus=1`;
      const r = await f.as('admin', {
        method: method as 'GET',
        url,
        ...(method === 'POST' || method === 'PATCH' || method === 'PUT'
          ? { payload: BODIES[`${method} ${path}`] ?? BODIES[path.replace(/\/demo:x\//u, '/{id}/')] ?? {} }
          : {}),
      });
      expect({ url, status: r.statusCode, code: json(r)['code'], field: json(r)['field'] }).toEqual({
        url,
        status: 400,
        code: 'ERR_VALIDATION',
        field: 'bogus',
      });
    }
    expect(ops.length).toBeGreaterThanOrEqual(17);
  });

  it('sets the security headers on every answer', async () => {
    const r = await f.as('officer', { url: '/api/facets' });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/u);
  });
});

describe('OpenAPI', () => {
  it('documents every route with its parameters, body and answers', async () => {
    const doc = json<{
      openapi: string;
      paths: Record<
        string,
        Record<string, { parameters?: { name: string }[]; requestBody?: unknown; responses: Record<string, unknown> }>
      >;
    }>(await f.as(undefined, { url: '/docs/json' }));
    expect(doc.openapi).toBe('3.1.0');
    const expected: [string, string, string[]][] = [
      ['get', '/api/who-solved', ['text', 'country', 'orgKind', 'minTrl', 'limit', 'perKind', 'kinds', 'mode']],
      [
        'get',
        '/api/challenges/{id}/matches',
        ['id', 'country', 'orgKind', 'minTrl', 'limit', 'perKind', 'kinds', 'mode'],
      ],
      ['get', '/api/suggestions', ['person', 'organisation', 'country', 'inc', 'limit']],
      ['get', '/api/consortium', ['challenge', 'minCountries', 'maxCountryShare', 'minLea', 'size', 'exclude']],
      ['get', '/api/trends', ['by', 'unit', 'from', 'to', 'country', 'topic', 'minSupport', 'limit']],
      ['get', '/api/gaps', ['country', 'minMaturity', 'limit']],
      ['get', '/api/network', ['top', 'country']],
      ['get', '/api/report', []],
      ['get', '/api/health', []],
      ['get', '/api/challenges', ['status', 'country', 'limit', 'cursor']],
      ['post', '/api/challenges', []],
      ['get', '/api/challenges/{id}', ['id']],
      ['post', '/api/challenges/{id}/votes', ['id']],
      ['get', '/api/polls', []],
      ['get', '/api/polls/{id}', ['id']],
      ['post', '/api/polls/{id}/votes', ['id']],
    ];
    for (const [method, path, params] of expected) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect((op?.parameters ?? []).map((p) => p.name).sort()).toEqual([...params].sort());
      expect(Object.keys(op?.responses ?? {})).toEqual(
        expect.arrayContaining([method === 'post' && path === '/api/challenges' ? '201' : '200']),
      );
      if (path !== '/api/health')
        expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['400', '401', '500']));
      if (method === 'post') expect(op?.requestBody).toBeDefined();
    }
    const ui = await f.as(undefined, { url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/u);
  });
});

describe('CORS', () => {
  it('is off by default: no cross-origin header, no preflight route', async () => {
    const r = await f.as('officer', { url: '/api/health', headers: { origin: 'https://elsewhere.example' } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await f.app.inject({
      method: 'OPTIONS',
      url: '/api/trends',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' },
    });
    // No preflight route: OPTIONS is just a method /api/trends does not take.
    expect(pre.statusCode).toBe(405);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured origins', async () => {
    const g = await openApi({ cors: { origins: ['https://intranet.example'] } });
    try {
      const ok = await g.as('officer', { url: '/api/health', headers: { origin: 'https://intranet.example' } });
      expect(ok.headers['access-control-allow-origin']).toBe('https://intranet.example');
      const other = await g.as('officer', { url: '/api/health', headers: { origin: 'https://elsewhere.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await g.app.inject({
        method: 'OPTIONS',
        url: '/api/trends',
        headers: { origin: 'https://intranet.example', 'access-control-request-method': 'GET' },
      });
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-headers']).toMatch(/Authorization/u);
    } finally {
      await g.close();
    }
  });
});

describe('rate limits', () => {
  it('limits each token on its own and answers 429 ERR_RATE_LIMITED', async () => {
    const g = await openApi({ rateLimit: { max: 3, timeWindow: 60_000 } });
    try {
      for (let i = 0; i < 3; i++) expect((await g.as('officer', { url: '/api/health' })).statusCode).toBe(200);
      const over = await g.as('officer', { url: '/api/health' });
      expect(over.statusCode).toBe(429);
      expect(json(over)).toMatchObject({ code: 'ERR_RATE_LIMITED', statusCode: 429 });
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      // Another token has its own budget; the docs are limited like the rest.
      expect((await g.as('inc', { url: '/api/health' })).statusCode).toBe(200);
      expect((await g.as('officer', { url: '/docs/json' })).statusCode).toBe(429);
    } finally {
      await g.close();
    }
  });
});

describe('request logs', () => {
  it('name the route, status and role, and nothing personal: no query text, token, name or address', async () => {
    const secretQuery = 'zanzibar pelican smuggling';
    await f.as('officer', { url: `/api/who-solved${qs({ text: secretQuery })}` });
    await f.as('officer', { url: `/api/challenges/${encodeURIComponent('demo:challenge:prison-drone-drops')}` });
    await f.as('inc', {
      method: 'POST',
      url: '/api/challenges',
      payload: { title: 'Marmalade trafficking across the quay', description: 'Ask Pieter van Akkerdonk' },
    });
    await f.app.inject({ url: '/api/trends', headers: { authorization: 'Bearer ilt_wrong-token-logged-nowhere' } });
    await f.as('officer', { url: '/api/who-solved?text=' });
    const logs = f.logs();
    const lines = logs
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const routes = lines.filter((l) => l['msg'] === 'request').map((l) => l['route']);
    expect(routes).toEqual(
      expect.arrayContaining(['/api/who-solved', '/api/challenges/:id', '/api/challenges', '/api/trends']),
    );
    const rejected = lines.find((l) => l['route'] === '/api/trends' && l['status'] === 401);
    expect(rejected).toMatchObject({ code: 'ERR_UNAUTHENTICATED' });
    for (const secret of [
      secretQuery,
      'zanzibar',
      'Marmalade',
      'Akkerdonk',
      'olivier',
      'prison-drone-drops',
      'ilt_',
      'Bearer',
      '127.0.0.1',
      ...Object.values(f.tokens),
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('internal errors', () => {
  it('a store that fails answers 503 with its code, the request id and nothing of the failure', async () => {
    const g = await openApi();
    try {
      // A real failure: the store closes under the running app.
      await g.demo.store.close();
      const r = await g.as('officer', { url: '/api/challenges' });
      expect(r.statusCode).toBe(503);
      const body = json<ErrorBody>(r);
      expect(body).toMatchObject({ statusCode: 503, code: 'ERR_STORE_UNAVAILABLE' });
      expect(body.requestId).toBe(r.headers['x-request-id']);
      expect(r.body).not.toMatch(/\bat .*\.(ts|js):\d+|sqlite|\/tmp\//iu);
    } finally {
      await g.app.close();
      await g.demo.engine.close();
    }
  });

  it('anything unexpected answers 500 ERR_INTERNAL with the request id and no stack; the log has the stack', async () => {
    const g = await openApi();
    // Fault injection: the real engine, with one method failing the way a bug would.
    const failing = {
      ...g.demo.engine,
      trends: async () => {
        throw new TypeError('cannot read properties of undefined (/srv/ileanet/secret-path.ts)');
      },
    };
    let logged = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        logged += String(chunk);
        done();
      },
    });
    const { tokens, table } = issueTestTokens();
    const app = await buildApp({ engine: failing, tokens: table, log: sink });
    try {
      const r = await app.inject({ url: '/api/trends', headers: { authorization: `Bearer ${tokens.officer}` } });
      expect(r.statusCode).toBe(500);
      const body = json<ErrorBody>(r);
      expect(body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        code: 'ERR_INTERNAL',
        message: expect.stringMatching(/request id/u),
        requestId: r.headers['x-request-id'],
      });
      expect(r.body).not.toMatch(/secret-path|TypeError|\bat /u);
      const line = logged
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { reqId?: string; msg?: string; err?: { stack?: string } })
        .find((l) => l.reqId === body.requestId && l.msg === 'request failed');
      expect(line?.err?.stack).toMatch(/secret-path[\s\S]*\bat /u);
    } finally {
      await app.close();
      await g.close();
    }
  });
});
