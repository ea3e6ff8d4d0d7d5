/**
 * `ileanet bots`: the chat bots (bots/) beside the engine, until SIGINT or SIGTERM. Which
 * platforms run comes from the bots config and the environment (see README, "Bots"); one
 * without config is skipped with a log line. Log lines go to stderr with a timestamp.
 */
import type { Command } from 'commander';
import type { CommandLog } from '../../../bots/core/index.js';
import { BotError } from '../../../bots/core/index.js';
import { loadBotsConfig, startBots } from '../../../bots/index.js';
import { stalenessFromEnv } from '../../../engine/feed/index.js';
import { MATCH_MODES, type MatchMode } from '../../../engine/match/index.js';
import { openEngine } from '../../../engine/service.js';
import { type CliContext, UsageError } from '../context.js';

interface BotsOpts {
  config?: string;
  mode?: string;
  model?: string;
}

function stderrLog(c: CliContext): CommandLog {
  const line = (level: string, text: string) => c.stderr.write(`${new Date().toISOString()} ${level} ${text}\n`);
  return {
    info: (t) => line('info ', t),
    warn: (t) => line('warn ', t),
    error: (t, e) => {
      const detail = e === undefined ? '' : e instanceof Error ? `: ${e.stack ?? e.message}` : `: ${String(e)}`;
      line('error', `${t}${detail}`);
    },
  };
}

/** Resolves on the first SIGINT or SIGTERM; the handlers go away with it. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (s: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** `until` resolves when the bots should stop (default: SIGINT or SIGTERM); tests pass their own. */
export function registerBots(
  program: Command,
  ctx: () => CliContext,
  until: () => Promise<string> = untilSignal,
): void {
  program
    .command('bots')
    .description('run the chat bots (Slack, Discord, Matrix) configured in bots.json and the environment, until Ctrl-C')
    .option('--config <file>', 'the bots config (default $ILEANET_BOTS_CONFIG, else <data>/bots.json when it exists)')
    .option('--mode <mode>', 'matching: hybrid (default; words only when no sentence model is provisioned) or lexical')
    .option('--model <name>', 'sentence model: minilm or e5-small ($ILEANET_EMBED_MODEL, default minilm)')
    .action(async (opts: BotsOpts) => {
      const c = ctx();
      const log = stderrLog(c);
      if (opts.mode !== undefined && !(MATCH_MODES as readonly string[]).includes(opts.mode)) {
        throw new UsageError(`--mode must be one of ${MATCH_MODES.join(', ')}, got "${opts.mode}"`);
      }
      let config: Awaited<ReturnType<typeof loadBotsConfig>>;
      try {
        config = await loadBotsConfig({
          ...(opts.config === undefined ? {} : { path: opts.config }),
          dataDir: c.dataDir,
        });
      } catch (e) {
        if (e instanceof BotError) throw new UsageError(`${e.code}: ${e.message}`);
        throw e;
      }
      log.info(`bots config: ${config.file ?? 'none (defaults and environment)'}; audit log: ${config.auditPath}`);
      const store = await c.openStore();
      try {
        const { finishErasures, schedulePurge } = await import('../../privacy/run.js');
        // Before any read model opens: an erasure a killed process left unfinished is finished first.
        await finishErasures(store, c.dataDir, (l) => log.info(l));
        const stopPurge = schedulePurge(store, c.dataDir, (l) => log.info(l));
        process.once('exit', stopPurge);
        const engine = await openEngine({
          store,
          dataDir: c.dataDir,
          mode: (opts.mode ?? 'hybrid') as MatchMode,
          ...(opts.model === undefined ? {} : { model: opts.model }),
          log: (l) => log.info(l),
          // Writes of the servers and other bots reach these answers within this bound.
          maxStalenessMs: stalenessFromEnv(),
          followEveryMs: Math.max(50, stalenessFromEnv()),
          warm: true,
        });
        try {
          if (engine.denseProblem !== undefined && config.core.matchMode === undefined) {
            log.warn(`matching on words only: ${engine.denseProblem}`);
          }
          let running: Awaited<ReturnType<typeof startBots>>;
          try {
            running = await startBots({ engine, config, log });
          } catch (e) {
            if (!(e instanceof BotError)) throw e;
            c.stderr.write(`ileanet: ${e.code}: ${e.message}\n`);
            process.exitCode = e.code === 'ERR_BOT_PLATFORM' ? 1 : 2;
            return;
          }
          log.info(`bots running: ${running.adapters.map((a) => a.platform).join(', ')}; Ctrl-C stops them`);
          const reason = await until();
          log.info(`${reason}: stopping`);
          await running.stop();
        } finally {
          await engine.close();
        }
      } finally {
        await store.close();
      }
    });
}
