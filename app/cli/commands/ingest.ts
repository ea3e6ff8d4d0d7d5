/**
 * `ileanet ingest <source> [path]`: loads CORDIS downloads, our own model files, the
 * generated network or the demo dataset into the store, with progress and a summary.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { cordisSource } from '../../../datasets/cordis/index.js';
import { GeneratorError, generatedSource } from '../../../datasets/generator/index.js';
import { modelCsvSource, modelJsonSource } from '../../../datasets/model-files/index.js';
import type { IngestSource } from '../../../engine/ingest/index.js';
import { amount, createProgress, type IngestSummary, progressMode, runIngest } from '../../../engine/ingest/index.js';
import { type GraphStore, loadNeo4jImport } from '../../../graph/index.js';
import { type CliContext, UsageError } from '../context.js';

/** Exit status when the ingest finished but rejected rows (1 is a crash, 2 a usage error). */
export const EXIT_REJECTS = 3;

const SOURCES = ['cordis', 'json', 'csv', 'generated', 'demo'] as const;
type SourceName = (typeof SOURCES)[number];

interface IngestOpts {
  batchSize: number;
  neo4jCsv?: string;
  seed?: number;
  people?: number;
  allowRejects?: boolean;
  showRejects: number;
  json?: boolean;
}

const HELP = `
Sources:
  cordis <dir>      CORDIS CSV downloads: a programme folder (project.csv, organization.csv, topics.csv,
                    euroSciVoc.csv, projectDeliverables.csv; ';'-separated, read by column name) or a
                    folder of such folders (FP7/, H2020/, HORIZON/).
  json <file>       our model as NDJSON (.ndjson/.jsonl, one record a line) or a JSON document
                    { "nodes": [...], "relationships": [...] } of graph/model.ts records; a node has
                    "kind", a relationship "type", "from", "to".
  csv <file|dir>    our model as CSV, one file per kind, named people.csv, organisations.csv,
                    challenges.csv, events.csv, ... and relationships.csv (type,from,to,role,...);
                    or any name with a "kind" column. Columns are model field names; list fields
                    (expertise, languages, keywords, roles) separate items with "|"; ',' or ';'.
  generated [opts]  the seeded synthetic network; [opts] is an optional JSON file of generator
                    options; --seed and --people override it (defaults: seed 1, 1,000 people).
                    With a CORDIS import in the store, people join its real organisations.
  demo              the small demo dataset shipped in datasets/demo.

--neo4j-csv <dir> writes the records, checked as for the store, as CSV files for Neo4j's offline
importer instead: an empty Neo4j database loaded in one pass (neo4j-admin database import full,
with the server stopped; the command to run is printed). Records a CSV cannot carry exactly go to
<dir>/replay.ndjson, for \`ileanet --backend neo4j ingest json\` once the server runs again.

Re-running the same input changes nothing ("nothing changed"); an interrupted ingest can simply
be run again. Exit status: 0 done, 3 done but rows were rejected (0 with --allow-rejects),
2 usage error, 1 failure.

Examples:
  ileanet ingest cordis ../shared/datasets/cordis-security
  ileanet ingest csv ./my-inc/          (people.csv, challenges.csv, relationships.csv)
  ileanet ingest generated --seed 7 --people 100000
`;

