/** Titles of related work enter a node's vector only when every viewer of the node may see that work. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relatedTitles } from '../../engine/embed/node-text.js';
import { createEmbeddedStore, type EmbeddedGraphStore } from '../../graph/embedded/index.js';
import type { GraphNode } from '../../graph/model.js';
import { SYSTEM } from '../../graph/viewer.js';

let dir: string;
let store: EmbeddedGraphStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-related-'));
  store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
  await store.init();
  await store.upsert({
    nodes: [
      { id: 'o:a', kind: 'Organisation', name: 'Agency A', orgKind: 'lea', visibility: 'public' },
      { id: 'p:open', kind: 'Project', title: 'Open drone study', visibility: 'public' },
      { id: 'p:net', kind: 'Project', title: 'Network border pilot', visibility: 'network' },
      { id: 'p:secret', kind: 'Project', title: 'Covert interception trial', visibility: 'restricted', owner: 'o:a' },
      { id: 'u:public', kind: 'Person', name: 'Ana', visibility: 'public' },
      { id: 'u:net', kind: 'Person', name: 'Ben', visibility: 'network' },
      { id: 'u:own', kind: 'Person', name: 'Cai', visibility: 'restricted', owner: 'o:a' },
    ],
    relationships: ['u:public', 'u:net', 'u:own'].flatMap((from) =>
      ['p:open', 'p:net', 'p:secret'].map((to) => ({ type: 'PARTICIPATED_IN' as const, from, to })),
    ),
  });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('relatedTitles', () => {
  it('never puts a title into a vector that a viewer of the node could not see', async () => {
    const people = (await store.getNodes(['u:public', 'u:net', 'u:own'], SYSTEM)) as GraphNode[];
    const titles = await relatedTitles(store, 'Person', people);
    expect([...(titles.get('u:public') ?? [])].sort()).toEqual(['Open drone study']);
    expect([...(titles.get('u:net') ?? [])].sort()).toEqual(['Network border pilot', 'Open drone study']);
    // Not the network pilot: members of the owner see a restricted node whatever their clearance,
    // and one with public clearance does not see network work.
    expect([...(titles.get('u:own') ?? [])].sort()).toEqual(['Covert interception trial', 'Open drone study']);
  });
});
