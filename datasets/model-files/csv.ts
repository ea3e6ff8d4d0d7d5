/**
 * Our own model as CSV, so that an INC can load its people, organisations and challenges
 * from a spreadsheet. `path` is one CSV file or a folder of them.
 *
 * Which records a file holds:
 *  - by its name: `people.csv` (or person/persons), `organisations.csv` (organizations, orgs),
 *    `challenges.csv`, `countries.csv`, `incs.csv`, `topics.csv`, `projects.csv`, `results.csv`,
 *    `events.csv`, `polls.csv`, `documents.csv`, and `relationships.csv` (relations, links);
 *  - otherwise by its columns: a `kind` column (one kind per row), or `type`, `from` and `to`
 *    (relationships).
 * Columns are the model's field names (graph/model.ts); an empty cell leaves the field out.
 * List fields (expertise, languages, keywords, roles, options) separate items with `|`;
 * true/false (or yes/no, 1/0) for flags; numbers with `.` as decimal point.
 * The separator is `,` or `;`, whichever the header line holds more of; UTF-8.
 * In a folder, node files are read before relationship files.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { IngestSource, Reject, SourceChunk } from '../../engine/ingest/index.js';
import { withOrigin } from '../../engine/ingest/index.js';
import { NODE_FIELDS, type NodeInput, type NodeKind, type RelInput } from '../../graph/index.js';
import { readCsv } from '../cordis/read-csv.js';

const CHUNK = 5_000;

const FILE_KINDS: Readonly<Record<string, NodeKind | 'relationships'>> = {
  people: 'Person',
  persons: 'Person',
  person: 'Person',
  organisations: 'Organisation',
  organisation: 'Organisation',
  organizations: 'Organisation',
  organization: 'Organisation',
  orgs: 'Organisation',
  countries: 'Country',
  country: 'Country',
  incs: 'Inc',
  inc: 'Inc',
  challenges: 'Challenge',
  challenge: 'Challenge',
  topics: 'Topic',
  topic: 'Topic',
  projects: 'Project',
  project: 'Project',
  results: 'Result',
  result: 'Result',
  events: 'Event',
  event: 'Event',
  polls: 'Poll',
  poll: 'Poll',
  documents: 'Document',
  document: 'Document',
  relationships: 'relationships',
  relations: 'relationships',
  links: 'relationships',
};

const REL_FIELDS: Readonly<Record<string, 'string' | 'number'>> = {
  type: 'string',
  from: 'string',
  to: 'string',
  role: 'string',
  value: 'number',
  option: 'string',
  weight: 'number',
  date: 'string',
};

export function modelCsvSource(path: string): IngestSource {
  return { name: 'model-csv', read: () => readModelCsv(path) };
}

/** The kind a file's name announces, if any. */
export const kindOfFile = (file: string): NodeKind | 'relationships' | undefined =>
  FILE_KINDS[
    basename(file)
      .replace(/\.csv$/iu, '')
      .toLowerCase()
  ];

async function* readModelCsv(path: string): AsyncGenerator<SourceChunk> {
  const files = (await stat(path)).isDirectory()
    ? (await readdir(path))
        .filter((f) => /\.csv$/iu.test(f))
        .sort()
        .map((f) => join(path, f))
    : [path];
  // Relationship files last, so that their ends have been read.
  const rank = (f: string) => (kindOfFile(f) === 'relationships' ? 1 : 0);
  files.sort((a, b) => rank(a) - rank(b));
  let done = 0;
  for (const file of files) {
    yield* readOne(file, done, files.length);
    done++;
  }
}

/** A cell converted to the field's shape; a cell that does not convert stays text so validation names it. */
function cell(value: string, shape: string | undefined): unknown {
  if (shape === 'string[]') {
    return value
      .split('|')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  if (shape === 'number') {
    const n = Number(value);
    return value.trim() !== '' && Number.isFinite(n) ? n : value;
  }
  if (shape === 'boolean') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'yes' || v === '1') return true;
    if (v === 'false' || v === 'no' || v === '0') return false;
  }
  return value;
}

async function* readOne(file: string, filesDone: number, filesTotal: number): AsyncGenerator<SourceChunk> {
  const fromName = kindOfFile(file);
  let nodes: NodeInput[] = [];
  let rels: RelInput[] = [];
  let rejects: Reject[] = [];
  const chunk = (): SourceChunk => {
    const c = { nodes, relationships: rels, rejects, progress: { done: filesDone, total: filesTotal, unit: 'files' } };
    nodes = [];
    rels = [];
    rejects = [];
    return c;
  };
  for await (const item of readCsv(file, { delimiter: 'auto' })) {
    if (item.reject !== undefined) {
      rejects.push(item.reject);
      continue;
    }
    const row = item.values;
    const byColumns =
      'kind' in row ? 'kind' : 'type' in row && 'from' in row && 'to' in row ? 'relationships' : undefined;
    const what = fromName ?? byColumns;
    if (what === undefined) {
      rejects.push({
        file,
        line: 0,
        reason: 'cannot tell what the file holds: name it like people.csv or add a kind column (or type, from, to)',
      });
      break;
    }
    const kind = what === 'kind' ? row['kind']?.trim() : what;
    const record: Record<string, unknown> = {};
    if (kind === 'relationships') {
      for (const [col, v] of Object.entries(row)) if (v.trim() !== '') record[col] = cell(v.trim(), REL_FIELDS[col]);
      rels.push(withOrigin(record as RelInput, file, item.line));
    } else {
      const fields = kind !== undefined && kind in NODE_FIELDS ? NODE_FIELDS[kind as NodeKind] : {};
      for (const [col, v] of Object.entries(row)) {
        if (v.trim() !== '') record[col] = cell(v.trim(), fields[col]);
      }
      if (kind !== undefined) record['kind'] = kind;
      nodes.push(withOrigin(record as NodeInput, file, item.line));
    }
    if (nodes.length + rels.length + rejects.length >= CHUNK) yield chunk();
  }
  yield chunk();
}
