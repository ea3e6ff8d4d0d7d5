/** `ileanet digest --inc <id> [--since 7d] [--until <date>] [--format md|json]`: preview an INC's weekly digest. */
import type { Command } from 'commander';
import { buildDigest, digestMarkdown } from '../../../engine/digest/index.js';
import { openEngine } from '../../../engine/service.js';
import { type CliContext, reportEngineError, UsageError } from '../context.js';

/** `7d`, `2w`, `36h` as milliseconds. */
export function parsePeriod(text: string): number {
  const m = /^(\d{1,4})([hdw])$/u.exec(text.trim());
  if (m === null) throw new UsageError(`--since ${JSON.stringify(text)}: give a period such as 7d, 2w or 36h`);
  const unit = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[m[2] as 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

export function registerDigest(program: Command, ctx: () => CliContext): void {
  program
    .command('digest')
    .description(
      "preview an INC's weekly digest: suggested collaborations, new challenges, status changes, open polls and surveys, upcoming events, pending introductions",
    )
    .requiredOption('--inc <id>', 'the INC')
    .option('--since <period>', 'how far back (default 7d)', '7d')
    .option('--until <date>', 'end of the period (ISO date or date-time; default --as-of, else now)')
    .option('--format <format>', 'md (default) or json', 'md')
    .action(async (opts: { inc: string; since: string; until?: string; format: string }) => {
      if (opts.format !== 'md' && opts.format !== 'json') {
        throw new UsageError(`--format ${JSON.stringify(opts.format)}: md or json`);
      }
      const c = ctx();
      const until = opts.until === undefined ? (c.now?.() ?? new Date()).getTime() : Date.parse(opts.until);
      if (Number.isNaN(until)) throw new UsageError(`--until ${JSON.stringify(opts.until)} is not a date`);
      const span = parsePeriod(opts.since);
      const store = await c.openStore();
      try {
        const engine = await openEngine({
          store,
          dataDir: c.dataDir,
          mode: 'lexical',
          // The digest's suggestions as of its end.
          now: () => new Date(until),
          log: (l) => c.stderr.write(`${l}\n`),
        });
        try {
          const digest = await buildDigest({ store, suggest: (q, v) => engine.suggest(q, v) }, opts.inc, {
            since: new Date(until - span).toISOString(),
            now: new Date(until).toISOString(),
          });
          c.stdout.write(opts.format === 'json' ? `${JSON.stringify(digest, null, 2)}\n` : digestMarkdown(digest));
        } finally {
          await engine.close();
        }
      } catch (e) {
        reportEngineError(c, e);
      } finally {
        await store.close();
      }
    });
}
