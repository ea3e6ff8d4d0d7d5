/**
 * The attacks of issue 14 kept as tests, over a real socket (so paths reach the server as
 * typed, `..` and stray `%` included): every refusal is a 4xx in the problem shape with its
 * request id, nothing a client sends is a 5xx or an error-level log line, authentication and
 * roles follow the route the router matched, and the limiter runs before authentication on
 * every path.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DASHBOARD_DIR } from '../../app/api/server.js';
import { type ApiFixture, openApi, type TokenName } from './helpers.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let f: ApiFixture;
let port = 0;

beforeAll(async () => {
  f = await openApi({
    dashboardDir: DEFAULT_DASHBOARD_DIR,
    rateLimit: { max: 10_000, timeWindow: 60_000, failedAuth: 10_000 },
  });
  await f.app.listen({ host: '127.0.0.1', port: 0 });
  const address = f.app.server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});
afterAll(async () => {
  await f?.close();
});

/** Sends the request line exactly as given: no URL normalisation on the way. */
function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
  to = port,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port: to, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    r.on('error', reject);
    if (body !== undefined) r.write(body);
    r.end();
  });
}

const bearer = (who: TokenName | undefined): Record<string, string> =>
  who === undefined ? {} : { authorization: `Bearer ${f.tokens[who]}` };

/** The documented problem shape, with the same request id as the header. */
function expectProblem(a: Answer, status: number, code?: string): Record<string, unknown> {
  expect(a.status, a.body).toBe(status);
  expect(String(a.headers['content-type'])).toMatch(/^application\/json/u);
  const body = JSON.parse(a.body) as Record<string, unknown>;
  expect(body).toMatchObject({ statusCode: status, requestId: a.headers['x-request-id'] });
  expect(typeof body['error']).toBe('string');
  expect(String(body['code'])).toMatch(/^ERR_[A-Z_]+$/u);
  expect(typeof body['message']).toBe('string');
  if (code !== undefined) expect(body['code']).toBe(code);
  return body;
}

const errorLines = (): Record<string, unknown>[] =>
  f
    .logs()
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => Number(l['level']) >= 50);

const ROLES: (TokenName | undefined)[] = [undefined, 'officer', 'inc', 'policy', 'admin'];

