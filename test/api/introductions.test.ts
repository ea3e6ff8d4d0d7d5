/**
 * Introductions brokered by INCs through the API (issue 17 item 2): a request is routed to the INCs
 * concerned and their coordinators get a notice with approve/decline buttons; the INC decides with
 * a note; the parties are told (the target's contact route reaches the requester with the
 * approval only); statuses are visible to the parties only; every step is audited; bad input is a
 * clear 4xx; erasure removes the person's introductions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setContactRoute } from '../../engine/contact/index.js';
import { listInbox } from '../../engine/notify/index.js';
import { SYSTEM } from '../../graph/index.js';
import { type ApiFixture, DEMO, json, openApi, qs } from './helpers.js';

const SANNE = 'demo:person:sanne-brinkhoven'; // BE, network
const KOEN = 'demo:person:koen-verhoeve'; // BE, public
const HIDDEN = DEMO.nordmark.person; // restricted to Nordmark Police
const BE_INC = 'demo:inc:BE';
const WORK = 'test:result:intro-port-scanner';

interface View {
  id: string;
  status: string;
  requester: string;
  target?: string;
  viaHandle: boolean;
  incs: string[];
  role: string;
  note?: string;
  contact?: { route: string; platform?: string; handle?: string };
  steps: { at: string; by: string; step: string; note?: string }[];
}
interface Problem {
  status: number;
  code: string;
  message: string;
}

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi();
  await setContactRoute(
    f.demo.store,
    { route: 'chat', platform: 'matrix', handle: '@sanne:scheldemond.example' },
    { person: SANNE, viewer: SYSTEM },
  );
  // A discoverable restricted result of a Belgian police zone: others get a handle, never the id.
  const node = {
    id: WORK,
    kind: 'Result' as const,
    visibility: 'restricted' as const,
    owner: 'demo:org:scheldemond-police',
    discoverable: true,
    date: '2025-09-17',
    title: 'Container scanner anomaly triage at the port terminals',
    description: 'Triage of container scanner anomalies at the port terminals during night shifts',
  };
  await f.demo.store.upsert({ nodes: [node] });
  await f.demo.engine.afterWrite([node]);
}, 120_000);
afterAll(async () => {
  await f?.close();
});

const request = (who: Parameters<ApiFixture['as']>[0], body: Record<string, unknown>) =>
  f.as(who, { method: 'POST', url: '/api/introductions', payload: body });
const decide = (who: Parameters<ApiFixture['as']>[0], id: string, body: Record<string, unknown>) =>
  f.as(who, { method: 'POST', url: `/api/introductions/${encodeURIComponent(id)}/decision`, payload: body });
const list = async (who: Parameters<ApiFixture['as']>[0], status?: string) => {
  const r = await f.as(who, { url: `/api/introductions${status === undefined ? '' : qs({ status })}` });
  expect(r.statusCode).toBe(200);
  return json<{ introductions: View[] }>(r).introductions;
};
const inbox = (person: string) =>
  listInbox(f.demo.store, { person, viewer: { id: person, clearance: 'network', orgs: [] } }, { limit: 100 });

describe('introductions', () => {
  let id = '';

  it('a request is pending with the INC of the target’s country, whose coordinator gets approve/decline buttons', async () => {
    const r = await request('officer', {
      target: SANNE,
      question: 'tracing crypto payments for drone deliveries',
      message: 'We see the same wallets behind prison drops',
    });
    expect(r.statusCode).toBe(201);
    const v = json<View>(r);
    id = v.id;
    expect(v).toMatchObject({ status: 'pending', requester: DEMO.officer.person, target: SANNE, incs: [BE_INC] });
    expect(v.role).toBe('requester');
    expect(v.contact).toBeUndefined();
    expect(v.steps.map((s) => s.step)).toEqual(['requested']);
    const notices = (await inbox(DEMO.inc.person)).items.filter((n) => n.ref?.id === id);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.actions).toEqual([
      { label: 'Approve', value: `approve ${id}` },
      { label: 'Decline', value: `decline ${id}` },
    ]);
    // Nothing for the target before an INC approves.
    expect((await inbox(SANNE)).items.filter((n) => n.ref?.id === id)).toEqual([]);
  });

  it('a duplicate of a pending request is a 409; to oneself a 400; no person a 403; bad bodies 400s', async () => {
    const dup = await request('officer', { target: SANNE, question: 'again', message: 'again' });
    expect(dup.statusCode).toBe(409);
    expect(json<Problem>(dup).code).toBe('ERR_INTRODUCTION_DUPLICATE');
    const self = await request('officer', { target: DEMO.officer.person, question: 'q', message: 'm' });
    expect([self.statusCode, json<Problem>(self).code]).toEqual([400, 'ERR_INTRODUCTION_SELF']);
    const ownOrg = await request('officer', { target: DEMO.officer.organisation, question: 'q', message: 'm' });
    expect([ownOrg.statusCode, json<Problem>(ownOrg).code]).toEqual([400, 'ERR_INTRODUCTION_SELF']);
    const nobody = await request('noPerson', { target: SANNE, question: 'q', message: 'm' });
    expect([nobody.statusCode, json<Problem>(nobody).code]).toEqual([403, 'ERR_NO_PERSON']);
    expect((await request('officer', { target: SANNE, question: 'q' })).statusCode).toBe(400);
    const both = await request('officer', { target: KOEN, question: 'q', challenge: 'demo:x', message: 'm' });
    expect([both.statusCode, json<Problem>(both).code]).toEqual([400, 'ERR_INVALID_INTRODUCTION']);
    const need = await request('officer', { target: KOEN, challenge: 'demo:challenge:nope', message: 'm' });
    expect([need.statusCode, json<Problem>(need).code]).toEqual([400, 'ERR_INTRODUCTION_NEED']);
    expect((await f.as(undefined, { method: 'POST', url: '/api/introductions', payload: {} })).statusCode).toBe(401);
  });

  it('a hidden person answers exactly like a missing one', async () => {
    const hidden = await request('officer', { target: HIDDEN, question: 'q', message: 'm' });
    const missing = await request('officer', { target: 'demo:person:nobody-at-all', question: 'q', message: 'm' });
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const strip = (p: Problem, ref: string) =>
      JSON.stringify({ ...p, requestId: undefined })
        .split(ref)
        .join('<ref>');
    expect(strip(json<Problem>(hidden), HIDDEN)).toBe(strip(json<Problem>(missing), 'demo:person:nobody-at-all'));
    // Its owner's colleagues see the person: for them it is a real target (no INC of DE or FR: a 409).
    expect(
      json<Problem>(await request('officer', { target: 'demo:org:nordmark-police', question: 'q', message: 'm' })).code,
    ).toBe('ERR_INTRODUCTION_NO_INC');
  });

  it('statuses are visible to the parties only', async () => {
    expect((await list('officer')).map((v) => v.id)).toContain(id);
    expect((await list('inc')).find((v) => v.id === id)?.role).toBe('inc');
    expect((await list('admin')).find((v) => v.id === id)?.role).toBe('admin');
    expect((await list('nordmark')).map((v) => v.id)).not.toContain(id);
    expect((await list('policy')).map((v) => v.id)).not.toContain(id);
    expect((await list('inc', 'approved')).map((v) => v.id)).not.toContain(id);
    expect((await f.as('officer', { url: '/api/introductions?status=maybe' })).statusCode).toBe(400);
  });

  it('a decision by someone not the INC concerned is a 403 (a party) or a 404 (nobody’s business); bad decisions 400', async () => {
    const own = await decide('officer', id, { decision: 'approve' });
    expect([own.statusCode, json<Problem>(own).code]).toEqual([403, 'ERR_INTRODUCTION_FORBIDDEN']);
    const admin = await decide('admin', id, { decision: 'approve' });
    expect(admin.statusCode).toBe(403);
    const stranger = await decide('nordmark', id, { decision: 'decline' });
    expect([stranger.statusCode, json<Problem>(stranger).code]).toEqual([404, 'ERR_INTRODUCTION_NOT_FOUND']);
    expect((await decide('inc', id, { decision: 'maybe' })).statusCode).toBe(400);
    expect((await decide('inc', 'introduction:missing', { decision: 'approve' })).statusCode).toBe(404);
    expect((await list('officer')).find((v) => v.id === id)?.status).toBe('pending');
  });

  it('the INC approves with a note: both parties are told, the route reaches the requester; deciding twice is a 409', async () => {
    const r = await decide('inc', id, { decision: 'approve', note: 'Sanne expects your message' });
    expect(r.statusCode).toBe(200);
    expect(json<View>(r)).toMatchObject({ status: 'approved', note: 'Sanne expects your message', role: 'inc' });
    const again = await decide('inc', id, { decision: 'decline' });
    expect([again.statusCode, json<Problem>(again).code]).toEqual([409, 'ERR_INTRODUCTION_DECIDED']);
    const mine = (await list('officer')).find((v) => v.id === id);
    expect(mine?.contact).toMatchObject({ route: 'chat', platform: 'matrix', handle: '@sanne:scheldemond.example' });
    expect(mine?.steps.map((s) => [s.step, s.by])).toEqual([
      ['requested', DEMO.officer.person],
      ['approved', DEMO.inc.person],
    ]);
    // The INC's own view never carries the route (it is the requester's to get).
    expect((await list('inc')).find((v) => v.id === id)?.contact).toBeUndefined();
    const toRequester = (await inbox(DEMO.officer.person)).items.filter((n) => n.ref?.id === id);
    expect(toRequester).toHaveLength(1);
    expect(toRequester[0]?.reason).toContain('@sanne:scheldemond.example');
    expect(toRequester[0]?.reason).toContain('Sanne expects your message');
    const toTarget = (await inbox(SANNE)).items.filter((n) => n.ref?.id === id);
    expect(toTarget).toHaveLength(1);
    expect(toTarget[0]?.title).toContain('Olivier Dufresnel');
    // Once approved, the same introduction may be asked again (it is no longer pending).
    const anew = await request('officer', { target: SANNE, question: 'follow-up', message: 'again' });
    expect(anew.statusCode).toBe(201);
    expect((await decide('officer', json<View>(anew).id, { decision: 'withdraw' })).statusCode).toBe(200);
  });

  it('a decline tells the requester only, with the note', async () => {
    const r = await request('officer', { target: KOEN, question: 'crowd safety at prisons', message: 'Hello' });
    const v = json<View>(r);
    const d = await decide('inc', v.id, { decision: 'decline', note: 'Koen is on leave' });
    expect(json<View>(d).status).toBe('declined');
    const told = (await inbox(DEMO.officer.person)).items.filter((n) => n.ref?.id === v.id);
    expect(told.map((n) => n.title)).toEqual(['Introduction declined']);
    expect(told[0]?.reason).toContain('Koen is on leave');
    expect((await inbox(KOEN)).items.filter((n) => n.ref?.id === v.id)).toEqual([]);
  });

  it('from a restricted hit’s handle: routed to the owner’s INC; the requester learns who only on approval', async () => {
    const answer = json<{ restricted?: { handle: string }[] }>(
      await f.as('nordmark', {
        url: `/api/who-solved${qs({ text: 'container scanner anomaly triage', mode: 'lexical' })}`,
      }),
    );
    const handle = answer.restricted?.[0]?.handle;
    expect(handle).toMatch(/^rh_/u);
    // Another viewer's handle is nobody's.
    const foreign = await request('officer', { target: handle, question: 'q', message: 'm' });
    expect(foreign.statusCode).toBe(404);
    const r = await request('nordmark', {
      target: handle,
      question: 'scanner triage',
      message: 'May we compare notes?',
    });
    expect(r.statusCode).toBe(201);
    const v = json<View>(r);
    expect(v).toMatchObject({ viaHandle: true, incs: [BE_INC] });
    expect(v.target).toBeUndefined();
    expect(JSON.stringify(v)).not.toContain(WORK);
    expect(JSON.stringify(await list('nordmark'))).not.toContain('scheldemond');
    const inc = (await list('inc')).find((x) => x.id === v.id);
    expect(inc?.target).toBe('demo:org:scheldemond-police');
    await decide('inc', v.id, { decision: 'approve' });
    expect((await list('nordmark')).find((x) => x.id === v.id)?.target).toBe('demo:org:scheldemond-police');
  });

  it('an INC set to auto-domestic approves within its country at once; across borders it still asks', async () => {
    const inc = await f.demo.store.getNode(BE_INC, SYSTEM);
    await f.demo.store.upsert({ nodes: [{ ...(inc as object), introductions: 'auto-domestic' } as never] });
    try {
      const home = json<View>(await request('inc', { target: KOEN, question: 'crowd safety', message: 'Coffee?' }));
      expect(home).toMatchObject({ status: 'approved', incs: [BE_INC] });
      expect(home.steps.map((s) => s.step)).toEqual(['requested', 'approved']);
      expect((await inbox(KOEN)).items.filter((n) => n.ref?.id === home.id)).toHaveLength(1);
      const abroad = json<View>(
        await request('inc', { target: 'demo:person:piotr-jodlowiecki', question: 'drones', message: 'Hello' }),
      );
      expect(abroad).toMatchObject({ status: 'pending', incs: ['demo:inc:PL', BE_INC] });
    } finally {
      await f.demo.store.upsert({ nodes: [inc as never] });
    }
  });

  it('an erased person’s introductions go with them', async () => {
    const r = await request('policy', { target: KOEN, question: 'q', message: 'm' });
    const v = json<View>(r);
    expect(r.statusCode).toBe(201);
    const asked = (await inbox(DEMO.inc.person)).items.filter((n) => n.ref?.id === v.id);
    expect(asked[0]?.title).toContain('Paolo Morvalle');
    const erased = await f.as('admin', {
      method: 'POST',
      url: '/api/admin/erasures',
      payload: { person: DEMO.policy.person, reason: 'request of the person' },
    });
    expect(erased.statusCode).toBeLessThan(300);
    expect(await f.demo.store.getNode(v.id, SYSTEM)).toBeUndefined();
    expect((await list('inc')).map((x) => x.id)).not.toContain(v.id);
    // The INC's notice named the requester: it went with the introduction.
    expect(await f.demo.store.getNode(asked[0]?.id ?? '', SYSTEM)).toBeUndefined();
    expect(JSON.stringify(await inbox(DEMO.inc.person))).not.toContain('Paolo Morvalle');
  });
});
