/**
 * Slack payloads (slash commands, app mentions, direct messages, button clicks) as the core's
 * Incoming. Pure functions over the documented payload fields, so recorded payloads in
 * test/fixtures/slack drive them directly.
 */
import type { Incoming } from '../core/runtime.js';

export const PLATFORM = 'slack';

/**
 * Message text as Slack sends it, back to what the user typed: `&amp; &lt; &gt;` decoded, links
 * `<https://x|label>` to their label, user and channel references to their readable part.
 */
export function slackText(text: string): string {
  return text
    .replace(/<([@#!][^>|]*)\|([^>]+)>/gu, (_, _ref: string, label: string) => label)
    .replace(/<((?:https?|mailto):[^>|]+)\|([^>]+)>/gu, (_, _url: string, label: string) => label)
    .replace(/<((?:https?|mailto):[^>]+)>/gu, '$1')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&amp;/gu, '&');
}

/** Direct-message channel ids start with D; the slash command payload also says `directmessage`. */
const isDm = (channelId: string, channelName?: string) => channelId.startsWith('D') || channelName === 'directmessage';

export interface SlashCommandPayload {
  readonly command: string;
  readonly text: string;
  readonly user_id: string;
  readonly user_name?: string;
  readonly channel_id: string;
  readonly channel_name?: string;
  readonly response_url: string;
}

export function fromSlashCommand(p: SlashCommandPayload, prefix: string): Incoming {
  return {
    platform: PLATFORM,
    user: { id: p.user_id, ...(p.user_name === undefined ? {} : { name: p.user_name }) },
    conversation: { id: p.channel_id, dm: isDm(p.channel_id, p.channel_name) },
    via: 'slash',
    text: slackText(p.text),
    prefix,
  };
}

export interface MentionEvent {
  readonly type: string;
  readonly user?: string;
  readonly text?: string;
  readonly channel: string;
  readonly channel_type?: string;
  readonly ts: string;
  readonly thread_ts?: string;
}

/** An app_mention (or a message in the bot's IM): the bot's own mention markup removed wherever it is. */
export function fromMessage(e: MentionEvent, botUserId: string | undefined, prefix: string): Incoming | undefined {
  if (e.user === undefined || e.text === undefined) return undefined;
  const dm = e.channel_type === 'im' || isDm(e.channel);
  const own =
    botUserId === undefined ? /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/u : new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'gu');
  const text = slackText(e.text.replace(own, ' ')).replace(/\s+/gu, ' ').trim();
  return {
    platform: PLATFORM,
    user: { id: e.user },
    conversation: { id: e.channel, dm },
    via: e.type === 'app_mention' ? 'mention' : 'message',
    text,
    prefix,
  };
}

export interface BlockActionBody {
  readonly user: { readonly id: string; readonly username?: string; readonly name?: string };
  readonly channel?: { readonly id: string; readonly name?: string };
  readonly response_url?: string;
}

/** A click on one of our buttons: its value is the command line to run as the clicking user. */
export function fromButton(body: BlockActionBody, value: string, prefix: string): Incoming {
  const name = body.user.username ?? body.user.name;
  const channel = body.channel?.id ?? `D-${body.user.id}`;
  return {
    platform: PLATFORM,
    user: { id: body.user.id, ...(name === undefined ? {} : { name }) },
    conversation: { id: channel, dm: isDm(channel, body.channel?.name) },
    via: 'action',
    text: value,
    prefix,
  };
}
