/**
 * The platform-neutral reply every command returns. Adapters render it natively (Slack Block
 * Kit, Discord embeds and buttons, Matrix HTML); nothing in here knows a platform. Text is
 * plain: renderers escape it for their markup, so data can never inject markup or mentions.
 */

import type { Visibility } from '../../graph/index.js';

/** `answer`: what was asked for; `notice`: a pointer or confirmation; `error`: what went wrong. */
export type ReplyTone = 'answer' | 'notice' | 'error';

/**
 * A button. `command` is the command line the click runs as the clicking user (`vote
 * demo:challenge:x up`), with the same parsing, permissions, rate limits and audit as typed
 * commands. Keep it short: Discord allows 100 characters in a button id.
 */
export interface ReplyAction {
  readonly label: string;
  readonly command: string;
  readonly style?: 'primary' | 'danger';
}

export interface ReplyLink {
  readonly label: string;
  readonly url: string;
}

/** One hit or entry: a title with facts, and (for matching answers) why it is here. */
export interface ReplyItem {
  /** The node id, when the item is a node. */
  readonly id?: string;
  readonly title: string;
  /** Short facts shown beside the title: kind, country, TRL, year. */
  readonly facts?: readonly string[];
  /** One line: why this item is here. */
  readonly why?: string;
  /** The explanation path, as labels from the evidence to the hit. */
  readonly path?: readonly string[];
  /** A snippet of the text that matched. */
  readonly quote?: string;
  readonly score?: number;
  readonly url?: string;
  /** Buttons that belong to this item (vote for it, open it). */
  readonly actions?: readonly ReplyAction[];
}

export interface ReplySection {
  readonly title: string;
  readonly items: readonly ReplyItem[];
}

export interface Reply {
  readonly tone: ReplyTone;
  readonly title?: string;
  /** The message itself; also the notification and fallback text on every platform. */
  readonly text: string;
  readonly sections: readonly ReplySection[];
  readonly actions: readonly ReplyAction[];
  readonly links: readonly ReplyLink[];
  /** Small print: how it was answered, what was left out. */
  readonly footer?: string;
  /**
   * The highest visibility among the nodes the reply shows. The runtime moves a reply to the
   * asker's direct messages when this reaches the configured level (`privacy.dmFrom`).
   */
  readonly visibility: Visibility;
}

export type ReplyInit = Partial<Omit<Reply, 'text'>> & { readonly text: string };

/** A reply with defaults: tone answer, nothing but text, public. */
export function reply(init: ReplyInit): Reply {
  return {
    tone: init.tone ?? 'answer',
    ...(init.title === undefined ? {} : { title: init.title }),
    text: init.text,
    sections: init.sections ?? [],
    actions: init.actions ?? [],
    links: init.links ?? [],
    ...(init.footer === undefined ? {} : { footer: init.footer }),
    visibility: init.visibility ?? 'public',
  };
}

export const notice = (text: string, init: Omit<ReplyInit, 'text' | 'tone'> = {}): Reply =>
  reply({ ...init, text, tone: 'notice' });
export const errorReply = (text: string, init: Omit<ReplyInit, 'text' | 'tone'> = {}): Reply =>
  reply({ ...init, text, tone: 'error' });

/** Cuts text to `max` characters with an ellipsis (platform limits: Slack 3,000, Discord 1,024 per field). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** The facts of an item as one string: `industry · DE · TRL 7`. */
export const factLine = (item: ReplyItem): string => (item.facts ?? []).join(' · ');

/**
 * The reply as plain text: Matrix's `body` fallback, logs and tests. Buttons become the
 * command to type, so a client without buttons loses nothing.
 */
export function toPlainText(r: Reply, commandPrefix = '/ileanet'): string {
  const out: string[] = [];
  if (r.title !== undefined) out.push(r.title);
  out.push(r.text);
  for (const s of r.sections) {
    out.push('', s.title);
    s.items.forEach((item, i) => {
      const facts = factLine(item);
      out.push(`${i + 1}. ${item.title}${facts === '' ? '' : ` (${facts})`}`);
      if (item.why !== undefined) out.push(`   ${item.why}`);
      if (item.path !== undefined && item.path.length > 1) out.push(`   path: ${item.path.join(' → ')}`);
      if (item.quote !== undefined) out.push(`   “${item.quote}”`);
      if (item.url !== undefined) out.push(`   ${item.url}`);
      for (const a of item.actions ?? []) out.push(`   ${a.label}: ${commandPrefix} ${a.command}`);
    });
  }
  if (r.actions.length > 0) {
    out.push('');
    for (const a of r.actions) out.push(`${a.label}: ${commandPrefix} ${a.command}`);
  }
  for (const l of r.links) out.push(`${l.label}: ${l.url}`);
  if (r.footer !== undefined) out.push('', r.footer);
  return out.join('\n');
}
