/**
 * The `status` command through the runtime and the fake transport: a member reads the history, the
 * Belgian INC (role `inc`, country BE) moves a Belgian challenge, a member may not, and the help
 * lists the command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challengeHistory } from '../../../engine/input/index.js';
import { SYSTEM } from '../../../graph/viewer.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { type Bots, MEMBERS, PEOPLE, startFakeBots } from '../helpers/fake-transport.js';

let demo: DemoEngine;
let bots: Bots;
beforeAll(async () => {
  demo = await openDemoEngine();
  bots = await startFakeBots(demo.engine, {
    rateLimit: { max: 1_000, windowSeconds: 60 },
    identities: {
      ...MEMBERS,
      'fake:U-koen': { role: 'inc', person: 'demo:person:koen-verhoeve', organisation: 'demo:inc:BE', country: 'BE' },
    },
  });
});
afterAll(async () => {
  await bots?.close();
  await demo?.close();
});

const last = () => bots.transport.last();

describe('status', () => {
  it('the INC of the country moves a challenge; a member may not; the history shows both moves', async () => {
    const be = await demo.engine.store.list(
      { kind: 'Challenge', where: { country: 'BE', status: 'open', visibility: 'network' }, limit: 1 },
      SYSTEM,
    );
    const c = be.items[0];
    if (c?.kind !== 'Challenge') throw new Error('the demo has an open Belgian challenge');

    // The moves the engine's challenge view gives: the INC gets buttons for those that need nothing more.
    await bots.transport.slash('U-koen', `status ${c.id}`);
    expect(last().reply.text).toBe(
      'No status change yet.\nYou may move it to: under analysis, addressed, closed, duplicate.',
    );
    expect(last().reply.actions.map((a) => a.command)).toEqual([
      `status ${c.id} under-analysis`,
      `status ${c.id} closed`,
    ]);
    await bots.transport.slash('U-hugo', `status ${c.id}`);
    expect([last().reply.text, last().reply.actions]).toEqual(['No status change yet.', []]);

    await bots.transport.slash('U-hugo', `status ${c.id} under-analysis`);
    expect(last().text).toMatch(/only administrators, the INC of BE and whoever raised it may change/u);

    await bots.transport.slash('U-koen', `status ${c.id} under-analysis --reason "two zones report it"`);
    expect(last().reply.text).toBe(`“${c.title}” is now under analysis.`);
    await bots.transport.slash(
      'U-koen',
      `status ${c.id} addressed --addressed-by demo:result:net-interceptor --take-up "piloted in Antwerp since 2026-03"`,
    );
    expect(last().reply.text).toBe(`“${c.title}” is now addressed.`);

    const h = await challengeHistory(demo.engine, c.id, { viewer: SYSTEM });
    expect(h.items.map((i) => [i.from, i.to, i.by?.id, i.reason])).toEqual([
      ['open', 'in-progress', 'demo:person:koen-verhoeve', 'two zones report it'],
      ['in-progress', 'addressed', 'demo:person:koen-verhoeve', undefined],
    ]);
    await bots.transport.slash('U-sanne', `status ${c.id}`);
    expect(last().reply.title).toBe(`“${c.title}” is addressed`);
    expect(last().reply.text).toMatch(
      /open → under analysis by Koen Verhoeve \(two zones report it\)\n.*under analysis → addressed by Koen Verhoeve; take-up: piloted in Antwerp since 2026-03$/u,
    );

    await bots.transport.slash('U-sanne', `status ${c.id} sideways`);
    expect(last().text).toMatch(/“sideways” is not a status/u);
    expect(PEOPLE.sanne.country).toBe('BE');
  });

  it('is listed in help', async () => {
    await bots.transport.slash('U-sanne', 'help status');
    expect(JSON.stringify(last().reply)).toContain('--addressed-by');
  });
});
