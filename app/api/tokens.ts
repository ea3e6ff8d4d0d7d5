/**
 * API tokens: who may call the API, in which role, as whom. A token is a random secret
 * (`ilt_` + 32 random bytes, base64url); the server keeps only its SHA-256, so a copied tokens
 * file does not hand out access. Tokens come from, in this order:
 *  - `ILEANET_TOKENS`: a JSON array of { token | sha256, role, name?, person?, organisation? };
 *  - `ILEANET_TOKENS_FILE`, else `<data>/api-tokens.json`: { "tokens": [ { sha256, role, … } ] },
 *    written by `ileanet token create` and by `ileanet demo` (which prints the new tokens once).
 * No secret is ever written in code.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Clearance, Viewer } from '../../graph/index.js';
import { idSchema } from '../../graph/index.js';

export const ROLES = ['officer', 'inc', 'policy', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role reads as. Officers, INCs and policy makers are vetted network members and see
 * their own organisation's restricted data; administrators see everything (audits, support).
 */
export const ROLE_CLEARANCE: Readonly<Record<Role, Clearance>> = {
  officer: 'network',
  inc: 'network',
  policy: 'network',
  admin: 'all',
};

export interface TokenEntry {
  /** For operators (`ileanet token list`); never logged, never shown to other users. */
  readonly name: string;
  readonly role: Role;
  /** Hex SHA-256 of the token. */
  readonly sha256: string;
  /** Person id the token acts as (votes, raised challenges). */
  readonly person?: string;
  /** Organisation id: its restricted nodes become visible, and it owns what the token restricts. */
  readonly organisation?: string;
  readonly created?: string;
  /** Written by `ileanet demo`: replaced by new demo tokens at each demo start. */
  readonly demo?: boolean;
}

/** Whom a request runs as, once its token is known. */
export interface Principal {
  readonly role: Role;
  readonly viewer: Viewer;
  readonly person?: string;
  readonly organisation?: string;
  /** First 12 hex characters of the token's hash: tells requests apart in rate limits, names no one. */
  readonly fingerprint: string;
  /** A session from a chat link's grant: it reads, and may change nothing. */
  readonly readOnly?: boolean;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new random token. */
export const generateToken = (): string => `ilt_${randomBytes(32).toString('base64url')}`;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/u, 'must be 64 lower-case hex characters');
const entryFields = {
  name: z.string().min(1).max(200).optional(),
  role: z.enum(ROLES, { error: () => `must be one of ${ROLES.join(', ')}` }),
  person: idSchema.optional(),
  organisation: idSchema.optional(),
  created: z.string().optional(),
  demo: z.boolean().optional(),
};
const envEntry = z
  .strictObject({
    ...entryFields,
    /** The token itself: at least 24 characters, so it cannot be guessed. */
    token: z.string().min(24, 'must be at least 24 characters').optional(),
    sha256: sha256Schema.optional(),
  })
  .refine((e) => (e.token === undefined) !== (e.sha256 === undefined), 'needs exactly one of token and sha256');
const fileEntry = z.strictObject({ ...entryFields, sha256: sha256Schema });
const fileSchema = z.strictObject({ tokens: z.array(fileEntry) });

export class TokenConfigError extends Error {
  override readonly name = 'TokenConfigError';
}

function problem(where: string, error: z.ZodError): TokenConfigError {
  const i = error.issues[0];
  const path = i?.path.length ? i.path.join('.') : '';
  return new TokenConfigError(`${where}: ${path === '' ? '' : `${path} `}${i?.message ?? 'is invalid'}`);
}

export class TokenTable {
  readonly #byHash = new Map<string, TokenEntry>();
  /** Sessions exchanged for chat links' grants, by token hash; in memory, gone at restart. */
  readonly #sessions = new Map<string, { principal: Principal; until: number }>();

  constructor(entries: readonly TokenEntry[]) {
    for (const e of entries) this.#byHash.set(e.sha256, e);
  }

  get size(): number {
    return this.#byHash.size;
  }

