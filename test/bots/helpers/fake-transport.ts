/**
 * A fake platform at our boundary, as bolt-js tests its App with a FakeReceiver: it pushes
 * events into the runtime exactly as an adapter does and keeps what a platform would show,
 * per place (the conversation, the asker's direct messages, the asker's ephemeral view).
 */
import type { Adapter } from '../../../bots/core/adapter.js';
import type { CoreConfigInput } from '../../../bots/core/config.js';
import type { CommandRegistry } from '../../../bots/core/registry.js';
import { type Reply, toPlainText } from '../../../bots/core/reply.js';
import type { BotRuntime, Incoming, Outcome } from '../../../bots/core/runtime.js';
import type { Engine } from '../../../engine/service.js';
import { createTestRuntime, type TestRuntime } from './runtime.js';

export interface Shown {
  /** `conv:<id>`, `dm:<user>` or `private:<user>@<conv>`. */
  readonly place: string;
  readonly reply: Reply;
  readonly text: string;
}

export interface FakeUser {
  readonly id: string;
  readonly name?: string;
}

export interface FakeTransport extends Adapter {
  /** Typed command text after `/ileanet`. */
  slash(user: FakeUser | string, text: string, conversation?: string): Promise<Outcome>;
  /** A message mentioning the bot (the adapter has stripped the platform markup). */
  mention(user: FakeUser | string, text: string, conversation?: string): Promise<Outcome>;
  /** A message in the direct conversation with the bot. */
  dm(user: FakeUser | string, text: string): Promise<Outcome>;
  /** A click on a button carrying `command`. */
  click(user: FakeUser | string, command: string, conversation?: string): Promise<Outcome>;
  /** Typed options, as Discord sends them. */
  options(user: FakeUser | string, command: string, options: Record<string, unknown>): Promise<Outcome>;
  /**
   * Who reads a conversation, as the platform lists its members. Until a test says, a room is
   * read by the asker alone (so tests of what one viewer sees are not about audiences);
   * `unknown` makes the member list fail, as a platform error would.
   */
  setMembers(conversation: string, members: readonly string[] | 'unknown'): void;
  readonly shown: readonly Shown[];
  /** Everything shown in one place. */
  at(place: string): Shown[];
  last(): Shown;
}

export function createFakeTransport(platform = 'fake'): FakeTransport {
  let runtime: BotRuntime | undefined;
  const shown: Shown[] = [];
  const members = new Map<string, readonly string[] | 'unknown'>();
  const show = (place: string, reply: Reply) => shown.push({ place, reply, text: toPlainText(reply) });
  async function push(u: FakeUser | string, incoming: Omit<Incoming, 'platform' | 'user'>): Promise<Outcome> {
    if (runtime === undefined) throw new Error('fake transport not started');
    const user = typeof u === 'string' ? { id: u } : u;
    const listed = members.get(incoming.conversation.id);
    const out = await runtime.handle({
      platform,
      user,
      ...incoming,
      // Like Slack and Discord: a private reply is one only the asker sees.
      ephemeral: true,
      members: async () => {
        if (listed === 'unknown') throw new Error('the platform did not list the members');
        return listed ?? [user.id];
      },
    });
    const conv = incoming.conversation;
    if (out.delivery === 'here') show(`conv:${conv.id}`, out.reply);
    else if (out.delivery === 'private') show(`private:${user.id}@${conv.id}`, out.reply);
    else {
      show(`dm:${user.id}`, out.reply);
      if (out.shared !== undefined) show(`conv:${conv.id}`, out.shared);
      else if (out.pointer !== undefined) show(`conv:${conv.id}`, out.pointer);
    }
    return out;
  }
  const room = (id = 'C-general') => ({ id, dm: false });
  return {
    platform,
    async start(r) {
      runtime = r;
    },
    async stop() {
      runtime = undefined;
    },
    slash: (u, text, c) => push(u, { via: 'slash', text, conversation: room(c) }),
    mention: (u, text, c) => push(u, { via: 'mention', text, conversation: room(c) }),
    dm: (u, text) =>
      push(u, { via: 'message', text, conversation: { id: `D-${typeof u === 'string' ? u : u.id}`, dm: true } }),
    click: (u, command, c) => push(u, { via: 'action', text: command, conversation: room(c) }),
    options: (u, command, options) => push(u, { via: 'options', command, options, conversation: room() }),
    // Posts unasked (announcements, digests) show in the conversation like any reply there.
    async post(conversation, reply) {
      show(`conv:${conversation}`, reply);
    },
    async readers(conversation) {
      const listed = members.get(conversation);
      if (listed === 'unknown') throw new Error('the platform did not list the members');
      return listed ?? [];
    },
    setMembers(conversation, list) {
      members.set(conversation, list);
    },
    shown,
    at: (place) => shown.filter((s) => s.place === place),
    last() {
      const s = shown[shown.length - 1];
      if (s === undefined) throw new Error('nothing shown yet');
      return s;
    },
  };
}

export interface Bots extends TestRuntime {
  readonly transport: FakeTransport;
}

/** A runtime over `engine` with the built-in commands (or `registry`) and a config, started on a fake transport. */
export async function startFakeBots(
  engine: Engine,
  config: CoreConfigInput = {},
  o: { registry?: CommandRegistry; now?: () => number; grantKey?: Buffer } = {},
): Promise<Bots> {
  const t = await createTestRuntime(engine, config, o);
  const transport = createFakeTransport();
  await transport.start(t.runtime);
  return {
    ...t,
    transport,
    async close() {
      await transport.stop();
      await t.close();
    },
  };
}

/** Identities used across the tests: people and organisations of the demo dataset. */
export const PEOPLE = {
  /** A vetted member of the Orbivia company (owner of a restricted result on cloned voices). */
  hugo: { key: 'fake:U-hugo', person: 'demo:person:hugo-marlieu', organisation: 'demo:org:orbivia', country: 'FR' },
  /** A Belgian police officer. */
  sanne: {
    key: 'fake:U-sanne',
    person: 'demo:person:sanne-brinkhoven',
    organisation: 'demo:org:scheldemond-police',
    country: 'BE',
  },
} as const;

export const MEMBERS: CoreConfigInput['identities'] = {
  [PEOPLE.hugo.key]: {
    role: 'member',
    person: PEOPLE.hugo.person,
    organisation: PEOPLE.hugo.organisation,
    country: 'FR',
  },
  [PEOPLE.sanne.key]: {
    role: 'member',
    person: PEOPLE.sanne.person,
    organisation: PEOPLE.sanne.organisation,
    country: 'BE',
  },
};
