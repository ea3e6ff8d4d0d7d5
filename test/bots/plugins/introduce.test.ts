/**
 * `introduce`, `introductions`, `approve`, `decline`, `withdraw` through the runtime and the fake
 * transport: the INC's notice buttons are command lines that work as typed; the engine's rules
 * (self, hidden, duplicate, not the INC, twice) come back as messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInbox } from '../../../engine/notify/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { type Bots, MEMBERS, PEOPLE, startFakeBots } from '../helpers/fake-transport.js';

const PIETER = { key: 'fake:U-pieter', person: 'demo:person:pieter-van-akkerdonk', organisation: 'demo:inc:BE' };

let demo: DemoEngine;
let bots: Bots;
beforeAll(async () => {
  demo = await openDemoEngine();
  bots = await startFakeBots(demo.engine, {
    rateLimit: { max: 1_000, windowSeconds: 60 },
    identities: {
      ...MEMBERS,
      [PIETER.key]: { role: 'inc', person: PIETER.person, organisation: PIETER.organisation, country: 'BE' },
    },
  });
});
afterAll(async () => {
  await bots?.close();
  await demo?.close();
});

const last = () => bots.transport.last();

describe('introductions in chat', () => {
  it('introduce → the INC’s button line approves it → both listed as approved; the rules come back as messages', async () => {
    await bots.transport.slash('U-hugo', `introduce ${PEOPLE.sanne.person} We see deepfaked voices in fraud calls`);
    expect(last().reply.text).toMatch(/^Asked demo:inc:BE to introduce you to demo:person:sanne-brinkhoven\./u);
    await bots.transport.slash('U-hugo', `introduce ${PEOPLE.sanne.person} again please`);
    expect(last().text).toContain('already have a pending request');
    await bots.transport.slash('U-hugo', `introduce ${PEOPLE.hugo.person} me`);
    expect(last().text).toContain('yourself');
    await bots.transport.slash('U-hugo', 'introduce demo:person:tobias-eichbauer hello');
    const hidden = last().text;
    await bots.transport.slash('U-hugo', 'introduce demo:person:no-such-person hello');
    expect(hidden.replace('demo:person:tobias-eichbauer', '<ref>')).toBe(
      last().text.replace('demo:person:no-such-person', '<ref>'),
    );

    const inbox = await listInbox(
      demo.store,
      { person: PIETER.person, viewer: { id: 'p', clearance: 'network', orgs: [] } },
      { limit: 10 },
    );
    const approve = inbox.items[0]?.actions.find((a) => a.label === 'Approve')?.value ?? '';
    expect(approve).toMatch(/^approve introduction:/u);
    await bots.transport.slash('U-sanne', approve);
    expect(last().text).toContain('only a coordinator of demo:inc:BE');
    await bots.transport.slash('U-pieter', `${approve} Sanne knows the case`);
    expect(last().reply.text).toMatch(/is now approved/u);
    await bots.transport.slash('U-pieter', approve.replace('approve', 'decline'));
    expect(last().text).toContain('already approved');

    // The list shows restricted information: it goes to the asker's direct messages.
    await bots.transport.dm('U-hugo', 'introductions');
    const item = last().reply.sections[0]?.items[0];
    expect(item?.title).toBe(`${PEOPLE.hugo.person} → ${PEOPLE.sanne.person}: approved`);
    expect(item?.facts).toContain('note: Sanne knows the case');
    await bots.transport.dm('U-sanne', 'introductions');
    expect(last().reply.sections[0]?.items[0]?.facts).toContain('you: target');
  });

  it('the help lists the commands', async () => {
    await bots.transport.slash('U-sanne', 'help');
    for (const name of ['introduce', 'introductions', 'approve', 'decline']) expect(last().text).toContain(name);
  });
});
