/**
 * Fifteen fictional projects (acronyms checked against the CORDIS security data: none is
 * taken there) and their results with maturity (TRL). Results name the challenges they
 * address by key (see challenges.ts). The projects themselves sit in two files by theme.
 */
import type { Visibility } from '../../../graph/index.js';
import { INVESTIGATION_PROJECTS } from './projects-investigation.js';
import { PROTECTION_PROJECTS } from './projects-protection.js';

export interface DemoResult {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly resultType: string;
  readonly trl: number;
  readonly date: string;
  readonly visibility?: Visibility;
  /** Organisation that leads the work (PRODUCED), and the people behind it. */
  readonly org: string;
  readonly people: readonly string[];
  readonly addresses?: readonly string[];
  readonly buildsOn?: string;
}

export interface DemoProject {
  readonly acronym: string;
  readonly title: string;
  readonly objective: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly fundingScheme: 'RIA' | 'IA' | 'CSA';
  readonly areas: readonly string[];
  readonly keywords: readonly string[];
  /** The first organisation coordinates. */
  readonly orgs: readonly string[];
  readonly people: readonly string[];
  readonly results: readonly DemoResult[];
}

export const DEMO_PROJECTS: readonly DemoProject[] = [...PROTECTION_PROJECTS, ...INVESTIGATION_PROJECTS];
