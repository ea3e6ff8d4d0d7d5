/**
 * Questions in six languages on real CORDIS data: hybrid nDCG@10 of hand-translated labelled
 * queries (test/bench/quality-languages-queries.ts) next to their English originals, side by
 * side in one run, for the shipped set-up and the alternatives it was chosen over; how often
 * each language is detected; how often an answer comes back empty; and the embedding speed of
 * the multilingual model against the English default. Prints figures, asserts nothing.
 *
 *   npm run bench:languages          (npx tsx test/bench/quality-languages.ts [--english minilm] [--multilingual usem3] [--cordis dir])
 *
 * Set-ups, all with the shipped ranking defaults (engine/match/rank.ts DEFAULT_TUNING): the
 * English model answers English questions, the multilingual model (its own vector index) the
 * others; the lexical side reads each question in its language, its words also search the
 * English terms spelt like them (cognates) and, where a large enough lexicon is provisioned
 * (who-solved.ts MIN_HEADWORDS), their dictionary translations (engine/match/lexicon.ts).
 *  - before: lexicon words: that alone, each word's first sense (what ileanet did before the
 *    English rendering); 3 senses a word: three translations of each word searched together;
 *  - rendered, first / corpus / meaning sense: besides, the question rendered in English with
 *    its lexicon (engine/match/render.ts, all six lexicons) and read by the English model as a
 *    further dense list, each word's sense chosen by the dictionary's order, by the project
 *    texts' use, or by the multilingual model's closeness to the word and the question (shipped);
 *  - shipped: the meaning sense, rendered only with lexicons of RENDER_MIN_HEADWORDS or more
 *    (who-solved.ts), the rendered list at RankTuning.renderedWeight, the rendering's words
 *    replacing each word's first sense on the lexical side; beside it the corpus sense, the
 *    lexical side as read (each word's first sense, shipped until the wordnet and pivot
 *    lexicons), and weight 1.
 * English questions never take the foreign path, so their column is measured once.
 * Each nDCG is also printed for the two halves of the query list: the tuning half (even
 * positions), on which the lexicon choices were made, and the held-out half (odd positions).
 * The graph and vectors live in .cache/bench/quality/ (shared with bench:quality), so a second
 * run re-embeds nothing.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cordisSource } from '../../datasets/cordis/importer.js';
import { embedGraph } from '../../engine/embed/embed-graph.js';
import { DEFAULT_MODEL, defaultModelsDir, projectRoot, resolveModel } from '../../engine/embed/models.js';
import { maxCharsFor } from '../../engine/embed/node-text.js';
import { createOnnxEmbedder } from '../../engine/embed/onnx-embedder.js';
import { modelDir, readManifest } from '../../engine/embed/provision.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { detectLanguage, stopsOf } from '../../engine/match/language.js';
import { LexicalIndex } from '../../engine/match/lexical.js';
import { Lexicons } from '../../engine/match/lexicon.js';
import { defaultLexiconsDir } from '../../engine/match/lexicon-fetch.js';
import type { DenseSide } from '../../engine/match/ports.js';
import type { MatchMode } from '../../engine/match/query.js';
import { meaningSense, renderEnglish } from '../../engine/match/render.js';
import { createMatcher, type MatcherOptions, SENSE_PRIOR } from '../../engine/match/who-solved.js';
import { VectorIndexes } from '../../engine/vector/index-set.js';
import { VectorStore } from '../../engine/vector/vector-store.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { memo } from './memo-embedder.js';
import { ndcgAt, recallAt } from './metrics.js';
import { LANGUAGES, TRANSLATED } from './quality-languages-queries.js';
import { buildQueries, type LabelledQuery } from './quality-queries.js';

const { values: args } = parseArgs({
  options: {
    english: { type: 'string', default: DEFAULT_MODEL },
    multilingual: { type: 'string', default: 'usem3' },
    data: { type: 'string', default: join(projectRoot(), '.cache', 'bench', 'quality') },
    lexicons: { type: 'string', default: defaultLexiconsDir() },
    // Only the set-ups whose name matches this regular expression, and only these languages (comma-separated).
    setups: { type: 'string' },
    languages: { type: 'string' },
    // Each question's nDCG@10 under the shipped set-up beside its English original's, and its rendering.
    'per-query': { type: 'boolean', default: false },
    // A git worktree of the project sits elsewhere than the checkout beside the shared data.
    cordis: { type: 'string', default: resolve(projectRoot(), '..', 'shared', 'datasets', 'cordis-security') },
  },
});

const CORDIS = resolve(args.cordis);
const VIEWER: Viewer = { id: 'bench', clearance: 'network', orgs: [] };
const out = (line = '') => process.stdout.write(`${line}\n`);
type SetName = 'en' | (typeof LANGUAGES)[number];
const ONLY = args.languages?.split(',').map((l) => l.trim());
const SETS: readonly SetName[] = ['en', ...LANGUAGES.filter((l) => ONLY === undefined || ONLY.includes(l))];

async function openDense(store: GraphStore, dir: string, alias: string) {
  const embedder = await createOnnxEmbedder({ model: alias });
  const vectors = await VectorStore.open(dir);
  const indexes = new VectorIndexes({
    dataDir: dir,
    model: embedder.model,
    dims: embedder.dimensions,
    store: vectors,
    log: out,
  });
  const t = performance.now();
  const report = await embedGraph(store, embedder, indexes, { maxChars: maxCharsFor(embedder.spec.maxTokens) });
  const embedded = Object.values(report.kinds).reduce((s, k) => s + (k?.embedded ?? 0), 0);
  out(
    `${embedder.model}: ${embedded} texts embedded (the rest cached) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const side: DenseSide = { embedder: memo(embedder), index: indexes, languages: embedder.spec.languages };
  return {
    side,
    async close() {
      await indexes.close();
      await vectors.close();
      await embedder.close();
    },
  };
}

interface SetScore {
  readonly both: number;
  /** The same over the tuning half (even positions of TRANSLATED) and the held-out half (odd ones). */
  readonly tune: number;
  readonly held: number;
  readonly projects: number;
  readonly recall: number;
  readonly empty: number;
  /** Mean time of one question, ms (the whole who-solved call). */
  readonly ms: number;
  /** nDCG@10 "both" of each question, in the query list's order. */
  readonly perQuery: readonly number[];
}

