/**
 * `ileanet erase person <id> --reason "…"`, `ileanet export person <id> [--format json]` and
 * `ileanet purge`: erasure, data-subject access and retention (docs/privacy.md). The command line
 * acts as the operator, who holds the data folder and the database's credentials: it is the admin
 * role by nature (the API's routes for the same are admin only).
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { erasePerson, exportPerson, isPrivacyError } from '../../../engine/privacy/index.js';
import { idSchema } from '../../../graph/index.js';
import { erasureOptions, finishErasures, purgeNow } from '../../privacy/run.js';
import { type CliContext, UsageError } from '../context.js';

function checkId(id: string): void {
  if (!idSchema.safeParse(id).success) throw new UsageError(`"${id}" is not a node id`);
}

/** Privacy errors are the operator's to fix: one line, exit status 2. */
async function asUsage<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (isPrivacyError(e)) throw new UsageError(`${e.code}: ${e.message}`);
    throw e;
  }
}

export function registerPrivacy(program: Command, ctx: () => CliContext): void {
  program
    .command('erase')
    .description('erase a person at their request, everywhere: store, read models of every process, feed, files, logs')
    .argument('<what>', 'what to erase: person')
    .argument('<id>', 'the person id')
    .requiredOption('--reason <text>', 'why (kept in the erasure log, with the id and name struck out)')
    .option('--grace-ms <ms>', 'wait between the deletion and the feed redaction (default 4 staleness bounds)')
    .option('--json', 'print the report as JSON')
    .action(async (what: string, id: string, opts: { reason: string; graceMs?: string; json?: boolean }) => {
      if (what !== 'person') throw new UsageError(`only a person can be erased, not "${what}"`);
      checkId(id);
      const c = ctx();
      const log = (l: string) => c.stderr.write(`${l}\n`);
      const store = await c.openStore();
      try {
        await finishErasures(store, c.dataDir, log);
        const grace = opts.graceMs === undefined ? undefined : Number(opts.graceMs);
        if (grace !== undefined && !(Number.isInteger(grace) && grace >= 0)) {
          throw new UsageError(`--grace-ms must be a whole number ≥ 0, got "${opts.graceMs}"`);
        }
        const report = await asUsage(
          erasePerson(
            erasureOptions(store, c.dataDir, log, grace === undefined ? {} : { graceMs: grace }),
            id,
            opts.reason,
            'cli',
          ),
        );
        if (opts.json === true) c.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else {
          c.stdout.write(`erased ${id} (erasure ${report.erasure})\n`);
          for (const [k, n] of Object.entries(report.removed)) c.stdout.write(`  ${k}: ${n}\n`);
          c.stdout.write(`  change feed: ${report.feed.records} records in ${report.feed.segments} writes redacted\n`);
          c.stdout.write(
            report.leftovers.length === 0
              ? '  data folder: no file holds the id or the name\n'
              : `  data folder: still in ${[...new Set(report.leftovers.map((h) => h.file))].join(', ')}\n`,
          );
        }
        if (report.leftovers.length > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });

  program
    .command('export')
    .description('everything held about a person, across the store and the logs, as one JSON document')
    .argument('<what>', 'what to export: person')
    .argument('<id>', 'the person id')
    .option('--format <format>', 'json (the only one)', 'json')
    .option('--out <file>', 'write to a file (mode 0600) instead of standard output')
    .action(async (what: string, id: string, opts: { format: string; out?: string }) => {
      if (what !== 'person') throw new UsageError(`only a person can be exported, not "${what}"`);
      if (opts.format !== 'json') throw new UsageError(`--format must be json, got "${opts.format}"`);
      checkId(id);
      const c = ctx();
      const store = await c.openStore();
      try {
        const o = erasureOptions(store, c.dataDir, (l) => c.stderr.write(`${l}\n`));
        const doc = await asUsage(exportPerson(o, id));
        const text = `${JSON.stringify(doc, null, 2)}\n`;
        if (opts.out === undefined) c.stdout.write(text);
        else await writeFile(opts.out, text, { mode: 0o600 });
      } finally {
        await store.close();
      }
    });

  program
    .command('purge')
    .description('apply the retention rules now (<data>/retention.json) and say what went')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const c = ctx();
      const store = await c.openStore();
      try {
        const report = await asUsage(purgeNow(store, c.dataDir));
        if (opts.json === true) c.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else for (const [k, n] of Object.entries(report.removed)) c.stdout.write(`${k}: ${n} removed\n`);
      } finally {
        await store.close();
      }
    });
}
