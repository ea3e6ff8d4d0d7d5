/**
 * An introduction end to end through the bots' real outbox and the real @slack/bolt WebClient
 * against the Slack stand-in: the request reaches the INC coordinator by DM with approve/decline
 * buttons; on the INC's approval both parties get a DM, the requester's carrying the target's
 * contact route, which no DM carried before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxRunner } from '../../../bots/core/outbox.js';
import type { SlackAdapter } from '../../../bots/slack/index.js';
import { setContactRoute } from '../../../engine/contact/index.js';
import { decideIntroduction, requestIntroduction } from '../../../engine/introductions/index.js';
import { SYSTEM } from '../../../graph/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { startTestOutbox } from '../helpers/outbox.js';
import { createTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { startSlackBot } from './bot.js';
import type { SlackStandIn } from './stand-in.js';

const OLIVIER = { person: 'demo:person:olivier-dufresnel', slack: 'U3000000001', org: 'demo:org:valmont-prisons' };
const SANNE = { person: 'demo:person:sanne-brinkhoven', slack: 'U3000000002', org: 'demo:org:scheldemond-police' };
const PIETER = { person: 'demo:person:pieter-van-akkerdonk', slack: 'U3000000003', org: 'demo:inc:BE' };

let demo: DemoEngine;
let rt: TestRuntime;
let api: SlackStandIn;
let slack: SlackAdapter;
let outbox: OutboxRunner;
const clock = new Date('2026-03-02T09:00:00Z');

beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-intro-e2e-' });
  rt = await createTestRuntime(demo.engine);
  ({ api, slack } = await startSlackBot(rt.runtime));
  const identity = (p: typeof OLIVIER) => ({ role: 'member' as const, person: p.person, orgs: [p.org] });
  outbox = startTestOutbox({
    store: demo.store,
    adapters: [slack],
    identities: {
      [`slack:${OLIVIER.slack}`]: identity(OLIVIER),
      [`slack:${SANNE.slack}`]: identity(SANNE),
      [`slack:${PIETER.slack}`]: { ...identity(PIETER), role: 'inc' as const },
    },
    retryMs: 5_000,
    now: () => clock,
  });
  await setContactRoute(
    demo.store,
    { route: 'chat', platform: 'slack', handle: SANNE.slack },
    { person: SANNE.person, viewer: SYSTEM },
  );
});
afterAll(async () => {
  await outbox?.stop();
  await slack?.stop();
  await api?.close();
  await rt?.close();
  await demo?.close();
});

const dmsTo = (user: string) =>
  api.calls
    .filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === `D${user.replace(/^U/u, '')}`)
    .map((c) => `${String(c.args['text'])} ${JSON.stringify(c.args['blocks'])}`);

describe('an introduction by Slack direct message', () => {
  it('request → the INC is asked with buttons → approval → both parties told, the route to the requester only', async () => {
    const deps = { store: demo.store, discovery: demo.engine.discovery, now: () => clock };
    const requested = await requestIntroduction(
      deps,
      { person: OLIVIER.person, viewer: { id: 'olivier', clearance: 'network', orgs: [OLIVIER.org] } },
      { target: SANNE.person, question: 'tracing crypto payments for drone drops', message: 'Same wallets?' },
    );
    expect(requested.status).toBe('pending');
    await outbox.pass();
    const asked = dmsTo(PIETER.slack);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('Introduction requested: Olivier Dufresnel');
    expect(asked[0]).toContain('Same wallets?');
    expect(asked[0]).toContain('"type":"button"');
    expect(asked[0]).toContain(`approve ${requested.id}`);
    expect(asked[0]).toContain(`decline ${requested.id}`);
    expect(dmsTo(OLIVIER.slack)).toEqual([]);
    expect(dmsTo(SANNE.slack)).toEqual([]);

    await decideIntroduction(
      deps,
      { person: PIETER.person, viewer: { id: 'pieter', clearance: 'network', orgs: [PIETER.org] } },
      requested.id,
      { decision: 'approve', note: 'Go ahead' },
    );
    await outbox.pass();
    const toOlivier = dmsTo(OLIVIER.slack);
    const toSanne = dmsTo(SANNE.slack);
    expect(toOlivier).toHaveLength(1);
    expect(toOlivier[0]).toContain('Introduction approved');
    expect(toOlivier[0]).toContain(`slack: ${SANNE.slack}`);
    expect(toOlivier[0]).toContain('Go ahead');
    expect(toSanne).toHaveLength(1);
    expect(toSanne[0]).toContain('Olivier Dufresnel would like to talk to you');
    expect(toSanne[0]).not.toContain(SANNE.slack);
    expect(dmsTo(PIETER.slack)).toHaveLength(1);
    // Sent once: another pass sends nothing more.
    await outbox.pass();
    expect(dmsTo(OLIVIER.slack)).toHaveLength(1);
    expect(dmsTo(SANNE.slack)).toHaveLength(1);
  });
});
