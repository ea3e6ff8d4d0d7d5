/**
 * A Reply in Block Kit. Everything from users or data is escaped for mrkdwn (`& < >`, which is
 * all Slack interprets as markup: a stored title cannot become a link or an @channel), and cut
 * to Block Kit's limits (3,000 characters per text, 150 per header, 50 blocks, 25 buttons).
 */
import { clip, factLine, type Reply, type ReplyAction } from '../core/reply.js';

// Slack's types for blocks are wide unions; these are the documented JSON shapes we send.
export interface SlackBlock {
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface SlackMessage {
  readonly text: string;
  readonly blocks: SlackBlock[];
}

export const ACTION_PREFIX = 'ileanet-';
const MAX_BLOCKS = 50;

/** Escapes text for mrkdwn and for Slack's link syntax. */
export const esc = (s: string): string => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: clip(text, 3_000) });
const plain = (text: string, max: number) => ({ type: 'plain_text', text: clip(text, max), emoji: true });

export function renderBlocks(r: Reply): SlackMessage {
  let n = 0;
  const button = (a: ReplyAction) => ({
    type: 'button',
    text: plain(a.label, 75),
    // action_id must be unique within the message; the command travels in value (up to 2,000 chars).
    action_id: `${ACTION_PREFIX}${n++}`,
    value: clip(a.command, 2_000),
    ...(a.style === undefined ? {} : { style: a.style }),
  });
  const blocks: SlackBlock[] = [];
  if (r.title !== undefined) blocks.push({ type: 'header', text: plain(r.title, 150) });
  const lead = r.tone === 'error' ? `:warning: ${esc(r.text)}` : esc(r.text);
  blocks.push({ type: 'section', text: mrkdwn(lead) });
  for (const s of r.sections) {
    blocks.push({ type: 'section', text: mrkdwn(`*${esc(s.title)}*`) });
    s.items.forEach((item, i) => {
      const title = item.url === undefined ? esc(item.title) : `<${esc(item.url)}|${esc(item.title)}>`;
      const facts = factLine(item);
      const lines = [`*${i + 1}. ${title}*${facts === '' ? '' : `  _${esc(facts)}_`}`];
      if (item.why !== undefined) lines.push(esc(item.why));
      if (item.quote !== undefined) lines.push(`> ${esc(item.quote)}`);
      const actions = item.actions ?? [];
      const first = actions[0];
      blocks.push({
        type: 'section',
        text: mrkdwn(lines.join('\n')),
        ...(actions.length === 1 && first !== undefined ? { accessory: button(first) } : {}),
      });
      if (item.path !== undefined && item.path.length > 1) {
        blocks.push({ type: 'context', elements: [mrkdwn(`path: ${item.path.map(esc).join(' → ')}`)] });
      }
      if (actions.length > 1) blocks.push({ type: 'actions', elements: actions.slice(0, 25).map(button) });
    });
  }
  if (r.actions.length > 0) blocks.push({ type: 'actions', elements: r.actions.slice(0, 25).map(button) });
  const context = [
    ...r.links.map((l) => `<${esc(l.url)}|${esc(l.label)}>`),
    ...(r.footer === undefined ? [] : [esc(r.footer)]),
  ];
  if (context.length > 0) blocks.push({ type: 'context', elements: context.slice(0, 10).map(mrkdwn) });
  // Over the limit, keep the head and say so rather than have Slack refuse the whole message.
  const kept =
    blocks.length <= MAX_BLOCKS
      ? blocks
      : [
          ...blocks.slice(0, MAX_BLOCKS - 1),
          { type: 'context', elements: [mrkdwn('(shortened: more on the dashboard)')] },
        ];
  // `text` is the notification and the fallback for clients without blocks: plain words, escaped too.
  return { text: clip(esc(r.title === undefined ? r.text : `${r.title}: ${r.text}`), 3_000), blocks: kept };
}