const wholeNumber = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${name} must be a whole number of at least ${min}, got "${value}"`);
  return n;
};

export function registerIngest(program: Command, ctx: () => CliContext): void {
  program
    .command('ingest')
    .description('load a dataset into the store: cordis, json, csv, generated or demo')
    .argument('<source>', `one of ${SOURCES.join(', ')}`)
    .argument('[path]', 'file or folder to read (see below)')
    .option('--batch-size <n>', 'records per store write, each write atomic', wholeNumber('--batch-size', 1), 25_000)
    .option('--seed <n>', 'generated: random seed', wholeNumber('--seed', 0))
    .option('--people <n>', 'generated: number of people', wholeNumber('--people', 1))
    .option('--neo4j-csv <dir>', "write CSV files for Neo4j's offline importer instead of into the store")
    .option('--allow-rejects', 'exit 0 even when rows were rejected')
    .option('--show-rejects <n>', 'rejected rows to list', wholeNumber('--show-rejects', 0), 20)
    .option('--json', 'print the summary as JSON (and no progress)')
    .addHelpText('after', HELP)
    .action(async (source: string, path: string | undefined, opts: IngestOpts) => {
      const c = ctx();
      if (!(SOURCES as readonly string[]).includes(source)) {
        throw new UsageError(`unknown source "${source}": use one of ${SOURCES.join(', ')}`);
      }
      const report = (summary: IngestSummary) => {
        if (opts.json) c.stdout.write(`${JSON.stringify(summary)}\n`);
        else c.stdout.write(render(summary, source, path, opts.showRejects));
        if (summary.rejected > 0 && !opts.allowRejects) process.exitCode = EXIT_REJECTS;
      };
      if (opts.neo4jCsv !== undefined) {
        report(await writeNeo4jCsv(c, source as SourceName, path, opts, opts.neo4jCsv));
        return;
      }
      const store = await c.openStore();
      let summary: IngestSummary;
      try {
        const input = await makeSource(source as SourceName, path, opts, store);
        const label = `ingest ${source}`;
        const progress = createProgress(c.stderr, progressMode(c.stderr, opts.json === true), label);
        try {
          summary = await runIngest(store, input, {
            batchSize: opts.batchSize,
            onProgress: (p) => progress.update(p),
          });
        } finally {
          progress.stop();
        }
      } finally {
        await store.close();
      }
      report(summary);
    });
}

/**
 * `ingest --neo4j-csv <dir>`: runIngest into the CSV files of a Neo4j offline import, the records
 * to upsert afterwards into replay.ndjson, and the importer's command on stderr. No store is opened.
 */
async function writeNeo4jCsv(
  c: CliContext,
  source: SourceName,
  path: string | undefined,
  opts: IngestOpts,
  dir: string,
): Promise<IngestSummary> {
  const out = resolve(dir);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new UsageError(`--neo4j-csv ${dir}: not an empty folder (the files of an earlier import would mix in)`);
  }
  mkdirSync(out, { recursive: true });
  const { BulkCsvWriter, importArguments } = await loadNeo4jImport();
  const writer = new BulkCsvWriter(out);
  const input = await makeSource(source, path, opts);
  const progress = createProgress(c.stderr, progressMode(c.stderr, opts.json === true), `ingest ${source}`);
  let summary: IngestSummary;
  try {
    summary = await runIngest(writer, input, { batchSize: opts.batchSize, onProgress: (p) => progress.update(p) });
  } finally {
    progress.stop();
  }
  const files = writer.finish();
  const replay = writer.replay.flatMap((b) => [...(b.nodes ?? []), ...(b.relationships ?? [])]);
  const replayFile = join(out, 'replay.ndjson');
  if (replay.length > 0) writeFileSync(replayFile, replay.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const quoteArg = (a: string) => `'${a.replaceAll("'", `'\\''`)}'`;
  c.stderr.write(
    `wrote ${writer.nodes.toLocaleString('en')} nodes and ${writer.relationships.toLocaleString('en')} relationships as CSV in ${out}\n` +
      'with the Neo4j server stopped (this replaces its database neo4j):\n' +
      `  neo4j-admin database import full ${[
        ...importArguments(files),
        '--overwrite-destination=true',
        `--report-file=${join(out, 'import.report')}`,
        'neo4j',
      ]
        .map(quoteArg)
        .join(' ')}\n` +
      'then start it; the first ileanet command on it builds the indexes' +
      (replay.length > 0
        ? `, and this writes the ${replay.length.toLocaleString('en')} records a CSV cannot carry exactly:\n  ileanet --backend neo4j ingest json ${replayFile}\n`
        : '.\n'),
  );
  return summary;
}

