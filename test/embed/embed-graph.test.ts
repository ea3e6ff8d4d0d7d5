/**
 * embedGraph on the embedded store with the fake embedder: what gets embedded, what is skipped
 * on a second run, what a change re-embeds, resumption after an interruption, removal of nodes
 * that left the graph, and a model change.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embedGraph } from '../../engine/embed/embed-graph.js';
import { VectorIndexes } from '../../engine/vector/index-set.js';
import { VectorStore } from '../../engine/vector/vector-store.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { GraphStore } from '../../graph/store.js';
import { createFakeEmbedder, type FakeEmbedder } from '../helpers/fake-embedder.js';
import { challenge, document, organisation, person, project, rel, result } from '../helpers/fixtures.js';

const DRONES = 'Counter-drone detection for prisons';

function graph() {
  const projects = Array.from({ length: 12 }, (_, i) =>
    project(`t:project:${i}`, {
      title: i === 0 ? DRONES : `Project number ${i} on topic ${i}`,
      startDate: `20${10 + i}-01-01`,
    }),
  );
  return {
    nodes: [
      ...projects,
      organisation('t:org:police', { name: 'Fictive Police Lab' }),
      organisation('t:org:uni', { name: 'Fictive University' }),
      person('t:person:ana', { expertise: ['radio-frequency sensing'], bio: 'Engineer.' }),
      person('t:person:ben'), // only his projects speak for him
      person('t:person:nil'), // nothing at all: no vector
      result('t:result:1', { title: 'RF drone detector', description: 'A passive sensor.' }),
      challenge('t:challenge:1', { title: 'Drones drop contraband into prisons' }),
      document('t:doc:1', { title: 'Best practice: drone incidents', summary: 'What to do.' }),
      // Events answer who-solved too (issue 16): their text gets a vector of its own kind.
      {
        kind: 'Event' as const,
        id: 't:event:1',
        title: 'Workshop on drone detection at prisons',
        description: 'Sensors compared.',
        online: true,
        visibility: 'network' as const,
      },
    ],
    relationships: [
      rel('PARTICIPATED_IN', 't:org:police', 't:project:0', { role: 'coordinator' }),
      rel('PARTICIPATED_IN', 't:org:uni', 't:project:0'),
      rel('PARTICIPATED_IN', 't:org:uni', 't:project:3'),
      rel('PARTICIPATED_IN', 't:person:ben', 't:project:0'),
      rel('PRODUCED', 't:person:ben', 't:result:1'),
    ],
  };
}
const WITH_TEXT = 12 + 2 + 2 + 1 + 1 + 1 + 1; // every node but t:person:nil

describe('embedGraph', () => {
  let dir: string;
  let store: GraphStore;
  let vectors: VectorStore;
  let embedder: FakeEmbedder;
  let logs: string[];
  const indexes = (e: FakeEmbedder = embedder) =>
    new VectorIndexes({
      dataDir: dir,
      model: e.model,
      dims: e.dimensions,
      store: vectors,
      exactBelow: 5,
      log: (l) => logs.push(l),
    });
  const total = (r: Awaited<ReturnType<typeof embedGraph>>, key: 'embedded' | 'skipped' | 'removed' | 'empty') =>
    Object.values(r.kinds).reduce((s, k) => s + k[key], 0);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ileanet-embed-'));
    store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
    await store.init();
    await store.upsert(graph());
    vectors = await VectorStore.open(dir);
    embedder = createFakeEmbedder({ dimensions: 64 });
    logs = [];
  });
  afterEach(async () => {
    await vectors.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('embeds every node that has text, with progress, and makes it searchable', async () => {
    const progress: number[] = [];
    const ix = indexes();
    const r = await embedGraph(store, embedder, ix, {
      batchSize: 4,
      onProgress: (p) => p.kind === 'Project' && progress.push(p.done),
    });
    expect(total(r, 'embedded')).toBe(WITH_TEXT);
    expect(r.kinds.Person).toEqual({ nodes: 3, embedded: 2, skipped: 0, empty: 1, removed: 0 });
    expect(progress.at(-1)).toBe(12);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const [q] = await embedder.embed(['drone detection prisons'], 'query');
    expect((await ix.search('Project', q as Float32Array, 1))[0]?.id).toBe('t:project:0');
    // Ben is described by the project he worked on and the result he produced.
    expect((await ix.search('Person', q as Float32Array, 1))[0]?.id).toBe('t:person:ben');
    expect((await ix.status(['Project']))[0]?.type).toBe('hnsw');
    expect(r.kinds.Event).toEqual({ nodes: 1, embedded: 1, skipped: 0, empty: 0, removed: 0 });
    expect((await ix.search('Event', q as Float32Array, 1))[0]?.id).toBe('t:event:1');
  });

  it('embeds nothing on a second run when nothing changed', async () => {
    await embedGraph(store, embedder, indexes());
    const before = embedder.texts;
    const r = await embedGraph(store, embedder, indexes());
    expect(total(r, 'embedded')).toBe(0);
    expect(total(r, 'skipped')).toBe(WITH_TEXT);
    expect(embedder.texts).toBe(before);
  });

  it('re-embeds a changed node and the people and organisations whose text quotes it', async () => {
    await embedGraph(store, embedder, indexes());
    await store.upsert({
      nodes: [project('t:project:0', { title: 'Cryptocurrency tracing toolkit', startDate: '2010-01-01' })],
    });
    const r = await embedGraph(store, embedder, indexes());
    expect(r.kinds.Project?.embedded).toBe(1);
    expect(r.kinds.Organisation?.embedded).toBe(2);
    expect(r.kinds.Person?.embedded).toBe(1); // ben
    expect(total(r, 'embedded')).toBe(4);
  });

  it('removes the vectors of nodes that left the graph', async () => {
    const ix = indexes();
    await embedGraph(store, embedder, ix);
    await store.deleteNodes(['t:project:5', 't:doc:1']);
    const r = await embedGraph(store, embedder, ix);
    expect(r.kinds.Project?.removed).toBe(1);
    expect(r.kinds.Document?.removed).toBe(1);
    expect(await vectors.count(embedder.model, 'Project')).toBe(11);
    const [q] = await embedder.embed(['Project number 5 on topic 5'], 'query');
    expect((await ix.search('Project', q as Float32Array, 12)).map((h) => h.id)).not.toContain('t:project:5');
  });

  it('resumes after an interruption without embedding anything twice', async () => {
    const stop = new AbortController();
    const first = embedGraph(store, embedder, indexes(), {
      batchSize: 2,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.kind === 'Project' && p.embedded >= 6) stop.abort(new Error('killed'));
      },
    });
    await expect(first).rejects.toThrow('killed');
    expect(await vectors.count(embedder.model, 'Project')).toBe(6);
    // A fresh process: new indexes object, loaded from what the first one left on disk.
    const r = await embedGraph(store, embedder, indexes(), { batchSize: 2 });
    expect(r.kinds.Project).toMatchObject({ embedded: 6, skipped: 6 });
    expect(embedder.texts).toBe(WITH_TEXT);
    expect(logs.filter((l) => /rebuilding/.test(l))).toEqual([]);
  });

  it('embeds everything again for another model, keeping the old model’s vectors', async () => {
    await embedGraph(store, embedder, indexes());
    const next = createFakeEmbedder({ dimensions: 64, version: '2' });
    const r = await embedGraph(store, next, indexes(next));
    expect(total(r, 'embedded')).toBe(WITH_TEXT);
    expect((await vectors.models()).map((m) => m.model)).toContain(embedder.model);
    expect((await vectors.models()).map((m) => m.model)).toContain(next.model);
  });

  it('embeds only the kinds asked for, and refuses indexes of another model', async () => {
    const r = await embedGraph(store, embedder, indexes(), { kinds: ['Challenge'] });
    expect(Object.keys(r.kinds)).toEqual(['Challenge']);
    const other = createFakeEmbedder({ dimensions: 64, version: '9' });
    await expect(embedGraph(store, other, indexes())).rejects.toThrow(/vector indexes are for fake-bow-64@1/);
  });
});
