/**
 * Matrix room messages as the core's Incoming: a command typed with the prefix (`!ileanet
 * who-solved …`), a mention of the bot (a pill, `m.mentions`, or its name first), or anything
 * in a direct conversation with it. Other chatter in rooms is ignored.
 */

import type { Incoming } from '../core/runtime.js';
import { challengeOfCommands } from '../core/thread-comment.js';

export const PLATFORM = 'matrix';

export interface RoomMessageEvent {
  readonly type?: string;
  readonly sender: string;
  readonly event_id?: string;
  readonly content?: {
    readonly msgtype?: string;
    readonly body?: string;
    readonly format?: string;
    readonly formatted_body?: string;
    readonly 'm.mentions'?: { readonly user_ids?: readonly string[] };
    readonly 'm.relates_to'?: {
      readonly rel_type?: string;
      readonly 'm.in_reply_to'?: { readonly event_id?: string };
    };
  };
}

export interface BotIdentity {
  readonly userId: string;
  readonly displayName?: string;
  readonly prefix: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** A reply's body starts with the quoted original ("> <@x:y> …" lines, then a blank line); that is not the command. */
export function withoutReplyFallback(body: string): string {
  const lines = body.split('\n');
  let i = 0;
  while (i < lines.length && (lines[i] ?? '').startsWith('>')) i++;
  return i > 0 && lines[i] === '' ? lines.slice(i + 1).join('\n') : body;
}

export function fromRoomMessage(
  roomId: string,
  e: RoomMessageEvent,
  bot: BotIdentity,
  dm: boolean,
): Incoming | undefined {
  const c = e.content;
  // Our own messages, notices (bots answer with notices, so two bots cannot loop), edits: not commands.
  if (e.sender === bot.userId || c?.msgtype !== 'm.text' || typeof c.body !== 'string') return undefined;
  if (c['m.relates_to']?.rel_type === 'm.replace') return undefined;
  const body = withoutReplyFallback(c.body).trim();
  const base = { platform: PLATFORM, user: { id: e.sender }, conversation: { id: roomId, dm }, prefix: bot.prefix };

  const prefixed = new RegExp(`^${escapeRe(bot.prefix)}(?:\\s+|$)`, 'iu');
  if (prefixed.test(body)) return { ...base, via: 'slash', text: body.replace(prefixed, '') };

  const localpart = bot.userId.slice(1).split(':')[0] ?? '';
  const names = [bot.displayName, localpart, bot.userId].filter((n): n is string => n !== undefined && n !== '');
  const named = new RegExp(`^@?(?:${names.map(escapeRe).join('|')})(?![\\p{L}\\p{N}_-])[\\s,:;]*`, 'iu');
  const pill = c.formatted_body?.includes(`https://matrix.to/#/${bot.userId}`) ?? false;
  const mentioned = pill || (c['m.mentions']?.user_ids ?? []).includes(bot.userId) || named.test(body);
  if (mentioned) return { ...base, via: 'mention', text: body.replace(named, '') };
  if (dm) return { ...base, via: 'message', text: body };
  return undefined;
}

/** The event a message replies to, if it is a reply. */
export const repliesTo = (e: RoomMessageEvent): string | undefined =>
  e.content?.['m.relates_to']?.['m.in_reply_to']?.event_id;

/**
 * A reply to one of the bot's own messages is addressed to it, in the context of that message
 * (a reply to its message about one challenge that starts with no command is a comment on it):
 * a button's label ("more", "Vote 2") runs that button's command, as a click would (the plain
 * text of every answer lists its buttons as `Label: !ileanet command`); anything else is read as
 * a command line without the prefix ("vote 1", "who-solved drones"). The quoted original and the
 * bot's pill in it are not the command.
 */
export function fromReplyToBot(
  roomId: string,
  e: RoomMessageEvent,
  bot: BotIdentity,
  dm: boolean,
  original: { readonly body?: string },
): Incoming | undefined {
  const c = e.content;
  if (e.sender === bot.userId || c?.msgtype !== 'm.text' || typeof c.body !== 'string') return undefined;
  const said = withoutReplyFallback(c.body)
    .trim()
    .replace(new RegExp(`^${escapeRe(bot.prefix)}\\s*`, 'iu'), '');
  const base = { platform: PLATFORM, user: { id: e.sender }, conversation: { id: roomId, dm }, prefix: bot.prefix };
  const button = new RegExp(`^\\s*(.+?): ${escapeRe(bot.prefix)} (.+)$`, 'u');
  const commands: string[] = [];
  for (const line of (original.body ?? '').split('\n')) {
    const m = button.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && m[1].trim().toLowerCase() === said.toLowerCase()) {
      return { ...base, via: 'action', text: m[2].trim() };
    }
    if (m?.[2] !== undefined) commands.push(m[2]);
  }
  // A reply to the bot's message about one challenge: free text is a comment on it.
  const commentOn = challengeOfCommands(commands);
  return { ...base, via: 'slash', text: said, ...(commentOn === undefined ? {} : { commentOn }) };
}

/** Whether `userId` matches one of the allow-list patterns (`*` matches any run of characters). */
export function allowedInviter(userId: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => new RegExp(`^${p.split('*').map(escapeRe).join('.*')}$`, 'u').test(userId));
}
