/**
 * The plugin API: a command is a plain object (name, argument schema, help, permission,
 * handler). Built-in commands and third-party plugins use exactly this shape; a plugin module
 * exports one (see docs/bots.md). The handler gets a context and returns a platform-neutral
 * Reply; it never sees a platform SDK.
 */
import type { z } from 'zod';
import type { MatchMode } from '../../engine/match/index.js';
import type { Engine } from '../../engine/service.js';
import type { Viewer } from '../../graph/index.js';
import type { Reply } from './reply.js';

/** Who is asking, after the identity → role → viewer mapping of the config. */
export interface Caller {
  /** `platform:user`, e.g. `slack:U024BE7LH`, `matrix:@ana:police.example`: the key of the identity map and the audit log. */
  readonly key: string;
  readonly platform: string;
  /** The user id on the platform. */
  readonly userId: string;
  readonly displayName?: string;
  readonly role: string;
  /** What the role grants; `*` grants everything. */
  readonly permissions: readonly string[];
  /** The viewer every engine read runs as: clearance from the role, organisations from the identity. */
  readonly viewer: Viewer;
  /** The graph's Person id of the caller, when the identity map names one. */
  readonly person?: string;
  /** The caller's organisation id (their restricted nodes become visible, suggestions start from it). */
  readonly organisation?: string;
  /** The caller's country, two letters. */
  readonly country?: string;
}

export interface Conversation {
  readonly id: string;
  /** A direct conversation with the bot (a Slack IM, a Discord DM, a two-member Matrix room). */
  readonly dm: boolean;
}

/** Settings every command may read. */
export interface CommandSettings {
  /** Base URL of the dashboard, for links (absent: no links). */
  readonly dashboardUrl?: string;
  /** Retrieval mode for matching: hybrid when the engine has its sentence model, lexical otherwise. */
  readonly matchMode: MatchMode;
  /** How commands are typed on this platform (`/ileanet`, `!ileanet`), for hints in replies. */
  readonly commandPrefix: string;
  /**
   * A dashboard link as this reply's reader may open it: with grants on, it carries a short-lived,
   * single-use, read-only grant to read as the caller's viewer (in a shared room, its audience's),
   * since chat users have no API token. Pass every dashboard URL a reply shows through it.
   */
  link(url: string): string;
}

export interface CommandLog {
  info(line: string): void;
  warn(line: string): void;
  error(line: string, error?: unknown): void;
}

/**
 * Short-lived per-caller memory for follow-ups: a draft kept while the caller decides (submit
 * anyway?), a long value behind a short button. Entries expire; nothing here is persisted.
 */
export interface Scratch {
  /** Stores a value for this caller and returns a short token for it. */
  put(value: unknown): string;
  /** The value for this caller and token, once (it is removed); undefined when expired, used, unknown or another caller's. */
  take(token: string): unknown;
}

export interface CommandContext<A> {
  /** The validated arguments (the schema's output). */
  readonly args: A;
  readonly engine: Engine;
  readonly caller: Caller;
  readonly platform: string;
  readonly conversation: Conversation;
  readonly settings: CommandSettings;
  readonly scratch: Scratch;
  readonly log: CommandLog;
}

/** A natural phrasing that stands for the command: "who has solved X?" → who-solved { text: X }. */
export interface Phrase {
  readonly pattern: RegExp;
  /** The arguments, as raw strings (they go through the schema like typed ones). */
  readonly args: (match: RegExpExecArray) => Readonly<Record<string, string | undefined>>;
}

// biome-ignore lint/suspicious/noExplicitAny: a command's schema may have any shape; its handler is typed from it.
export type ArgsSchema = z.ZodObject<any>;

export interface Command<S extends ArgsSchema = ArgsSchema> {
  /** Lower-case kebab-case, at most 32 characters (Discord's limit for a subcommand name). */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line, at most 100 characters (Discord's limit for a description). */
  readonly summary: string;
  /** More help: what it does, what each argument means. */
  readonly help?: string;
  /** Example argument lines, shown by `help <command>`: `drone detection at prisons --country FR`. */
  readonly examples?: readonly string[];
  /**
   * The arguments as a zod object. Strings typed in chat are coerced to the field's type
   * (number, boolean) before validation; field descriptions (`.describe()`) become option
   * descriptions on Discord and in help.
   */
  readonly args: S;
  /** Fields filled from words without `--name`, in order; the last takes the rest of the text. */
  readonly positional?: readonly (keyof z.input<S> & string)[];
  /** The permission a caller's role must grant (`read`, `vote`…); `*` in a role grants all. */
  readonly permission: string;
  readonly phrases?: readonly Phrase[];
  /**
   * Answer only the asker (an ephemeral message where the platform has one): for help and for
   * confirmations that concern no one else, such as "your vote is counted".
   */
  readonly replyPrivately?: boolean;
  /**
   * The command changes the store (a vote, a new challenge). It runs once, as the asker; in a
   * shared conversation whose members may see less, its reply goes to the asker's direct
   * messages unless everything it shows is theirs to see. Commands that only read are run for
   * the conversation's audience instead.
   */
  readonly writes?: boolean;
  /**
   * Arguments that take a node id and may be typed as the number of an item in the list the bot
   * last showed the caller (`vote 1`) or as a short challenge id (`C-10427`).
   */
  readonly refs?: readonly (keyof z.input<S> & string)[];
  handler(ctx: CommandContext<z.output<S>>): Promise<Reply>;
}

/** Identity at run time, typed at compile time: `export const command = defineCommand({...})`. */
export function defineCommand<S extends ArgsSchema>(command: Command<S>): Command<S> {
  return command;
}
