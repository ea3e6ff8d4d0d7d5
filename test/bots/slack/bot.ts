/**
 * The Slack adapter as the Slack e2e tests start it: HTTP mode on a free loopback port, signed
 * with the tests' secret, its Web API pointed at a fresh stand-in. `url` is where signed Events
 * API requests go; `close` stops the adapter and the stand-in.
 */
import { createHmac } from 'node:crypto';
import type { CoreConfigInput } from '../../../bots/core/config.js';
import type { BotRuntime } from '../../../bots/core/runtime.js';
import { createSlackAdapter, type SlackAdapter } from '../../../bots/slack/index.js';
import { type BotWorld, startBotWorld } from '../helpers/world.js';
import { type SlackStandIn, startSlackStandIn } from './stand-in.js';

export const SIGNING_SECRET = 'e2e-signing-secret-8f14e45fceea167a';

/**
 * POSTs `body` to the adapter at `url` as Slack does: stamped now and signed (v0, HMAC-SHA256 of
 * `v0:<timestamp>:<body>`) with the tests' secret. The caller asserts on the response.
 */
export function postSigned(
  url: string,
  body: string,
  contentType = 'application/x-www-form-urlencoded',
): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
    },
    body,
  });
}

/** The adapter's config in the tests: HTTP mode on a free loopback port, its Web API at `apiUrl`. */
export function slackConfig(apiUrl: string) {
  return {
    mode: 'http' as const,
    botToken: 'xoxb-e2e-token',
    signingSecret: SIGNING_SECRET,
    port: 0,
    host: '127.0.0.1',
    path: '/slack/events',
    command: '/ileanet',
    apiUrl,
  };
}

export interface SlackBot {
  readonly api: SlackStandIn;
  readonly slack: SlackAdapter;
  /** The adapter's Events API endpoint. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startSlackBot(runtime: BotRuntime): Promise<SlackBot> {
  const api = await startSlackStandIn();
  const slack = createSlackAdapter(slackConfig(api.apiUrl));
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
export function startSlackWorld(prefix: string, config: CoreConfigInput = {}): Promise<SlackWorld> {
  return startBotWorld(prefix, config, startSlackBot);
}