  entries(): TokenEntry[] {
    return [...this.#byHash.values()];
  }

  /** Adds a read-only session reading as `viewer` until `until` (ms); expired ones are dropped as they are met. */
  addSession(token: string, viewer: Viewer, until: number): void {
    const sha = hashToken(token);
    this.#sessions.set(sha, {
      principal: { role: 'officer', viewer, fingerprint: sha.slice(0, 12), readOnly: true },
      until,
    });
  }

  /**
   * The principal a presented token stands for, or undefined for an unknown one. Looked up by
   * hash, so the comparison never touches the secret itself.
   */
  principal(token: string, now = Date.now()): Principal | undefined {
    const sha = hashToken(token);
    const session = this.#sessions.get(sha);
    if (session !== undefined) {
      if (session.until > now) return session.principal;
      this.#sessions.delete(sha);
      return undefined;
    }
    const e = this.#byHash.get(sha);
    if (e === undefined) return undefined;
    const fingerprint = sha.slice(0, 12);
    return {
      role: e.role,
      viewer: {
        id: `api:${fingerprint}`,
        clearance: ROLE_CLEARANCE[e.role],
        orgs: e.organisation === undefined ? [] : [e.organisation],
      },
      ...(e.person === undefined ? {} : { person: e.person }),
      ...(e.organisation === undefined ? {} : { organisation: e.organisation }),
      fingerprint,
    };
  }
}

/**
 * A read-only session for `viewer` lasting `ms`: the token a chat link's grant is exchanged for.
 * Its role is the least (officer) for routes that name roles; it reads as the grant's viewer.
 */
export function addGrantSession(
  table: TokenTable,
  viewer: Viewer,
  ms: number,
  now = Date.now(),
): { token: string; expiresAt: string } {
  const token = `igs_${randomBytes(32).toString('base64url')}`;
  table.addSession(token, viewer, now + ms);
  return { token, expiresAt: new Date(now + ms).toISOString() };
}

export const tokensFile = (dataDir: string, env: NodeJS.ProcessEnv = process.env): string =>
  env['ILEANET_TOKENS_FILE'] !== undefined && env['ILEANET_TOKENS_FILE'] !== ''
    ? env['ILEANET_TOKENS_FILE']
    : join(dataDir, 'api-tokens.json');

/** Entries of a tokens file; none when it does not exist. Throws TokenConfigError naming the bad field. */
export async function readTokensFile(file: string): Promise<TokenEntry[]> {
  if (!existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new TokenConfigError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw problem(file, parsed.error);
  return parsed.data.tokens.map((t, i) => ({ ...t, name: t.name ?? `token ${i + 1}` }));
}

/** Writes a tokens file atomically, readable by its owner only. */
export async function writeTokensFile(file: string, entries: readonly TokenEntry[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ tokens: entries }, null, 2)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

/** Entries of `ILEANET_TOKENS`; none when it is unset. */
export function tokensFromEnv(env: NodeJS.ProcessEnv = process.env): TokenEntry[] {
  const raw = env['ILEANET_TOKENS'];
  if (raw === undefined || raw.trim() === '') return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    throw new TokenConfigError(`ILEANET_TOKENS is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = z.array(envEntry).safeParse(data);
  if (!parsed.success) throw problem('ILEANET_TOKENS', parsed.error);
  return parsed.data.map(({ token, sha256, ...rest }, i) => ({
    ...rest,
    name: rest.name ?? `ILEANET_TOKENS[${i}]`,
    sha256: sha256 ?? hashToken(token ?? ''),
  }));
}

export interface LoadedTokens {
  readonly table: TokenTable;
  /** Where they came from, for the start-up line. */
  readonly sources: readonly string[];
}

export async function loadTokens(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedTokens> {
  const fromEnv = tokensFromEnv(env);
  const file = tokensFile(dataDir, env);
  const fromFile = await readTokensFile(file);
  const sources = [
    ...(fromEnv.length > 0 ? [`${fromEnv.length} from ILEANET_TOKENS`] : []),
    ...(fromFile.length > 0 ? [`${fromFile.length} from ${file}`] : []),
  ];
  return { table: new TokenTable([...fromEnv, ...fromFile]), sources };
}

export interface NewToken {
  readonly name: string;
  readonly role: Role;
  readonly person?: string;
  readonly organisation?: string;
  readonly demo?: boolean;
}

/**
 * Adds tokens to the tokens file and returns them in clear, the only time they are seen.
 * With `replaceDemo`, earlier demo tokens are dropped first (each demo start issues new ones).
 */
export async function issueTokens(
  file: string,
  tokens: readonly NewToken[],
  options: { replaceDemo?: boolean; now?: Date } = {},
): Promise<{ token: string; entry: TokenEntry }[]> {
  const kept = (await readTokensFile(file)).filter((e) => !(options.replaceDemo && e.demo));
  const created = (options.now ?? new Date()).toISOString();
  const issued = tokens.map((t) => {
    const token = generateToken();
    const entry: TokenEntry = { ...t, sha256: hashToken(token), created };
    return { token, entry };
  });
  await writeTokensFile(file, [...kept, ...issued.map((i) => i.entry)]);
  return issued;
}
