/**
 * Analytics and suggestions on the command line: `trends`, `gaps`, `network`, `polls`,
 * `report`, `suggest` and `consortium`. Each prints a readable summary, or the engine's
 * answer as JSON with `--json` (the same shape the HTTP API returns). Like `who-solved`, the
 * CLI runs as a vetted network member with no organisation unless told otherwise.
 */
import type { Command } from 'commander';
import type { GapsAnswer, NetworkAnswer, PollAnswer, TrendsAnswer } from '../../../engine/analytics/index.js';
import { type Engine, openEngine } from '../../../engine/service.js';
import type { ConsortiumAnswer, SuggestAnswer, SuggestFor, TopicalFloor } from '../../../engine/suggest/index.js';
import type { Viewer } from '../../../graph/index.js';
import { type CliContext, reportEngineError, UsageError } from '../context.js';
import { viewerOf } from './match.js';

interface CommonOpts {
  clearance?: string;
  org?: string[];
  json?: boolean;
  mode?: string;
}

const num = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${v}"`);
  return n;
};

function common(cmd: Command, withOrg = true): Command {
  cmd.option('--clearance <level>', 'run as a viewer with this clearance: public, network (default) or all');
  if (withOrg) {
    cmd.option('--org <id>', 'run as a member of this organisation (repeatable)', (v: string, acc: string[] = []) => [
      ...acc,
      v,
    ]);
  }
  return cmd.option('--json', 'print the answer as JSON');
}

async function withEngine<T>(
  c: CliContext,
  opts: CommonOpts,
  needsModel: boolean,
  ask: (e: Engine, viewer: Viewer) => Promise<T>,
  render: (answer: T) => string,
): Promise<void> {
  const viewer = viewerOf(opts);
  const store = await c.openStore();
  try {
    const engine = await openEngine({
      store,
      dataDir: c.dataDir,
      mode: needsModel ? 'hybrid' : 'lexical',
      ...(c.now === undefined ? {} : { now: c.now }),
      log: (l) => c.stderr.write(`${l}\n`),
    });
    try {
      const answer = await ask(engine, viewer);
      c.stdout.write(opts.json ? `${JSON.stringify(answer)}\n` : render(answer));
    } finally {
      await engine.close();
    }
  } catch (e) {
    reportEngineError(c, e);
  } finally {
    await store.close();
  }
}

