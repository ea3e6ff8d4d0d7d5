/**
 * The bulk load's CSV files (graph/neo4j/offline-import.ts) without a server: whether a field holds a
 * line break decides how Neo4j's importer must read them (`--multiline-fields`). Reading fields
 * across lines is the slow way, so it is asked for only when a cell needs it, and then always:
 * a line break missed here would split a row and fail the import.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatedSource } from '../../datasets/generator/generate.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import type { Batch } from '../../graph/index.js';
import { BulkCsvWriter, importArguments } from '../../graph/neo4j/offline-import.js';

const ORG: Batch = {
  nodes: [{ id: 'o', kind: 'Organisation', name: 'Org', orgKind: 'lea', country: 'BE', visibility: 'public' }],
};

describe('bulk load CSV files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ileanet-csv-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('asks for line-by-line reading when no field holds a line break', async () => {
    const w = new BulkCsvWriter(dir);
    expect((await runIngest(w, generatedSource({ seed: 3, people: 300 }), { batchSize: 500 })).rejected).toBe(0);
    const files = w.finish();
    expect(files.multiline).toBe(false);
    const args = importArguments(files);
    expect(args).toContain('--multiline-fields=false');
    expect(args).toContain('--array-delimiter=U+001F');
    // What that reading relies on: every file has one line per row.
    const people = await readFile(join(dir, 'node-Person.csv'), 'utf8');
    expect(people.split('\n').length - 1).toBe(300);
  });

  const breaks: [string, Batch][] = [
    ['a text field (LF)', { nodes: [{ id: 'p', kind: 'Person', name: 'Two\nlines', country: 'BE' }] }],
    ['a text field (CR only)', { nodes: [{ id: 'p', kind: 'Person', name: 'Old\rMac', country: 'BE' }] }],
    ['an array item', { nodes: [{ id: 'p', kind: 'Person', name: 'P', expertise: ['a', 'b\r\nc'], country: 'BE' }] }],
    [
      'a relationship property',
      {
        nodes: [{ id: 'p', kind: 'Person', name: 'P', country: 'BE' }],
        relationships: [{ type: 'MEMBER_OF', from: 'p', to: 'o', role: 'head\nof unit' }],
      },
    ],
  ];
  it.each(breaks)('asks for reading across lines when %s holds a line break', async (_what, batch) => {
    const w = new BulkCsvWriter(dir);
    await w.upsert(ORG);
    await w.upsert(batch);
    // Records after it, without one, do not take the flag back.
    await w.upsert({ nodes: [{ id: 'q', kind: 'Person', name: 'Plain', country: 'BE' }] });
    const files = w.finish();
    expect(files.multiline).toBe(true);
    expect(importArguments(files)).toContain('--multiline-fields=true');
  });
});
