/**
 * One Reply, three renderings: Block Kit, Discord embeds, Matrix HTML. Hostile text (markup,
 * mentions, links) must arrive inert, and big answers must fit each platform's limits.
 */
import { describe, expect, it } from 'vitest';
import { type Reply, reply, toPlainText } from '../../bots/core/reply.js';
import { renderMessage } from '../../bots/discord/embeds.js';
import { escapeHtml, renderHtml } from '../../bots/matrix/html.js';
import { renderBlocks } from '../../bots/slack/blocks.js';

const HOSTILE = '<!channel> @everyone <script>x</script> **bold** <https://evil.example|click> & "q" \'s';

const sample: Reply = reply({
  title: `Answer ${HOSTILE}`,
  text: `About ${HOSTILE}`,
  sections: [
    {
      title: 'Organisations',
      items: [
        {
          id: 'o:1',
          title: `Org ${HOSTILE}`,
          facts: ['industry', 'DE'],
          why: `because ${HOSTILE}`,
          path: ['Result A', `Org ${HOSTILE}`],
          quote: HOSTILE,
          url: 'javascript:alert(1)',
          actions: [{ label: 'Vote', command: 'vote o:1 up' }],
        },
      ],
    },
  ],
  actions: [{ label: 'Submit mine anyway', command: 'submit-challenge --draft abc', style: 'primary' }],
  links: [{ label: 'Charts', url: 'https://dash.example/trends?country=FR&by=topic' }],
  footer: 'matched on words only',
});

const big: Reply = reply({
  title: 'x'.repeat(500),
  text: 'y'.repeat(10_000),
  sections: Array.from({ length: 8 }, (_, s) => ({
    title: `Section ${s}`,
    items: Array.from({ length: 30 }, (_, i) => ({
      title: `Item ${i} ${'z'.repeat(300)}`,
      why: 'w'.repeat(2_000),
      actions: [{ label: `Act ${i}`, command: `vote x:${s}:${i} up` }],
    })),
  })),
});

describe('Slack Block Kit', () => {
  it('escapes markup in mrkdwn and keeps buttons carrying their command', () => {
    const m = renderBlocks(sample);
    const mrkdwn = JSON.stringify(m.blocks.filter((b) => b.type !== 'header'));
    expect(mrkdwn).not.toMatch(/<!channel>|<script>|<https:\/\/evil/u);
    expect(mrkdwn).toContain('&lt;!channel&gt;');
    expect(m.text).not.toContain('<!channel>');
    const buttons = m.blocks
      .flatMap((b) => [b['accessory'], ...((b['elements'] as unknown[]) ?? [])])
      .filter((e) => (e as { type?: string })?.type === 'button') as { value: string; action_id: string }[];
    expect(buttons.map((b) => b.value)).toEqual(['vote o:1 up', 'submit-challenge --draft abc']);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(2);
    // The link goes through Slack's link syntax with & escaped.
    expect(mrkdwn).toContain('<https://dash.example/trends?country=FR&amp;by=topic|Charts>');
  });

  it('stays within 50 blocks and 3,000 characters per text', () => {
    const m = renderBlocks(big);
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    for (const b of m.blocks) {
      const t = (b['text'] as { text?: string } | undefined)?.text ?? '';
      expect(t.length).toBeLessThanOrEqual(3_000);
    }
    expect((m.blocks[0]?.['text'] as { text?: string } | undefined)?.text?.length).toBeLessThanOrEqual(150);
  });
});

describe('Discord embeds', () => {
  it('escapes markdown, pings nobody, and turns actions into buttons and links into link buttons', () => {
    const m = renderMessage(sample, (c) => `ileanet:${c}`);
    expect(m.allowedMentions).toEqual({ parse: [] });
    const text = JSON.stringify(m.embeds);
    expect(text).not.toContain('**bold**');
    expect(text).toContain('\\\\*\\\\*bold\\\\*\\\\*');
    const buttons = m.components.flatMap((r) => r.components) as { custom_id?: string; url?: string; style: number }[];
    expect(buttons.map((b) => b.custom_id ?? b.url)).toEqual([
      'ileanet:vote o:1 up',
      'ileanet:submit-challenge --draft abc',
      'https://dash.example/trends?country=FR&by=topic',
    ]);
    expect(buttons[2]?.style).toBe(5);
  });

  it('stays within 10 embeds, 6,000 characters, 25 fields and 5 rows of 5 buttons', () => {
    const m = renderMessage(big, (c) => `ileanet:${c}`);
    expect(m.embeds.length).toBeLessThanOrEqual(10);
    const size = m.embeds.reduce(
      (n, e) =>
        n +
        (e.title?.length ?? 0) +
        (e.description?.length ?? 0) +
        (e.footer?.text.length ?? 0) +
        (e.fields ?? []).reduce((k, f) => k + f.name.length + f.value.length, 0),
      0,
    );
    expect(size).toBeLessThanOrEqual(6_000);
    for (const e of m.embeds) expect((e.fields ?? []).length).toBeLessThanOrEqual(25);
    expect(m.components.length).toBeLessThanOrEqual(5);
    for (const r of m.components) expect(r.components.length).toBeLessThanOrEqual(5);
  });
});

describe('Matrix HTML', () => {
  it('escapes every piece of text and never links anything but http(s)', () => {
    const m = renderHtml(sample, '!ileanet');
    expect(m.formatted_body).not.toMatch(/<script|<https|href="javascript/u);
    expect(m.formatted_body).toContain(escapeHtml(HOSTILE));
    expect(m.formatted_body).toContain('<code>!ileanet vote o:1 up</code>');
    expect(m.formatted_body).toContain('<a href="https://dash.example/trends?country=FR&amp;by=topic">Charts</a>');
    expect(m.body).toBe(toPlainText(sample, '!ileanet'));
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });
});
