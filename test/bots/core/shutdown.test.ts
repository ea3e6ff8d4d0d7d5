/**
 * Stopping without dropping: a request taken before the stop is answered (the engine is still
 * open while it runs), one arriving during the stop is told to send it again, and both are in
 * the audit log. The order `ileanet bots` stops in (runtime, then adapters, then the engine) is
 * bots/start.ts's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import { builtInRegistry } from '../../../bots/plugins/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { startFakeBots } from '../helpers/fake-transport.js';

let demo: DemoEngine;
beforeAll(async () => {
  demo = await openDemoEngine({ prefix: 'ileanet-bots-' });
});
afterAll(async () => {
  await demo?.close();
});

describe('stopping the runtime', () => {
  it('answers what it took, tells what arrives meanwhile to send again, then stops', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const registry = builtInRegistry();
    registry.register(
      defineCommand({
        name: 'slow',
        summary: 'Counts challenges after a while.',
        args: z.object({}),
        permission: 'read',
        async handler({ engine, caller }) {
          await gate;
          const page = await engine.store.list({ kind: 'Challenge', limit: 1_000 }, caller.viewer);
          return reply({ text: `${page.items.length} challenges.` });
        },
      }),
    );
    const bots = await startFakeBots(demo.engine, {}, { registry });
    try {
      const taken = bots.transport.dm('U-1', 'slow');
      // Let the request reach the handler before the stop begins.
      await new Promise((r) => setTimeout(r, 20));
      let closed = false;
      const closing = bots.runtime.close().then(() => {
        closed = true;
      });
      const late = await bots.transport.dm('U-2', 'trends');
      expect(late.outcome).toBe('stopping');
      expect(late.reply.text).toBe('I am restarting and did not run that: please send it again in a minute.');
      expect(closed).toBe(false);
      release();
      const first = await taken;
      await closing;
      expect(first.outcome).toBe('ok');
      expect(first.reply.text).toMatch(/^\d+ challenges\.$/u);
      const audit = await bots.audit();
      expect(audit.map((a) => [a.user, a.outcome])).toEqual([
        ['fake:U-2', 'stopping'],
        ['fake:U-1', 'ok'],
      ]);
    } finally {
      release();
      await bots.close();
    }
  });
});
