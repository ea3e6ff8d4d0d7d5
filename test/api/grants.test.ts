/**
 * Links from chat: a grant (engine/grants) is exchanged once for a read-only session that reads
 * as the grant's viewer; a forged, altered, expired or spent grant is refused, and the session
 * can change nothing.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueGrant, loadGrantKey, readGrant, withGrant } from '../../engine/grants/index.js';
import { type ApiFixture, json, openApi } from './helpers.js';

let dir: string;
let key: Buffer;
let api: ApiFixture;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-grants-'));
  key = loadGrantKey(dir);
  api = await openApi({ grantKey: key });
});
afterAll(async () => {
  await api?.close();
  await rm(dir, { recursive: true, force: true });
});

const exchange = (grant: string) => api.app.inject({ method: 'POST', url: '/api/grants/exchange', payload: { grant } });
const asSession = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  api.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

describe('grants from chat links', () => {
  it('keeps one key per data folder, readable by its owner only', async () => {
    expect(loadGrantKey(dir).equals(key)).toBe(true);
    expect((await stat(join(dir, 'grants.key'))).mode & 0o777).toBe(0o600);
  });

  it('exchanges a grant once for a session that reads as the grant’s viewer', async () => {
    const guest = issueGrant(key, { id: 'audience:matrix:!room', clearance: 'public', orgs: [] });
    const r = await exchange(guest);
    expect(r.statusCode).toBe(200);
    const { token, clearance } = json<{ token: string; clearance: string }>(r);
    expect(clearance).toBe('public');
    // A network challenge: a guest's session may not see it, an officer's grant may.
    const hidden = await asSession(token, 'GET', '/api/challenges/demo:challenge:prison-drone-drops');
    expect(hidden.statusCode).toBe(404);
    const officer = json<{ token: string }>(
      await exchange(issueGrant(key, { id: 'slack:U1', clearance: 'network', orgs: [] })),
    ).token;
    expect((await asSession(officer, 'GET', '/api/challenges/demo:challenge:prison-drone-drops')).statusCode).toBe(200);
    // Single use.
    const again = await exchange(guest);
    expect(again.statusCode).toBe(401);
    expect(json<{ message: string }>(again).message).toMatch(/already opened once/u);
  });

  it('refuses a forged, altered or expired grant', async () => {
    const other = issueGrant(Buffer.alloc(32, 7), { id: 'x', clearance: 'all', orgs: [] });
    expect((await exchange(other)).statusCode).toBe(401);
    const genuine = issueGrant(key, { id: 'x', clearance: 'public', orgs: [] });
    const [payload, mac] = genuine.slice(4).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { v: { clearance: string } };
    claims.v.clearance = 'all';
    const altered = `igr_${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
    expect(readGrant(key, altered)).toBe('invalid');
    expect((await exchange(altered)).statusCode).toBe(401);
    const old = issueGrant(key, { id: 'x', clearance: 'public', orgs: [] }, { now: Date.now() - 11 * 60_000 });
    const r = await exchange(old);
    expect(r.statusCode).toBe(401);
    expect(json<{ message: string }>(r).message).toMatch(/expired/u);
  });

  it('lets a session change nothing', async () => {
    const { token } = json<{ token: string }>(
      await exchange(issueGrant(key, { id: 'slack:U2', clearance: 'network', orgs: [] })),
    );
    const r = await asSession(token, 'POST', '/api/challenges', { title: 'Drones over the yard' });
    expect(r.statusCode).toBe(403);
    expect(json<{ message: string }>(r).message).toMatch(/read-only/u);
  });

  it('puts the grant in the link’s fragment, beside the page’s own parameters', () => {
    expect(withGrant('https://ileanet.example/#/search?q=drones', 'igr_a.b')).toBe(
      'https://ileanet.example/#/search?q=drones&grant=igr_a.b',
    );
    expect(withGrant('https://ileanet.example/', 'igr_a.b')).toBe('https://ileanet.example/#/?grant=igr_a.b');
  });
});
