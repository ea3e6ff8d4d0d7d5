/**
 * The policy brief: a Markdown page generated from the viewer's own trends, gaps and network
 * figures (nothing in it is written by hand), with suggested actions derived by fixed rules
 * a reader can check against the tables above them.
 */
import type { GapsAnswer, NetworkAnswer, TrendsAnswer } from './types.js';

export interface ReportInput {
  readonly trends: TrendsAnswer;
  readonly gaps: GapsAnswer;
  readonly network: NetworkAnswer;
  readonly now: Date;
  readonly scope: string;
}

/** Markdown table cells: pipes and line breaks in data must not break the table. */
const cell = (s: string | number): string => String(s).replace(/\|/gu, '\\|').replace(/\s+/gu, ' ').trim();
const pct = (x: number): string => `${Math.round(x * 100)} %`;
const growth = (g: number | null): string => (g === null ? 'new' : `${g >= 0 ? '+' : ''}${Math.round(g * 100)} %`);

function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

export function renderReport(r: ReportInput): string {
  const { trends: t, gaps: g, network: n } = r;
  const lines: string[] = [];
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  lines.push('# Policy brief: needs, research and collaboration');
  lines.push('');
  lines.push(`Generated ${r.now.toISOString().slice(0, 10)} from the network's graph, for ${r.scope}.`);
  if (t.buckets.length > 0) {
    lines.push(
      `It covers ${t.buckets[0]}–${t.buckets.at(-1)}: ${sum(t.totals.challenges)} challenges raised, ${sum(t.totals.projects)} projects started and ${sum(t.totals.results)} results delivered.`,
    );
  }
  lines.push('');

  lines.push('## Largest gaps');
  lines.push('');
  if (g.topics.length === 0) lines.push(g.empty ?? 'No open demand is visible.');
  else {
    lines.push(
      `Demand counts open challenges plus a fifth per vote; a result is mature at maturity ${g.minMaturity} or more (TRL 6, or a prototype or demonstrator when no TRL is known).`,
    );
    lines.push('');
    lines.push(
      ...table(
        ['Topic', 'Open challenges', 'Votes', 'Mature results', 'All results', 'Gap'],
        g.topics.slice(0, 10).map((x) => [x.label, x.challenges, x.votes, x.matureResults, x.results, x.gap]),
      ),
    );
  }
  lines.push('');
  if (g.challenges.length > 0) {
    lines.push('Most supported open challenges with no mature result addressing them:');
    lines.push('');
    for (const c of g.challenges.slice(0, 5)) {
      lines.push(
        `- ${cell(c.title)}${c.country === undefined ? '' : ` (${c.country})`}: ${c.votes} votes, ${c.addressedBy} works address it`,
      );
    }
    lines.push('');
  }

  lines.push('## Trends');
  lines.push('');
  if (t.series.length === 0) lines.push(t.empty ?? 'No dated activity is visible.');
  else {
    lines.push(`Growth compares the last ${t.window} ${t.unit}s with the ${t.window} before.`);
    lines.push('');
    lines.push(
      ...table(
        ['Topic', 'Challenges', 'Projects', 'Results', 'Growth'],
        t.series
          .slice(0, 10)
          .map((x) => [
            x.label,
            sum(x.counts.challenges),
            sum(x.counts.projects),
            sum(x.counts.results),
            growth(x.growth),
          ]),
      ),
    );
    if (t.emerging.length > 0) {
      lines.push('');
      lines.push('Emerging topics (fastest growing with enough recent activity):');
      lines.push('');
      for (const e of t.emerging.slice(0, 5)) {
        lines.push(`- ${cell(e.label)}: ${e.recent} recent against ${e.previous} before (${growth(e.growth)})`);
      }
    }
  }
  lines.push('');

  lines.push('## The network’s cycle');
  lines.push('');
  const cy = t.cycle;
  if (cy.challenges === 0) lines.push('No challenge is visible yet.');
  else {
    const d = cy.daysToAddressed;
    lines.push(
      `${cy.addressed} of ${cy.challenges} challenges are addressed (${pct(cy.addressed / cy.challenges)})${d.median === null ? '.' : `; from raised to addressed took ${Math.round(d.median)} days at the median (${d.count} with both dates).`}`,
    );
    lines.push('');
    lines.push(
      ...table(
        ['Topic', 'Challenges', 'Addressed', 'Share'],
        cy.byTopic.slice(0, 10).map((x) => [x.label, x.challenges, x.addressed, pct(x.share)]),
      ),
    );
    if (cy.participation.length > 0) {
      lines.push('');
      lines.push(
        ...table(
          ['Country', 'Challenges raised', 'Votes', 'Comments', 'Poll answers', 'Survey answers'],
          cy.participation
            .slice(0, 12)
            .map((p) => [p.country, p.challenges, p.votes, p.comments, p.pollAnswers, p.surveyAnswers]),
        ),
      );
    }
  }
  lines.push('');

  lines.push('## Collaboration across borders');
  lines.push('');
  if (n.organisations === 0) lines.push(n.empty ?? 'No collaboration is visible.');
  else {
    lines.push(
      `${n.organisations} organisations share ${n.links} project links in ${n.communities.length > 0 ? `${n.communities.length}+` : 'no'} communities (modularity ${n.modularity}).`,
    );
    lines.push('');
    lines.push(
      ...table(
        ['Country', 'Organisations', 'Links', 'Cross-border share'],
        n.countries.slice(0, 12).map((c) => [c.country, c.organisations, c.links, pct(c.crossBorderIndex)]),
      ),
    );
  }
  lines.push('');

  lines.push('## Suggested actions');
  lines.push('');
  const actions = suggestedActions(r);
  if (actions.length === 0) lines.push('The data shows no gap or imbalance large enough to suggest an action.');
  for (const a of actions) lines.push(`- ${a}`);
  lines.push('');
  return lines.join('\n');
}

/** Rules, each tied to a figure above: unmet demand, fast growth without maturity, isolated countries. */
export function suggestedActions(r: ReportInput): string[] {
  const out: string[] = [];
  for (const x of r.gaps.topics.slice(0, 3)) {
    if (x.challenges === 0) continue;
    out.push(
      x.matureResults === 0
        ? `Fund research on **${cell(x.label)}**: ${x.challenges} open challenges and ${x.votes} votes, and no mature result yet.`
        : `Support uptake and maturation in **${cell(x.label)}**: ${x.challenges} open challenges against ${x.matureResults} mature results.`,
    );
  }
  const gapTopics = new Set(r.gaps.topics.slice(0, 10).map((x) => x.topic));
  for (const e of r.trends.emerging.slice(0, 5)) {
    if (gapTopics.has(e.key)) {
      out.push(`Watch **${cell(e.label)}**: it grows fast (${growth(e.growth)}) and is among the largest gaps.`);
    }
  }
  const isolated = r.network.countries.filter((c) => c.links >= 10 && c.crossBorderIndex < 0.5).slice(0, 3);
  for (const c of isolated) {
    out.push(
      `Encourage cross-border partnerships for **${c.country}**: only ${pct(c.crossBorderIndex)} of its ${c.links} collaboration links cross a border.`,
    );
  }
  return out;
}
