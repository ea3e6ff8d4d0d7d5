/**
 * `ileanet who-solved "<text>"` and `ileanet match <challengeId>`: ranked experts,
 * organisations and works, each with the path and the scores that put it there.
 *
 * The CLI runs as a vetted network member with no organisation (`--clearance`, `--org` to
 * run as someone else), never as SYSTEM: an operator's terminal must not show restricted work.
 */
import type { Command } from 'commander';
import { createDiscovery, loadDiscoverKey, withRestricted } from '../../../engine/discover/index.js';
import { DEFAULT_MODEL, MODELS, resolveModel } from '../../../engine/embed/index.js';
import type { Answer, Hit, MatchMode, RestrictedHit, WhoSolvedFilters } from '../../../engine/match/index.js';
import { hitFacts, openMatcher, restrictedLine } from '../../../engine/match/index.js';
import type { Viewer } from '../../../graph/index.js';
import { type CliContext, reportEngineError, UsageError } from '../context.js';

interface MatchOpts {
  country?: string;
  kind?: string;
  minTrl?: string;
  limit?: string;
  perKind?: string;
  mode?: string;
  model?: string;
  clearance?: string;
  org?: string[];
  json?: boolean;
  verbose?: boolean;
}

const CLEARANCES = ['public', 'network', 'all'] as const;

export function viewerOf(opts: { clearance?: string; org?: string[] }): Viewer {
  const clearance = opts.clearance ?? 'network';
  if (!(CLEARANCES as readonly string[]).includes(clearance)) {
    throw new UsageError(`--clearance must be one of ${CLEARANCES.join(', ')}, got "${clearance}"`);
  }
  return { id: 'cli', clearance: clearance as Viewer['clearance'], orgs: opts.org ?? [] };
}

/** Numbers go to validation as numbers (or NaN), so bad values get the same ERR_INVALID_FILTER as the API. */
const num = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? Number.NaN : Number(v));

function filtersOf(opts: MatchOpts): WhoSolvedFilters {
  const f: Record<string, unknown> = {};
  if (opts.country !== undefined) f['country'] = opts.country;
  if (opts.kind !== undefined) f['orgKind'] = opts.kind;
  if (opts.minTrl !== undefined) f['minTrl'] = num(opts.minTrl);
  if (opts.limit !== undefined) f['limit'] = num(opts.limit);
  if (opts.perKind !== undefined) f['perKind'] = num(opts.perKind);
  if (opts.mode !== undefined) f['mode'] = opts.mode;
  return f as WhoSolvedFilters;
}

function withFilterOptions(cmd: Command): Command {
  return cmd
    .option('--country <XX>', 'only answers from this country (two letters, CORDIS codes: EL, UK)')
    .option(
      '--kind <kind>',
      'only organisations of this kind, and people and works tied to one: lea, academia, research, industry, public, ngo, other',
    )
    .option('--min-trl <n>', 'only results at this technology readiness level or above (1-9), and who made them')
    .option('--limit <n>', 'answers in all (1-100, default 10)')
    .option('--per-kind <n>', 'at most this many answers of each kind (1-100)')
    .option('--mode <mode>', 'hybrid (default: words and meaning), lexical (words only) or dense (meaning only)')
    .option(
      '--model <name>',
      `sentence model: ${MODELS.map((m) => m.aliases[0]).join(', ')} ($ILEANET_EMBED_MODEL, default ${resolveModel(DEFAULT_MODEL).aliases[0]})`,
    )
    .option('--clearance <level>', 'run as a viewer with this clearance: public, network (default) or all')
    .option('--org <id>', 'run as a member of this organisation (repeatable)', (v: string, acc: string[] = []) => [
      ...acc,
      v,
    ])
    .option('--json', 'print the answer as JSON')
    .option('--verbose', 'print the score parts of every answer too');
}

export function registerMatch(program: Command, ctx: () => CliContext): void {
  withFilterOptions(
    program
      .command('who-solved')
      .description(
        'who has solved a need: ranked experts, organisations and mature results, with the evidence for each',
      )
      .argument('<text>', 'the need in a few words, e.g. "drone detection at prisons"'),
  ).action(async (text: string, opts: MatchOpts) => {
    await run(ctx(), opts, (m, viewer) => m.whoSolved(text, filtersOf(opts), viewer));
  });

  withFilterOptions(
    program
      .command('match')
      .description('experts and mature results for a stored challenge (its text as the query, its topics as evidence)')
      .argument('<challengeId>', 'the challenge id, e.g. gen:challenge:42'),
  ).action(async (challengeId: string, opts: MatchOpts) => {
    await run(ctx(), opts, (m, viewer) => m.matchNeed(challengeId, viewer, filtersOf(opts)));
  });
}

