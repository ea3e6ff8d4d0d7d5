/** Options of the generator, validated once with messages that name the field at fault. */
import { z } from 'zod';
import { DatasetError } from './errors.js';
import { COUNTRIES, COUNTRY_BY_CODE } from './vocab/countries.js';

const MAX_PEOPLE = 1_000_000;

const share = () => z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const whole = (min: number, max: number) =>
  z
    .number()
    .int('must be a whole number')
    .min(min, `must be at least ${min.toLocaleString('en')}`)
    .max(max, `must be at most ${max.toLocaleString('en')}`);

export const generatorOptionsSchema = z
  .strictObject({
    /** Same seed and options (and the same store content), same records in the same order. */
    seed: whole(0, 0xffffffff),
    people: whole(1, MAX_PEOPLE),
    /** CORDIS codes (EL, UK); default: every country the vocabulary knows. */
    countries: z
      .array(z.string())
      .min(1, 'must name at least one country')
      .refine((cs) => cs.every((c) => COUNTRY_BY_CODE.has(c)), {
        message: `may only hold known country codes (${COUNTRIES.map((c) => c.code).join(', ')})`,
      })
      .optional(),
    /** Mean number of challenges each practitioner raises. */
    challengesPerPractitioner: z.number().min(0, 'must not be negative').max(20, 'must be at most 20').default(1.2),
    /** Mean number of votes a challenge gets besides the occasional popular one. */
    votesPerChallenge: z.number().min(0, 'must not be negative').max(200, 'must be at most 200').default(4),
    /** Events in all; default one per 250 people, at least 10. */
    eventCount: whole(0, 100_000).optional(),
    /** Share of events that hold a poll. */
    pollShare: share().default(0.4),
    /** Fictional organisations when no store holds real ones; default one per 20 people, at least 8 per country. */
    organisations: whole(1, 1_000_000).optional(),
    /** Fictional projects when no store holds real ones; default one per 100 people, at least 8. */
    projects: whole(0, 100_000).optional(),
    incMembersPerCountry: whole(0, 50).default(3),
    /** Share of people and challenges visible to their own organisation only. */
    restrictedShare: share().default(0.1),
    fromYear: whole(1990, 2100).default(2016),
    toYear: whole(1990, 2100).default(2025),
    /** Records per chunk, roughly (a chunk ends between people, never inside one). */
    chunkSize: whole(100, 100_000).default(4_000),
  })
  .refine((o) => o.fromYear <= o.toYear, { message: 'must not be after toYear', path: ['fromYear'] });

export type GeneratorOptions = z.input<typeof generatorOptionsSchema>;

export interface ResolvedOptions {
  readonly seed: number;
  readonly people: number;
  readonly countries: readonly string[];
  readonly challengesPerPractitioner: number;
  readonly votesPerChallenge: number;
  readonly eventCount: number;
  readonly pollShare: number;
  readonly organisations: number;
  readonly projects: number;
  readonly incMembersPerCountry: number;
  readonly restrictedShare: number;
  readonly fromYear: number;
  readonly toYear: number;
  readonly chunkSize: number;
}

/** Validates and fills in defaults; throws `DatasetError` `ERR_INVALID_OPTIONS` naming every bad field. */
export function resolveOptions(input: GeneratorOptions): ResolvedOptions {
  const parsed = generatorOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.length > 0 ? i.path.join('.') : '(options)'}: ${i.message}`,
    );
    throw new DatasetError('ERR_INVALID_OPTIONS', `invalid generator options: ${problems.join('; ')}`, problems);
  }
  const o = parsed.data;
  const countries = o.countries ? [...new Set(o.countries)] : COUNTRIES.map((c) => c.code);
  return {
    ...o,
    countries,
    eventCount: o.eventCount ?? Math.max(10, Math.round(o.people / 250)),
    organisations: o.organisations ?? Math.max(countries.length * 8, Math.round(o.people / 20)),
    projects: o.projects ?? Math.max(8, Math.round(o.people / 100)),
  };
}
