/**
 * One CORDIS row to model records. Each mapper either returns records or throws a
 * `RowError` with the reason the row is rejected; the model's own limits (lengths, URL
 * form) are left to the pipeline's validation, which reports them with the same file and line.
 */
import type { NodeInput, OrgKind, RelInput } from '../../graph/index.js';
import { countryId, countryName } from './countries.js';
import { leaRule } from './lea.js';

export class RowError extends Error {
  override readonly name = 'RowError';
}

export const PROJECT_COLUMNS = [
  'id',
  'acronym',
  'status',
  'title',
  'startDate',
  'endDate',
  'totalCost',
  'ecMaxContribution',
  'frameworkProgramme',
  'fundingScheme',
  'objective',
  'keywords',
] as const;
export const ORG_COLUMNS = [
  'projectID',
  'organisationID',
  'name',
  'shortName',
  'SME',
  'activityType',
  'city',
  'country',
  'role',
] as const;
export const TOPIC_COLUMNS = ['projectID', 'topic', 'title'] as const;
export const ESV_COLUMNS = [
  'projectID',
  'euroSciVocCode',
  'euroSciVocPath',
  'euroSciVocTitle',
  'euroSciVocDescription',
] as const;
export const DELIVERABLE_COLUMNS = ['id', 'projectID', 'title', 'deliverableType', 'description', 'url'] as const;

type Row<C extends readonly string[]> = Readonly<Record<C[number], string>>;

export const projectId = (id: string) => `cordis:project:${id}`;
export const orgId = (pic: string) => `cordis:org:${pic}`;

const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** An id field: digits and the like, never empty or with white space (ids become part of graph ids). */
function key(value: string, column: string): string {
  const v = value.trim();
  if (v === '') throw new RowError(`${column} is empty`);
  if (/\s/u.test(v)) throw new RowError(`${column} ${JSON.stringify(v)} contains white space`);
  return v;
}

/** YYYY-MM-DD (a time after it, as newer CORDIS files write, is dropped); empty is unknown. */
export function parseDate(value: string, column: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/u.exec(v);
  const day = m === null ? undefined : `${m[1]}-${m[2]}-${m[3]}`;
  // Date.parse accepts 2021-02-30 as March 2nd; the round trip catches it.
  if (day === undefined || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    throw new RowError(`${column} ${JSON.stringify(v)} is not a date (YYYY-MM-DD)`);
  }
  return day;
}

/** Euro amounts with `.` as decimal point; a lone `,` decimal (older exports) is accepted too. */
export function parseAmount(value: string, column: string): number | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (/^-?\d+(?:\.\d+)?$/u.test(v)) return Number(v);
  if (/^-?\d+,\d+$/u.test(v)) return Number(v.replace(',', '.'));
  throw new RowError(`${column} ${JSON.stringify(v)} is not an amount`);
}

/** HORIZON's free-text keywords, comma- or semicolon-separated, trimmed, duplicates dropped. */
export function splitKeywords(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,;]/u)
        .map((k) => k.trim())
        .filter((k) => k !== ''),
    ),
  ];
}

export function projectRecord(row: Row<typeof PROJECT_COLUMNS>): NodeInput {
  const id = key(row.id, 'id');
  const startDate = parseDate(row.startDate, 'startDate');
  const endDate = parseDate(row.endDate, 'endDate');
  return {
    id: projectId(id),
    kind: 'Project',
    visibility: 'public',
    title: row.title.trim(),
    acronym: opt(row.acronym),
    objective: opt(row.objective),
    startDate,
    endDate,
    date: startDate,
    programme: opt(row.frameworkProgramme),
    fundingScheme: opt(row.fundingScheme),
    status: opt(row.status),
    totalCost: parseAmount(row.totalCost, 'totalCost'),
    ecContribution: parseAmount(row.ecMaxContribution, 'ecMaxContribution'),
    keywords: splitKeywords(row.keywords),
  };
}

