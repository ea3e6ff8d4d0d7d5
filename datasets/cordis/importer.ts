/**
 * The CORDIS importer: an IngestSource over CORDIS's CSV downloads (one programme folder,
 * e.g. H2020/, or a parent folder holding several).
 *
 * Files are streamed, never loaded whole; memory holds only sets of ids (projects,
 * organisations, topics, countries, deliverables, participations), so the full official
 * downloads with tens of thousands of projects fit.
 *
 * Order, so that a relationship's ends always come in the same or an earlier chunk:
 *  1. every project.csv (projects);
 *  2. topics.csv, euroSciVoc.csv, projectDeliverables.csv (topics, results and their links);
 *  3. every organization.csv, newest programme first (organisations, countries, participations).
 *
 * Each node is yielded once per run with its final content, so a re-run reports nothing
 * changed. An organisation listed under several names takes the name of its first row in
 * that order: the newest programme's first row naming it. (Picking by contentUpdateDate
 * would need every row of an organisation before yielding it: a map of all organisations.)
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IngestSource, Reject, SourceChunk } from '../../engine/ingest/index.js';
import { withOrigin } from '../../engine/ingest/index.js';
import type { NodeInput, RelInput } from '../../graph/index.js';
import { countryId } from './countries.js';
import { readCsv } from './read-csv.js';
import {
  callTopicRecords,
  countryCode,
  countryRecord,
  DELIVERABLE_COLUMNS,
  deliverableRecords,
  ESV_COLUMNS,
  euroSciVocRecords,
  normaliseRole,
  ORG_COLUMNS,
  organisationRecord,
  orgId,
  PROJECT_COLUMNS,
  projectId,
  projectRecord,
  ROLE_RANK,
  RowError,
  TOPIC_COLUMNS,
} from './rows.js';

export interface CordisOptions {
  /** Records per yielded chunk (default 2,000). */
  readonly chunkSize?: number;
}

/** Reads CORDIS CSV files from `dir`: a programme folder with project.csv, or a folder of such folders. */
export function cordisSource(dir: string, options: CordisOptions = {}): IngestSource {
  return { name: 'cordis', read: () => readCordis(dir, options.chunkSize ?? 2_000) };
}

/** Programme folders under `dir`, by name; `dir` itself when it holds project.csv. */
export async function findProgrammes(dir: string): Promise<string[]> {
  if (await exists(join(dir, 'project.csv'))) return [dir];
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (await exists(join(dir, e.name, 'project.csv'))) found.push(join(dir, e.name));
  }
  if (found.length === 0) throw new Error(`no CORDIS project.csv in ${dir} or in its subfolders`);
  return found;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Collects records into chunks and tracks bytes read across all files for progress. */
