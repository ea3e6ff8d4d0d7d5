/** /api/who-solved and /api/challenges/:id/matches against the engine itself, for the same viewer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../engine/match/answer.js';
import { type ApiFixture, json, openApi, qs } from './helpers.js';

type ApiAnswer = Answer & { model: string | null };

/** Everything but the timings, which differ from one run to the next. */
const stable = ({ stats, ...rest }: Answer) => ({ ...rest, stats: { ...stats, ms: 0, phases: null } });

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi();
});
afterAll(async () => {
  await f?.close();
});

describe('/api/who-solved', () => {
  it('answers what the engine answers, each hit with a real explanation path', async () => {
    const text = 'drone detection at prisons';
    const r = await f.as('officer', { url: `/api/who-solved${qs({ text, limit: 5 })}` });
    expect(r.statusCode).toBe(200);
    const a = json<ApiAnswer>(r);
    const direct = await f.demo.engine.whoSolved(text, { limit: 5, mode: 'lexical' }, f.viewer('officer'));
    expect(stable(a)).toEqual({ ...stable(direct), model: null });
    expect(a.mode).toBe('lexical');
    expect(a.hits.length).toBe(5);
    for (const h of a.hits) {
      expect(h.path.nodes.at(-1)?.id).toBe(h.id);
      expect(h.path.relationships).toHaveLength(h.path.nodes.length - 1);
      h.path.relationships.forEach((rel, i) => {
        const ends = [h.path.nodes[i]?.id, h.path.nodes[i + 1]?.id];
        expect(ends).toContain(rel.from);
        expect(ends).toContain(rel.to);
      });
    }
    expect(a.hits.some((h) => h.path.nodes.length > 1)).toBe(true);
  });

  it('takes the filters as query parameters (country in either case, repeated kinds)', async () => {
    const r = await f.as('officer', {
      url: `/api/who-solved${qs({ text: 'drone detection', country: 'fr', kinds: ['Result', 'Organisation'], minTrl: 5 })}`,
    });
    const a = json<ApiAnswer>(r);
    expect(a.filters).toEqual({ country: 'FR', minTrl: 5, kinds: ['Result', 'Organisation'], limit: 10 });
    for (const h of a.hits) expect(['Result', 'Organisation']).toContain(h.kind);
  });

  it('answers malformed input with 400 naming the field', async () => {
    const cases: [Record<string, string | number | string[]>, string, string][] = [
      [{}, 'text', 'ERR_VALIDATION'],
      [{ text: '' }, 'text', 'ERR_VALIDATION'],
      [{ text: '   ' }, 'text', 'ERR_QUERY_EMPTY'],
      [{ text: 'word '.repeat(300) }, 'text', 'ERR_QUERY_TOO_LONG'],
      [{ text: 'drones', limit: 0 }, 'limit', 'ERR_VALIDATION'],
      [{ text: 'drones', limit: 'many' }, 'limit', 'ERR_VALIDATION'],
      [{ text: 'drones', minTrl: 12 }, 'minTrl', 'ERR_VALIDATION'],
      [{ text: 'drones', kinds: ['Person', 'Police'] }, 'kinds[1]', 'ERR_VALIDATION'],
      [{ text: 'drones', orgKind: 'police' }, 'orgKind', 'ERR_VALIDATION'],
      [{ text: 'drones', country: 'FRA' }, 'country', 'ERR_VALIDATION'],
      [{ text: 'drones', mode: 'psychic' }, 'mode', 'ERR_VALIDATION'],
      [{ text: 'drones', colour: 'red' }, 'colour', 'ERR_VALIDATION'],
    ];
    for (const [params, field, code] of cases) {
      const r = await f.as('officer', { url: `/api/who-solved${qs(params)}` });
      expect({ params, status: r.statusCode, code: json(r)['code'], field: json(r)['field'] }).toEqual({
        params,
        status: 400,
        code,
        field,
      });
      expect(json<{ message: string }>(r).message).toContain(field.replace(/\[\d+\]$/u, ''));
    }
  });

  it('says so with 503 when meaning-based search is asked for and there is no model', async () => {
    const r = await f.as('officer', { url: `/api/who-solved${qs({ text: 'drones', mode: 'dense' })}` });
    expect(r.statusCode).toBe(503);
    expect(json(r)).toMatchObject({ code: 'ERR_DENSE_UNAVAILABLE', message: expect.stringMatching(/lexical/u) });
  });

  it('never shows a restricted node to a viewer outside its organisation', async () => {
    // The voice-clone check is a restricted result of another organisation.
    const text = 'voice clone detection';
    const outsider = json<ApiAnswer>(await f.as('officer', { url: `/api/who-solved${qs({ text, limit: 50 })}` }));
    const admin = json<ApiAnswer>(await f.as('admin', { url: `/api/who-solved${qs({ text, limit: 50 })}` }));
    const mentions = (a: ApiAnswer) => a.hits.flatMap((h) => [h.id, ...h.path.nodes.map((n) => n.id)]);
    expect(mentions(admin)).toContain('demo:result:voice-clone-check');
    expect(mentions(outsider)).not.toContain('demo:result:voice-clone-check');
  });
});

describe('/api/challenges/:id/matches', () => {
  it('answers what the engine answers for the challenge', async () => {
    const id = 'demo:challenge:prison-drone-drops';
    const r = await f.as('inc', { url: `/api/challenges/${encodeURIComponent(id)}/matches${qs({ limit: 3 })}` });
    expect(r.statusCode).toBe(200);
    const direct = await f.demo.engine.matchNeed(id, f.viewer('inc'), { limit: 3, mode: 'lexical' });
    expect(stable(json<ApiAnswer>(r))).toEqual({ ...stable(direct), model: null });
    expect(json<ApiAnswer>(r).hits.map((h) => h.id)).not.toContain(id);
  });

  it('404 for unknown and hidden challenges alike, 400 for another kind', async () => {
    const unknown = await f.as('officer', { url: '/api/challenges/demo:challenge:none/matches' });
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown)['code']).toBe('ERR_CHALLENGE_NOT_FOUND');
    const hidden = await f.as('officer', { url: '/api/challenges/demo:challenge:dna-mixture-court/matches' });
    expect(hidden.statusCode).toBe(404);
    expect(json(hidden)['code']).toBe('ERR_CHALLENGE_NOT_FOUND');
    const owner = await f.as('nordmark', { url: '/api/challenges/demo:challenge:dna-mixture-court/matches' });
    expect(owner.statusCode).toBe(200);
    const poll = await f.as('officer', { url: '/api/challenges/demo:poll:priorities-2020/matches' });
    expect(poll.statusCode).toBe(400);
    expect(json(poll)['code']).toBe('ERR_NOT_A_CHALLENGE');
    const bad = await f.as('officer', { url: `/api/challenges/${encodeURIComponent('has space')}/matches` });
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ code: 'ERR_VALIDATION', field: 'id' });
  });
});
