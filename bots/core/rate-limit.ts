/**
 * Per-user rate limits: at most `max` commands in any `windowMs` (a sliding window of the
 * caller's own recent requests). Memory stays bounded by the number of users active within
 * one window; idle users are forgotten.
 */

export interface RateLimitConfig {
  readonly max: number;
  readonly windowMs: number;
}

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

export interface RateLimiter {
  /** Counts one request for `key` at the clock's now, unless it is over the limit (refused requests do not count). */
  take(key: string): RateDecision;
}

export function createRateLimiter(config: RateLimitConfig, now: () => number = Date.now): RateLimiter {
  const log = new Map<string, number[]>();
  let lastSweep = now();
  const sweep = (t: number) => {
    if (t - lastSweep < config.windowMs) return;
    lastSweep = t;
    for (const [key, times] of log) {
      if ((times[times.length - 1] ?? 0) <= t - config.windowMs) log.delete(key);
    }
  };
  return {
    take(key) {
      const t = now();
      sweep(t);
      const times = (log.get(key) ?? []).filter((x) => x > t - config.windowMs);
      if (times.length >= config.max) {
        log.set(key, times);
        return { ok: false, retryAfterMs: Math.max(1, (times[0] ?? t) + config.windowMs - t) };
      }
      times.push(t);
      log.set(key, times);
      return { ok: true };
    },
  };
}
