/**
 * The discoverable works are read once per store revision (engine/discover/discover.ts): a write
 * through another connection (another process) must still be seen by the next answer, and a work
 * unflagged there must stop being shown at once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDiscovery } from '../../engine/discover/index.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { NodeInput } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import type { Viewer } from '../../graph/viewer.js';

const OUTSIDER: Viewer = { id: 'per:outsider', clearance: 'network', orgs: ['org:other'] };
const work = (discoverable: boolean): NodeInput =>
  ({
    kind: 'Result',
    id: 'res:jammer',
    title: 'Drone jammer for prisons',
    visibility: 'restricted',
    owner: 'org:owner',
    ...(discoverable ? { discoverable: true } : {}),
  }) as NodeInput;

let dir = '';
let reader: GraphStore;
let writer: GraphStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ileanet-discover-cache-'));
  reader = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
  await reader.init();
  writer = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
  await writer.init();
  await writer.upsert({
    nodes: [
      { kind: 'Organisation', id: 'org:owner', name: 'Owner', orgKind: 'lea', visibility: 'public' } as NodeInput,
      work(false),
    ],
  });
});

afterAll(async () => {
  await reader?.close();
  await writer?.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

test('a work flagged or unflagged through another connection is seen by the next answer', async () => {
  const discovery = createDiscovery({ store: reader, key: Buffer.alloc(32, 1) });
  const ask = () => discovery.hits('drone jammer', {}, OUTSIDER);
  expect(await ask()).toEqual([]);
  await writer.upsert({ nodes: [work(true)] });
  expect(await ask()).toHaveLength(1);
  expect(await ask()).toHaveLength(1);
  await writer.upsert({ nodes: [work(false)] });
  expect(await ask()).toEqual([]);
});
