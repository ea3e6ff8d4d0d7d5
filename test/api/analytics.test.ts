/**
 * Trends, gaps, network, report, suggestions, consortium and facets over HTTP: each answers
 * exactly what the engine answers for the token's viewer, filters reach the engine, and bad
 * parameters are 400s naming the parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapsAnswer, NetworkAnswer, TrendsAnswer } from '../../engine/analytics/types.js';
import type { SuggestAnswer } from '../../engine/suggest/types.js';
import { openStore } from '../../graph/index.js';
import { type ApiFixture, DEMO, json, openApi, qs, type TokenName } from './helpers.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi();
});
afterAll(async () => {
  await f?.close();
});

const get = async <T>(who: TokenName, url: string): Promise<T> => {
  const r = await f.as(who, { url });
  expect(r.statusCode, `${url}: ${r.body.slice(0, 300)}`).toBe(200);
  return json<T>(r);
};
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('/api/trends', () => {
  it('answers what the engine answers, for each filter', async () => {
    for (const q of [
      {},
      { country: 'BE' },
      { topic: 'area:counter-uas' },
      { by: 'country' as const, unit: 'quarter' as const, from: '2020', to: '2024-12-31' },
      { limit: 3, minSupport: 1 },
    ]) {
      const a = await get<TrendsAnswer>('officer', `/api/trends${qs(q)}`);
      expect(a).toEqual(await f.demo.engine.trends(q, f.viewer('officer')));
    }
  });

  it('filters change the numbers; visibility too', async () => {
    const all = await get<TrendsAnswer>('officer', '/api/trends');
    const be = await get<TrendsAnswer>('officer', `/api/trends${qs({ country: 'BE' })}`);
    expect(sum(be.totals.challenges)).toBeGreaterThan(0);
    expect(sum(be.totals.challenges)).toBeLessThan(sum(all.totals.challenges));
    const admin = await get<TrendsAnswer>('admin', '/api/trends');
    // The admin sees the restricted challenges of every organisation; the officer only their own's.
    expect(sum(admin.totals.challenges)).toBeGreaterThan(sum(all.totals.challenges));
  });

  it('answers bad parameters with 400 naming them', async () => {
    for (const [params, field] of [
      [{ unit: 'month' }, 'unit'],
      [{ by: 'colour' }, 'by'],
      [{ from: 'last year' }, 'from'],
      [{ country: 'Belgium' }, 'country'],
      [{ minSupport: 0 }, 'minSupport'],
      [{ limit: 'ten' }, 'limit'],
      [{ topics: 'area:cbrn' }, 'topics'],
    ] as const) {
      const r = await f.as('officer', { url: `/api/trends${qs(params)}` });
      expect({ params, status: r.statusCode, field: json(r)['field'] }).toEqual({ params, status: 400, field });
      expect(json<{ message: string }>(r).message).toContain(field);
    }
  });
});

describe('answers kept between requests', () => {
  const challenges = async (who: TokenName) => sum((await get<TrendsAnswer>(who, '/api/trends')).totals.challenges);

  it('are never stale: a write through the API shows in the next answer', async () => {
    const before = await challenges('officer');
    expect(await challenges('officer')).toBe(before);
    const r = await f.as('officer', {
      method: 'POST',
      url: '/api/challenges',
      payload: { title: 'A need raised now' },
    });
    expect(r.statusCode).toBe(201);
    expect(await challenges('officer')).toBe(before + 1);
  });

  it('are never stale: a write by another process (another connection to the store) shows too', async () => {
    const before = await challenges('inc');
    const other = await openStore({ backend: 'embedded', dataDir: f.demo.dir });
    try {
      await other.upsert({
        nodes: [
          { kind: 'Challenge', id: 'test:challenge:from-elsewhere', title: 'Raised by a bot', date: '2024-03-03' },
        ],
      });
    } finally {
      await other.close();
    }
    expect(await challenges('inc')).toBe(before + 1);
  });

  it('are kept per visibility: another organisation’s member does not get an answer counting what they may not see', async () => {
    const restricted = {
      kind: 'Challenge' as const,
      id: 'test:challenge:nordmark-only',
      title: 'Internal need',
      date: '2023-03-03',
      visibility: 'restricted' as const,
      owner: DEMO.nordmark.organisation,
    };
    const officerBefore = await challenges('officer');
    const nordmarkBefore = await challenges('nordmark');
    await f.demo.store.upsert({ nodes: [restricted] });
    expect(await challenges('nordmark')).toBe(nordmarkBefore + 1);
    expect(await challenges('officer')).toBe(officerBefore);
  });
});

describe('/api/gaps and /api/network', () => {
  it('answer what the engine answers', async () => {
    for (const q of [{}, { country: 'FR' }, { minMaturity: 0.8, limit: 5 }]) {
      expect(await get<GapsAnswer>('policy', `/api/gaps${qs(q)}`)).toEqual(
        await f.demo.engine.gaps(q, f.viewer('policy')),
      );
    }
    for (const q of [{}, { top: 5 }, { country: 'BE' }]) {
      expect(await get<NetworkAnswer>('inc', `/api/network${qs(q)}`)).toEqual(
        await f.demo.engine.network(q, f.viewer('inc')),
      );
    }
  });

  it('answer bad parameters with 400 naming them', async () => {
    for (const [url, field] of [
      ['/api/gaps?minMaturity=2', 'minMaturity'],
      ['/api/gaps?minMaturity=high', 'minMaturity'],
      ['/api/gaps?limit=0', 'limit'],
      ['/api/network?top=0', 'top'],
      ['/api/network?country=be1', 'country'],
      ['/api/network?depth=3', 'depth'],
    ] as const) {
      const r = await f.as('officer', { url });
      expect({ url, status: r.statusCode, code: json(r)['code'], field: json(r)['field'] }).toEqual({
        url,
        status: 400,
        code: 'ERR_VALIDATION',
        field,
      });
    }
  });
});

describe('/api/report', () => {
  it('is the engine’s Markdown brief for the caller', async () => {
    const r = await f.as('policy', { url: '/api/report' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(r.body).toBe(await f.demo.engine.report(f.viewer('policy')));
    expect(r.body).toMatch(/^# /u);
  });
});

describe('/api/suggestions and /api/consortium', () => {
  it('answer what the engine answers for a country, an INC, an organisation and a person', async () => {
    for (const [params, target] of [
      [{ country: 'be', limit: 5 }, { country: 'BE' }],
      [{ inc: 'demo:inc:PL' }, { inc: 'demo:inc:PL' }],
      [{ organisation: DEMO.officer.organisation, limit: 3 }, { organisation: DEMO.officer.organisation }],
      [{ person: DEMO.inc.person }, { person: DEMO.inc.person }],
    ] as const) {
      const a = await get<SuggestAnswer>('inc', `/api/suggestions${qs(params)}`);
      const limit = 'limit' in params ? { limit: params.limit } : {};
      expect(a).toEqual(await f.demo.engine.suggest({ for: target, ...limit }, f.viewer('inc')));
    }
  });

  it('need exactly one of person, organisation, country and inc', async () => {
    const none = await f.as('inc', { url: '/api/suggestions' });
    expect([none.statusCode, json(none)['code'], json(none)['field']]).toEqual([400, 'ERR_VALIDATION', 'for']);
    const two = await f.as('inc', { url: `/api/suggestions${qs({ country: 'BE', inc: 'demo:inc:BE' })}` });
    expect([two.statusCode, json(two)['field']]).toEqual([400, 'inc']);
    expect(json<{ message: string }>(two).message).toMatch(/country and inc/u);
    const limit = await f.as('inc', { url: `/api/suggestions${qs({ country: 'BE', limit: 1000 })}` });
    expect([limit.statusCode, json(limit)['field']]).toEqual([400, 'limit']);
  });

  it('consortium: the engine’s answer, constraints from the query', async () => {
    const id = 'demo:challenge:prison-drone-drops';
    const a = await get<unknown>(
      'inc',
      `/api/consortium${qs({ challenge: id, minCountries: 2, size: 4, exclude: ['de', 'NL'] })}`,
    );
    expect(a).toEqual(
      await f.demo.engine.consortium(id, { minCountries: 2, size: 4, excludeCountries: ['DE', 'NL'] }, f.viewer('inc')),
    );
    expect(a).toMatchObject({ constraints: { minCountries: 2, size: 4, excludeCountries: ['DE', 'NL'] } });
  });

  it('consortium: 400 naming the parameter, 404 for a challenge nobody may see', async () => {
    const missing = await f.as('inc', { url: '/api/consortium' });
    expect([missing.statusCode, json(missing)['field']]).toEqual([400, 'challenge']);
    const size = await f.as('inc', {
      url: `/api/consortium${qs({ challenge: 'demo:challenge:prison-drone-drops', size: 1 })}`,
    });
    expect([size.statusCode, json(size)['field']]).toEqual([400, 'size']);
    const hidden = await f.as('inc', {
      url: `/api/consortium${qs({ challenge: 'demo:challenge:dna-mixture-court' })}`,
    });
    expect(hidden.statusCode).toBe(404);
    const unknown = await f.as('inc', { url: `/api/consortium${qs({ challenge: 'demo:challenge:none' })}` });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('/api/facets', () => {
  it('lists the topics, countries and INCs to filter by', async () => {
    const a = await get<{ topics: { id: string }[]; countries: { code: string }[]; incs: { id: string }[] }>(
      'officer',
      '/api/facets',
    );
    expect(a.topics).toHaveLength(18);
    expect(a.countries.map((c) => c.code).sort()).toEqual(
      ['BE', 'DE', 'EE', 'EL', 'FI', 'FR', 'IT', 'NL', 'PL', 'ES'].sort(),
    );
    expect(a.incs.map((i) => i.id).sort()).toEqual(['demo:inc:BE', 'demo:inc:PL']);
  });
});
