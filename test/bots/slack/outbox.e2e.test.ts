/**
 * Notices reach people by direct message through the real @slack/bolt WebClient against the
 * Slack stand-in: conversations.open for the IM, chat.postMessage with buttons; the platform down
 * mid-run keeps them queued, and once it is back they go out exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxRunner } from '../../../bots/core/outbox.js';
import { AlertFollower, noticeId, notify, subscribe } from '../../../engine/notify/index.js';
import { SYSTEM } from '../../../graph/index.js';
import type { DemoEngine } from '../../helpers/demo-engine.js';
import { startTestOutbox } from '../helpers/outbox.js';
import { type SlackWorld, startSlackWorld } from './bot.js';
import type { SlackStandIn } from './stand-in.js';

const AMELIE = 'U2147483697';
const SANNE = 'demo:person:sanne-brinkhoven';
const HUGO = 'demo:person:hugo-marlieu';

let demo: DemoEngine;
let api: SlackStandIn;
let world: SlackWorld;
let outbox: OutboxRunner;
let clock = new Date('2026-03-02T09:00:00Z');
const warnings: string[] = [];

beforeAll(async () => {
  world = await startSlackWorld('ileanet-outbox-');
  ({ demo, api } = world);
  outbox = startTestOutbox({
    store: demo.store,
    adapters: [world.slack],
    // Hugo has no chat identity: his notices stay in his inbox only.
    identities: { [`slack:${AMELIE}`]: { role: 'member', person: SANNE, orgs: [] } },
    log: { info: () => undefined, warn: (l) => warnings.push(l), error: (l) => warnings.push(l) },
    minIntervalMs: 60_000,
    retryMs: 5_000,
    now: () => clock,
  });
});
afterAll(async () => {
  await outbox?.stop();
  await world?.close();
});

const dmPosts = () => api.calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'D2147483697');

describe('notices by Slack direct message', () => {
  it('a platform down keeps the notices; back up, they go out once, as one message with buttons', async () => {
    await notify(
      demo.store,
      [
        {
          recipientId: SANNE,
          kind: 'alert',
          title: 'New result: drone detection at prison walls',
          reason: "matches your subscription 'drones at prisons'",
          ref: { kind: 'Result', id: 'demo:result:x' },
          actions: [{ label: 'Open', value: 'show demo:result:x' }],
          dedupeKey: 'e2e:1',
        },
        { recipientId: SANNE, kind: 'alert', title: 'Second', reason: 'because', dedupeKey: 'e2e:2' },
        { recipientId: HUGO, kind: 'alert', title: 'For Hugo', reason: 'because', dedupeKey: 'e2e:3' },
      ],
      { now: () => clock },
    );
    api.setOutage(true);
    expect(await outbox.pass()).toMatchObject({ messages: 0, failed: 2 });
    expect(dmPosts()).toEqual([]);
    expect(warnings.some((w) => w.startsWith('slack: could not send 2 notice(s)'))).toBe(true);
    const kept = await demo.store.getNode(noticeId(SANNE, 'e2e:1'), SYSTEM);
    expect(kept).toMatchObject({ delivery: 'pending', attempts: 1 });
    expect((kept as { lastError?: string }).lastError).toMatch(/^slack: /u);
    // Hugo has no route: his notice is settled as "none" (it stays in his inbox).
    expect(await demo.store.getNode(noticeId(HUGO, 'e2e:3'), SYSTEM)).toMatchObject({ delivery: 'none' });

    api.setOutage(false);
    // Still backing off: nothing goes yet.
    clock = new Date(clock.getTime() + 4_000);
    expect(await outbox.pass()).toMatchObject({ messages: 0, delivered: 0 });
    clock = new Date(clock.getTime() + 1_000);
    expect(await outbox.pass()).toMatchObject({ messages: 1, delivered: 2 });
    expect(await outbox.pass()).toMatchObject({ messages: 0, delivered: 0 });
    const posts = dmPosts();
    expect(posts).toHaveLength(1);
    expect(api.calls.some((c) => c.method === 'conversations.open' && c.args['users'] === AMELIE)).toBe(true);
    const text = JSON.stringify(posts[0]?.args['blocks']);
    expect(posts[0]?.args['text']).toContain('2 new notices');
    expect(text).toContain('New result: drone detection at prison walls');
    expect(text).toContain("matches your subscription 'drones at prisons'");
    expect(text).toContain('"type":"button"');
    expect(await demo.store.getNode(noticeId(SANNE, 'e2e:2'), SYSTEM)).toMatchObject({
      delivery: 'delivered',
      deliveredTo: ['slack'],
    });
  });

  it('a new result matching a subscription reaches the subscriber by DM, with its reason; one they may not see does not', async () => {
    const sanne = {
      person: SANNE,
      viewer: { id: 'sanne', clearance: 'network' as const, orgs: ['demo:org:scheldemond-police'] },
    };
    const { subscription } = await subscribe(demo.store, sanne, {
      subject: 'query',
      value: 'drone detection at prisons',
    });
    const follower = new AlertFollower({
      store: demo.store,
      whoSolved: (t, f, v) => demo.engine.whoSolved(t, f, v),
      matchMode: 'lexical',
      now: () => clock,
    });
    // The first catch-up takes the feed's head: what was there before raises no alert.
    expect(await follower.catchUp()).toBe(0);
    await demo.store.upsert({
      nodes: [
        {
          kind: 'Result',
          id: 'e2e:result:prison-drones',
          title: 'Drone detection at prison perimeters',
          description: 'Radio-frequency sensors detect drones dropping contraband over prison walls.',
          visibility: 'network',
        },
        {
          kind: 'Result',
          id: 'e2e:result:hidden-prison-drones',
          title: 'Drone detection at prisons, restricted pilot',
          description: 'Drones over prison walls, detected.',
          visibility: 'restricted',
          owner: 'demo:org:orbivia',
        },
        { kind: 'Result', id: 'e2e:result:unrelated', title: 'Forensic accounting of shell companies' },
      ],
    });
    expect(await follower.catchUp()).toBe(1);
    expect(await follower.catchUp()).toBe(0);
    clock = new Date(clock.getTime() + 120_000);
    const before = dmPosts().length;
    expect(await outbox.pass()).toMatchObject({ messages: 1, delivered: 1 });
    const posts = dmPosts().slice(before);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args['text']).toContain('New result: Drone detection at prison perimeters');
    const blocks = JSON.stringify(posts[0]?.args['blocks']);
    expect(blocks).toContain(`This result matches your subscription 'drone detection at prisons'.`);
    expect(blocks).not.toContain('restricted pilot');
    expect(subscription.subject).toBe('query');
  });
});