const isProject = (id: string) => id.startsWith('cordis:project:');
/** The set-up createMatcher runs by default, and the one it replaced, for the targets' lines. */
const SHIPPED = 'shipped: rendered, meaning sense';
const BEFORE = 'before: lexicon words';

type Wiring = Pick<
  MatcherOptions,
  'dense' | 'multilingual' | 'crossLingual' | 'cognates' | 'lexicons' | 'translation' | 'rendering' | 'tuning'
>;

/** Mean scores of one set-up over the queries, one score per query kept for the split tables. */
async function measure(
  store: GraphStore,
  lexical: LexicalIndex,
  wiring: Wiring,
  mode: MatchMode,
  items: readonly { text: string; relevant: ReadonlySet<string> }[],
): Promise<SetScore> {
  const matcher = createMatcher({ store, lexical, ...wiring, now: () => new Date('2026-01-01T00:00:00Z') });
  const perQuery: number[] = [];
  let projects = 0;
  let recall = 0;
  let empty = 0;
  const started = performance.now();
  for (const q of items) {
    const a = await matcher.whoSolved(
      q.text,
      { kinds: ['Project', 'Organisation'], limit: 40, perKind: 20, mode },
      VIEWER,
    );
    const ranked = a.hits.map((h) => h.id);
    if (ranked.length === 0) empty++;
    perQuery.push(ndcgAt(10, ranked, q.relevant));
    recall += recallAt(20, ranked, q.relevant);
    projects += ndcgAt(10, ranked.filter(isProject), new Set([...q.relevant].filter(isProject)));
  }
  const n = Math.max(1, items.length);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    both: mean(perQuery),
    tune: mean(perQuery.filter((_, i) => i % 2 === 0)),
    held: mean(perQuery.filter((_, i) => i % 2 === 1)),
    projects: projects / n,
    recall: recall / n,
    empty: empty / n,
    ms: (performance.now() - started) / n,
    perQuery,
  };
}

