/**
 * Links from chat that open the dashboard. Chat users have no API token, so a link carries a
 * grant: a short-lived (10 minutes), single-use, read-only permission to read as one viewer (the
 * asker's, or in a shared room its audience's), signed with HMAC-SHA256 under a key kept in the
 * data folder (`grants.key`, created on first use, readable by its owner only) that the bots and
 * the API server share. The first open exchanges it for a session token; the grant's id is then
 * spent. Nothing here knows a surface: bots issue grants, the API exchanges them.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Viewer } from '../../graph/index.js';

export const GRANT_TTL_MS = 10 * 60_000;
/** How long the session a grant is exchanged for lasts. */
export const GRANT_SESSION_MS = 60 * 60_000;

export const grantKeyFile = (dataDir: string): string => join(dataDir, 'grants.key');

/** The signing key of this data folder; made (32 random bytes) on first use. */
export function loadGrantKey(dataDir: string): Buffer {
  const file = grantKeyFile(dataDir);
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

const claimsSchema = z.strictObject({
  /** The viewer to read as. */
  v: z.strictObject({
    id: z.string(),
    clearance: z.enum(['public', 'network', 'all']),
    orgs: z.array(z.string()),
  }),
  /** Expiry, ms since the epoch. */
  exp: z.number().int(),
  /** The grant's id, spent on exchange. */
  jti: z.string().min(8),
});
export type GrantClaims = z.output<typeof claimsSchema>;

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** A grant to read as `viewer`, valid for `ttlMs`. URL-safe. */
export function issueGrant(key: Buffer, viewer: Viewer, o: { now?: number; ttlMs?: number } = {}): string {
  const claims: GrantClaims = {
    v: { id: viewer.id, clearance: viewer.clearance, orgs: [...viewer.orgs] },
    exp: (o.now ?? Date.now()) + (o.ttlMs ?? GRANT_TTL_MS),
    jti: randomBytes(12).toString('base64url'),
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `igr_${payload}.${sign(key, payload)}`;
}

/** Why a grant is refused: `invalid` (forged, altered, malformed), `expired`, `used`. */
export type GrantProblem = 'invalid' | 'expired' | 'used';

/** The grant's claims when its signature holds and it has not expired; otherwise why not. */
export function readGrant(key: Buffer, grant: string, now = Date.now()): GrantClaims | GrantProblem {
  const m = /^igr_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/u.exec(grant);
  if (m?.[1] === undefined || m[2] === undefined) return 'invalid';
  const expected = Buffer.from(sign(key, m[1]));
  const given = Buffer.from(m[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8'));
  } catch {
    return 'invalid';
  }
  const claims = claimsSchema.safeParse(parsed);
  if (!claims.success) return 'invalid';
  return claims.data.exp <= now ? 'expired' : claims.data;
}

/** Spent grant ids, kept until their grant would have expired anyway. */
export class SpentGrants {
  readonly #until = new Map<string, number>();
  /** Marks `jti` spent; false when it already was. */
  spend(jti: string, exp: number, now = Date.now()): boolean {
    for (const [id, until] of this.#until) if (until <= now) this.#until.delete(id);
    if (this.#until.has(jti)) return false;
    this.#until.set(jti, exp);
    return true;
  }
}

/** The link with the grant added to its fragment's parameters (`#/search?q=…&grant=…`). */
export function withGrant(url: string, grant: string): string {
  const u = new URL(url);
  const [page, query = ''] = u.hash.replace(/^#/u, '').split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.set('grant', grant);
  u.hash = `${page === '' ? '/' : page}?${params.toString()}`;
  return u.href;
}
