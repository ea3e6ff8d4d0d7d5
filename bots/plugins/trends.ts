/** `trends`: what is rising, in a few lines, with a link to the dashboard for the charts. */
import { z } from 'zod';
import type { EmergingTopic, TrendSeries } from '../../engine/analytics/index.js';
import { defineCommand } from '../core/command.js';
import { type ReplyItem, reply } from '../core/reply.js';
import { visibilityOf } from '../core/visibility.js';

const pct = (g: number | null) => (g === null ? 'new' : `${g >= 0 ? '+' : ''}${Math.round(g * 100)} %`);

export const trends = defineCommand({
  name: 'trends',
  aliases: ['trending'],
  summary: 'What the network is working on more and more: rising topics, in a few lines.',
  help: 'Counts challenges raised, projects started and results delivered per year; rising topics compare the last years with the ones before.',
  examples: ['', '--country BE', '--by country', '--from 2020'],
  args: z.object({
    country: z.string().optional().describe('only what is tied to this country (two letters)'),
    by: z.enum(['topic', 'country']).default('topic').describe('series per topic (default) or per country'),
    from: z.string().optional().describe('from this year (YYYY)'),
  }),
  permission: 'read',
  phrases: [
    {
      pattern:
        /^(?:what(?:'s|’s|s| is| are)?\s+(?:trending|rising|emerging|the trends?)|trends?|show (?:me )?(?:the )?trends?)(?:\s+in\s+(?<country>[a-z]{2}))?$/iu,
      args: (m) => ({ country: m.groups?.['country']?.toUpperCase() }),
    },
  ],
  async handler({ args, engine, caller, settings }) {
    const country = args.country?.toUpperCase();
    const answer = await engine.trends(
      {
        by: args.by,
        unit: 'year',
        limit: 10,
        ...(country === undefined ? {} : { country }),
        ...(args.from === undefined ? {} : { from: args.from }),
      },
      caller.viewer,
    );
    const first = answer.buckets[0];
    const last = answer.buckets[answer.buckets.length - 1];
    const span = first === undefined ? '' : first === last ? ` in ${first}` : ` from ${first} to ${last}`;
    // Emerging topics need support in the recent window; on a small network there may be none,
    // and then the fastest-growing of the largest series say what is rising.
    const rising: ReplyItem[] =
      answer.emerging.length > 0
        ? answer.emerging.slice(0, 3).map((e: EmergingTopic) => ({
            ...(args.by === 'topic' ? { id: e.key } : {}),
            title: e.label,
            facts: [pct(e.growth)],
            why: `${e.recent} in the last ${answer.window} ${answer.unit === 'year' ? 'years' : 'quarters'}, ${e.previous} in the ${answer.window} before`,
          }))
        : answer.series
            .filter((s) => s.growth !== null && s.growth > 0)
            .sort((a, b) => (b.growth ?? 0) - (a.growth ?? 0))
            .slice(0, 3)
            .map((s: TrendSeries) => ({
              ...(args.by === 'topic' ? { id: s.key } : {}),
              title: s.label,
              facts: [pct(s.growth)],
              why: `growth of the last ${answer.window} ${answer.unit === 'year' ? 'years' : 'quarters'} over the ${answer.window} before`,
            }));
    const largest: ReplyItem[] = answer.series.slice(0, 3).map((s: TrendSeries) => ({
      ...(args.by === 'topic' ? { id: s.key } : {}),
      title: s.label,
      facts: [`${s.total} in all`, pct(s.growth)],
      why: `challenges ${sum(s.counts.challenges)}, projects ${sum(s.counts.projects)}, results ${sum(s.counts.results)}`,
    }));
    const link = dashboardLink(settings.dashboardUrl, { country, by: args.by });
    const ids = args.by === 'topic' ? [...rising, ...largest].map((i) => i.id ?? '') : [];
    return reply({
      title: `Trends${country === undefined ? '' : ` in ${country}`}${span}`,
      text:
        answer.empty ??
        (rising.length > 0
          ? `Rising: ${rising.map((r) => `${r.title} (${r.facts?.[0]})`).join(', ')}.`
          : 'Nothing is clearly rising in this window.'),
      sections: [
        ...(rising.length === 0 ? [] : [{ title: 'Rising', items: rising }]),
        ...(largest.length === 0 ? [] : [{ title: 'Largest', items: largest }]),
      ],
      links: link === undefined ? [] : [{ label: 'Charts on the dashboard', url: settings.link(link) }],
      visibility: await visibilityOf(engine.store, ids, caller.viewer),
    });
  },
});

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

function dashboardLink(base: string | undefined, q: { country: string | undefined; by: string }): string | undefined {
  if (base === undefined) return undefined;
  // The dashboard routes in the fragment (#/trends?country=FR), which it reads to preset its filters.
  const params = new URLSearchParams();
  if (q.country !== undefined) params.set('country', q.country);
  if (q.by !== 'topic') params.set('by', q.by);
  const url = new URL(base.endsWith('/') ? base : `${base}/`);
  url.hash = `/trends${params.size > 0 ? `?${params.toString()}` : ''}`;
  return url.href;
}
