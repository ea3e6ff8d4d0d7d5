/**
 * Loading an empty Neo4j database through Neo4j's offline importer (`neo4j-admin database import
 * full`; for the checkout's server, graph/neo4j/server/control.ts `importNeo4jCsv`): the records go
 * to CSV files, the server stops, the importer writes the store files directly, the server starts
 * again, and `init()` builds the indexes over what is there.
 *
 * What lands is what `upsert` would have written, property for property: each row comes from the
 * same builders (records.ts `nodeRow`, `relRow`; search.ts `termProps`), and each record is checked
 * by the same `prepareBatch` (a bad one throws GraphError, as `upsert` does, and is never written).
 * Two things a CSV cannot carry are written through `upsert` after the start instead ("replayed"):
 * - an array that is empty or holds one empty string (the importer reads either as no property),
 *   or whose items hold the array delimiter. Such a node is imported without its hash, so the
 *   replayed upsert rewrites it whole;
 * - a second record of an id, or of a relationship, already written by this load: the first goes
 *   to the importer, and the later ones are upserted over it in the order they came.
 *
 * The database must hold no node: the import replaces the whole database, and it gets a new feed
 * epoch (graph/neo4j/schema.ts ENSURE_META), so every read model rebuilds from the graph.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { GraphError } from '../errors.js';
import {
  CORE_FIELDS,
  type GraphNode,
  type GraphRel,
  NODE_FIELDS,
  type NodeKind,
  type RelType,
  relationshipSchema,
  relKey,
} from '../model.js';
import type { Analyzer } from '../search.js';
import type { Batch, GraphStore, UpsertResult } from '../store.js';
import { newUpsertResult, prepareBatch, tally } from '../validate.js';
import { SYSTEM } from '../viewer.js';
import { type Neo4jOptions, resolveNeo4jConfig } from './config.js';
import { HASH, nodeRow, relRow } from './records.js';
import { termProps } from './search.js';
import { Neo4jGraphStore } from './store.js';

/** Separates the items of an array field: a control character no text of ours is meant to hold. */
export const ARRAY_DELIMITER = '\u001f';

type CsvType = 'string' | 'double' | 'boolean' | 'long' | 'string[]';

const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;

const LINE_BREAK = /[\n\r]/u;

function typeOf(v: unknown): CsvType {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'double'; // the driver sends a JS number as a float, so upsert stores a double
  if (typeof v === 'boolean') return 'boolean';
  if (neo4j.isInt(v)) return 'long';
  if (Array.isArray(v)) return 'string[]'; // graph/model.ts: every list field is a list of strings
  throw new Error(`bulk load: no CSV type for ${JSON.stringify(v)}`);
}

/** An array the importer would read back as exactly these strings. */
const importable = (list: readonly unknown[]): boolean =>
  !(list.length === 0 || (list.length === 1 && list[0] === '')) &&
  list.every((s) => typeof s === 'string' && !s.includes(ARRAY_DELIMITER));

/** One CSV file with its columns, their types as first seen, and a header written at the end. */
class CsvFile {
  readonly #fd: number;
  readonly #types = new Map<string, CsvType>();
  /** Whether a cell holds a line break: the importer must then read fields across lines (slower). */
  multiline = false;

  constructor(
    readonly path: string,
    /** Property columns, after the id or start/end columns. */
    readonly columns: readonly string[],
    readonly lead: readonly string[],
  ) {
    this.#fd = openSync(path, 'w');
  }

  /** The cells of one row's properties; undefined when a value cannot be carried (an unimportable array). */
  cells(props: Record<string, unknown>): string | undefined {
    let line = '';
    for (const col of this.columns) {
      const v = props[col];
      line += ',';
      if (v === undefined || v === null) continue;
      const type = typeOf(v);
      const seen = this.#types.get(col);
      if (seen === undefined) this.#types.set(col, type);
      else if (seen !== type) throw new Error(`bulk load: ${this.path} column ${col} holds ${seen} and ${type}`);
      if (Array.isArray(v)) {
        if (!importable(v)) return undefined;
        line += this.#text(v.join(ARRAY_DELIMITER));
      } else line += type === 'string' ? this.#text(v as string) : String(v);
    }
    return line;
  }

