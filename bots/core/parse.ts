/**
 * From what a user wrote to a command and its raw arguments. Three ways in:
 *  - a command line: `/ileanet who-solved drone detection --country FR` (the slash command's
 *    text, a `!ileanet` prefix, a button's command);
 *  - natural phrasing after a mention: "@ileanet who has solved drone detection at prisons?",
 *    matched by the commands' phrases;
 *  - typed options (Discord's slash command options), already split by the platform.
 */
import { splitArgs } from './args.js';
import type { Command } from './command.js';
import { BotError } from './errors.js';
import type { CommandRegistry } from './registry.js';

export type Via = 'slash' | 'mention' | 'message' | 'action' | 'options';

export type Parsed =
  | { readonly kind: 'command'; readonly command: Command; readonly raw: Readonly<Record<string, unknown>> }
  /** Nothing but the bot's name: show help. */
  | { readonly kind: 'empty' }
  /** A first word that names no command. */
  | { readonly kind: 'unknown'; readonly word: string }
  /** Free text that matches no command and no phrasing. */
  | { readonly kind: 'not-understood'; readonly text: string }
  /** A command whose arguments are malformed: `error` says what is wrong. */
  | { readonly kind: 'invalid'; readonly command: Command; readonly error: BotError };

export interface ParseInput {
  readonly via: Via;
  readonly text?: string;
  /** With via `options`: the command name and its options. */
  readonly command?: string;
  readonly options?: Readonly<Record<string, unknown>>;
  /**
   * The challenge of the bot's message this text replies to in a thread (a Slack thread, a Matrix
   * reply): text that does not start with a command becomes a comment on it (`comment`).
   */
  readonly commentOn?: string;
}

/**
 * Removes the bot's name where people put it: `/ileanet`, `!ileanet`, `@ileanet`, `ileanet:`,
 * `ileanet,`. Platform mention markup (Slack `<@U…>`, Discord `<@…>`) is the adapter's to remove.
 */
export function stripName(text: string, names: readonly string[]): string {
  const t = text.trim();
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    const re = new RegExp(`^[/!@]?${escaped}(?![\\p{L}\\p{N}_-])[\\s,:;.!-]*`, 'iu');
    const stripped = t.replace(re, '');
    if (stripped !== t) return stripped.trim();
  }
  return t;
}

const sentence = (text: string) => text.replace(/\s+/gu, ' ').trim();
const withoutEndMarks = (text: string) => text.replace(/[\s?!.…]+$/u, '');

function byPhrase(registry: CommandRegistry, text: string): Parsed | undefined {
  const t = withoutEndMarks(sentence(text));
  for (const command of registry.list()) {
    for (const phrase of command.phrases ?? []) {
      // A phrase with the g or y flag keeps lastIndex between calls; reset it so each test starts fresh.
      phrase.pattern.lastIndex = 0;
      const m = phrase.pattern.exec(t);
      if (m === null) continue;
      const raw = Object.fromEntries(Object.entries(phrase.args(m)).filter(([, v]) => v !== undefined && v !== ''));
      return { kind: 'command', command, raw };
    }
  }
  return undefined;
}

/** Parses one message. Never throws for what a user can type: malformed arguments come back as `invalid`. */
export function parse(registry: CommandRegistry, input: ParseInput, names: readonly string[]): Parsed {
  if (input.via === 'options') {
    const command = registry.get(input.command ?? '');
    if (command === undefined) return { kind: 'unknown', word: input.command ?? '' };
    return { kind: 'command', command, raw: input.options ?? {} };
  }
  const text = stripName(input.text ?? '', names);
  if (text === '') return { kind: 'empty' };
  const first = /^\S+/u.exec(text)?.[0] ?? '';
  const rest = text.slice(first.length).trim();
  const named = registry.get(first);
  const commenting = input.commentOn === undefined ? undefined : registry.get('comment');
  if (commenting !== undefined && named === undefined && input.via !== 'action') {
    // Taken whole: nothing in a comment is read as a flag.
    return { kind: 'command', command: commenting, raw: { target: input.commentOn, text } };
  }
  const free = input.via === 'mention' || input.via === 'message';
  // In free text a phrasing wins ("@ileanet match me with someone" is not `match me`); a typed
  // command line starts with its command, and a phrasing only rescues arguments that fail.
  if (free) {
    const phrased = byPhrase(registry, text);
    if (phrased !== undefined) return phrased;
  }
  if (named !== undefined) {
    try {
      return { kind: 'command', command: named, raw: splitArgs(named, rest) };
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      const phrased = input.via === 'slash' ? byPhrase(registry, text) : undefined;
      return phrased ?? { kind: 'invalid', command: named, error: e };
    }
  }
  // A button's command line is ours, exact: it is never read as a phrasing.
  const phrased = free || input.via === 'action' ? undefined : byPhrase(registry, text);
  if (phrased !== undefined) return phrased;
  return free ? { kind: 'not-understood', text } : { kind: 'unknown', word: first };
}
