/**
 * A Reply as Discord embeds and buttons. Text from users and data is markdown-escaped, mentions
 * are disabled on every message (`allowed_mentions: { parse: [] }`), and everything is cut to
 * Discord's limits: 10 embeds and 6,000 characters per message, 25 fields per embed, 256
 * characters per title and field name, 1,024 per field value, 4,096 per description, 5 rows of
 * 5 buttons, 100 characters per button id.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
} from 'discord.js';
import { clip, factLine, type Reply, type ReplyAction } from '../core/reply.js';

export interface DiscordMessage {
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponent>[];
  /** Nothing in a reply pings anyone, whatever the data says (an "@everyone" in a stored title). */
  readonly allowedMentions: { readonly parse: [] };
}

export const CUSTOM_ID_PREFIX = 'ileanet:';
const COLOURS = { answer: 0x2f6db5, notice: 0x2e8b57, error: 0xc0392b } as const;
const MAX_TOTAL = 6_000;
/** 5 action rows of 5 buttons. */
const MAX_BUTTONS = 25;

// escapeMarkdown costs time quadratic in the length (about 1 s for 10,000 characters): cut to
// the limit first, escape, then cut again (escaping adds backslashes).
const md = (s: string, max = 1_024) => clip(escapeMarkdown(clip(s, max)), max);

/** `customId(command)`: the button's id for a command line (the adapter keeps long ones behind a token). */
export function renderMessage(r: Reply, customId: (command: string) => string): DiscordMessage {
  const embeds: APIEmbed[] = [];
  const head: APIEmbed = {
    ...(r.title === undefined ? {} : { title: md(r.title, 256) }),
    description: md(r.text, 2_048),
    color: COLOURS[r.tone],
  };
  embeds.push(head);
  const footer = r.footer === undefined ? undefined : clip(r.footer, 512);
  // Fill up to Discord's 6,000 characters per message in reading order, and stop there: later
  // items are neither rendered nor escaped.
  let used =
    (head.title?.length ?? 0) + (head.description?.length ?? 0) + (footer?.length ?? 0) + ' (shortened)'.length;
  let full = false;
  for (const s of r.sections.slice(0, 9)) {
    const title = md(s.title, 256);
    if (full || used + title.length > MAX_TOTAL) break;
    used += title.length;
    const fields: { name: string; value: string }[] = [];
    for (const [i, item] of s.items.slice(0, 25).entries()) {
      const facts = factLine(item);
      const lines = [
        facts === '' ? undefined : `*${md(facts)}*`,
        item.why === undefined ? undefined : md(item.why),
        item.path !== undefined && item.path.length > 1 ? `path: ${md(item.path.join(' → '))}` : undefined,
        item.quote === undefined ? undefined : `> ${md(item.quote)}`,
        item.url === undefined ? undefined : item.url,
      ].filter((l) => l !== undefined);
      const field = {
        name: clip(`${i + 1}. ${md(item.title, 256)}`, 256),
        value: clip(lines.join('\n') || '\u200b', 1_024),
      };
      if (used + field.name.length + field.value.length > MAX_TOTAL) {
        full = true;
        break;
      }
      used += field.name.length + field.value.length;
      fields.push(field);
    }
    if (fields.length > 0) embeds.push({ title, color: COLOURS[r.tone], fields });
  }
  const lastEmbed = embeds[embeds.length - 1];
  if (footer !== undefined && lastEmbed !== undefined)
    lastEmbed.footer = { text: full ? `${footer} (shortened)` : footer };
  const kept = embeds;

  const style = (a: ReplyAction) =>
    a.style === 'danger' ? ButtonStyle.Danger : a.style === 'primary' ? ButtonStyle.Primary : ButtonStyle.Secondary;
  const button = (a: ReplyAction): APIButtonComponent => ({
    type: ComponentType.Button,
    style: style(a),
    label: clip(a.label, 80),
    custom_id: customId(a.command),
  });
  // 25 buttons at most: the reply's own (More, Done, a survey's scale) and its links are kept
  // first, the items' buttons (one per hit or option) fill the rest in reading order.
  const own: APIButtonComponent[] = [
    ...r.actions.map(button),
    ...r.links.map(
      (l): APIButtonComponent => ({
        type: ComponentType.Button,
        style: ButtonStyle.Link,
        label: clip(l.label, 80),
        url: l.url,
      }),
    ),
  ].slice(0, MAX_BUTTONS);
  const perItem = r.sections
    .flatMap((s) => s.items.flatMap((item) => item.actions ?? []))
    .slice(0, MAX_BUTTONS - own.length)
    .map(button);
  const buttons = [...perItem, ...own];
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length; i += 5) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + 5) });
  }
  return { embeds: kept, components: rows, allowedMentions: { parse: [] } };
}
