/**
 * `ileanet`: the command line. Each command lives in ./commands and registers itself;
 * this file only wires global options and turns errors into one clear line and an exit code.
 */
import { Command, CommanderError } from 'commander';
import { userFacingError } from '../../engine/errors/index.js';
import { registerStats } from './commands/stats.js';
import { type CliContext, createContext, type GlobalOptions, UsageError } from './context.js';

type Register = (program: Command, ctx: () => CliContext) => void;

/** Commands written in their own modules; a missing optional one must not break the others. */
const COMMAND_MODULES: readonly { file: string; exportName: string }[] = [
  { file: './commands/ingest.js', exportName: 'registerIngest' },
  { file: './commands/model.js', exportName: 'registerModel' },
  { file: './commands/match.js', exportName: 'registerMatch' },
  { file: './commands/bots.js', exportName: 'registerBots' },
  { file: './commands/serve.js', exportName: 'registerServe' },
  { file: './commands/token.js', exportName: 'registerToken' },
  { file: './commands/analytics.js', exportName: 'registerAnalytics' },
  { file: './commands/privacy.js', exportName: 'registerPrivacy' },
  { file: './commands/digest.js', exportName: 'registerDigest' },
];

export async function buildProgram(): Promise<Command> {
  const program = new Command('ileanet')
    .description(
      "Matchmaking and analytics for Europe's law-enforcement innovation network: who has solved what, trends, gaps, collaborations.",
    )
    .option('--data <dir>', 'data folder of the embedded store (default $ILEANET_DATA or ./data)')
    .option('--backend <name>', 'graph store: embedded (default) or neo4j ($ILEANET_BACKEND; Neo4j from $NEO4J_URI…)')
    .option(
      '--as-of <day>',
      "answer as on this day (YYYY-MM-DD) in who-solved, match, the analytics commands and digest: matching's recency, trends' today, the suggestions' recent window; default today (for reports that must come out the same later)",
    )
    .showHelpAfterError('(run ileanet --help for the commands)')
    .exitOverride();
  let context: CliContext | undefined;
  const ctx = (): CliContext => {
    context ??= createContext(program.opts<GlobalOptions>());
    return context;
  };
  registerStats(program, ctx);
  for (const m of COMMAND_MODULES) {
    const mod = (await import(m.file)) as Record<string, Register | undefined>;
    mod[m.exportName]?.(program, ctx);
  }
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = await buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof UsageError) {
      process.stderr.write(`ileanet: ${e.message}\n`);
      return 2;
    }
    // A store or engine error outside the commands that map it themselves: its code and message.
    const known = userFacingError(e);
    if (known !== undefined) {
      process.stderr.write(`ileanet: ${known.code}: ${known.message}\n`);
      return 1;
    }
    process.stderr.write(`ileanet: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