async function embedSpeed(alias: string, queries: readonly string[], passages: readonly string[]) {
  const embedder = await createOnnxEmbedder({ model: alias });
  try {
    await embedder.embed(['warm up'], 'query');
    let t = performance.now();
    for (const q of queries) await embedder.embed([q], 'query');
    const query = (performance.now() - t) / queries.length;
    t = performance.now();
    for (const p of passages) await embedder.embed([p], 'passage');
    return { model: embedder.model, query, passage: (performance.now() - t) / passages.length };
  } finally {
    await embedder.close();
  }
}

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

async function main(): Promise<void> {
  if (!existsSync(join(CORDIS, 'HORIZON', 'project.csv'))) {
    out(`no CORDIS data at ${CORDIS}: nothing to measure`);
    return;
  }
  for (const m of [args.english, args.multilingual]) {
    if (readManifest(modelDir(defaultModelsDir(), resolveModel(m))) === undefined) {
      out(`${m} is not provisioned: run \`ileanet model fetch --model ${m}\` first`);
      return;
    }
  }
  const dir = args.data;
  mkdirSync(dir, { recursive: true });
  const graphDir = join(dir, `graph-${process.pid}`);
  rmSync(graphDir, { recursive: true, force: true });
  mkdirSync(graphDir, { recursive: true });
  const store = createEmbeddedStore({ path: join(graphDir, 'graph.sqlite') });
  await store.init();
  const closers: (() => Promise<void>)[] = [];
  try {
    await runIngest(store, cordisSource(CORDIS));
    const all = await buildQueries(store);
    const byId = new Map(all.map((q) => [q.id, q]));
    const pairs: { q: LabelledQuery; t: (typeof TRANSLATED)[number] }[] = [];
    for (const t of TRANSLATED) {
      const q = byId.get(t.id);
      if (q === undefined) out(`skipped ${t.id}: bench:quality no longer builds this query`);
      else if (q.text !== t.en)
        out(`skipped ${t.id}: its English text is now "${q.text}", the translations are of "${t.en}"`);
      else pairs.push({ q, t });
    }
    const sets = new Map<SetName, { text: string; relevant: ReadonlySet<string> }[]>();
    sets.set(
      'en',
      pairs.map(({ q }) => ({ text: q.text, relevant: q.relevant })),
    );
    for (const l of LANGUAGES)
      sets.set(
        l,
        pairs.map(({ q, t }) => ({ text: t.text[l], relevant: q.relevant })),
      );
    out(`queries: ${pairs.length} per language (held-out queries of bench:quality, translated by hand)`);

    const lexical = await LexicalIndex.build(store);
    const english = await openDense(store, dir, args.english);
    closers.push(english.close);
    const multi = await openDense(store, dir, args.multilingual);
    closers.push(multi.close);
    const lexicons = Lexicons.load(args.lexicons);
    const missing = LANGUAGES.filter((l) => lexicons.get(l) === undefined);
    out(
      missing.length === 0
        ? `lexicons: ${LANGUAGES.map((l) => `${l} ${lexicons.get(l)?.size.toLocaleString('en')}`).join(', ')} headwords`
        : `lexicons missing for ${missing.join(', ')} in ${args.lexicons}: run \`ileanet model fetch --model lexicons\``,
    );
    const both = { dense: english.side, multilingual: multi.side };
    const everyLexicon = { minHeadwords: 0 };
    const setups: { name: string; mode: MatchMode; wiring: Wiring }[] = [
      { name: BEFORE, mode: 'hybrid', wiring: { ...both, lexicons, rendering: { senses: 'off' } } },
      {
        name: 'before, 3 senses a word',
        mode: 'hybrid',
        wiring: { ...both, lexicons, translation: { perWord: 3 }, rendering: { senses: 'off' } },
      },
      {
        name: 'rendered all six, first sense',
        mode: 'hybrid',
        wiring: { ...both, lexicons, rendering: { ...everyLexicon, senses: 'first' } },
      },
      {
        name: 'rendered all six, corpus sense',
        mode: 'hybrid',
        wiring: { ...both, lexicons, rendering: { ...everyLexicon, senses: 'corpus' } },
      },
      {
        name: 'rendered all six, meaning sense',
        mode: 'hybrid',
        wiring: { ...both, lexicons, rendering: { ...everyLexicon, senses: 'meaning' } },
      },
      { name: 'shipped, corpus sense', mode: 'hybrid', wiring: { ...both, lexicons, rendering: { senses: 'corpus' } } },
      { name: SHIPPED, mode: 'hybrid', wiring: { ...both, lexicons } },
      ...[0, 0.5, 1].map((prior) => ({
        name: `shipped, use prior ${prior}`,
        mode: 'hybrid' as const,
        wiring: { ...both, lexicons, rendering: { prior } },
      })),
      {
        name: 'shipped, lexical side both',
        mode: 'hybrid',
        wiring: { ...both, lexicons, rendering: { lexical: 'add' } },
      },
      {
        name: 'shipped, lexical side as read',
        mode: 'hybrid',
        wiring: { ...both, lexicons, rendering: { lexical: 'none' } },
      },
      {
        name: 'shipped, rendered weight 1',
        mode: 'hybrid',
        wiring: { ...both, lexicons, tuning: { renderedWeight: 1 } },
      },
    ];
    const results = new Map<string, Map<SetName, SetScore>>();
    if (args.setups !== undefined) {
      const only = new RegExp(args.setups, 'u');
      setups.splice(0, setups.length, ...setups.filter((s) => only.test(s.name)));
    }
    for (const s of setups) {
      const row = new Map<SetName, SetScore>();
      const started = performance.now();
      for (const name of SETS) {
        // English questions never take the foreign path: measured once, under the first set-up.
        const first = results.get(setups[0]?.name ?? '')?.get('en');
        if (name === 'en' && first !== undefined && s.mode === setups[0]?.mode) row.set(name, first);
        else row.set(name, await measure(store, lexical, s.wiring, s.mode, sets.get(name) ?? []));
      }
      results.set(s.name, row);
      out(`measured ${s.name} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }

    const width = Math.max(...setups.map((s) => s.name.length));
    const header = `| ${'set-up'.padEnd(width)} | ${SETS.map((s) => s.padEnd(5)).join(' | ')} |`;
    const rule = `|${'-'.repeat(width + 2)}|${SETS.map(() => '-------').join('|')}|`;
    const table = (title: string, pick: (s: SetScore) => string) => {
      out('');
      out(title);
      out(header);
      out(rule);
      for (const s of setups) {
        const row = results.get(s.name);
        out(`| ${s.name.padEnd(width)} | ${SETS.map((n) => pick(row?.get(n) as SetScore).padEnd(5)).join(' | ')} |`);
      }
    };
    table('nDCG@10, projects and organisations in one list (what bench:quality calls "both")', (s) => f3(s.both));
    table('nDCG@10 "both", tuning half (even positions of the query list)', (s) => f3(s.tune));
    table('nDCG@10 "both", held-out half (odd positions)', (s) => f3(s.held));
    table('nDCG@10, projects only', (s) => f3(s.projects));
    table('Recall@20, both', (s) => f3(s.recall));
    table('empty answers (abstained or nothing matched)', (s) => pct(s.empty));
    table('ms per question (whole who-solved call, this machine under its load at the time)', (s) => s.ms.toFixed(0));

    out('');
    out('English renderings (engine/match/render.ts, meaning sense) of the first three questions per language');
    const frequency = (t: string) => lexical.frequency('Project', t, VIEWER);
    for (const l of LANGUAGES) {
      const lexicon = lexicons.get(l);
      if (lexicon === undefined) continue;
      for (const q of (sets.get(l) ?? []).slice(0, 3)) {
        const r = await renderEnglish(lexicon, q.text, {
          stops: stopsOf(l),
          choose: meaningSense(multi.side.embedder, frequency, SENSE_PRIOR),
        });
        out(`  ${l}: ${q.text}\n      → ${r.text}`);
      }
    }

    const shipped = results.get(SHIPPED);
    if (args['per-query'] && shipped !== undefined) {
      out('');
      out(`per question (${SHIPPED}): nDCG@10 in the language / of the English original, and the rendering`);
      const english = sets.get('en') ?? [];
      for (const l of SETS) {
        const lexicon = l === 'en' ? undefined : lexicons.get(l);
        const scores = shipped.get(l);
        if (lexicon === undefined || scores === undefined) continue;
        for (const [i, q] of (sets.get(l) ?? []).entries()) {
          const r = await renderEnglish(lexicon, q.text, {
            stops: stopsOf(l),
            choose: meaningSense(multi.side.embedder, frequency, SENSE_PRIOR),
          });
          const en = shipped.get('en')?.perQuery[i] ?? 0;
          out(
            `  ${l} ${f3(scores.perQuery[i] ?? 0)} / ${f3(en)}  ${q.text}\n      → ${r.text}\n      en: ${english[i]?.text}`,
          );
        }
      }
    }

    out('');
    out('language detection (engine/match/language.ts) on the translated queries, and English kept English');
    for (const l of LANGUAGES) {
      const texts = sets.get(l) ?? [];
      const right = texts.filter((q) => detectLanguage(q.text).code === l).length;
      out(`  ${l}: ${right}/${texts.length} detected as ${l}`);
    }
    const englishKept = all.filter((q) => detectLanguage(q.text).code === 'en').length;
    out(`  en: ${englishKept}/${all.length} of all bench:quality queries kept as English`);

    const speedPassages = (await store.list({ kind: 'Project', limit: 100 }, SYSTEM)).items.flatMap((n) =>
      n.kind === 'Project' ? [`${n.title}. ${n.objective ?? ''}`] : [],
    );
    const speedQueries = [...sets.values()].flat().map((q) => q.text);
    out('');
    out('embedding speed (one text per pass, ms per text; queries of all seven sets, 100 project texts)');
    out(`| ${'model'.padEnd(34)} | query | project text |`);
    out(`|${'-'.repeat(36)}|-------|--------------|`);
    for (const m of [args.english, args.multilingual]) {
      const s = await embedSpeed(m, speedQueries, speedPassages);
      out(`| ${s.model.padEnd(34)} | ${s.query.toFixed(1).padStart(5)} | ${s.passage.toFixed(1).padStart(12)} |`);
    }

    out('');
    for (const [label, pick] of [
      ['all', (x: SetScore) => x.both],
      ['tuning half', (x: SetScore) => x.tune],
      ['held-out half', (x: SetScore) => x.held],
    ] as const) {
      out(`targets on ${label} (${SHIPPED}; the ratio with ${BEFORE} in brackets):`);
      const row = results.get(SHIPPED);
      const old = results.get(BEFORE);
      const en = pick(row?.get('en') as SetScore);
      for (const l of SETS) {
        if (l === 'en' || row?.get(l) === undefined) continue;
        const v = pick(row?.get(l) as SetScore);
        const ratio = en === 0 ? 0 : v / en;
        const before = old?.get(l);
        const was =
          before === undefined
            ? ''
            : `; before ${pct(pick(before) / Math.max(1e-9, pick(old?.get('en') as SetScore)))}`;
        out(
          `  ${l}: hybrid nDCG@10 ${f3(v)} ≥ 0.8 × English ${f3(en)} = ${f3(0.8 * en)}: ${ratio >= 0.8 ? 'met' : 'NOT met'} (${pct(ratio)} of English${was})`,
        );
      }
    }
  } finally {
    for (const c of closers.reverse()) await c();
    await store.close();
    rmSync(graphDir, { recursive: true, force: true });
  }
}

await main();