/** A call topic and the project's ABOUT link to it. */
export function callTopicRecords(row: Row<typeof TOPIC_COLUMNS>): { topic: NodeInput; about: RelInput } {
  const code = key(row.topic, 'topic');
  const id = `cordis:topic:${code}`;
  return {
    topic: { id, kind: 'Topic', visibility: 'public', scheme: 'call', code, label: opt(row.title) ?? code },
    about: { type: 'ABOUT', from: projectId(key(row.projectID, 'projectID')), to: id },
  };
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/gu, '');

/** `/natural sciences/computer and information sciences` → `natural-sciences/computer-and-information-sciences`. */
export function euroSciVocSlug(path: string): string {
  return path
    .split('/')
    .map(slug)
    .filter((s) => s !== '')
    .join('/');
}

export function euroSciVocRecords(row: Row<typeof ESV_COLUMNS>): { topic: NodeInput; about: RelInput } {
  const path = row.euroSciVocPath.trim();
  const s = euroSciVocSlug(path);
  if (s === '') throw new RowError('euroSciVocPath is empty');
  const id = `euroscivoc:${s}`;
  const last =
    path
      .split('/')
      .filter((p) => p.trim() !== '')
      .at(-1) ?? path;
  return {
    topic: {
      id,
      kind: 'Topic',
      visibility: 'public',
      scheme: 'euroscivoc',
      label: opt(row.euroSciVocTitle) ?? last.trim(),
      path,
      code: opt(row.euroSciVocCode),
      description: opt(row.euroSciVocDescription),
    },
    about: { type: 'ABOUT', from: projectId(key(row.projectID, 'projectID')), to: id },
  };
}

export function deliverableRecords(row: Row<typeof DELIVERABLE_COLUMNS>): { result: NodeInput; produced: RelInput } {
  const id = `cordis:deliverable:${key(row.id, 'id')}`;
  return {
    result: {
      id,
      kind: 'Result',
      visibility: 'public',
      title: row.title.trim(),
      description: opt(row.description),
      resultType: opt(row.deliverableType),
      url: opt(row.url),
    },
    produced: { type: 'PRODUCED', from: projectId(key(row.projectID, 'projectID')), to: id },
  };
}

const ORG_KIND: Readonly<Record<string, OrgKind>> = {
  PRC: 'industry',
  HES: 'academia',
  REC: 'research',
  PUB: 'public',
  OTH: 'other',
};

/** The organisation node (kind `lea` when its name marks a law-enforcement body). */
export function organisationRecord(row: Row<typeof ORG_COLUMNS>): NodeInput {
  const pic = key(row.organisationID, 'organisationID');
  const type = row.activityType.trim();
  const code = countryCode(row.country);
  const sme = row.SME.trim().toLowerCase();
  return {
    id: orgId(pic),
    kind: 'Organisation',
    visibility: 'public',
    name: row.name.trim(),
    shortName: opt(row.shortName),
    orgKind: leaRule(row.name, type) !== undefined ? 'lea' : (ORG_KIND[type] ?? 'other'),
    country: code,
    city: opt(row.city),
    sme: sme === 'true' ? true : sme === 'false' ? false : undefined,
  };
}

/** The row's country code, checked against the codes CORDIS uses; empty is unknown. */
export function countryCode(value: string): string | undefined {
  const code = value.trim();
  if (code === '') return undefined;
  if (countryName(code) === undefined)
    throw new RowError(`country ${JSON.stringify(code)} is not a known country code`);
  return code;
}

export function countryRecord(code: string): NodeInput {
  return { id: countryId(code), kind: 'Country', visibility: 'public', code, name: countryName(code) ?? code };
}

/** Strongest role first: an organisation listed twice in one project keeps its strongest role. */
export const ROLE_RANK: Readonly<Record<string, number>> = {
  coordinator: 0,
  participant: 1,
  partner: 2,
  associatedPartner: 3,
  thirdParty: 4,
};

/** CORDIS role names as the model spells them; older exports' `beneficiary` and ERC's `hostInstitution` are participants. */
export function normaliseRole(value: string): string {
  const v = value.trim();
  const lower = v.toLowerCase();
  for (const r of Object.keys(ROLE_RANK)) if (r.toLowerCase() === lower) return r;
  if (lower === 'beneficiary' || lower === 'hostinstitution') return 'participant';
  return v;
}