describe('hand-made bad requests', () => {
  it('traversal out of the docs and the dashboard is a 404 in the problem shape, never a file', async () => {
    for (const who of ROLES) {
      for (const path of [
        '/docs/static/../../../../etc/passwd',
        '/docs/static/..%2f..%2f..%2f..%2fetc%2fpasswd',
        '/docs/static/%2e%2e/%2e%2e/package.json',
        '/assets/../../package.json',
        '/assets/..%2f..%2fpackage.json',
        '/../../../etc/passwd',
        '/%2e%2e/%2e%2e/etc/passwd',
      ]) {
        const a = await send('GET', path, bearer(who));
        expect({ path, status: a.status }).toEqual({ path, status: 404 });
        expectProblem(a, 404);
        expect(a.body).not.toContain('root:');
        expect(a.body).not.toContain('passwd');
      }
    }
  });

  it('methods a path does not take are 405 with Allow; QUERY with or without a type too', async () => {
    for (const who of ROLES) {
      for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH']) {
        const a = await send(method, '/api/health', bearer(who));
        expectProblem(a, 405, 'ERR_METHOD_NOT_ALLOWED');
        expect(a.headers['allow']).toBe('GET, HEAD');
      }
      expectProblem(await send('DELETE', '/api/challenges/demo%3Ax', bearer(who)), 405, 'ERR_METHOD_NOT_ALLOWED');
      expectProblem(await send('QUERY', '/api/health', bearer(who)), 405, 'ERR_METHOD_NOT_ALLOWED');
      expectProblem(await send('QUERY', '/api/nothing-here', bearer(who)), 404, 'ERR_ROUTE_NOT_FOUND');
      const q = await send('QUERY', '/api/health', { ...bearer(who), 'content-type': 'application/json' }, '{}');
      expectProblem(q, 405, 'ERR_METHOD_NOT_ALLOWED');
    }
  });

  it('an undecodable URL is a 400 in the problem shape that does not echo the path', async () => {
    for (const who of ROLES) {
      for (const path of ['/api/%', '/api/challenges/%zz', '/docs/%', '/%']) {
        const body = expectProblem(await send('GET', path, bearer(who)), 400, 'ERR_BAD_REQUEST');
        expect(String(body['message'])).not.toContain(path);
      }
    }
  });

  it('ids are refused past the documented maxLength of 300, with 400 naming the field', async () => {
    const doc = JSON.parse((await send('GET', '/docs/json')).body) as {
      paths: Record<string, Record<string, { parameters?: { name: string; schema: { maxLength?: number } }[] }>>;
    };
    const maxLength = doc.paths['/api/challenges/{id}']?.['get']?.parameters?.find((p) => p.name === 'id')?.schema
      .maxLength;
    expect(maxLength).toBe(300);
    const at = await send('GET', `/api/challenges/${'a'.repeat(300)}`, bearer('officer'));
    expectProblem(at, 404, 'ERR_CHALLENGE_NOT_FOUND');
    // Multi-byte ids at the limit still reach the schema, however they are encoded.
    const wide = await send('GET', `/api/challenges/${encodeURIComponent('é'.repeat(300))}`, bearer('officer'));
    expectProblem(wide, 404, 'ERR_CHALLENGE_NOT_FOUND');
    const over = expectProblem(await send('GET', `/api/challenges/${'a'.repeat(301)}`, bearer('officer')), 400);
    expect(over).toMatchObject({ code: 'ERR_VALIDATION', field: 'id' });
    const huge = await send('GET', `/api/challenges/${'a'.repeat(5_000)}`, bearer('officer'));
    expectProblem(huge, 414, 'ERR_URI_TOO_LONG');
    expect(huge.body).not.toContain('aaaa');
  });

  it('bodies not in UTF-8 JSON, or compressed, are 415; an unknown topic is a documented 404', async () => {
    const json = { ...bearer('officer'), 'content-type': 'application/json' };
    const title = JSON.stringify({ title: 'Drones over the yard' });
    for (const headers of [
      { ...json, 'content-type': 'application/json; charset=utf-16' },
      { ...json, 'content-type': 'application/json; charset="latin1"' },
      { ...json, 'content-encoding': 'gzip' },
      { ...json, 'content-encoding': 'br' },
      { ...json, 'content-type': 'text/plain' },
      { ...json, 'content-type': 'application/x-www-form-urlencoded' },
    ]) {
      expectProblem(await send('POST', '/api/challenges', headers, title), 415, 'ERR_UNSUPPORTED_MEDIA_TYPE');
    }
    const utf16 = Buffer.from(title, 'utf16le');
    const a = await send(
      'POST',
      '/api/challenges',
      { ...json, 'content-type': 'application/json; charset=utf-16' },
      utf16,
    );
    expectProblem(a, 415, 'ERR_UNSUPPORTED_MEDIA_TYPE');
    expect(
      (await send('POST', '/api/challenges', { ...json, 'content-type': 'application/json; charset=UTF-8' }, title))
        .status,
    ).toBe(201);
    const doc = JSON.parse((await send('GET', '/docs/json')).body) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expectProblem(await send('GET', '/api/trends?topic=0', bearer('officer')), 404, 'ERR_NOT_FOUND');
    expect(Object.keys(doc.paths['/api/trends']?.['get']?.responses ?? {})).toContain('404');
    expect(Object.keys(doc.paths['/api/challenges']?.['post']?.responses ?? {})).toEqual(
      expect.arrayContaining(['413', '415']),
    );
  });

  it('odd headers are refused or ignored, never a 5xx', async () => {
    for (const who of ROLES) {
      const odd: Record<string, string>[] = [
        { authorization: 'Bearer' },
        { authorization: 'Basic dXNlcjpwYXNz' },
        { authorization: `Bearer ${'x'.repeat(8_000)}` },
        { authorization: 'Bearer a b c' },
        { accept: 'application/xml' },
        { 'x-forwarded-for': '10.0.0.1' },
        { host: 'evil.example' },
        { 'content-type': 'application/json' },
        { 'content-encoding': 'gzip' },
      ];
      for (const headers of odd) {
        const a = await send('GET', '/api/me', { ...bearer(who), ...headers });
        expect({ headers, status: a.status < 500 }).toEqual({ headers, status: true });
        if (a.status >= 400) expectProblem(a, a.status);
      }
    }
  });

  it('a request line past the header limit is a 431 in the problem shape; the longest valid query passes', async () => {
    const longest = encodeURIComponent('Ï'.repeat(4_000));
    // Reaches the route: its own rules answer (a 4,000-character word is no query), not the parser.
    const ok = await send('GET', `/api/who-solved?text=${longest}`, bearer('officer'));
    expect(ok.status).not.toBe(431);
    expect(ok.status).toBeLessThan(500);
    expect(JSON.parse(ok.body)).not.toMatchObject({ code: 'ERR_HEADERS_TOO_LARGE' });
    const over = await send('GET', `/api/who-solved?text=${longest}${'x'.repeat(100_000)}`, bearer('officer'));
    expect(over.status, over.body).toBe(431);
    const body = JSON.parse(over.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      statusCode: 431,
      code: 'ERR_HEADERS_TOO_LARGE',
      requestId: over.headers['x-request-id'],
    });
  });

  it('no refusal above was logged at error level or with a stack', () => {
    expect(errorLines()).toEqual([]);
    expect(f.logs()).not.toMatch(/"stack"/u);
  });
});

