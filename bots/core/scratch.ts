/**
 * Per-caller scratch memory for follow-ups (see Scratch in command.ts): bounded, expiring,
 * in-process. A token only works for the caller who made it, so a button forwarded to
 * someone else cannot spend another person's draft.
 */
import { randomBytes } from 'node:crypto';
import type { Scratch } from './command.js';

export interface ScratchStore {
  for(callerKey: string): Scratch;
}

export function createScratchStore(
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): ScratchStore {
  const ttl = options.ttlMs ?? 30 * 60_000;
  const max = options.maxEntries ?? 5_000;
  const now = options.now ?? Date.now;
  // Map keeps insertion order: the first entries are the oldest, evicted first.
  const entries = new Map<string, { owner: string; value: unknown; expires: number }>();
  return {
    for(owner) {
      return {
        put(value) {
          const t = now();
          for (const [k, e] of entries) {
            if (e.expires > t && entries.size < max) break;
            entries.delete(k);
          }
          const token = randomBytes(6).toString('base64url');
          entries.set(token, { owner, value, expires: t + ttl });
          return token;
        },
        take(token) {
          const e = entries.get(token);
          if (e === undefined || e.owner !== owner || e.expires <= now()) return undefined;
          // One use: a second click on the same "submit" button must not submit twice.
          entries.delete(token);
          return e.value;
        },
      };
    },
  };
}
