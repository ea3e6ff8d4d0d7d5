/** The GraphStore contract against the embedded SQLite backend: a fresh database file per test. */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { ANONYMOUS, SYSTEM } from '../../graph/viewer.js';
import { graphStoreContract } from '../contracts/graph-store.contract.js';
import { COL, collaborationGraph } from '../helpers/fixtures.js';

graphStoreContract('embedded (SQLite)', async () => {
  // A folder per store, so that WAL and shared-memory files go with it.
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-graph-'));
  return {
    store: createEmbeddedStore({ path: join(dir, 'graph.sqlite') }),
    another: () => createEmbeddedStore({ path: join(dir, 'graph.sqlite') }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('embedded revision across connections', () => {
  it('a write through another handle on the same file moves this handle’s revision', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ileanet-graph-'));
    const path = join(dir, 'graph.sqlite');
    const a = createEmbeddedStore({ path });
    const b = createEmbeddedStore({ path });
    try {
      await a.init();
      await b.init();
      const before = await a.revision();
      await b.upsert({ nodes: [{ id: 'rev:t', kind: 'Topic', label: 'Drones', scheme: 'keyword' }] });
      expect(await a.revision()).not.toBe(before);
      const after = await a.revision();
      expect(await a.revision(), 'stable while nobody writes').toBe(after);
    } finally {
      await a.close();
      await b.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('embedded traversal projection across connections', () => {
  it('follows another handle’s writes through the change feed: walks equal those of a fresh handle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ileanet-graph-'));
    const path = join(dir, 'graph.sqlite');
    const a = createEmbeddedStore({ path });
    const b = createEmbeddedStore({ path });
    const walk = async (s: typeof a, id: string, viewer = SYSTEM) => {
      const g = await s.neighbourhood(id, { hops: 2 }, viewer);
      return {
        nodes: g.nodes.map((n) => `${n.id}@${n.depth}`).sort(),
        rels: g.relationships.map((r) => `${r.type} ${r.from}->${r.to} ${JSON.stringify(r)}`).sort(),
      };
    };
    try {
      await a.init();
      await b.init();
      await a.upsert(collaborationGraph());
      await walk(a, COL.alice); // builds a's projection
      // Another handle: a new member, a changed role, a hidden project, a relationship and a node gone.
      await b.upsert({
        nodes: [
          { id: 'col:person:dan', kind: 'Person', name: 'Dan', visibility: 'public' },
          {
            id: COL.p2,
            kind: 'Project',
            title: 'DEEPTRACE',
            acronym: 'DEEPTRACE',
            visibility: 'restricted',
            owner: COL.orgB,
          },
        ],
        relationships: [
          { type: 'MEMBER_OF', from: 'col:person:dan', to: COL.orgA },
          { type: 'MEMBER_OF', from: COL.alice, to: COL.orgA, role: 'director' },
        ],
      });
      await b.deleteRelationships([{ type: 'MEMBER_OF', from: COL.bob, to: COL.orgB }]);
      await b.deleteNodes([COL.carol]);
      await a.upsert({
        nodes: [{ id: 'col:person:eve', kind: 'Person', name: 'Eve', visibility: 'public' }],
        relationships: [{ type: 'MEMBER_OF', from: 'col:person:eve', to: COL.orgB }],
      });
      await b.deleteRelationships([{ type: 'MEMBER_OF', from: 'col:person:eve', to: COL.orgB }]);
      const fresh = createEmbeddedStore({ path });
      await fresh.init();
      try {
        for (const id of [COL.alice, COL.orgA, COL.orgB, COL.p1, 'col:person:dan', COL.bob]) {
          for (const viewer of [SYSTEM, ANONYMOUS]) {
            expect(await walk(a, id, viewer), `${id} as ${viewer.id}`).toEqual(await walk(fresh, id, viewer));
          }
        }
      } finally {
        await fresh.close();
      }
    } finally {
      await a.close();
      await b.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