  /** A quoted text cell; notes a line break in it. */
  #text(s: string): string {
    if (!this.multiline && LINE_BREAK.test(s)) this.multiline = true;
    return quote(s);
  }

  write(text: string): void {
    writeSync(this.#fd, text);
  }

  /** Closes the data file and writes its header beside it; returns [header, data]. */
  finish(): [string, string] {
    closeSync(this.#fd);
    const header = this.path.replace(/\.csv$/u, '.header.csv');
    const cols = this.columns.map((c) => {
      const t = this.#types.get(c) ?? 'string';
      return t === 'string' ? c : `${c}:${t}`;
    });
    const fd = openSync(header, 'w');
    writeSync(fd, `${[...this.lead, ...cols].join(',')}\n`);
    closeSync(fd);
    return [header, this.path];
  }
}

const REL_COLUMNS = [
  ...Object.keys(relationshipSchema.shape).filter((k) => k !== 'type' && k !== 'from' && k !== 'to'),
  HASH,
];

/**
 * What `runIngest` writes into during a bulk load (it needs `upsert`, `getNodes` and the batch
 * limit): checks each batch as `upsert` does and appends its rows to the CSV files.
 */
export class BulkCsvWriter {
  readonly capabilities = { maxBatchSize: 100_000 } as const;
  readonly #dir: string;
  readonly #analyze: Analyzer | undefined;
  readonly #nodeFiles = new Map<NodeKind, CsvFile>();
  readonly #relFiles = new Map<RelType, CsvFile>();
  /** Kind of every id written so far: relationship ends and repeated ids are checked against it. */
  readonly #kinds = new Map<string, NodeKind>();
  readonly #rels = new Set<string>();
  /** Records upserted after the import, in order (see the file's comment). */
  readonly replay: Batch[] = [];
  #closed = false;

  constructor(dir: string, analyze?: Analyzer) {
    this.#dir = dir;
    this.#analyze = analyze;
  }

  get nodes(): number {
    return this.#kinds.size;
  }

  get relationships(): number {
    return this.#rels.size;
  }

  #nodeFile(kind: NodeKind): CsvFile {
    let f = this.#nodeFiles.get(kind);
    if (f === undefined) {
      const terms = this.#analyze === undefined ? [] : Object.keys(termProps(kind, { id: '', fields: {} }));
      f = new CsvFile(join(this.#dir, `node-${kind}.csv`), [...rowColumns(kind), ...terms], ['id:ID']);
      this.#nodeFiles.set(kind, f);
    }
    return f;
  }

  #relFile(type: RelType): CsvFile {
    let f = this.#relFiles.get(type);
    if (f === undefined) {
      f = new CsvFile(join(this.#dir, `rel-${type}.csv`), REL_COLUMNS, [':START_ID', ':END_ID']);
      this.#relFiles.set(type, f);
    }
    return f;
  }

  async upsert(batch: Batch): Promise<UpsertResult> {
    if (this.#closed) throw new Error('bulk load: the CSV files are closed');
    if (batch.expect !== undefined && batch.expect.length > 0) {
      throw new GraphError('ERR_INVALID_QUERY', 'bulk load: a batch with preconditions needs the online upsert');
    }
    const prepared = await prepareBatch(batch, async (ids) => {
      const out = new Map<string, NodeKind>();
      for (const id of ids) {
        const k = this.#kinds.get(id);
        if (k !== undefined) out.set(id, k);
      }
      return out;
    });
    const result = newUpsertResult();
    const lines = new Map<CsvFile, string>();
    const add = (f: CsvFile, line: string) => lines.set(f, `${lines.get(f) ?? ''}${line}\n`);
    const again: { nodes: GraphNode[]; relationships: GraphRel[] } = { nodes: [], relationships: [] };
    for (const node of prepared.nodes) {
      if (this.#kinds.has(node.id)) {
        again.nodes.push(node);
        tally(result, 'node', node.kind, 'updated');
        continue;
      }
      const terms = this.#analyze?.(node);
      const row = { ...nodeRow(node), ...(terms === undefined ? {} : termProps(node.kind, terms)) };
      const f = this.#nodeFile(node.kind);
      let cells = f.cells(row);
      if (cells === undefined) {
        // Imported without its hash and its arrays, then upserted whole (the file's comment).
        const plain = Object.fromEntries(
          Object.entries(row).filter(([k, v]) => k !== HASH && !(Array.isArray(v) && !importable(v))),
        );
        cells = f.cells(plain) as string;
        again.nodes.push(node);
      }
      add(f, `${quote(node.id)}${cells}`);
      this.#kinds.set(node.id, node.kind);
      tally(result, 'node', node.kind, 'created');
    }
    for (const rel of prepared.relationships) {
      const key = relKey(rel);
      if (this.#rels.has(key)) {
        again.relationships.push(rel);
        tally(result, 'rel', rel.type, 'updated');
        continue;
      }
      const f = this.#relFile(rel.type);
      add(f, `${quote(rel.from)},${quote(rel.to)}${f.cells(relRow(rel).p) as string}`);
      this.#rels.add(key);
      tally(result, 'rel', rel.type, 'created');
    }
    for (const [f, text] of lines) f.write(text);
    if (again.nodes.length + again.relationships.length > 0) this.replay.push(again);
    return result;
  }

  /** The database is empty (bulkLoadNeo4j checks): nothing outside this load exists. */
  async getNodes(): Promise<GraphNode[]> {
    return [];
  }

  /** Closes the files and writes their headers: the importer's file lists. */
  finish(): Omit<CsvFiles, 'workDir'> {
    this.#closed = true;
    const files = [...this.#nodeFiles.values(), ...this.#relFiles.values()];
    return {
      arrayDelimiter: ARRAY_DELIMITER,
      multiline: files.some((f) => f.multiline),
      nodes: [...this.#nodeFiles].map(([kind, f]) => ({ labels: ['Node', kind], files: f.finish() })),
      relationships: [...this.#relFiles].map(([type, f]) => ({ type, files: f.finish() })),
    };
  }
}

/** The properties `nodeRow` can give a node of `kind`, besides its id (the visibility as `vis`). */
const rowColumns = (kind: NodeKind): string[] => [
  'kind',
  'vis',
  'owner',
  'date',
  ...Object.keys(NODE_FIELDS[kind]).filter((f) => !(CORE_FIELDS as readonly string[]).includes(f)),
  HASH,
];

/** The CSV files of a load, as the importer takes them (each entry's first file is its header). */
export interface CsvFiles {
  readonly nodes: readonly { readonly labels: readonly string[]; readonly files: readonly string[] }[];
  readonly relationships: readonly { readonly type: string; readonly files: readonly string[] }[];
  /** The one character that separates the items of an array field. */
  readonly arrayDelimiter: string;
  /**
   * Whether any field holds a line break. Only then does the importer read fields across lines,
   * which makes it read each file sequentially instead of in chunks parsed in parallel (at 100,000
   * generated people, none: 13.5-14.4 s against 20.4-21.7 s for the import).
   */
  readonly multiline: boolean;
  /** Where the importer's configuration, report and output may go. */
  readonly workDir: string;
}

/**
 * The arguments of `neo4j-admin database import full` for these files, before the database name:
 * string ids, quoted multi-line text, the array delimiter in the importer's `U+` notation (no
 * control character on a command line), and no bad row tolerated.
 */
export function importArguments(files: Omit<CsvFiles, 'workDir'>): string[] {
  const code = files.arrayDelimiter.codePointAt(0) ?? 0;
  return [
    ...files.nodes.map((n) => `--nodes=${n.labels.join(':')}=${n.files.join(',')}`),
    ...files.relationships.map((r) => `--relationships=${r.type}=${r.files.join(',')}`),
    '--id-type=string',
    `--multiline-fields=${files.multiline}`,
    `--array-delimiter=U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
    '--bad-tolerance=0',
  ];
}

/**
 * The server a bulk load stops, imports into and starts again: the checkout's managed one
 * (control.ts `managedNeo4jAt`), a test's spare, or an operator's own wrapper of `neo4j-admin`.
 */
export interface BulkServer {
  readonly uri: string;
  stop(): Promise<void>;
  /**
   * Replaces the database with the files' graph, the server being stopped. On failure it leaves
   * an empty database (no half-written store) and throws with the importer's cause.
   */
  importCsv(files: CsvFiles): Promise<void>;
  /** Starts it again; resolves once it answers. */
  start(): Promise<{ uri: string }>;
}

export interface BulkLoadOptions {
  /** Connection settings besides the uri (user, password, database). */
  readonly config?: Neo4jOptions;
  /** The search terms written with each node, as an engine's upsert writes them (graph/search.ts). */
  readonly analyze?: Analyzer;
  /**
   * Replace the database whatever it holds (a benchmark's scratch graph). Without it a database
   * holding a node is refused: the import would delete it.
   */
  readonly replace?: boolean;
  /** Where the CSV files go (removed afterwards); default a new folder under the system's temp dir. */
  readonly workDir?: string;
  readonly log?: (line: string) => void;
}

export interface BulkLoadReport {
  readonly nodes: number;
  readonly relationships: number;
  /** Records upserted after the import (see the file's comment). */
  readonly replayed: number;
  /** Wall time of each step, and in all. */
  readonly seconds: Readonly<Record<'write' | 'stop' | 'import' | 'start' | 'init' | 'replay' | 'total', number>>;
}

/**
 * Loads an empty database: `fill` writes every record into the CSV writer (runIngest over it),
 * then the server stops, the importer runs, the server starts, `init()` builds the indexes and the
 * replayed records are upserted. Throws before anything stops when the database holds a node or
 * a record is bad. When the importer fails, the server starts again on an empty database and the
 * importer's error is thrown.
 */
export async function bulkLoadNeo4j(
  server: BulkServer,
  fill: (target: BulkCsvWriter) => Promise<void>,
  options: BulkLoadOptions = {},
): Promise<BulkLoadReport> {
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  const lap = (() => {
    let last = t0;
    return () => {
      const now = performance.now();
      const s = (now - last) / 1000;
      last = now;
      return s;
    };
  })();
  const before = new Neo4jGraphStore(resolveNeo4jConfig({ ...options.config, uri: server.uri }));
  try {
    await before.init();
    const held = Object.values((await before.stats(SYSTEM)).nodes).reduce((a, b) => a + (b ?? 0), 0);
    if (held > 0 && options.replace !== true) {
      throw new GraphError(
        'ERR_CONFLICT',
        `a bulk load needs an empty database: ${server.uri} holds ${held} nodes (load it with upserts, or wipe it first)`,
      );
    }
  } finally {
    await before.close();
  }
  const dir = options.workDir ?? mkdtempSync(join(tmpdir(), 'ileanet-bulk-'));
  mkdirSync(dir, { recursive: true });
  try {
    const writer = new BulkCsvWriter(dir, options.analyze);
    await fill(writer);
    const files = writer.finish();
    const write = lap();
    log(
      `bulk load: ${writer.nodes} nodes, ${writer.relationships} relationships written as CSV in ${write.toFixed(1)} s`,
    );
    await server.stop();
    const stop = lap();
    let imported: Error | undefined;
    try {
      await server.importCsv({ ...files, workDir: dir });
    } catch (e) {
      imported = e as Error;
    }
    const importS = lap();
    const { uri } = await server.start();
    const start = lap();
    if (imported !== undefined) throw imported;
    log(`bulk load: imported in ${importS.toFixed(1)} s, server back in ${start.toFixed(1)} s`);
    const store: GraphStore = new Neo4jGraphStore(resolveNeo4jConfig({ ...options.config, uri }));
    let replayed = 0;
    let init = 0;
    try {
      await store.init();
      init = lap();
      if (options.analyze !== undefined) store.fullText?.analyzeWith(options.analyze);
      for (const batch of writer.replay) {
        await store.upsert(batch);
        replayed += (batch.nodes?.length ?? 0) + (batch.relationships?.length ?? 0);
      }
    } finally {
      await store.close();
    }
    const replay = lap();
    return {
      nodes: writer.nodes,
      relationships: writer.relationships,
      replayed,
      seconds: { write, stop, import: importS, start, init, replay, total: (performance.now() - t0) / 1000 },
    };
  } finally {
    if (options.workDir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}
