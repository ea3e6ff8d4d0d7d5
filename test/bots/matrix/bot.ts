/**
 * The set-up the Matrix end-to-end tests share: a real Synapse, the bot's account and Ana's
 * (a member the identity map names), the demo engine behind a test runtime, and the Matrix adapter
 * started through matrix-bot-sdk; `room` makes a room of Ana's the bot has joined. Each test adds
 * what it is about (an outbox, more users) on top, and `close` takes it all down in order.
 */
import type { CoreConfigInput } from '../../../bots/core/config.js';
import type { Identity } from '../../../bots/core/identity.js';
import { createMatrixAdapter, type MatrixAdapter } from '../../../bots/matrix/index.js';
import { type DemoEngine, openDemoEngine } from '../../helpers/demo-engine.js';
import { createTestRuntime, type TestRuntime } from '../helpers/runtime.js';
import { type User, user } from './client.js';
import { type Synapse, type SynapseLimits, startSynapse } from './synapse.js';

/** The person Ana is in the demo data. */
export const SANNE = 'demo:person:sanne-brinkhoven';

type IdentityInput = NonNullable<CoreConfigInput['identities']>[string];

export interface MatrixBot {
  readonly synapse: Synapse;
  readonly demo: DemoEngine;
  readonly rt: TestRuntime;
  readonly adapter: MatrixAdapter;
  /** The bot's Matrix user id. */
  readonly bot: string;
  readonly ana: User;
  /** The identity map the runtime was given (Ana's entry first), as the config parses it. */
  readonly identities: Readonly<Record<string, Identity>>;
  /** A room Ana creates, inviting the bot (and `invite`); resolves once the bot has joined. */
  room(name: string, invite?: readonly string[]): Promise<string>;
  close(): Promise<void>;
}

export interface MatrixBotOptions {
  /** The demo store's temp folder prefix. */
  readonly prefix: string;
  /** Ana's identity; default a member who is Sanne at the Scheldemond police. */
  readonly ana?: IdentityInput;
  /** The rest of the runtime's config (rate limit, more identities). */
  readonly core?: CoreConfigInput;
  readonly limits?: SynapseLimits;
  /** The URL the adapter reaches Synapse by (a proxy in front of it); default Synapse's own. */
  readonly homeserverUrl?: (synapse: Synapse) => Promise<string>;
}

export async function startMatrixBot(o: MatrixBotOptions): Promise<MatrixBot> {
  const synapse = await startSynapse(o.limits === undefined ? {} : { limits: o.limits });
  const botAccount = await synapse.register('ileanet');
  const ana = user(synapse.url, await synapse.register('ana'));
  const demo = await openDemoEngine({ prefix: o.prefix });
  const given: Record<string, IdentityInput> = {
    [`matrix:${ana.userId}`]: o.ana ?? {
      role: 'member',
      person: SANNE,
      organisation: 'demo:org:scheldemond-police',
      orgs: [],
    },
    ...o.core?.identities,
  };
  const rt = await createTestRuntime(demo.engine, { ...o.core, identities: given });
  const identities = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, { ...v, orgs: v.orgs ?? [] }]));
  const adapter = createMatrixAdapter({
    homeserverUrl: o.homeserverUrl === undefined ? synapse.url : await o.homeserverUrl(synapse),
    accessToken: botAccount.accessToken,
    autoJoin: [ana.userId],
    prefix: '!ileanet',
    encryption: false,
  });
  await adapter.start(rt.runtime);
  const bot = botAccount.userId;
  return {
    synapse,
    demo,
    rt,
    adapter,
    bot,
    ana,
    identities,
    async room(name, invite = []) {
      const id = await ana.createRoom({ invite: [bot, ...invite], name });
      await ana.waitFor(async () => ((await ana.membership(id, bot)) === 'join' ? true : undefined));
      return id;
    },
    async close() {
      await adapter.stop();
      await rt.close();
      await demo.close();
      await synapse.stop();
    },
  };
}
