/**
 * Validation of what callers ask: the query text and the filters of who-solved, and the
 * options of match-need. One schema each; every failure becomes a MatchError naming the
 * field and what is wrong with it, never a zod dump.
 */
import { z } from 'zod';
import { idSchema, ORG_KINDS } from '../../graph/index.js';
import { MatchError, type MatchErrorCode } from './errors.js';

/** Longer than any sensible question, short enough to keep embedding and BM25 fast. */
export const MAX_QUERY_CHARS = 1_000;
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 10;

/**
 * Kinds a who-solved answer can be. Events (workshops, meetings, conferences) answer on their own
 * text only: they are where a theme is discussed, not evidence of who solved it.
 */
export const ANSWER_KINDS = ['Person', 'Organisation', 'Result', 'Project', 'Document', 'Event'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/**
 * `hybrid` (default) needs the dense side and fails clearly without it; `lexical` and
 * `dense` use one side only, and only when asked for explicitly.
 */
export const MATCH_MODES = ['hybrid', 'lexical', 'dense'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

const filtersSchema = z.strictObject({
  /** Two letters, either case; stored upper case as CORDIS writes it (EL, UK). */
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/u, 'must be a two-letter country code (e.g. FR, EL)')
    .transform((s) => s.toUpperCase())
    .optional(),
  orgKind: z.enum(ORG_KINDS, { error: () => `must be one of ${ORG_KINDS.join(', ')}` }).optional(),
  minTrl: z
    .number({ error: 'must be a whole number from 1 to 9' })
    .int('must be a whole number from 1 to 9')
    .min(1, 'must be a whole number from 1 to 9')
    .max(9, 'must be a whole number from 1 to 9')
    .optional(),
  limit: z
    .number({ error: `must be a whole number from 1 to ${MAX_LIMIT}` })
    .int(`must be a whole number from 1 to ${MAX_LIMIT}`)
    .min(1, `must be a whole number from 1 to ${MAX_LIMIT}`)
    .max(MAX_LIMIT, `must be a whole number from 1 to ${MAX_LIMIT}`)
    .default(DEFAULT_LIMIT),
  /** At most this many of each kind (the total is `limit`); absent means no cap per kind. */
  perKind: z
    .number({ error: `must be a whole number from 1 to ${MAX_LIMIT}` })
    .int(`must be a whole number from 1 to ${MAX_LIMIT}`)
    .min(1, `must be a whole number from 1 to ${MAX_LIMIT}`)
    .max(MAX_LIMIT, `must be a whole number from 1 to ${MAX_LIMIT}`)
    .optional(),
  kinds: z
    .array(z.enum(ANSWER_KINDS, { error: () => `must be among ${ANSWER_KINDS.join(', ')}` }))
    .min(1, 'must name at least one kind')
    .optional(),
  mode: z.enum(MATCH_MODES, { error: () => `must be one of ${MATCH_MODES.join(', ')}` }).default('hybrid'),
});

export type WhoSolvedFilters = z.input<typeof filtersSchema>;
export type ResolvedFilters = z.output<typeof filtersSchema>;

function fail(code: MatchErrorCode, error: z.ZodError): never {
  const parts = error.issues.map((i) => {
    const field = i.path.length > 0 ? i.path.join('.') : 'filters';
    // An unknown key reads best with its own name: "unknown filter: colour".
    if (i.code === 'unrecognized_keys') return `unknown filter${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}`;
    return `${field} ${i.message}`;
  });
  throw new MatchError(code, parts.join('; '));
}

/** The query text, trimmed, with inner white space collapsed; throws ERR_QUERY_EMPTY / ERR_QUERY_TOO_LONG. */
export function parseQueryText(text: unknown): string {
  if (typeof text !== 'string') throw new MatchError('ERR_QUERY_EMPTY', 'the query must be text');
  const clean = text.replace(/\s+/gu, ' ').trim();
  if (clean === '')
    throw new MatchError(
      'ERR_QUERY_EMPTY',
      'the query is empty: say what was solved, e.g. "drone detection at prisons"',
    );
  if (clean.length > MAX_QUERY_CHARS) {
    throw new MatchError(
      'ERR_QUERY_TOO_LONG',
      `the query is ${clean.length} characters long; at most ${MAX_QUERY_CHARS} are taken`,
    );
  }
  return clean;
}

/** Filters with defaults; throws ERR_INVALID_FILTER naming each bad or unknown one. */
export function parseFilters(filters: unknown = {}): ResolvedFilters {
  const parsed = filtersSchema.safeParse(filters ?? {});
  if (!parsed.success) fail('ERR_INVALID_FILTER', parsed.error);
  return parsed.data;
}

const needOptionsSchema = filtersSchema.pick({
  limit: true,
  perKind: true,
  mode: true,
  kinds: true,
  country: true,
  orgKind: true,
  minTrl: true,
});
export type MatchNeedOptions = z.input<typeof needOptionsSchema>;

/** The challenge id (checked for shape only: existence is the store's to tell). */
export function parseChallengeId(id: unknown): string {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) {
    throw new MatchError(
      'ERR_CHALLENGE_NOT_FOUND',
      `challenge id ${JSON.stringify(id)} ${parsed.error.issues[0]?.message ?? 'is invalid'}`,
    );
  }
  return parsed.data;
}

export function parseNeedOptions(options: unknown = {}): ResolvedFilters {
  const parsed = needOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) fail('ERR_INVALID_FILTER', parsed.error);
  return parsed.data;
}
