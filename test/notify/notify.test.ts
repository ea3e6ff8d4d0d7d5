/**
 * engine/notify over both backends: notices are stored once per (recipient, dedupeKey), shown to
 * their recipient and administrators only, listed newest first, marked read, and erased with the
 * person; the outbox claims, batches, rate-limits, backs off and never sends a notice twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DeliveryOutcome,
  listInbox,
  markRead,
  type Notice,
  NotifyError,
  noticeId,
  notify,
  personalViewer,
  runOutbox,
} from '../../engine/notify/index.js';
import { noticesKind } from '../../engine/privacy/kinds.js';
import { type GraphStore, openStore, SYSTEM, type Viewer } from '../../graph/index.js';
import { neo4jTestDatabase, processBackends } from '../helpers/neo4j.js';

const ANA = 'test:person:ana';
const BO = 'test:person:bo';
const member = (id: string): Viewer => ({ id, clearance: 'network', orgs: ['test:org:police'] });
const admin: Viewer = { id: 'admin', clearance: 'all', orgs: [] };
const ana = { person: ANA, viewer: member('ana') };
const bo = { person: BO, viewer: member('bo') };

let clock = new Date('2026-03-02T09:00:00Z');
const now = () => clock;
const tick = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

const db = await neo4jTestDatabase();
afterAll(() => db.close());

for (const backend of processBackends('notices', db)) {
  describe(`notices on ${backend.name}`, () => {
    let store: GraphStore;
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'ileanet-notify-'));
    });
    afterAll(async () => {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(async () => {
      await store?.close();
      await backend.reset();
      rmSync(join(dir, 'data'), { recursive: true, force: true });
      store = await openStore(backend.config(join(dir, 'data')));
      await store.init();
      await store.upsert({
        nodes: [
          { kind: 'Organisation', id: 'test:org:police', name: 'Police', orgKind: 'lea' },
          { kind: 'Person', id: ANA, name: 'Ana Test' },
          { kind: 'Person', id: BO, name: 'Bo Test' },
        ],
      });
      clock = new Date('2026-03-02T09:00:00Z');
    });

    const alert = (recipientId: string, dedupeKey: string, title = `about ${dedupeKey}`) => ({
      recipientId,
      kind: 'alert',
      title,
      reason: "matches your subscription 'drones at prisons'",
      ref: { kind: 'Result', id: 'test:result:1' },
      actions: [{ label: 'Open', value: 'open:test:result:1' }],
      dedupeKey,
    });

    it('stores each notice once per recipient and key, however often and however concurrently it is sent', async () => {
      expect(await notify(store, [alert(ANA, 'k1'), alert(ANA, 'k1'), alert(BO, 'k1')], { now })).toEqual({
        queued: 2,
        duplicates: 1,
      });
      const again = await Promise.all([
        notify(store, [alert(ANA, 'k1'), alert(ANA, 'k2')], { now }),
        notify(store, [alert(ANA, 'k2')], { now }),
        notify(store, [alert(ANA, 'k2')], { now }),
      ]);
      expect(again.reduce((s, r) => s + r.queued, 0)).toBe(1);
      const all = await store.list({ kind: 'Notice' }, SYSTEM);
      expect(all.items.map((n) => n.id).sort()).toEqual(
        [noticeId(ANA, 'k1'), noticeId(ANA, 'k2'), noticeId(BO, 'k1')].sort(),
      );
    });

    it('shows a notice to its recipient and administrators only, answering others as if it did not exist', async () => {
      await notify(store, [alert(ANA, 'secret')], { now });
      const id = noticeId(ANA, 'secret');
      expect(await store.getNode(id, personalViewer(ana.viewer, ANA))).toMatchObject({ id, recipient: ANA });
      expect(await store.getNode(id, admin)).toMatchObject({ id });
      expect(await store.getNode(id, personalViewer(bo.viewer, BO))).toBeUndefined();
      expect(await store.getNode(id, member('ana-without-person'))).toBeUndefined();
      expect((await listInbox(store, bo, { limit: 10 })).items).toEqual([]);
      const err = await markRead(store, bo, [id]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotifyError);
      expect((err as NotifyError).code).toBe('ERR_NOTICE_NOT_FOUND');
    });

    it('rejects bad notices whole, naming the field, and recipients that are not people', async () => {
      const bad = await notify(store, [alert(ANA, 'ok'), { ...alert(ANA, 'x'), title: '' }]).catch((e: unknown) => e);
      expect(bad).toMatchObject({ code: 'ERR_INVALID_NOTICE', field: 'notices[1].title' });
      const nobody = await notify(store, [alert('test:org:police', 'x')]).catch((e: unknown) => e);
      expect(nobody).toMatchObject({ code: 'ERR_UNKNOWN_RECIPIENT', field: 'notices[0].recipientId' });
      expect((await store.list({ kind: 'Notice' }, SYSTEM)).items).toEqual([]);
    });

    it('lists the inbox newest first in pages, counts unread, and marks read', async () => {
      for (const k of ['a', 'b', 'c']) {
        await notify(store, [alert(ANA, k)], { now });
        tick(1_000);
      }
      const first = await listInbox(store, ana, { limit: 2 });
      expect(first.items.map((i) => i.title)).toEqual(['about c', 'about b']);
      expect(first.unread).toBe(3);
      expect(first.items[0]).toEqual({
        id: noticeId(ANA, 'c'),
        kind: 'alert',
        title: 'about c',
        reason: "matches your subscription 'drones at prisons'",
        ref: { kind: 'Result', id: 'test:result:1' },
        actions: [{ label: 'Open', value: 'open:test:result:1' }],
        createdAt: '2026-03-02T09:00:02.000Z',
        delivery: 'pending',
      });
      const second = await listInbox(store, ana, { limit: 2, cursor: first.next ?? '' });
      expect(second.items.map((i) => i.title)).toEqual(['about a']);
      expect(second.next).toBeUndefined();
      expect(await markRead(store, ana, [noticeId(ANA, 'b'), noticeId(ANA, 'b')], { now })).toBe(1);
      expect(await markRead(store, ana, [noticeId(ANA, 'b')], { now })).toBe(0);
      const unread = await listInbox(store, ana, { limit: 10, unreadOnly: true });
      expect(unread.items.map((i) => i.title)).toEqual(['about c', 'about a']);
      expect(unread.unread).toBe(2);
    });

    it('outbox: one message per recipient per pass, rate-limited, kept and retried with backoff while the platform is down, never sent twice', async () => {
      await notify(store, [alert(ANA, 'a'), alert(ANA, 'b'), alert(BO, 'a')], { now });
      let up = false;
      const sent: { recipient: string; titles: string[] }[] = [];
      const deliver = async (recipient: string, notices: readonly Notice[]): Promise<DeliveryOutcome> => {
        if (!up) return { delivered: [], failed: [{ platform: 'matrix', error: 'connection refused' }] };
        sent.push({ recipient, titles: notices.map((n) => n.title).sort() });
        return { delivered: ['matrix'], failed: [] };
      };
      const opts = { owner: 'test', deliver, now, minIntervalMs: 60_000, backoffMs: 5_000 };
      expect(await runOutbox(store, opts)).toEqual({ messages: 0, delivered: 0, failed: 3, waiting: 0 });
      // Backing off: nothing is due yet.
      tick(4_000);
      expect(await runOutbox(store, opts)).toEqual({ messages: 0, delivered: 0, failed: 0, waiting: 0 });
      up = true;
      tick(1_000);
      expect(await runOutbox(store, opts)).toEqual({ messages: 2, delivered: 3, failed: 0, waiting: 0 });
      expect(sent).toEqual([
        { recipient: ANA, titles: ['about a', 'about b'] },
        { recipient: BO, titles: ['about a'] },
      ]);
      expect(await runOutbox(store, opts)).toEqual({ messages: 0, delivered: 0, failed: 0, waiting: 0 });
      // Within the rate limit a new notice waits, then goes alone.
      await notify(store, [alert(ANA, 'c')], { now });
      tick(30_000);
      expect(await runOutbox(store, opts)).toMatchObject({ messages: 0, waiting: 1 });
      tick(31_000);
      expect(await runOutbox(store, opts)).toMatchObject({ messages: 1, delivered: 1 });
      expect(sent.at(-1)).toEqual({ recipient: ANA, titles: ['about c'] });
      const stored = await store.getNode(noticeId(ANA, 'a'), SYSTEM);
      expect(stored).toMatchObject({ delivery: 'delivered', deliveredTo: ['matrix'], attempts: 2 });
      expect(stored).not.toHaveProperty('claimedBy');
    });

    it('outbox: two processes running at once send each notice once', async () => {
      await notify(
        store,
        ['a', 'b', 'c', 'd'].flatMap((k) => [alert(ANA, k), alert(BO, k)]),
        { now },
      );
      const sent: string[] = [];
      const deliver = async (_r: string, notices: readonly Notice[]): Promise<DeliveryOutcome> => {
        await new Promise((r) => setTimeout(r, 20));
        sent.push(...notices.map((n) => n.id));
        return { delivered: ['slack'], failed: [] };
      };
      const passes = await Promise.all([
        runOutbox(store, { owner: 'p1', deliver, now }),
        runOutbox(store, { owner: 'p2', deliver, now }),
      ]);
      expect(passes.reduce((s, p) => s + p.delivered, 0)).toBe(8);
      expect(sent.length).toBe(8);
      expect(new Set(sent).size).toBe(8);
    });

    it('erasure takes the person’s notices and nobody else’s', async () => {
      await notify(store, [alert(ANA, 'a'), alert(BO, 'a')], { now });
      const ctx = { store, person: { id: ANA, name: 'Ana Test' } };
      expect(await noticesKind.export(ctx as never)).toMatchObject({
        notices: [{ recipient: ANA }],
        subscriptions: [],
      });
      expect(await noticesKind.erase(ctx as never)).toBe(1);
      const left = await store.list({ kind: 'Notice' }, SYSTEM);
      expect(left.items.map((n) => n.id)).toEqual([noticeId(BO, 'a')]);
      const redacted = await store.redactChanges([ANA]);
      expect(redacted.records).toBeGreaterThan(0);
      const page = await store.changes(0);
      expect(JSON.stringify(page.changes)).not.toContain(ANA);
    });
  });
}
