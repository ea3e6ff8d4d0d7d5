/**
 * Synapse out of reach: the bot talks to the real Synapse through a TCP proxy on loopback, which
 * the test cuts (connections refused) and restores. A notice queued while the path is cut is kept
 * with its backoff, sent once when it is back, and never twice: not when a send failed outright,
 * nor when Synapse took the message but its answer was lost on the way back (the retry carries the
 * same transaction id, which Synapse answers with the event it already has).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxRunner } from '../../../bots/core/outbox.js';
import { notify } from '../../../engine/notify/index.js';
import { SYSTEM } from '../../../graph/index.js';
import { requireService } from '../../helpers/services.js';
import { startTestOutbox } from '../helpers/outbox.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { type MatrixBot, SANNE, startMatrixBot } from './bot.js';
import type { MatrixEvent } from './client.js';
import { synapseUnavailable } from './synapse.js';

/**
 * The outbox's first retry. Three seconds, not one: the test checks that a pass right after the
 * failure finds nothing due, and on two busy cores the failed pass and that read can take a second.
 */
const RETRY_MS = 3_000;

if (requireService('Synapse', synapseUnavailable())) {
  let m: MatrixBot;
  let proxy: TcpProxy;
  let outbox: OutboxRunner;
  const warnings: string[] = [];

  beforeAll(async () => {
    m = await startMatrixBot({
      prefix: 'ileanet-outage-matrix-',
      homeserverUrl: async (synapse) => {
        const at = new URL(synapse.url);
        proxy = await startTcpProxy({ host: at.hostname, port: Number(at.port) });
        return proxy.url;
      },
    });
    outbox = startTestOutbox({
      store: m.demo.store,
      adapters: [m.adapter],
      identities: m.identities,
      log: { info: () => undefined, warn: (l) => warnings.push(l), error: (l) => warnings.push(l) },
      retryMs: RETRY_MS,
    });
  }, 240_000);

  afterAll(async () => {
    await outbox?.stop();
    await m?.close();
    await proxy?.close();
  });

  const notice = async (dedupeKey: string, title: string) => {
    await notify(m.demo.store, [{ recipientId: SANNE, kind: 'alert', title, reason: 'because', dedupeKey }]);
    const page = await m.demo.store.list({ kind: 'Notice', where: { recipient: SANNE }, limit: 100 }, SYSTEM);
    const found = page.items.find((n) => n.kind === 'Notice' && n.title === title);
    if (found?.kind !== 'Notice') throw new Error(`notice ${title} was not queued`);
    return found.id;
  };
  const stored = async (id: string) => {
    const n = await m.demo.store.getNode(id, SYSTEM);
    if (n?.kind !== 'Notice') throw new Error(`notice ${id} is gone`);
    return n;
  };
  /** Passes until one delivers (or `ms` pass); how long it took. */
  const passUntilDelivered = async (ms: number) => {
    const start = Date.now();
    for (;;) {
      const pass = await outbox.pass();
      if (pass.delivered > 0) return Date.now() - start;
      if (Date.now() - start > ms) throw new Error(`nothing delivered within ${ms} ms: ${warnings.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  let dmRoom: string | undefined;
  const dmMessages = async (): Promise<MatrixEvent[]> => {
    if (dmRoom === undefined) {
      dmRoom = await m.ana.waitFor(async () => (await m.ana.invites())[0]);
      await m.ana.join(dmRoom);
    }
    const room = dmRoom;
    return (await m.ana.events(room)).filter((e) => e.sender === m.bot && e.type === 'm.room.message');
  };

  describe('alerts while Synapse is out of reach', () => {
    it('are kept with a doubling backoff, then delivered exactly once after the path is back', async () => {
      await proxy.cut();
      const id = await notice('outage:1', 'Queued while Synapse was cut off');
      const failedAt = Date.now();
      expect(await outbox.pass()).toMatchObject({ messages: 0, delivered: 0, failed: 1 });
      const first = await stored(id);
      expect(first).toMatchObject({ delivery: 'pending', attempts: 1 });
      expect(first.lastError).toMatch(/^matrix: /u);
      const firstDelay = Date.parse(first.nextAttemptAt ?? '') - failedAt;
      expect(firstDelay).toBeGreaterThanOrEqual(RETRY_MS - 50);
      // The failed pass's own time, at most; a doubled first delay (6 s) is past it.
      expect(firstDelay).toBeLessThanOrEqual(RETRY_MS + 2_000);
      // Not due yet: the next pass leaves it alone.
      expect(await outbox.pass()).toMatchObject({ messages: 0, failed: 0 });

      await new Promise((r) => setTimeout(r, RETRY_MS + 50));
      const secondAt = Date.now();
      expect(await outbox.pass()).toMatchObject({ failed: 1 });
      const second = await stored(id);
      expect(second.attempts).toBe(2);
      const secondDelay = Date.parse(second.nextAttemptAt ?? '') - secondAt;
      expect(secondDelay).toBeGreaterThanOrEqual(2 * RETRY_MS - 50);

      await proxy.restore();
      const recovery = await passUntilDelivered(30_000);
      console.info(
        `matrix outage: retry delays ${firstDelay} ms then ${secondDelay} ms; delivered ${recovery} ms after the path came back`,
      );
      expect(await stored(id)).toMatchObject({ delivery: 'delivered', deliveredTo: ['matrix'], attempts: 3 });
      expect(await outbox.pass()).toMatchObject({ messages: 0 });
      const got = await m.ana.waitFor(async () => {
        const all = await dmMessages();
        return all.length > 0 ? all : undefined;
      });
      expect(got.map((e) => String(e.content['body']).split('\n')[0])).toEqual(['Queued while Synapse was cut off']);
    });

    it('a message Synapse took but whose answer was lost is not sent twice on the retry', async () => {
      proxy.loseResponsesTo(/^PUT \/_matrix\/client\/v3\/rooms\/[^/]+\/send\/m\.room\.message\//u, 1);
      const id = await notice('outage:2', 'Taken, but the answer was lost');
      expect(await outbox.pass()).toMatchObject({ failed: 1 });
      expect(proxy.lost).toHaveLength(1);
      await new Promise((r) => setTimeout(r, RETRY_MS + 50));
      await passUntilDelivered(30_000);
      expect(await stored(id)).toMatchObject({ delivery: 'delivered', attempts: 2 });
      // Synapse has it once: give a duplicate time to show up before counting.
      await new Promise((r) => setTimeout(r, 500));
      const bodies = (await dmMessages()).map((e) => String(e.content['body']).split('\n')[0]);
      expect(bodies.filter((b) => b === 'Taken, but the answer was lost')).toHaveLength(1);
    });
  });
}
