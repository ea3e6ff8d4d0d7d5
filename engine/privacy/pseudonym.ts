/**
 * Pseudonymous identifiers for logs (the bots' audit log, the API's request log): a keyed
 * HMAC-SHA-256 of a chat id or person id, never the id itself. The key rotates with the retention
 * window of those logs: a new key is made when the current one is older than the window, and keys
 * older than two windows are deleted, so lines past retention can no longer be linked to anyone,
 * even by us. While a key is kept, erasure and export can still find a person's lines by computing
 * their pseudonym under each kept key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Key {
  /** Short public name of the key, written in front of each pseudonym so lines say which key made them. */
  readonly id: string;
  readonly created: string;
  readonly secret: string;
}

export const pseudonymKeysPath = (dataDir: string): string => join(dataDir, 'privacy', 'pseudonym-keys.json');

export interface Pseudonymizer {
  /** `<keyId>.<hmac>` of `value` under the current key (made or rotated when needed). */
  of(value: string): string;
  /** The pseudonyms of `value` under every kept key (to find someone's lines). */
  all(value: string): string[];
  /** Drops keys older than two windows and starts a new one when the current is past the window; returns the dropped count. */
  rotate(now?: Date): number;
}

function read(file: string): Key[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys?: Key[] };
    return Array.isArray(parsed.keys) ? parsed.keys : [];
  } catch {
    return [];
  }
}

function write(file: string, keys: readonly Key[]): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

const hmac = (k: Key, value: string) =>
  `${k.id}.${createHmac('sha256', Buffer.from(k.secret, 'base64')).update(value).digest('base64url').slice(0, 22)}`;

/**
 * Keys live in `<data>/privacy/pseudonym-keys.json` (mode 0600), shared by every process on the
 * data folder; a process re-reads the file when its current key is past the window, so two
 * processes converge on the newest key (the later writer's key wins, both stay usable for `all`).
 */
export function createPseudonymizer(dataDir: string, windowDays: number): Pseudonymizer {
  const file = pseudonymKeysPath(dataDir);
  const windowMs = Math.max(1, windowDays) * 86_400_000;
  let keys = read(file);
  const current = (now: Date): Key => {
    const newest = keys[keys.length - 1];
    if (newest !== undefined && now.getTime() - Date.parse(newest.created) < windowMs) return newest;
    keys = read(file);
    const again = keys[keys.length - 1];
    if (again !== undefined && now.getTime() - Date.parse(again.created) < windowMs) return again;
    const made: Key = {
      id: randomBytes(3).toString('hex'),
      created: now.toISOString(),
      secret: randomBytes(32).toString('base64'),
    };
    keys = [...keys, made];
    write(file, keys);
    return made;
  };
  return {
    of: (value) => hmac(current(new Date()), value),
    all: (value) => read(file).map((k) => hmac(k, value)),
    rotate(now = new Date()) {
      keys = read(file);
      const kept = keys.filter((k) => now.getTime() - Date.parse(k.created) < 2 * windowMs);
      const dropped = keys.length - kept.length;
      if (dropped > 0) {
        keys = kept;
        write(file, keys);
      }
      current(now);
      return dropped;
    },
  };
}
