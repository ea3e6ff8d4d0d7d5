/** The ingest pipeline against a real embedded store, fed by small hand-made sources. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IngestProgress, runIngest, withOrigin } from '../../engine/ingest/pipeline.js';
import type { IngestSource, SourceChunk } from '../../engine/ingest/source.js';
import type { NodeInput, RelInput } from '../../graph/model.js';
import { SYSTEM } from '../../graph/viewer.js';
import { dump, type TempStore, tempStore } from './helpers/store.js';

const source = (...chunks: Partial<SourceChunk>[]): IngestSource => ({
  name: 'test',
  async *read() {
    for (const c of chunks) yield { nodes: [], relationships: [], rejects: [], ...c };
  },
});
const person = (id: string, extra: Record<string, unknown> = {}): NodeInput =>
  ({ kind: 'Person', id, name: `Person ${id}`, ...extra }) as NodeInput;
const org = (id: string): NodeInput => ({ kind: 'Organisation', id, name: `Org ${id}`, orgKind: 'lea' });
const member = (from: string, to: string): RelInput => ({ type: 'MEMBER_OF', from, to });

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => t.dispose());

describe('runIngest', () => {
  it('writes the valid records of a chunk and rejects the bad one, with its origin', async () => {
    const bad = withOrigin(person('p:2', { visibility: 'secret' }), 'people.csv', 3);
    const s = await runIngest(t.store, source({ nodes: [person('p:1'), bad, org('o:1')] }));
    expect(s.nodes).toEqual({
      Person: { created: 1, updated: 0, unchanged: 0 },
      Organisation: { created: 1, updated: 0, unchanged: 0 },
    });
    expect(s.rejects).toEqual([
      { file: 'people.csv', line: 3, reason: expect.stringMatching(/^node p:2: visibility /) },
    ]);
    expect(await t.store.getNode('p:1', SYSTEM)).toBeDefined();
  });

  it('drops relationships whose end was rejected, or exists nowhere, or has the wrong kind', async () => {
    const s = await runIngest(
      t.store,
      source(
        { nodes: [person('p:1'), person('p:bad', { name: '' }), org('o:1')] },
        {
          relationships: [
            member('p:1', 'o:1'),
            member('p:bad', 'o:1'),
            member('p:1', 'o:missing'),
            member('o:1', 'p:1'),
            { type: 'MEMBER_OF', from: 'p:1', to: 'p:1' },
          ],
        },
      ),
    );
    expect(s.relationships.MEMBER_OF).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(s.rejects.map((r) => r.reason)).toEqual([
      'node p:bad: name is empty',
      'relationship MEMBER_OF p:bad->o:1: dropped, its end p:bad was rejected',
      expect.stringMatching(/^relationship MEMBER_OF p:1->p:1: to /),
      'relationship MEMBER_OF p:1->o:missing: to names no node: o:missing',
      'relationship MEMBER_OF o:1->p:1: to is a Person; MEMBER_OF takes Organisation | Inc there',
    ]);
  });

  it('links to nodes that only the store holds', async () => {
    await runIngest(t.store, source({ nodes: [org('o:1')] }));
    const s = await runIngest(t.store, source({ nodes: [person('p:1')], relationships: [member('p:1', 'o:1')] }));
    expect(s.rejected).toBe(0);
    expect(s.relationships.MEMBER_OF?.created).toBe(1);
  });

  it('rejects a node whose id the store holds with another kind, and writes the rest of its batch', async () => {
    await runIngest(t.store, source({ nodes: [org('x:1')] }));
    const s = await runIngest(t.store, source({ nodes: [person('x:1'), person('p:2')] }));
    expect(s.nodes.Person).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(s.rejects.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^node x:1: kind is Person but the stored node/),
    ]);
  });

  it('rejects an id that changes kind within one input', async () => {
    const s = await runIngest(t.store, source({ nodes: [person('x:1'), org('x:1')] }));
    expect(s.rejects.map((r) => r.reason)).toEqual([
      'node x:1: is an Organisation, but this id is a Person elsewhere in the input or the store',
    ]);
  });

  it('passes the source’s own rejects through, counts all, and lists at most maxRejects', async () => {
    const rejects = Array.from({ length: 5 }, (_, i) => ({ file: 'f.csv', line: i + 2, reason: 'bad row' }));
    const s = await runIngest(t.store, source({ rejects }), { maxRejects: 3 });
    expect(s.rejected).toBe(5);
    expect(s.rejects).toEqual(rejects.slice(0, 3));
  });

  it('writes in batches, reports progress, and ends in the same graph whatever the batch size', async () => {
    const chunks: Partial<SourceChunk>[] = [];
    for (let c = 0; c < 5; c++) {
      const nodes = [org(`o:${c}`), ...Array.from({ length: 9 }, (_, i) => person(`p:${c}:${i}`))];
      const rels = Array.from({ length: 9 }, (_, i) => member(`p:${c}:${i}`, `o:${c}`));
      chunks.push({ nodes, relationships: rels, progress: { done: c + 1, total: 5, unit: 'chunks' } });
    }
    const seen: IngestProgress[] = [];
    const s = await runIngest(t.store, source(...chunks), { batchSize: 7, onProgress: (p) => seen.push(p) });
    expect(s.totals.nodes.created).toBe(50);
    expect(s.totals.relationships.created).toBe(45);
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.at(-1)).toMatchObject({ total: 5, unit: 'chunks', records: 95, rejected: 0 });

    const other = await tempStore();
    try {
      await runIngest(other.store, source(...chunks), { batchSize: 100_000 });
      expect(await dump(other.store)).toEqual(await dump(t.store));
    } finally {
      await other.dispose();
    }
  });

  it('reports nothing changed when the same input runs again, and what changed when it differs', async () => {
    const input = () => source({ nodes: [person('p:1'), org('o:1')], relationships: [member('p:1', 'o:1')] });
    await runIngest(t.store, input());
    const again = await runIngest(t.store, input());
    expect(again.changed).toBe(false);
    expect(again.totals).toEqual({
      nodes: { created: 0, updated: 0, unchanged: 2 },
      relationships: { created: 0, updated: 0, unchanged: 1 },
    });
    const edited = await runIngest(t.store, source({ nodes: [person('p:1', { name: 'Renamed' })] }));
    expect(edited.nodes.Person).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(edited.changed).toBe(true);
  });
});