export function registerAnalytics(program: Command, ctx: () => CliContext): void {
  common(
    program
      .command('trends')
      .description('challenges, projects and results per topic or country over time; growth and emerging topics')
      .option('--by <dim>', 'topic (default) or country')
      .option('--unit <unit>', 'year (default) or quarter')
      .option('--from <date>', 'from this year or date')
      .option('--to <date>', 'up to this year or date')
      .option('--country <XX>', 'only what is tied to this country')
      .option('--topic <id>', 'only what is about this topic')
      .option('--limit <n>', 'series to list (default 20)'),
  ).action(async (opts: CommonOpts & Record<string, string | undefined>) => {
    const q = {
      ...(opts['by'] === undefined ? {} : { by: opts['by'] }),
      ...(opts['unit'] === undefined ? {} : { unit: opts['unit'] }),
      ...(opts['from'] === undefined ? {} : { from: opts['from'] }),
      ...(opts['to'] === undefined ? {} : { to: opts['to'] }),
      ...(opts['country'] === undefined ? {} : { country: opts['country'].toUpperCase() }),
      ...(opts['topic'] === undefined ? {} : { topic: opts['topic'] }),
      ...(opts['limit'] === undefined ? {} : { limit: num('limit', opts['limit']) }),
    } as Parameters<Engine['trends']>[0];
    await withEngine(ctx(), opts, false, (e, v) => e.trends(q, v), renderTrends);
  });

  common(
    program
      .command('gaps')
      .description('topics and open challenges with demand but no mature result')
      .option('--country <XX>', 'demand from this country only')
      .option('--min-maturity <x>', 'maturity a result needs to count (0-1, default 0.6 = TRL 6 or a prototype)')
      .option('--limit <n>', 'rows (default 20)'),
  ).action(async (opts: CommonOpts & Record<string, string | undefined>) => {
    const q = {
      ...(opts['country'] === undefined ? {} : { country: opts['country'].toUpperCase() }),
      ...(opts['minMaturity'] === undefined ? {} : { minMaturity: num('min-maturity', opts['minMaturity']) }),
      ...(opts['limit'] === undefined ? {} : { limit: num('limit', opts['limit']) }),
    } as Parameters<Engine['gaps']>[0];
    await withEngine(ctx(), opts, false, (e, v) => e.gaps(q, v), renderGaps);
  });

  common(
    program
      .command('network')
      .description('collaboration network: central organisations, communities, cross-border index per country')
      .option('--top <n>', 'central organisations to list (default 20)')
      .option('--country <XX>', 'list central organisations of this country'),
  ).action(async (opts: CommonOpts & Record<string, string | undefined>) => {
    const q = {
      ...(opts['top'] === undefined ? {} : { top: num('top', opts['top']) }),
      ...(opts['country'] === undefined ? {} : { country: opts['country'].toUpperCase() }),
    } as Parameters<Engine['network']>[0];
    await withEngine(ctx(), opts, false, (e, v) => e.network(q, v), renderNetwork);
  });

  common(program.command('polls').description('poll results').argument('[pollId]', 'one poll')).action(
    async (pollId: string | undefined, opts: CommonOpts) => {
      await withEngine(ctx(), opts, false, (e, v) => e.polls(v, pollId), renderPolls);
    },
  );

  common(
    program
      .command('report')
      .description('a policy brief generated from the data: top gaps, trends, suggested actions')
      .option('--format <format>', 'md (the only format)', 'md'),
  ).action(async (opts: CommonOpts & { format?: string }) => {
    if (opts.format !== 'md') throw new UsageError(`--format must be md, got "${opts.format}"`);
    await withEngine(
      ctx(),
      { ...opts, json: false },
      false,
      (e, v) => e.report(v),
      (md) => md,
    );
  });

  common(
    program
      .command('suggest')
      .description('suggested cross-border collaborations for a country, organisation, person or INC')
      .option('--country <XX>', 'for the organisations of this country')
      .option(
        '--org <id>',
        'for this organisation (you run as its member, so its restricted data counts)',
        (v: string, acc: string[] = []) => [...acc, v],
      )
      .option('--person <id>', "for this person's organisations")
      .option('--inc <id>', "for this national contact's country")
      .option('--limit <n>', 'suggestions (default 10)')
      .option('--verbose', 'print the score parts of every suggestion too'),
    false,
  ).action(async (opts: CommonOpts & Record<string, string | string[] | undefined>) => {
    const orgs = (opts['org'] as string[] | undefined) ?? [];
    const given = [
      opts['country'] === undefined ? undefined : { country: String(opts['country']).toUpperCase() },
      orgs.length === 0 ? undefined : { organisation: orgs[0] as string },
      opts['person'] === undefined ? undefined : { person: String(opts['person']) },
      opts['inc'] === undefined ? undefined : { inc: String(opts['inc']) },
    ].filter((x) => x !== undefined) as SuggestFor[];
    if (given.length !== 1)
      throw new UsageError('say whom suggestions are for: exactly one of --country, --org, --person, --inc');
    const limit = num('limit', opts['limit'] as string | undefined);
    await withEngine(
      ctx(),
      opts,
      true,
      (e, v) => e.suggest({ for: given[0] as SuggestFor, ...(limit === undefined ? {} : { limit }) }, v),
      (a) => renderSuggest(a, { verbose: (opts['verbose'] as unknown) === true }),
    );
  });

  common(
    program
      .command('consortium')
      .description('a project-concept team for a challenge: practitioners, research and industry across countries')
      .argument('<challengeId>', 'the challenge id')
      .option('--size <n>', 'members (default 6)')
      .option('--min-countries <n>', 'at least this many countries (default 3)')
      .option('--min-lea <n>', 'at least this many law-enforcement practitioners (default 1)')
      .option('--max-country-share <x>', 'no country above this share of members (default 0.5)')
      .option('--exclude-country <XX>', 'leave this country out (repeatable)', (v: string, acc: string[] = []) => [
        ...acc,
        v.toUpperCase(),
      ])
      .option('--verbose', 'print the score of every member too'),
  ).action(async (challengeId: string, opts: CommonOpts & Record<string, string | string[] | undefined>) => {
    const c = {
      ...(opts['size'] === undefined ? {} : { size: num('size', opts['size'] as string) }),
      ...(opts['minCountries'] === undefined
        ? {}
        : { minCountries: num('min-countries', opts['minCountries'] as string) }),
      ...(opts['minLea'] === undefined ? {} : { minLea: num('min-lea', opts['minLea'] as string) }),
      ...(opts['maxCountryShare'] === undefined
        ? {}
        : { maxCountryShare: num('max-country-share', opts['maxCountryShare'] as string) }),
      ...(opts['excludeCountry'] === undefined ? {} : { excludeCountries: opts['excludeCountry'] as string[] }),
    };
    await withEngine(
      ctx(),
      opts,
      true,
      (e, v) => e.consortium(challengeId, c, v),
      (a) => renderConsortium(a, { verbose: (opts['verbose'] as unknown) === true }),
    );
  });
}