class Chunker {
  nodes: NodeInput[] = [];
  rels: RelInput[] = [];
  rejects: Reject[] = [];
  #doneBefore = 0;
  #current = 0;
  constructor(
    readonly size: number,
    readonly total: number,
  ) {}
  get full(): boolean {
    return this.nodes.length + this.rels.length + this.rejects.length >= this.size;
  }
  onBytes = (bytes: number) => {
    this.#current = bytes;
  };
  fileDone(size: number): void {
    this.#doneBefore += size;
    this.#current = 0;
  }
  take(): SourceChunk {
    const chunk: SourceChunk = {
      nodes: this.nodes,
      relationships: this.rels,
      rejects: this.rejects,
      progress: { done: Math.min(this.total, this.#doneBefore + this.#current), total: this.total, unit: 'bytes' },
    };
    this.nodes = [];
    this.rels = [];
    this.rejects = [];
    return chunk;
  }
}

type Columns = readonly string[];
type Handler<C extends Columns> = (
  values: Readonly<Record<C[number], string>>,
  at: { file: string; line: number },
  out: Chunker,
) => void;

/** Streams one file through `handle`, turning RowErrors into rejects; yields whenever a chunk is full. */
async function* eachRow<C extends Columns>(
  file: string,
  columns: C,
  required: readonly C[number][],
  out: Chunker,
  handle: Handler<C>,
): AsyncGenerator<SourceChunk> {
  const size = (await stat(file)).size;
  for await (const item of readCsv(file, { columns, required, onBytes: out.onBytes })) {
    if (item.reject !== undefined) out.rejects.push(item.reject);
    else {
      try {
        handle(item.values, { file, line: item.line }, out);
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        out.rejects.push({ file, line: item.line, reason: e.message });
      }
    }
    if (out.full) yield out.take();
  }
  out.fileDone(size);
}

async function* readCordis(dir: string, chunkSize: number): AsyncGenerator<SourceChunk> {
  const programmes = await findProgrammes(dir);
  const files = (name: string) => programmes.map((p) => join(p, name));
  let total = 0;
  for (const f of [
    ...files('project.csv'),
    ...files('topics.csv'),
    ...files('euroSciVoc.csv'),
    ...files('projectDeliverables.csv'),
    ...files('organization.csv'),
  ]) {
    if (await exists(f)) total += (await stat(f)).size;
  }
  const out = new Chunker(chunkSize, total);
  const projects = new Set<string>();
  const topics = new Set<string>();
  const results = new Set<string>();
  const newest = new Map<string, string>();

  const needProject = (id: string) => {
    if (!projects.has(id))
      throw new RowError(
        `project ${id.replace('cordis:project:', '')} is not in project.csv (or its row was rejected)`,
      );
  };

  for (const programme of programmes) {
    const file = join(programme, 'project.csv');
    yield* eachRow(file, PROJECT_COLUMNS, ['id', 'title'], out, (row, at) => {
      const p = projectRecord(row);
      if (projects.has(p.id)) throw new RowError(`project ${row.id.trim()} appears more than once`);
      projects.add(p.id);
      const start = (p as { startDate?: string }).startDate ?? '';
      if (start > (newest.get(programme) ?? '')) newest.set(programme, start);
      out.nodes.push(withOrigin(p, at.file, at.line));
    });
  }

  for (const programme of programmes) {
    const topicFile = join(programme, 'topics.csv');
    if (await exists(topicFile)) {
      yield* eachRow(topicFile, TOPIC_COLUMNS, ['projectID', 'topic'], out, (row, at) => {
        const { topic, about } = callTopicRecords(row);
        needProject(about.from);
        if (!topics.has(topic.id)) out.nodes.push(withOrigin(topic, at.file, at.line));
        topics.add(topic.id);
        out.rels.push(withOrigin(about, at.file, at.line));
      });
    }
    const esvFile = join(programme, 'euroSciVoc.csv');
    if (await exists(esvFile)) {
      yield* eachRow(esvFile, ESV_COLUMNS, ['projectID', 'euroSciVocPath'], out, (row, at) => {
        const { topic, about } = euroSciVocRecords(row);
        needProject(about.from);
        if (!topics.has(topic.id)) out.nodes.push(withOrigin(topic, at.file, at.line));
        topics.add(topic.id);
        out.rels.push(withOrigin(about, at.file, at.line));
      });
    }
    const deliverableFile = join(programme, 'projectDeliverables.csv');
    if (await exists(deliverableFile)) {
      yield* eachRow(deliverableFile, DELIVERABLE_COLUMNS, ['id', 'projectID'], out, (row, at) => {
        const { result, produced } = deliverableRecords(row);
        needProject(produced.from);
        if (results.has(result.id)) throw new RowError(`deliverable ${row.id.trim()} appears more than once`);
        results.add(result.id);
        out.nodes.push(withOrigin(result, at.file, at.line));
        out.rels.push(withOrigin(produced, at.file, at.line));
      });
    }
  }

  // Newest programme first, so that an organisation's name is its most recent one.
  const byRecency = [...programmes].sort(
    (a, b) => (newest.get(b) ?? '').localeCompare(newest.get(a) ?? '') || b.localeCompare(a),
  );
  const orgs = new Set<string>();
  const countries = new Set<string>();
  const participations = new Set<string>();
  /** The current project's participants: organisations listed twice keep their strongest role. */
  let block: { project: string; roles: Map<string, { role: string; at: { file: string; line: number } }> } | undefined;
  const closeBlock = () => {
    if (block === undefined) return;
    for (const [org, { role, at }] of block.roles) {
      const key = `${org}\u0000${block.project}`;
      if (participations.has(key)) continue; // the project's rows came in two separate runs of the file
      participations.add(key);
      out.rels.push(
        withOrigin<RelInput>({ type: 'PARTICIPATED_IN', from: org, to: block.project, role }, at.file, at.line),
      );
    }
    block = undefined;
  };

  for (const programme of byRecency) {
    const file = join(programme, 'organization.csv');
    if (!(await exists(file))) {
      out.rejects.push({ file, line: 0, reason: 'organization.csv is missing: no participations read' });
      continue;
    }
    yield* eachRow(file, ORG_COLUMNS, ['projectID', 'organisationID'], out, (row, at) => {
      const project = projectId(row.projectID.trim());
      needProject(project);
      const code = countryCode(row.country);
      const org = orgId(row.organisationID.trim());
      if (!orgs.has(org)) {
        const node = organisationRecord(row);
        orgs.add(org);
        if (code !== undefined && !countries.has(code)) {
          countries.add(code);
          out.nodes.push(withOrigin(countryRecord(code), at.file, at.line));
        }
        out.nodes.push(withOrigin(node, at.file, at.line));
        if (code !== undefined)
          out.rels.push(withOrigin<RelInput>({ type: 'LOCATED_IN', from: org, to: countryId(code) }, at.file, at.line));
      }
      if (block?.project !== project) closeBlock();
      block ??= { project, roles: new Map() };
      const role = normaliseRole(row.role);
      const was = block.roles.get(org);
      if (was === undefined || (ROLE_RANK[role] ?? 99) < (ROLE_RANK[was.role] ?? 99))
        block.roles.set(org, { role, at });
    });
    closeBlock();
  }
  yield out.take();
}
