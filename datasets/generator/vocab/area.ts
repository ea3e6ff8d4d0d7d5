/**
 * Challenge areas: the capability themes practitioners raise needs about. Each area
 * carries the words the generator phrases challenges, results, events and polls with,
 * and how its share of challenges moves over the years, so that trend and gap views
 * have something to find.
 *
 * Templates name slots in braces: `{site}` draws from the area's own `slots`; `{lang}`
 * and `{city}` are filled from the person raising the challenge. A slot keeps its value
 * across a challenge's title and description, and across a result addressing it, so a
 * matching result reads like an answer to that very need.
 */
import { CRIME_AREAS } from './areas-crime.js';
import { DIGITAL_AREAS } from './areas-digital.js';
import { SECURITY_AREAS } from './areas-security.js';

/** Kinds of law-enforcement agency: which areas their practitioners raise needs in. */
export const LEA_FLAVOURS = ['police', 'border', 'customs', 'gendarmerie', 'cyber', 'forensic'] as const;
export type LeaFlavour = (typeof LEA_FLAVOURS)[number];

export interface Area {
  /** Stable slug, kept as `Topic.code`; topic ids are `area:<code>`. */
  readonly code: string;
  /** `Topic.label`, `Challenge.area` and the expertise label people carry. */
  readonly label: string;
  readonly description: string;
  /** How popular the area is overall, relative to the others. */
  readonly weight: number;
  /** Yearly growth of the number of challenges raised: above 1 emerging, below 1 fading. */
  readonly growth: number;
  /** First year anyone raises it (deepfakes were hardly a police matter before). */
  readonly since?: number;
  /** Agencies whose practitioners raise it most. */
  readonly flavours: readonly LeaFlavour[];
  /** Recognises a project of this area from its acronym, title, keywords and objective. */
  readonly match: RegExp;
  readonly keywords: readonly string[];
  /** Short capability phrases: poll options and event themes. */
  readonly needs: readonly string[];
  readonly slots: Readonly<Record<string, readonly string[]>>;
  /** Challenge titles, verb first ("Detect small drones over {site} at night"). */
  readonly titles: readonly string[];
  /** First sentence of a challenge, in the words of the agency raising it; `problems[i]` explains `titles[i]`. */
  readonly problems: readonly string[];
  /**
   * Result titles; `results[i]` answers `titles[i]`, entries past the titles are further
   * results of the area. A result answering a challenge reuses its slot values.
   */
  readonly results: readonly string[];
  /** Best-practice document titles. */
  readonly docs: readonly string[];
}

export const AREAS: readonly Area[] = [...DIGITAL_AREAS, ...CRIME_AREAS, ...SECURITY_AREAS];
