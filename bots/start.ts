/**
 * `ileanet bots` without the command line: builds the registry (built-in commands, then
 * plugins from the config), the runtime over the engine, and starts every configured adapter.
 * An adapter without config is skipped with a log line. A missing Matrix crypto binding (needed
 * only with encryption on) or a
 * bad config stops everything before anything starts; a platform that refuses or cannot be
 * reached is logged and the others run (only when none starts does this throw).
 */
import { join } from 'node:path';
import { loadGrantKey } from '../engine/grants/index.js';
import { AlertFollower } from '../engine/notify/index.js';
import { createPseudonymizer, loadRetention } from '../engine/privacy/index.js';
import type { Engine } from '../engine/service.js';
import type { BotsConfig } from './config.js';
import type { Adapter } from './core/adapter.js';
import { announceChannels, createAnnouncer } from './core/announce.js';
import { createAuditLog } from './core/audit.js';
import type { CommandLog } from './core/command.js';
import { createDigestScheduler } from './core/digest-schedule.js';
import { BotError } from './core/errors.js';
import { createIdentities } from './core/identity.js';
import { createOutboxRunner, type OutboxRunner } from './core/outbox.js';
import { loadPlugins } from './core/plugins.js';
import { type BotRuntime, createRuntime } from './core/runtime.js';
import { builtInRegistry } from './plugins/index.js';

export interface StartBotsOptions {
  readonly engine: Engine;
  readonly config: BotsConfig;
  readonly log: CommandLog;
  /** Checks Matrix's native binding before anything starts (tests pass their own). */
  readonly checkMatrix?: () => void;
  /** The clock of the outbox and the digest schedule (tests inject one). */
  readonly now?: () => Date;
}

export interface RunningBots {
  readonly runtime: BotRuntime;
  /** Started adapters, by platform. */
  readonly adapters: readonly Adapter[];
  /** Platforms skipped (not configured) or failed to start, with why. */
  readonly skipped: readonly { readonly platform: string; readonly reason: string }[];
  /** Delivers notices by direct message (absent when `notify.enabled` is off). */
  readonly outbox?: OutboxRunner;
  stop(): Promise<void>;
}

const HOW_TO: Readonly<Record<string, string>> = {
  slack: 'no slack section in the config and no SLACK_BOT_TOKEN',
  discord: 'no discord section in the config and no DISCORD_TOKEN',
  matrix: 'no matrix section in the config and no MATRIX_HOMESERVER_URL / MATRIX_ACCESS_TOKEN',
};

