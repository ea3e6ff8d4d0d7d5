/**
 * The demo dataset: a small fictional network (33 organisations in 10 countries, 62 people,
 * 15 projects with 26 results, 40 challenges with votes from 2018 to 2025, events, polls,
 * two national contact points) that lets every feature run on a fresh machine with no
 * external data. demo.json is built from ./content by build.ts and committed.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { IngestSource } from '../../engine/ingest/index.js';
import type { NodeInput, RelInput } from '../../graph/index.js';
import { DatasetError } from '../generator/errors.js';

export const DEMO_PATH = fileURLToPath(new URL('./demo.json', import.meta.url));

/** Records per chunk; the store's batch limit is applied by the pipeline. */
const CHUNK = 1_000;

export interface DemoData {
  readonly nodes: readonly NodeInput[];
  readonly relationships: readonly RelInput[];
}

/** Reads demo.json. Throws `DatasetError` `ERR_DEMO_DATASET` when it is missing or not `{ nodes, relationships }`. */
export async function loadDemo(path = DEMO_PATH): Promise<DemoData> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new DatasetError('ERR_DEMO_DATASET', `cannot read the demo dataset at ${path}: ${(e as Error).message}`, [], {
      cause: e,
    });
  }
  const d = data as Partial<DemoData> | null;
  if (!d || !Array.isArray(d.nodes) || !Array.isArray(d.relationships)) {
    throw new DatasetError('ERR_DEMO_DATASET', `${path} is not a { nodes: [...], relationships: [...] } file`);
  }
  return { nodes: d.nodes, relationships: d.relationships };
}

/** The demo dataset as an ingest source: all nodes first, then relationships, so every end comes before it is used. */
export function demoSource(path = DEMO_PATH): IngestSource {
  return {
    name: 'demo',
    async *read() {
      const { nodes, relationships } = await loadDemo(path);
      const total = nodes.length + relationships.length;
      for (let i = 0; i < nodes.length; i += CHUNK) {
        const part = nodes.slice(i, i + CHUNK);
        yield {
          nodes: part,
          relationships: [],
          rejects: [],
          progress: { done: i + part.length, total, unit: 'records' },
        };
      }
      for (let i = 0; i < relationships.length; i += CHUNK) {
        const part = relationships.slice(i, i + CHUNK);
        yield {
          nodes: [],
          relationships: part,
          rejects: [],
          progress: { done: nodes.length + i + part.length, total, unit: 'records' },
        };
      }
    },
  };
}