async function makeSource(name: SourceName, path: string | undefined, opts: IngestOpts, store?: GraphStore) {
  const need = (what: string): string => {
    if (path === undefined) throw new UsageError(`ingest ${name} needs a path: ${what}`);
    if (!existsSync(path)) throw new UsageError(`${path} does not exist`);
    return path;
  };
  switch (name) {
    case 'cordis': {
      const dir = need('a CORDIS programme folder or a folder of them');
      if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder`);
      const hasProjects =
        existsSync(join(dir, 'project.csv')) || readdirSync(dir).some((d) => existsSync(join(dir, d, 'project.csv')));
      if (!hasProjects) throw new UsageError(`no project.csv in ${dir} or in its subfolders`);
      return cordisSource(dir);
    }
    case 'json':
      return modelJsonSource(need('a .json, .ndjson or .jsonl file'));
    case 'csv':
      return modelCsvSource(need('a CSV file or a folder of CSV files'));
    case 'generated':
      return generated(path, opts, store);
    case 'demo':
      return demoSource();
  }
}

async function generated(path: string | undefined, opts: IngestOpts, store?: GraphStore): Promise<IngestSource> {
  let fromFile: Record<string, unknown> = {};
  if (path !== undefined) {
    try {
      fromFile = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`cannot read generator options from ${path}: ${(e as Error).message}`);
    }
  }
  const options = {
    seed: 1,
    people: 1_000,
    ...fromFile,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.people === undefined ? {} : { people: opts.people }),
  };
  try {
    return generatedSource(options as Parameters<typeof generatedSource>[0], store);
  } catch (e) {
    if (e instanceof GeneratorError) throw new UsageError(e.message);
    throw e;
  }
}

/** Loaded on demand, so that the other sources work even while the demo module is being rebuilt. */
async function demoSource(): Promise<IngestSource> {
  const demo = await import('../../../datasets/demo/index.js');
  return demo.demoSource();
}

const pad = (s: string, n: number) => s.padStart(n);
const n = (x: number) => x.toLocaleString('en');

function table(title: string, rows: Readonly<Record<string, { created: number; updated: number; unchanged: number }>>) {
  const entries = Object.entries(rows);
  if (entries.length === 0) return '';
  const head = `${title.padEnd(18)}${pad('created', 10)}${pad('updated', 10)}${pad('unchanged', 11)}\n`;
  return (
    head +
    entries
      .map(([k, c]) => `  ${k.padEnd(16)}${pad(n(c.created), 10)}${pad(n(c.updated), 10)}${pad(n(c.unchanged), 11)}\n`)
      .join('')
  );
}

export function render(s: IngestSummary, source: string, path: string | undefined, showRejects: number): string {
  const records = s.totals.nodes.created + s.totals.nodes.updated + s.totals.nodes.unchanged;
  const rels = s.totals.relationships.created + s.totals.relationships.updated + s.totals.relationships.unchanged;
  const secs = s.durationMs / 1000;
  const rate = secs > 0 ? ` (${amount((records + rels) / secs, 'records')}/s)` : '';
  let out = `ingest ${source}${path === undefined ? '' : ` ${path}`}: ${n(records)} nodes and ${n(rels)} relationships in ${secs.toFixed(1)} s${rate}\n`;
  if (!s.changed) {
    out += `nothing changed: the store already held all ${n(records)} nodes and ${n(rels)} relationships\n`;
  } else {
    out += table('nodes', s.nodes) + table('relationships', s.relationships);
  }
  if (s.rejected > 0) {
    out += `rejected: ${n(s.rejected)}\n`;
    for (const r of s.rejects.slice(0, showRejects)) out += `  ${r.file}:${r.line}: ${r.reason}\n`;
    const more = s.rejected - Math.min(showRejects, s.rejects.length);
    if (more > 0) out += `  … and ${n(more)} more (--show-rejects N, or --json for up to ${n(s.rejects.length)})\n`;
  }
  return out;
}