const pct = (x: number | null) => (x === null ? 'new' : `${x >= 0 ? '+' : ''}${Math.round(x * 100)} %`);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function renderTrends(t: TrendsAnswer): string {
  if (t.series.length === 0) return `${t.empty ?? 'nothing to show'}\n`;
  const out = [
    `trends by ${t.by}, ${t.buckets[0]}–${t.buckets.at(-1)} (growth: last ${t.window} ${t.unit}s vs the ${t.window} before)`,
    '',
  ];
  out.push(`${'series'.padEnd(44)} challenges  projects  results  growth`);
  for (const s of t.series) {
    out.push(
      `${s.label.slice(0, 43).padEnd(44)} ${String(sum(s.counts.challenges)).padStart(10)} ${String(sum(s.counts.projects)).padStart(9)} ${String(sum(s.counts.results)).padStart(8)}  ${pct(s.growth)}`,
    );
  }
  if (t.emerging.length > 0) {
    out.push('', 'emerging topics');
    for (const e of t.emerging) out.push(`  ${e.label}: ${e.recent} recent vs ${e.previous} before (${pct(e.growth)})`);
  }
  return `${out.join('\n')}\n`;
}

export function renderGaps(g: GapsAnswer): string {
  if (g.topics.length === 0) return `${g.empty ?? 'no gaps'}\n`;
  const out = [`gaps (a result is mature at ${g.minMaturity} or more)`, ''];
  out.push(`${'topic'.padEnd(44)} challenges  votes  mature/all results   gap`);
  for (const x of g.topics) {
    out.push(
      `${x.label.slice(0, 43).padEnd(44)} ${String(x.challenges).padStart(10)} ${String(x.votes).padStart(6)}  ${`${x.matureResults}/${x.results}`.padStart(18)}  ${x.gap.toFixed(2).padStart(5)}`,
    );
  }
  if (g.challenges.length > 0) {
    out.push('', 'open challenges with no mature result addressing them');
    for (const c of g.challenges)
      out.push(`  ${c.id}  ${c.title}${c.country ? ` (${c.country})` : ''}: ${c.votes} votes`);
  }
  return `${out.join('\n')}\n`;
}

export function renderNetwork(n: NetworkAnswer): string {
  if (n.organisations === 0) return `${n.empty ?? 'no network'}\n`;
  const out = [`${n.organisations} organisations, ${n.links} links, modularity ${n.modularity}`, '', 'most central'];
  for (const c of n.central)
    out.push(`  ${c.name} (${c.country ?? '?'}): degree ${c.degree}, betweenness ${c.betweenness}`);
  out.push('', 'communities');
  for (const c of n.communities.slice(0, 8)) {
    out.push(
      `  #${c.id}: ${c.size} organisations; ${c.countries.map((x) => `${x.country} ${x.count}`).join(', ')}; ${c.topics
        .map((t) => t.label)
        .slice(0, 3)
        .join(', ')}`,
    );
  }
  out.push('', 'cross-border index');
  for (const c of n.countries.slice(0, 20))
    out.push(`  ${c.country}: ${Math.round(c.crossBorderIndex * 100)} % of ${c.links} links`);
  return `${out.join('\n')}\n`;
}