export async function startBots(o: StartBotsOptions): Promise<RunningBots> {
  const { config, log } = o;
  // Only end-to-end encryption needs the native crypto binding; without it the adapter loads an inert stand-in.
  if (config.matrix?.encryption === true) {
    const check = o.checkMatrix ?? (await import('./matrix/crypto-binding.js')).checkCryptoBinding;
    check();
  }
  const registry = builtInRegistry();
  for (const p of await loadPlugins(config.core.plugins, config.baseDir)) {
    registry.register(p.command, p.origin);
    log.info(`plugin ${p.origin}: command ${p.command.name}`);
  }
  const runtime = createRuntime({
    engine: o.engine,
    registry,
    config: config.core,
    // Chat ids and conversations as keyed hashes whose key rotates with the audit log's retention.
    audit: createAuditLog(
      config.auditPath,
      createPseudonymizer(o.engine.dataDir, loadRetention(o.engine.dataDir).auditDays).of,
    ),
    log,
    // Links from chat open the dashboard through grants the API server (same data folder) exchanges.
    grantKey: loadGrantKey(o.engine.dataDir),
  });

  const builders: { platform: string; build: () => Promise<Adapter> | undefined }[] = [
    {
      platform: 'slack',
      build: () => {
        const c = config.slack;
        return c === undefined ? undefined : import('./slack/index.js').then((m) => m.createSlackAdapter(c));
      },
    },
    {
      platform: 'discord',
      build: () => {
        const c = config.discord;
        return c === undefined ? undefined : import('./discord/index.js').then((m) => m.createDiscordAdapter(c));
      },
    },
    {
      platform: 'matrix',
      build: () => {
        const c = config.matrix;
        return c === undefined ? undefined : import('./matrix/index.js').then((m) => m.createMatrixAdapter(c));
      },
    },
  ];

  const adapters: Adapter[] = [];
  const skipped: { platform: string; reason: string }[] = [];
  const stopAll = async () => {
    for (const a of adapters.splice(0).reverse()) {
      await a.stop().catch((e: unknown) => log.error(`${a.platform}: stopping failed`, e));
    }
  };
  for (const b of builders) {
    const pending = b.build();
    if (pending === undefined) {
      const reason = `not configured (${HOW_TO[b.platform]})`;
      skipped.push({ platform: b.platform, reason });
      log.info(`${b.platform}: ${reason}; skipped`);
      continue;
    }
    const adapter = await pending;
    try {
      await adapter.start(runtime);
      adapters.push(adapter);
      log.info(`${b.platform}: started`);
    } catch (e) {
      if (e instanceof BotError && e.code === 'ERR_BOT_PLATFORM') {
        skipped.push({ platform: b.platform, reason: e.message });
        log.error(`${b.platform}: could not start; the other platforms run without it`, e);
        continue;
      }
      await stopAll();
      throw e;
    }
  }
  if (adapters.length === 0) {
    const failed = skipped.filter((s) => !s.reason.startsWith('not configured'));
    throw failed.length === 0
      ? new BotError(
          'ERR_BOT_CONFIG',
          'no chat platform is configured: set SLACK_BOT_TOKEN (with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN), DISCORD_TOKEN, or MATRIX_HOMESERVER_URL and MATRIX_ACCESS_TOKEN, or add a section to bots.json (see docs/bots.md)',
        )
      : new BotError('ERR_BOT_PLATFORM', `no chat platform could start: ${failed.map((s) => s.reason).join('; ')}`);
  }
  const n = config.core.notify;
  const channels = announceChannels(config.core.announce.channels);
  const announcer =
    n.enabled && channels.length > 0
      ? createAnnouncer({
          store: o.engine.store,
          channels,
          adapters,
          audience: config.core,
          identities: createIdentities(config.core),
          log,
          ...(o.now === undefined ? {} : { now: o.now }),
        })
      : undefined;
  // Alerts are read from the feed by whichever process runs the bots; the outbox then sends them.
  const alerts = n.enabled
    ? new AlertFollower({
        store: o.engine.store,
        whoSolved: (text, filters, viewer) => o.engine.whoSolved(text, filters, viewer),
        ...(config.core.matchMode === undefined ? {} : { matchMode: config.core.matchMode }),
        positionFile: join(o.engine.dataDir, 'bots', 'alerts.json'),
        log: (line) => log.warn(line),
        ...(announcer === undefined ? {} : { alsoOnPage: (records) => announcer.onPage(records) }),
        ...(o.now === undefined ? {} : { now: o.now }),
      })
    : undefined;
  await alerts?.catchUp();
  const digests =
    n.enabled && n.digests.length > 0
      ? createDigestScheduler(o.engine, n.digests, {
          adapters,
          audience: config.core,
          identities: createIdentities(config.core),
          log,
        })
      : undefined;
  const clock = o.now ?? (() => new Date());
  const outbox = n.enabled
    ? createOutboxRunner({
        ...(alerts === undefined
          ? {}
          : {
              beforePass: async () => {
                await alerts.catchUp();
                await digests?.tick(clock());
              },
            }),
        store: o.engine.store,
        adapters,
        channels: [announcer, digests].filter((c) => c !== undefined),
        identities: config.core.identities,
        log,
        intervalMs: n.outboxSeconds * 1_000,
        minIntervalMs: n.minIntervalSeconds * 1_000,
        retryMs: n.retrySeconds * 1_000,
        ...(config.core.dashboardUrl === undefined ? {} : { dashboardUrl: config.core.dashboardUrl }),
        ...(o.now === undefined ? {} : { now: o.now }),
      })
    : undefined;
  return {
    runtime,
    adapters,
    skipped,
    ...(outbox === undefined ? {} : { outbox }),
    async stop() {
      await outbox?.stop();
      // First the runtime: requests already taken are answered, later ones are told to send
      // again; the adapters stay connected meanwhile, so both kinds of answer go out. Then each
      // adapter waits for its own sends and disconnects.
      await runtime.close();
      await stopAll();
    },
  };
}
