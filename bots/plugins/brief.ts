/**
 * `brief`: the policy brief (top gaps, trends, suggested actions) in a few lines, read for the
 * asker, or in a shared room for its audience like every answer. The whole Markdown stays with
 * the CLI (`ileanet brief`) and the dashboard: chat gets its headline lines.
 */
import { z } from 'zod';
import { defineCommand } from '../core/command.js';
import { clip, reply } from '../core/reply.js';

/** Headings and the first bullets of each section, without Markdown marks, up to `max` characters. */
export function briefSummary(markdown: string, max = 900): string {
  const out: string[] = [];
  let bullets = 0;
  for (const line of markdown.split('\n')) {
    const t = line.trim();
    if (t.startsWith('#')) {
      if (out.length > 0) out.push('');
      out.push(t.replace(/^#+\s*/u, '').toUpperCase());
      bullets = 0;
    } else if (/^[-*]\s|^\d+\.\s/u.test(t) && bullets < 3) {
      out.push(`• ${t.replace(/^(?:[-*]|\d+\.)\s+/u, '').replace(/\*\*|__|`/gu, '')}`);
      bullets += 1;
    }
  }
  return clip(
    out
      .join('\n')
      .replace(/\n{3,}/gu, '\n\n')
      .trim(),
    max,
  );
}

export const brief = defineCommand({
  name: 'brief',
  summary: 'The policy brief in a few lines: top gaps, what is rising, suggested actions.',
  args: z.object({}),
  permission: 'read',
  phrases: [{ pattern: /^(?:the |a )?(?:policy )?brief(?:ing)?$/iu, args: () => ({}) }],
  async handler({ engine, caller, settings }) {
    const markdown = await engine.report(caller.viewer);
    const base = settings.dashboardUrl;
    return reply({
      title: 'Policy brief',
      text: briefSummary(markdown),
      ...(base === undefined
        ? {}
        : {
            links: [
              {
                label: 'Gaps on the dashboard',
                url: settings.link(new URL('#/gaps', base.endsWith('/') ? base : `${base}/`).href),
              },
            ],
          }),
      footer: 'The full brief: ileanet brief (Markdown).',
    });
  },
});