async function run(
  c: CliContext,
  opts: MatchOpts,
  ask: (m: Awaited<ReturnType<typeof openMatcher>>['matcher'], viewer: Viewer) => Promise<Answer>,
): Promise<void> {
  const viewer = viewerOf(opts);
  const store = await c.openStore();
  try {
    const opened = await openMatcher({
      store,
      dataDir: c.dataDir,
      mode: (opts.mode ?? 'hybrid') as MatchMode,
      ...(opts.model === undefined ? {} : { model: opts.model }),
      ...(c.now === undefined ? {} : { now: c.now }),
      log: (l) => c.stderr.write(`${l}\n`),
    });
    try {
      const discovery = createDiscovery({ store, key: loadDiscoverKey(c.dataDir) });
      const answer = await withRestricted(discovery, await ask(opened.matcher, viewer), undefined, viewer);
      c.stdout.write(
        opts.json
          ? `${JSON.stringify({ ...answer, model: opened.model ?? null })}\n`
          : render(answer, opened.model, { verbose: opts.verbose === true }),
      );
    } finally {
      await opened.close();
    }
  } catch (e) {
    reportEngineError(c, e);
  } finally {
    await store.close();
  }
}

const SECTIONS: readonly { title: string; kinds: readonly string[] }[] = [
  { title: 'Experts', kinds: ['Person'] },
  { title: 'Organisations', kinds: ['Organisation'] },
  { title: 'Results, projects and documents', kinds: ['Result', 'Project', 'Document'] },
  { title: 'Events', kinds: ['Event'] },
];

/** The answer as a terminal reads it: one section per kind, best first, each hit with its reason, path and a snippet. */
export function render(a: Answer, model: string | undefined, options: { verbose?: boolean } = {}): string {
  const out: string[] = [];
  const how = a.mode === 'lexical' ? 'lexical' : `${a.mode}${model === undefined ? '' : `, ${model}`}`;
  out.push(`who has solved "${a.query}"  (${how}; ${a.stats.ms} ms)`);
  if (a.language !== undefined)
    out.push(
      a.language.note === undefined
        ? `  read as ${a.language.name}${a.language.model === undefined ? '' : ` (meaning: ${a.language.model})`}`
        : `  note: ${a.language.note}`,
    );
  if (a.related !== undefined && a.related.length > 0) {
    out.push('', 'Others need this too (open challenges)');
    for (const c of a.related) {
      const votes = `${c.votes.count} vote${c.votes.count === 1 ? '' : 's'}${c.votes.down > 0 ? `, ${c.votes.up} for and ${c.votes.down} against` : ''}`;
      out.push(`  - ${c.title} (${votes}) ${c.id}`);
    }
  }
  out.push(...renderRestricted(a.restricted));
  if (a.hits.length === 0) {
    out.push(`  ${a.empty ?? 'no answer'}`);
    if (a.abstained !== undefined)
      out.push('  raise it as a challenge: POST /api/challenges, or the bot command submit-challenge');
    return `${out.join('\n')}\n`;
  }
  for (const s of SECTIONS) {
    const hits = a.hits.filter((h) => s.kinds.includes(h.kind));
    if (hits.length === 0) continue;
    out.push('', s.title);
    hits.forEach((h, i) => {
      out.push(...renderHit(h, i + 1, options.verbose === true));
    });
  }
  return `${out.join('\n')}\n`;
}

/** Hit/no-hit: only what the answer carries (kind, owner's organisation kind and country) and the handle to ask with. */
function renderRestricted(restricted: readonly RestrictedHit[] | undefined): string[] {
  if (restricted === undefined || restricted.length === 0) return [];
  return [
    '',
    'Restricted work that matches (ask its owner through an introduction)',
    ...restricted.map((r) => `  - ${restrictedLine(r)}  ${r.handle}`),
  ];
}

function renderHit(h: Hit, n: number, verbose: boolean): string[] {
  const facts = hitFacts(h);
  const lines = [
    `  ${String(n).padStart(2)}. ${h.label}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}${verbose ? `  ${h.scores.final.toFixed(2)}` : ''}`,
  ];
  lines.push(`      ${h.why}`);
  if (h.path.nodes.length > 1)
    lines.push(`      path: ${h.path.nodes.map((p) => `${p.kind} "${short(p.label, 50)}"`).join(' → ')}`);
  const snippet = h.snippets.find((s) => s.matched.length > 0) ?? h.snippets[0];
  if (snippet !== undefined) lines.push(`      "${short(snippet.text, 140)}"`);
  if (!verbose) return lines;
  const s = h.scores;
  lines.push(
    `      scores: lexical #${s.lexicalRank ?? '-'}, dense #${s.denseRank ?? '-'}, fused ${s.fused.toFixed(2)}, evidence ${s.evidence.toFixed(2)}, maturity ${s.maturity.toFixed(2)}, recency ${s.recency.toFixed(2)}, diversity ×${s.diversity.toFixed(2)}`,
  );
  return lines;
}

const short = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
