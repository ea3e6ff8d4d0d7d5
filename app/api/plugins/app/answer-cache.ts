/**
 * Answers of the read-mostly analytics routes (trends, gaps, network, polls, report, facets),
 * kept as serialised JSON per route, query and viewer visibility class. A read model of the
 * change feed like the engine's others:
 *  - valid only while the engine's read models stand at the feed seq they were computed at
 *    (`Engine.fresh()`, which first catches them up within the staleness bound), so any write
 *    (this process's, a CLI ingest's, a bot's, another server's) is seen by the next request;
 *  - and for `ttlMs` at most, because on a large graph the analytics keep serving the previous
 *    snapshot while a new one loads in the background: an answer computed then is re-asked soon;
 *  - computed once when many ask at the same moment (the others wait for that computation).
 * An analytics answer on the 100,000-person graph costs ~25 ms of CPU; a cached one the
 * feed check and a write of the bytes, which is what makes the dashboards' load cheap.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Viewer, viewerClass } from '../../../../graph/index.js';

export interface AnswerCacheOptions {
  /** Longest an answer is served, even when the revision has not moved (default 5 s). */
  readonly ttlMs: number;
  /** Answers kept (default 2,000; the oldest go first). */
  readonly entries: number;
}

export const DEFAULT_ANSWER_CACHE: AnswerCacheOptions = { ttlMs: 5_000, entries: 2_000 };

export interface AnswerCache {
  /** The JSON of `compute()`'s answer for this route and query as `viewer` sees it. Errors are not kept. */
  json(route: string, query: unknown, viewer: Viewer, compute: () => Promise<unknown>): Promise<string>;
}

declare module 'fastify' {
  interface FastifyInstance {
    answers: AnswerCache;
  }
}

/** The same query written in any key order is one entry. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

async function answerCache(app: FastifyInstance, o: { answerCache?: AnswerCacheOptions | false }): Promise<void> {
  const options = o.answerCache === false ? undefined : (o.answerCache ?? DEFAULT_ANSWER_CACHE);
  const engine = app.engine;
  const entries = new Map<string, { seq: number; at: number; json: string }>();
  const pending = new Map<string, Promise<string>>();
  let lastSeq = -1;
  app.decorate('answers', {
    async json(route, query, viewer, compute) {
      if (options === undefined) return JSON.stringify(await compute());
      const key = `${route}\u0000${canonical(query)}\u0000${viewerClass(viewer)}`;
      // The seq every read model has applied, after catching up within the staleness bound.
      const seq = await engine.fresh();
      // Answers of an earlier seq are never served again: dropped at once, so nothing an erasure
      // removed (a name in a brief, a vote in a tally) lingers in this process's memory.
      if (seq !== lastSeq) {
        entries.clear();
        lastSeq = seq;
      }
      const hit = entries.get(key);
      if (hit !== undefined && hit.seq === seq && performance.now() - hit.at < options.ttlMs) return hit.json;
      const flight = `${key}\u0000${seq}`;
      const running = pending.get(flight);
      if (running !== undefined) return running;
      const at = performance.now();
      const p = compute()
        .then((answer) => {
          const json = JSON.stringify(answer);
          entries.delete(key);
          if (entries.size >= options.entries) {
            const oldest = entries.keys().next().value;
            if (oldest !== undefined) entries.delete(oldest);
          }
          entries.set(key, { seq, at, json });
          return json;
        })
        .finally(() => pending.delete(flight));
      pending.set(flight, p);
      return p;
    },
  } satisfies AnswerCache);
}

export default fp(answerCache, { name: 'answer-cache', dependencies: ['engine'] });
