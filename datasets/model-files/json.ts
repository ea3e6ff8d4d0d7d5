/**
 * Our own model as JSON: NDJSON (`.ndjson`, `.jsonl`: one record a line) or a JSON document
 * `{ "nodes": [...], "relationships": [...] }` (any other name). Records are graph/model.ts
 * records as written (defaults may be left out). A node has `kind`, a relationship has `type`.
 *
 * NDJSON streams (two passes: nodes, then relationships, so a relationship may come before
 * its ends in the file); a JSON document is read whole, so large inputs belong in NDJSON.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { IngestSource, Reject, SourceChunk } from '../../engine/ingest/index.js';
import { withOrigin } from '../../engine/ingest/index.js';
import type { NodeInput, RelInput } from '../../graph/index.js';

const CHUNK = 5_000;

export function modelJsonSource(path: string): IngestSource {
  const ndjson = /\.(?:ndjson|jsonl)$/iu.test(path);
  return { name: ndjson ? 'model-ndjson' : 'model-json', read: () => (ndjson ? readNdjson(path) : readDocument(path)) };
}

type Classified = { node: NodeInput } | { rel: RelInput } | { reason: string };

function classify(value: unknown): Classified {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { reason: 'is not a JSON object' };
  }
  if ('kind' in value) return { node: value as NodeInput };
  if ('type' in value) return { rel: value as RelInput };
  return { reason: 'is neither a node (no "kind") nor a relationship (no "type")' };
}

async function* readNdjson(path: string): AsyncGenerator<SourceChunk> {
  const total = (await stat(path)).size * 2;
  for (const pass of ['nodes', 'relationships'] as const) {
    let nodes: NodeInput[] = [];
    let rels: RelInput[] = [];
    let rejects: Reject[] = [];
    let line = 0;
    let bytes = pass === 'nodes' ? 0 : total / 2;
    const input = createReadStream(path, { encoding: 'utf8' });
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const text of lines) {
      line++;
      bytes += Buffer.byteLength(text) + 1;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        if (pass === 'nodes') rejects.push({ file: path, line, reason: `not valid JSON: ${(e as Error).message}` });
        continue;
      }
      const c = classify(value);
      if ('reason' in c) {
        if (pass === 'nodes') rejects.push({ file: path, line, reason: `record ${c.reason}` });
      } else if ('node' in c && pass === 'nodes') nodes.push(withOrigin(c.node, path, line));
      else if ('rel' in c && pass === 'relationships') rels.push(withOrigin(c.rel, path, line));
      if (nodes.length + rels.length + rejects.length >= CHUNK) {
        yield { nodes, relationships: rels, rejects, progress: { done: Math.min(bytes, total), total, unit: 'bytes' } };
        nodes = [];
        rels = [];
        rejects = [];
      }
    }
    yield {
      nodes,
      relationships: rels,
      rejects,
      progress: { done: pass === 'nodes' ? total / 2 : total, total, unit: 'bytes' },
    };
  }
}

async function* readDocument(path: string): AsyncGenerator<SourceChunk> {
  const text = await readFile(path, 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    yield {
      nodes: [],
      relationships: [],
      rejects: [{ file: path, line: 0, reason: `not valid JSON: ${(e as Error).message}` }],
    };
    return;
  }
  const at = elementLines(text);
  const items: { value: unknown; line: number }[] = [];
  if (Array.isArray(doc)) items.push(...doc.map((value, i) => ({ value, line: at.items[i] ?? 0 })));
  else if (typeof doc === 'object' && doc !== null) {
    const d = doc as Record<string, unknown>;
    for (const section of ['nodes', 'relationships'] as const) {
      const list = d[section];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        yield {
          nodes: [],
          relationships: [],
          rejects: [{ file: path, line: 0, reason: `"${section}" is not an array` }],
        };
        return;
      }
      items.push(...list.map((value, i) => ({ value, line: at[section][i] ?? 0 })));
    }
  } else {
    yield {
      nodes: [],
      relationships: [],
      rejects: [{ file: path, line: 0, reason: 'expected { "nodes": [...], "relationships": [...] }' }],
    };
    return;
  }
  const nodes: NodeInput[] = [];
  const rels: RelInput[] = [];
  const rejects: Reject[] = [];
  for (const { value, line } of items) {
    const c = classify(value);
    if ('reason' in c) rejects.push({ file: path, line, reason: `record ${c.reason}` });
    else if ('node' in c) nodes.push(withOrigin(c.node, path, line));
    else rels.push(withOrigin(c.rel, path, line));
  }
  const total = nodes.length + rels.length;
  yield { nodes: [], relationships: [], rejects, progress: { done: 0, total, unit: 'records' } };
  for (let i = 0; i < nodes.length; i += CHUNK) {
    const part = nodes.slice(i, i + CHUNK);
    yield { nodes: part, relationships: [], rejects: [], progress: { done: i + part.length, total, unit: 'records' } };
  }
  for (let i = 0; i < rels.length; i += CHUNK) {
    const part = rels.slice(i, i + CHUNK);
    const done = nodes.length + i + part.length;
    yield { nodes: [], relationships: part, rejects: [], progress: { done, total, unit: 'records' } };
  }
}

/**
 * The line on which each element of the top-level `nodes` and `relationships` arrays (or of a
 * top-level array) starts, found by a scan that tracks only strings and nesting.
 */
export function elementLines(text: string): { nodes: number[]; relationships: number[]; items: number[] } {
  const out = { nodes: [] as number[], relationships: [] as number[], items: [] as number[] };
  let depth = 0;
  let line = 1;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastString = '';
  let key = '';
  /** The array being indexed and its depth (1: a top-level array, 2: a section of the top-level object). */
  let target: { lines: number[]; depth: number } | undefined;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') {
        inString = false;
        lastString = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    const atTarget = target !== undefined && depth === target.depth;
    if (atTarget && expectElement && c !== ']') {
      target?.lines.push(line);
      expectElement = false;
    }
    if (c === '"') {
      inString = true;
      stringStart = i;
    } else if (c === ':' && depth === 1) key = lastString;
    else if (c === ',' && atTarget) expectElement = true;
    else if (c === '{' || c === '[') {
      depth++;
      if (c === '[' && depth === 1) target = { lines: out.items, depth };
      else if (c === '[' && depth === 2 && (key === 'nodes' || key === 'relationships') && target === undefined) {
        target = { lines: out[key], depth };
      }
      expectElement = target !== undefined && depth === target.depth;
    } else if (c === '}' || c === ']') {
      if (target !== undefined && depth === target.depth) target = undefined;
      depth--;
    }
  }
  return out;
}
