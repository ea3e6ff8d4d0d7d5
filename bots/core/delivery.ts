/**
 * Getting an answer out: platforms refuse bursts (Matrix `M_LIMIT_EXCEEDED` with
 * `retry_after_ms`, Slack HTTP 429 with `Retry-After`), and an answer refused is an answer lost
 * unless it is sent again after the delay the platform gave. Also what an adapter needs to stop
 * without dropping what it has started: requests in flight are finished before it disconnects.
 */

export interface RetryOptions {
  /** The delay the platform asked for, in ms, when `error` is a rate-limit refusal; undefined for any other failure. */
  readonly delayOf: (error: unknown) => number | undefined;
  /** Give up after this many attempts in all (default 20). */
  readonly maxAttempts?: number;
  /** Give up when waiting would take the total past this (default 15 minutes: later, the answer is no answer). */
  readonly maxTotalMs?: number;
  /** Told about each wait, for the log. */
  readonly onWait?: (ms: number, attempt: number) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Sent<T> {
  readonly value: T;
  /** 1 when it went out at once. */
  readonly attempts: number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Calls `send` until it succeeds; rate-limit refusals wait the delay given, other failures are thrown at once. */
export async function sendRetryingRateLimits<T>(send: () => Promise<T>, o: RetryOptions): Promise<Sent<T>> {
  const maxAttempts = o.maxAttempts ?? 20;
  const maxTotalMs = o.maxTotalMs ?? 15 * 60_000;
  const sleep = o.sleep ?? pause;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await send(), attempts: attempt };
    } catch (e) {
      const delay = o.delayOf(e);
      if (delay === undefined || attempt >= maxAttempts || waited + delay > maxTotalMs) throw e;
      // A little more than asked: the platform's window ends at that instant, not before.
      const ms = Math.max(0, Math.ceil(delay)) + 50;
      o.onWait?.(ms, attempt);
      waited += ms;
      await sleep(ms);
    }
  }
}

/**
 * One lane of sends, in order: while one waits out a rate limit the others queue behind it
 * instead of each hammering the server (and being refused) on its own.
 */
export function createSendLane(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Work in flight, so that stopping can wait for it. */
export interface InFlight {
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves when everything tracked so far (and anything tracked meanwhile) has settled. */
  drained(): Promise<void>;
  readonly size: number;
}

export function createInFlight(): InFlight {
  const pending = new Set<Promise<unknown>>();
  return {
    track(work) {
      const p = work.finally(() => pending.delete(p));
      pending.add(p);
      return p;
    },
    async drained() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    get size() {
      return pending.size;
    },
  };
}