export function renderPolls(polls: readonly PollAnswer[]): string {
  if (polls.length === 0) return 'no polls are visible to you\n';
  const out: string[] = [];
  for (const p of polls) {
    out.push(`${p.question} (${p.votes} votes${p.event ? `, at ${p.event.title}` : ''})`);
    for (const o of p.options) out.push(`  ${o.option}: ${o.votes} (${Math.round(o.share * 100)} %)`);
  }
  return `${out.join('\n')}\n`;
}

/** The floor a "this work answers your need" claim had to clear, in one line. */
function floorLine(f: TopicalFloor): string {
  const kinds = Object.entries(f.floors)
    .map(([k, v]) => `${k.toLowerCase()} ${v.toFixed(2)}`)
    .join(', ');
  return `topical floor: ${f.how}${kinds === '' ? '' : ` (${kinds})`}`;
}

const workRef = (w: { id: string; title: string; kind: string }): string =>
  `${w.kind.toLowerCase()} "${w.title}" (${w.id})`;

export function renderSuggest(a: SuggestAnswer, options: { verbose?: boolean } = {}): string {
  if (a.suggestions.length === 0) return `${a.empty ?? 'no suggestions'}\n`;
  const out = [
    `suggested collaborations for ${a.origins
      .map((o) => o.name)
      .slice(0, 3)
      .join(', ')}${a.origins.length > 3 ? '…' : ''}`,
  ];
  if (a.needs.length > 0) out.push(`your needs: ${a.needs.map((n) => `"${n.title}" (${n.id})`).join(', ')}`);
  out.push(floorLine(a.topicalFloor), '');
  for (const s of a.suggestions) {
    out.push(
      `${String(s.rank).padStart(3)}. ${s.to.name} (${s.to.country ?? '?'}, ${s.to.orgKind ?? '?'}) with ${s.from.name}`,
    );
    out.push(`     ${s.why}`);
    // The work behind each claim, named with its figure, so a reader can judge the claim.
    for (const c of s.complements) {
      const whose = c.need.side === 'from' ? 'your' : 'their';
      const figure =
        c.basis === 'addresses'
          ? 'stored as addressing it'
          : c.basis === 'topic'
            ? 'same topic'
            : `similarity ${(c.similarity ?? 0).toFixed(2)} over the ${(c.floor ?? 0).toFixed(2)} floor`;
      out.push(`     ${whose} need "${c.need.title}" (${c.need.id}) ← ${workRef(c.answer)}, ${figure}`);
    }
    if (options.verbose === true) {
      out.push(
        `     score ${s.scores.score}: link ${s.scores.link}, complementarity ${s.scores.complementarity}, topical ${s.scores.topical}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

export function renderConsortium(a: ConsortiumAnswer, options: { verbose?: boolean } = {}): string {
  const out = [
    `consortium for "${a.challenge.title}" (${a.challenge.id})`,
    `sub-topics: ${a.subTopics.join(', ') || '(none)'}`,
    floorLine(a.topicalFloor),
    '',
  ];
  if (a.members.length === 0) out.push('  nobody in the network visible to you has relevant work for this challenge');
  for (const m of a.members) {
    out.push(
      `  ${m.coordinator ? '*' : ' '} ${m.org.name} (${m.org.country ?? '?'}, ${m.role})${options.verbose === true ? `  ${m.score.toFixed(2)}` : ''}`,
    );
    out.push(`      ${m.why}`);
  }
  if (a.coordinator !== undefined) out.push('', `coordinator (*): ${a.coordinator.why}`);
  if (a.gaps.length > 0) {
    out.push('', 'gaps');
    for (const g of a.gaps) out.push(`  ${g.reason}`);
  }
  out.push('', 'checks');
  for (const c of a.checks) out.push(`  ${c.met ? 'ok ' : 'NO '} ${c.constraint}: ${c.detail}`);
  for (const alt of a.alternatives) {
    out.push('', `alternative: ${alt.reason}`);
    for (const m of alt.members) out.push(`    ${m.org.name} (${m.org.country ?? '?'}, ${m.role}): ${m.why}`);
  }
  return `${out.join('\n')}\n`;
}
