/**
 * The world every bot e2e test starts from: the demo graph behind a real engine, and a bot runtime
 * over it (its audit log in a temp folder). `close` releases both, runtime first, and is safe to
 * call from an `afterAll` whose `beforeAll` failed half-way (whatever was not opened is skipped).
 */
import type { CoreConfigInput } from '../../../bots/core/config.js';
import type { RuntimeHandle } from '../../../bots/core/runtime.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { createTestRuntime, type TestRuntime } from './runtime.js';

export interface BotWorld {
  readonly demo: DemoEngine;
  readonly rt: TestRuntime;
  close(): Promise<void>;
}

/** `prefix` names the demo's temp folder (to tell suites' leftovers apart); `config` is the runtime's core config. */
export async function openBotWorld(prefix: string, config: CoreConfigInput = {}): Promise<BotWorld> {
  const demo = await openDemoEngine({ prefix });
  const rt = await createTestRuntime(demo.engine, config).catch(async (error: unknown) => {
    await demo.close();
    throw error;
  });
  return {
    demo,
    rt,
    async close() {
      await rt.close();
      await demo.close();
    },
  };
}

/**
 * The demo world with a bot `start`ed over its runtime (a platform's startXBot); `close` stops the
 * bot first, then the world.
 */
export async function startBotWorld<Bot extends { close(): Promise<void> }>(
  prefix: string,
  config: CoreConfigInput,
  start: (runtime: RuntimeHandle) => Promise<Bot>,
): Promise<BotWorld & Bot> {
  const world = await openBotWorld(prefix, config);
  const bot = await start(world.rt.runtime).catch(async (error: unknown) => {
    await world.close();
    throw error;
  });
  return {
    ...world,
    ...bot,
    async close() {
      await bot.close();
      await world.close();
    },
  };
}

/** A vetted member's identity-map entry: the person and organisation the chat account stands for. */
export function member(person: string, organisation: string, country?: string) {
  return { role: 'member', person, organisation, ...(country === undefined ? {} : { country }) };
}