describe('authentication follows the matched route', () => {
  it('an encoded path is the route it decodes to, for the token and for the role check', async () => {
    const me = await send('GET', '/%61pi/me', bearer('officer'));
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ role: 'officer' });
    expectProblem(await send('GET', '/%61pi/me'), 401, 'ERR_UNAUTHENTICATED');
    const raise = await send(
      'POST',
      '/%61pi/challenges',
      { ...bearer('policy'), 'content-type': 'application/json' },
      JSON.stringify({ title: 'A policy maker may not raise this' }),
    );
    expectProblem(raise, 403, 'ERR_FORBIDDEN');
  });
});

describe('rate limits before authentication', () => {
  let g: ApiFixture;
  let gPort = 0;
  beforeAll(async () => {
    g = await openApi({
      dashboardDir: DEFAULT_DASHBOARD_DIR,
      rateLimit: { max: 20, timeWindow: 60_000, failedAuth: 1_000 },
    });
    await g.app.listen({ host: '127.0.0.1', port: 0 });
    const address = g.app.server.address();
    gPort = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(async () => {
    await g?.close();
  });

  it('counts requests without a token, with wrong tokens, to the docs and static files by address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await send('GET', '/api/me', {}, undefined, gPort)).status);
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await send('GET', '/api/me', { authorization: `Bearer ilt_guess-${i}` }, undefined, gPort)).status,
      );
    for (let i = 0; i < 3; i++) statuses.push((await send('GET', '/docs/json', {}, undefined, gPort)).status);
    statuses.push((await send('GET', '/docs/static/../../../etc/passwd', {}, undefined, gPort)).status);
    statuses.push((await send('GET', '/%61pi/health', {}, undefined, gPort)).status);
    // 20 spent: the 21st from this address is refused, whatever path or token it tries.
    expect(statuses.every((s) => s !== 429)).toBe(true);
    for (const [path, headers] of [
      ['/api/me', {}],
      ['/api/me', { authorization: 'Bearer ilt_yet-another-guess' }],
      ['/docs/json', {}],
      ['/docs', {}],
      ['/%61pi/health', {}],
      ['/', {}],
    ] as const) {
      const a = await send('GET', path, headers, undefined, gPort);
      expectProblem(a, 429, 'ERR_RATE_LIMITED');
      expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
    }
    // A valid token has its own budget.
    const me = await send('GET', '/api/me', { authorization: `Bearer ${g.tokens.officer}` }, undefined, gPort);
    expect(me.status).toBe(200);
  });

  it('repeated failed authentications back off, with a growing pause; valid tokens still pass', async () => {
    const h = await openApi({ rateLimit: { max: 1_000, timeWindow: 60_000, failedAuth: 5 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (await h.app.inject({ url: '/api/me', headers: { authorization: `Bearer ilt_g${i}` } })).statusCode,
        );
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const paused = await h.app.inject({ url: '/api/trends' });
      expect(paused.statusCode).toBe(429);
      expect(paused.json()).toMatchObject({ code: 'ERR_RATE_LIMITED' });
      expect(Number(paused.headers['retry-after'])).toBe(60);
      expect((await h.as('officer', { url: '/api/me' })).statusCode).toBe(200);
    } finally {
      await h.close();
    }
  });
});
