/**
 * A running server: the engine opened over a store, the app built around it, listening on one
 * port for the API and the dashboard. `ileanet serve`, `ileanet demo` and the API benchmark
 * start it; `close` stops listening, then closes the engine (the store stays the caller's).
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { projectRoot } from '../../engine/embed/index.js';
import { loadGrantKey } from '../../engine/grants/index.js';
import type { MatchMode } from '../../engine/match/index.js';
import { type Engine, openEngine } from '../../engine/service.js';
import type { GraphStore } from '../../graph/index.js';
import { buildApp } from './app.js';
import type { AnswerCacheOptions } from './plugins/app/answer-cache.js';
import type { CorsOptions } from './plugins/external/cors.js';
import type { RateLimitOptions } from './plugins/external/rate-limit.js';
import type { TokenTable } from './tokens.js';

/** Where `npm run build` puts the dashboard (dashboard/vite.config.ts). */
export const DEFAULT_DASHBOARD_DIR = join(projectRoot(), 'dist', 'dashboard');

export interface ServerOptions {
  readonly store: GraphStore;
  readonly dataDir: string;
  /**
   * Follow the change feed as a long-running server does: answers at most this stale (ms) against
   * writes of other processes, background catch-up at the same pace, the analytics snapshot
   * warmed at start. Absent: the head is read before every answer and nothing runs in the background.
   */
  readonly follow?: { readonly maxStalenessMs: number };
  readonly tokens: TokenTable;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** `hybrid` (default) uses the sentence model when it is provisioned and embedded, else answers from words. */
  readonly mode?: MatchMode;
  readonly model?: string;
  /** Absent: no dashboard. */
  readonly dashboardDir?: string;
  readonly rateLimit?: RateLimitOptions;
  readonly cors?: CorsOptions;
  readonly answerCache?: AnswerCacheOptions | false;
  readonly log?: boolean | NodeJS.WritableStream;
  /** Operational lines (index rebuilt, model missing). */
  readonly say?: (line: string) => void;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly engine: Engine;
  /** `http://host:port/` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const engine = await openEngine({
    store: o.store,
    dataDir: o.dataDir,
    mode: o.mode ?? 'hybrid',
    ...(o.model === undefined ? {} : { model: o.model }),
    ...(o.say === undefined ? {} : { log: o.say }),
    ...(o.follow === undefined
      ? {}
      : { maxStalenessMs: o.follow.maxStalenessMs, followEveryMs: Math.max(50, o.follow.maxStalenessMs), warm: true }),
  });
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({
      engine,
      tokens: o.tokens,
      ...(o.dashboardDir === undefined ? {} : { dashboardDir: o.dashboardDir }),
      ...(o.rateLimit === undefined ? {} : { rateLimit: o.rateLimit }),
      ...(o.cors === undefined ? {} : { cors: o.cors }),
      ...(o.answerCache === undefined ? {} : { answerCache: o.answerCache }),
      ...(o.log === undefined ? {} : { log: o.log }),
      // The key the bots sign their dashboard links with (same data folder).
      grantKey: loadGrantKey(o.dataDir),
    });
    const host = o.host ?? '127.0.0.1';
    await app.listen({ host, port: o.port ?? 8080 });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : (o.port ?? 8080);
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    const running = app;
    return {
      app: running,
      engine,
      url: `http://${shown}:${port}/`,
      port,
      async close() {
        await running.close();
        await engine.close();
      },
    };
  } catch (e) {
    await app?.close();
    await engine.close();
    throw e;
  }
}
