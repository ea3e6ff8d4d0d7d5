/**
 * The Slack adapter as the Slack e2e tests start it: HTTP mode on a free loopback port, signed
 * with the tests' secret, its Web API pointed at a fresh stand-in. `url` is where signed Events
 * API requests go; `close` stops the adapter and the stand-in.
 */
import type { CoreConfigInput } from '../../../bots/core/config.js';
import type { BotRuntime } from '../../../bots/core/runtime.js';
import { createSlackAdapter, type SlackAdapter } from '../../../bots/slack/index.js';
import { type BotWorld, openBotWorld } from '../helpers/world.js';
import { type SlackStandIn, startSlackStandIn } from './stand-in.js';

export const SIGNING_SECRET = 'e2e-signing-secret-8f14e45fceea167a';

export interface SlackBot {
  readonly api: SlackStandIn;
  readonly slack: SlackAdapter;
  /** The adapter's Events API endpoint. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startSlackBot(runtime: BotRuntime): Promise<SlackBot> {
  const api = await startSlackStandIn();
  const slack = createSlackAdapter({
    mode: 'http',
    botToken: 'xoxb-e2e-token',
    signingSecret: SIGNING_SECRET,
    port: 0,
    host: '127.0.0.1',
    path: '/slack/events',
    command: '/ileanet',
    apiUrl: api.apiUrl,
  });
  await slack.start(runtime);
  return {
    api,
    slack,
    url: `http://127.0.0.1:${slack.port()}/slack/events`,
    async close() {
      await slack.stop();
      await api.close();
    },
  };
}

export type SlackWorld = BotWorld & SlackBot;

/** The demo world (see openBotWorld) with a Slack bot started over its runtime; `close` stops the bot first. */
export async function startSlackWorld(prefix: string, config: CoreConfigInput = {}): Promise<SlackWorld> {
  const world = await openBotWorld(prefix, config);
  const bot = await startSlackBot(world.rt.runtime).catch(async (error: unknown) => {
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
