/**
 * The opaque handle a viewer gets for a discoverable restricted work: HMAC-SHA256 of (viewer id,
 * work id) under a key kept in the data folder (`discover.key`, made on first use, readable by its
 * owner only). Per viewer, so two members cannot tell they were shown the same work; keyed and
 * one-way, so the id cannot be recovered or confirmed by guessing ids. The engine resolves a
 * handle by recomputing it over the discoverable works, never by decoding it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const discoverKeyFile = (dataDir: string): string => join(dataDir, 'discover.key');

/** The key of this data folder; made (32 random bytes) on first use. Every process of the folder shares it. */
export function loadDiscoverKey(dataDir: string): Buffer {
  const file = discoverKeyFile(dataDir);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      // `wx`: two processes starting at once do not overwrite each other's key.
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

/** `rh_` and 128 bits of the MAC: enough that handles never collide in practice. */
export function handleOf(key: Buffer, viewerId: string, workId: string): string {
  return `rh_${createHmac('sha256', key).update(`${viewerId}\u0000${workId}`).digest('base64url').slice(0, 22)}`;
}

export const HANDLE_PATTERN = /^rh_[A-Za-z0-9_-]{22}$/u;
