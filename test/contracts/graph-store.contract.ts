/**
 * The GraphStore contract, written once and run against every backend (as Drizzle's
 * integration-tests/tests/sqlite/sqlite-common.ts is). A backend's test file supplies a
 * store on an empty database and calls `graphStoreContract`; a gap the backend cannot
 * close yet is skipped by its test name, with the reason, through `options.skip`.
 *
 * Every expectation here follows a doc comment of graph/store.ts; where that comment
 * leaves a choice open (e.g. where a `null` group sorts), the test checks only what it fixes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphError, type GraphErrorCode, type RecordProblem } from '../../graph/errors.js';
import {
  type GraphNode,
  type GraphRel,
  NODE_KINDS,
  type NodeInput,
  type NodeKind,
  REL_TYPES,
  type RelInput,
  type RelType,
} from '../../graph/model.js';
import type { Batch, ChangeRecord, CountRow, ExpandOptions, GraphStore, Path, Subgraph } from '../../graph/store.js';
import { ANONYMOUS, SYSTEM, type Viewer } from '../../graph/viewer.js';
import {
  byFromTo,
  byId,
  COL,
  challenge,
  challengeSet,
  collaborationGraph,
  fullNodeOfEveryKind,
  HB,
  hiddenBridgeGraph,
  largeBatch,
  minimalNodeOfEveryKind,
  numberedTopics,
  organisation,
  parsed,
  parsedRel,
  person,
  project,
  projectCatalogue,
  rel,
  seededRandom,
  survey,
  surveyAnswer,
  topic,
  UNICODE,
  VIS,
  visibilityGraph,
} from '../helpers/fixtures.js';

export interface OpenedStore {
  readonly store: GraphStore;
  /**
   * A second, independent handle on the same database (another connection, another driver), not
   * yet initialised; the suite initialises and closes it. Used to write from two sides at once.
   */
  readonly another?: () => GraphStore;
  /** Releases what `open` made (temp files, a wiped database). Runs after the suite has closed the store. */
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /** Test name → why this backend cannot pass it yet. */
  readonly skip?: Readonly<Record<string, string>>;
}

/* ------------------------------------------------------------------ viewers */

export const NETWORK_MEMBER: Viewer = Object.freeze({ id: 'test:viewer:network', clearance: 'network', orgs: [] });
export const ALPHA_MEMBER: Viewer = Object.freeze({
  id: 'test:viewer:alpha',
  clearance: 'network',
  orgs: [VIS.orgAlpha],
});
/** Sees its own organisation's restricted nodes but not the network's: the two rules are independent. */
export const ALPHA_GUEST: Viewer = Object.freeze({
  id: 'test:viewer:alpha-guest',
  clearance: 'public',
  orgs: [VIS.orgAlpha],
});
export const AUDITOR: Viewer = Object.freeze({ id: 'test:viewer:auditor', clearance: 'all', orgs: [] });
const INSIDER: Viewer = Object.freeze({ id: 'test:viewer:insider', clearance: 'network', orgs: [HB.owner] });

const EVERYTHING = Object.values(VIS);
const PUBLIC_ONLY = [VIS.docPublic, VIS.orgBeta, VIS.personPublic];
const NETWORK_SEES = [...PUBLIC_ONLY, VIS.orgAlpha, VIS.docNetwork];
const ALPHA_OWN = [VIS.docAlpha, VIS.personAlpha];

/** Who sees which node of `visibilityGraph`, by hand (test/graph/model.test.ts checks it against `canSee`). */
export const VISIBILITY_TABLE: readonly (readonly [string, Viewer, readonly string[]])[] = [
  ['anonymous', ANONYMOUS, PUBLIC_ONLY],
  ['network member', NETWORK_MEMBER, NETWORK_SEES],
  ['member of the owning org', ALPHA_MEMBER, [...NETWORK_SEES, ...ALPHA_OWN]],
  ['public-clearance member of the owning org', ALPHA_GUEST, [...PUBLIC_ONLY, ...ALPHA_OWN]],
  ['auditor (clearance all)', AUDITOR, EVERYTHING],
  ['SYSTEM', SYSTEM, EVERYTHING],
];

/* ------------------------------------------------------------------ helpers */

const caught = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e ?? new Error('rejected with nothing'),
  );

async function expectGraphError(p: Promise<unknown>, code: GraphErrorCode): Promise<GraphError> {
  const error = await caught(p);
  expect(error, 'the call should have rejected').toBeInstanceOf(GraphError);
  expect((error as GraphError).code).toBe(code);
  return error as GraphError;
}

async function allNodes(
  store: GraphStore,
  viewer: Viewer,
  kinds: readonly NodeKind[] = NODE_KINDS,
): Promise<GraphNode[]> {
  const out: GraphNode[] = [];
  for (const kind of kinds) {
    let cursor: string | undefined;
    for (let page = 0; ; page += 1) {
      if (page > 1_000) throw new Error(`list(${kind}) never ends`);
      const res = await store.list({ kind, limit: 1_000, ...(cursor === undefined ? {} : { cursor }) }, viewer);
      out.push(...res.items);
      if (res.next === undefined) break;
      cursor = res.next;
    }
  }
  return out;
}

async function allRels(store: GraphStore, viewer: Viewer, types: readonly RelType[] = REL_TYPES): Promise<GraphRel[]> {
  const out: GraphRel[] = [];
  for (const type of types) {
    let cursor: string | undefined;
    for (let page = 0; ; page += 1) {
      if (page > 1_000) throw new Error(`relationships(${type}) never ends`);
      const res = await store.relationships(
        { type, limit: 1_000, ...(cursor === undefined ? {} : { cursor }) },
        viewer,
      );
      out.push(...res.items);
      if (res.next === undefined) break;
      cursor = res.next;
    }
  }
  return out;
}

/** Everything a viewer can read, for before/after comparisons. */
async function snapshot(store: GraphStore, viewer: Viewer = SYSTEM) {
  return {
    stats: await store.stats(viewer),
    nodes: await allNodes(store, viewer),
    relationships: await allRels(store, viewer),
  };
}

const ids = (nodes: readonly { id: string }[]): string[] => nodes.map((n) => n.id);
const sortedIds = (xs: readonly string[]): string[] => [...xs].sort();
const depths = (sub: Subgraph): [string, number][] => sub.nodes.map((n) => [n.id, n.depth]);
const relKeys = (rels: readonly GraphRel[]): string[] => rels.map((r) => `${r.type} ${r.from}->${r.to}`).sort();
const keyOf = (r: RelInput): string => `${r.type} ${r.from}->${r.to}`;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const total = (stats: { nodes: Record<string, number>; relationships: Record<string, number> }) => ({
  nodes: sum(Object.values(stats.nodes)),
  relationships: sum(Object.values(stats.relationships)),
});

/** Each relationship joins consecutive nodes (either way round, as stored), and there is one fewer than nodes. */
function expectWellFormedPath(path: Path, from: string, to: string): void {
  expect(path.nodes[0]?.id).toBe(from);
  expect(path.nodes.at(-1)?.id).toBe(to);
  expect(path.relationships).toHaveLength(path.nodes.length - 1);
  path.relationships.forEach((r, i) => {
    const a = path.nodes[i]?.id;
    const b = path.nodes[i + 1]?.id;
    expect([`${r.from}|${r.to}`, `${r.to}|${r.from}`], `relationship ${i} of the path`).toContain(`${a}|${b}`);
  });
  expect(new Set(ids(path.nodes)).size, 'a shortest path visits no node twice').toBe(path.nodes.length);
}

const rowsWithoutNull = (rows: readonly CountRow[]) =>
  rows.filter((r) => r.key !== null).map((r) => ({ key: r.key, count: r.count }));
const bucketRows = (rows: readonly CountRow[]) =>
  rows.filter((r) => r.bucket !== null).map((r) => ({ bucket: r.bucket, count: r.count }));

/* ------------------------------------------------------------------ the contract */

export function graphStoreContract(
  name: string,
  open: () => Promise<OpenedStore>,
  options: ContractOptions = {},
): void {
  const skip = options.skip ?? {};
  const declared = new Set<string>();
  let opened: OpenedStore | undefined;
  let closedByTest = false;

  const store = (): GraphStore => {
    if (opened === undefined) throw new Error('no store: beforeEach did not run');
    return opened.store;
  };
  const load = async (batch: Batch) => store().upsert(batch);

  const test = (title: string, fn: () => Promise<void>, timeout?: number): void => {
    if (declared.has(title)) throw new Error(`duplicate contract test name: ${title}`);
    declared.add(title);
    const reason = skip[title];
    if (reason !== undefined) it.skip(`${title} [skipped: ${reason}]`, fn);
    else it(title, fn, timeout);
  };

  describe(`GraphStore contract: ${name}`, () => {
    beforeEach(async () => {
      opened = await open();
      closedByTest = false;
      await opened.store.init();
      expect(total(await opened.store.stats(SYSTEM)), 'each test starts on an empty store').toEqual({
        nodes: 0,
        relationships: 0,
      });
    });

    afterEach(async () => {
      const current = opened;
      opened = undefined;
      if (current === undefined) return;
      try {
        if (!closedByTest) await current.store.close();
      } finally {
        await current.cleanup();
      }
    });

    describe('upsert and read back', () => {
      test('round trip: every kind, every field, reads back deep-equal to the parsed input', async () => {
        const inputs = [...fullNodeOfEveryKind(), ...minimalNodeOfEveryKind()];
        const res = await load({ nodes: inputs });
        expect(res.nodes).toEqual({ created: inputs.length, updated: 0, unchanged: 0 });
        expect(res.relationships).toEqual({ created: 0, updated: 0, unchanged: 0 });
        expect(new Set(inputs.map((n) => n.kind))).toEqual(new Set(NODE_KINDS));
        for (const input of inputs) {
          const got = await store().getNode(input.id, SYSTEM);
          expect(got, input.id).toEqual(parsed(input));
          expect(got && Object.keys(got).sort(), `${input.id} has no extra fields`).toEqual(
            Object.entries(parsed(input))
              .filter(([, v]) => v !== undefined)
              .map(([k]) => k)
              .sort(),
          );
        }
      });

      test('round trip: defaults are applied and stored (visibility network, empty lists, status open, online false)', async () => {
        await load({ nodes: minimalNodeOfEveryKind() });
        const p = await store().getNode('min:person', SYSTEM);
        expect(p).toEqual({
          kind: 'Person',
          id: 'min:person',
          name: 'Person min:person',
          visibility: 'network',
          roles: [],
          expertise: [],
          languages: [],
        });
        expect(await store().getNode('min:challenge', SYSTEM)).toMatchObject({
          status: 'open',
          keywords: [],
          visibility: 'network',
        });
        expect(await store().getNode('min:event', SYSTEM)).toMatchObject({ online: false });
        // The default visibility is network: hidden from anonymous, shown to members.
        expect(await store().getNode('min:person', ANONYMOUS)).toBeUndefined();
        expect(await store().getNode('min:person', NETWORK_MEMBER)).toBeDefined();
      });

      test('round trip: unicode text and ids survive byte for byte (no normalisation)', async () => {
        await load({ nodes: fullNodeOfEveryKind() });
        const p = await store().getNode('uni:person:Ζωή', SYSTEM);
        expect(p?.kind).toBe('Person');
        if (p?.kind !== 'Person') return;
        expect(p.name).toBe(UNICODE.mixed);
        expect(p.bio).toBe(`${UNICODE.cyrillic}\n${UNICODE.rtl}\n${UNICODE.combining}`);
        expect(p.expertise).toEqual([UNICODE.greek, UNICODE.emoji]);
        // Decomposed e + U+0301 must not come back as the single code point é.
        expect(p.bio?.includes('e\u0301')).toBe(true);
        expect(p.bio?.includes('\u00e9')).toBe(false);
        const doc = await store().getNode('uni:document:1', SYSTEM);
        expect(doc?.kind === 'Document' && doc.title).toBe(UNICODE.combining);
        const listed = await store().list({ kind: 'Person', where: { name: UNICODE.mixed } }, SYSTEM);
        expect(ids(listed.items)).toEqual(['uni:person:Ζωή']);
        expect(ids(await store().getNodes(['uni:person:Ζωή', 'uni:person:Zωή'], SYSTEM))).toEqual(['uni:person:Ζωή']);
      });

      test('getNodes: visible nodes in the order of the ids asked, missing ones left out', async () => {
        await load(collaborationGraph());
        const got = await store().getNodes([COL.p2, 'col:missing', COL.alice, COL.el, COL.bob], ANONYMOUS);
        expect(ids(got)).toEqual([COL.p2, COL.alice, COL.el, COL.bob]);
        expect(await store().getNodes([], SYSTEM)).toEqual([]);
        expect(await store().getNode('col:missing', SYSTEM)).toBeUndefined();
      });

      test('relationships: read back with their properties, ordered by (from, to)', async () => {
        const g = collaborationGraph();
        const res = await load(g);
        expect(res.relationships).toEqual({ created: g.relationships.length, updated: 0, unchanged: 0 });
        const got = await store().relationships({ type: 'PARTICIPATED_IN' }, SYSTEM);
        const expected = g.relationships
          .filter((r) => r.type === 'PARTICIPATED_IN')
          .map(parsedRel)
          .sort(byFromTo);
        expect(got.items).toEqual(expected);
        expect(got.next).toBeUndefined();
        const fromB = await store().relationships({ type: 'PARTICIPATED_IN', from: [COL.orgB] }, SYSTEM);
        expect(fromB.items).toEqual(expected.filter((r) => r.from === COL.orgB));
        const toP1 = await store().relationships({ type: 'PARTICIPATED_IN', to: [COL.p1] }, SYSTEM);
        expect(toP1.items).toEqual(expected.filter((r) => r.to === COL.p1));
      });

      test('relationships: keyset paging covers every relationship once, in (from, to) order', async () => {
        const topics = numberedTopics(12).map((t) => ({ ...t, visibility: 'public' as const }));
        const people = ['pg:person:a', 'pg:person:b', 'pg:person:c'].map((id) => person(id));
        const rels = people.flatMap((p) => topics.map((t) => rel('EXPERT_IN', p.id, t.id)));
        await load({ nodes: [...topics, ...people], relationships: rels });
        const seen: GraphRel[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 20; page += 1) {
          const res = await store().relationships(
            { type: 'EXPERT_IN', limit: 5, ...(cursor === undefined ? {} : { cursor }) },
            SYSTEM,
          );
          expect(res.items.length).toBeLessThanOrEqual(5);
          seen.push(...res.items);
          if (res.next === undefined) break;
          cursor = res.next;
        }
        expect(seen).toEqual(rels.map(parsedRel).sort(byFromTo));
      });

      test('init() again on a store with data changes nothing', async () => {
        await load(collaborationGraph());
        const before = await snapshot(store());
        await store().init();
        expect(await snapshot(store())).toEqual(before);
      });
    });

    describe('idempotent upsert with replace semantics', () => {
      test('the same batch twice: second result all unchanged, state identical', async () => {
        const batch: Batch = {
          nodes: [...collaborationGraph().nodes, ...fullNodeOfEveryKind()],
          relationships: collaborationGraph().relationships,
        };
        const first = await load(batch);
        expect(first.nodes).toEqual({ created: batch.nodes?.length, updated: 0, unchanged: 0 });
        expect(batch.nodes?.length).toBe(28);
        expect(first.relationships).toEqual({ created: 10, updated: 0, unchanged: 0 });
        const before = await snapshot(store());
        const second = await load(batch);
        expect(second.nodes).toEqual({ created: 0, updated: 0, unchanged: 28 });
        expect(second.relationships).toEqual({ created: 0, updated: 0, unchanged: 10 });
        expect(await snapshot(store())).toEqual(before);
      });

      test('re-sending a record with its defaults spelled out is unchanged', async () => {
        await load({
          nodes: [person('idem:p'), topic('idem:t')],
          relationships: [rel('EXPERT_IN', 'idem:p', 'idem:t')],
        });
        const res = await load({
          nodes: [person('idem:p', { visibility: 'network', roles: [], expertise: [], languages: [] })],
          relationships: [rel('EXPERT_IN', 'idem:p', 'idem:t')],
        });
        expect(res.nodes).toEqual({ created: 0, updated: 0, unchanged: 1 });
        expect(res.relationships).toEqual({ created: 0, updated: 0, unchanged: 1 });
      });

      test('a changed record is updated and replaced: fields absent from it are removed', async () => {
        await load({
          nodes: [
            person('rep:p', {
              bio: 'old bio',
              expertise: ['a', 'b'],
              owner: 'rep:org',
              visibility: 'public',
              date: '2020-01-01',
              country: 'PT',
            }),
            organisation('rep:org'),
            project('rep:proj', { visibility: 'public' }),
          ],
          relationships: [rel('PARTICIPATED_IN', 'rep:p', 'rep:proj', { role: 'coordinator', weight: 2 })],
        });
        const replacement = person('rep:p', { expertise: ['b'], visibility: 'restricted' });
        const res = await load({
          nodes: [replacement, organisation('rep:org')],
          relationships: [rel('PARTICIPATED_IN', 'rep:p', 'rep:proj')],
        });
        expect(res.nodes).toEqual({ created: 0, updated: 1, unchanged: 1 });
        expect(res.relationships).toEqual({ created: 0, updated: 1, unchanged: 0 });
        const got = await store().getNode('rep:p', SYSTEM);
        expect(got).toEqual(parsed(replacement));
        for (const gone of ['bio', 'owner', 'date', 'country'])
          expect((got as Record<string, unknown> | undefined)?.[gone], gone).toBeUndefined();
        // The new visibility governs reads at once.
        expect(await store().getNode('rep:p', ANONYMOUS)).toBeUndefined();
        const rels = await store().relationships({ type: 'PARTICIPATED_IN', from: ['rep:p'] }, SYSTEM);
        expect(rels.items).toEqual([{ type: 'PARTICIPATED_IN', from: 'rep:p', to: 'rep:proj' }]);
        expect(rels.items[0]?.role).toBeUndefined();
        expect(rels.items[0]?.weight).toBeUndefined();
      });

      test('within one batch, a later duplicate of a node or relationship wins', async () => {
        await load({
          nodes: [person('dup:p', { name: 'first' }), topic('dup:t'), person('dup:p', { name: 'second' })],
          relationships: [
            rel('EXPERT_IN', 'dup:p', 'dup:t', { weight: 1 }),
            rel('EXPERT_IN', 'dup:p', 'dup:t', { weight: 3 }),
          ],
        });
        expect(await store().getNode('dup:p', SYSTEM)).toMatchObject({ name: 'second' });
        expect((await store().relationships({ type: 'EXPERT_IN' }, SYSTEM)).items).toEqual([
          { type: 'EXPERT_IN', from: 'dup:p', to: 'dup:t', weight: 3 },
        ]);
        expect(total(await store().stats(SYSTEM))).toEqual({ nodes: 2, relationships: 1 });
      });
    });

    describe('batch atomicity', () => {
      /** A valid new node, an update of a stored node and a new relationship, then one bad record. */
      const validPart = (): Required<Omit<Batch, 'expect'>> => ({
        nodes: [
          person('atom:new', { visibility: 'public' }),
          person(COL.alice, { name: 'CHANGED by a rejected batch' }),
        ],
        relationships: [rel('MEMBER_OF', 'atom:new', COL.orgB)],
      });
      const cases: readonly {
        what: string;
        code: GraphErrorCode;
        bad: Batch;
        problem: Pick<RecordProblem, 'section' | 'index' | 'record' | 'field'>;
      }[] = [
        {
          what: 'a node has no id',
          code: 'ERR_INVALID_RECORD',
          bad: { nodes: [{ kind: 'Person', name: 'Nobody' } as unknown as NodeInput] },
          problem: { section: 'nodes', index: 2, record: undefined, field: 'id' },
        },
        {
          what: 'a node has an unknown kind',
          code: 'ERR_INVALID_RECORD',
          bad: { nodes: [{ kind: 'Spaceship', id: 'atom:ship' } as unknown as NodeInput] },
          problem: { section: 'nodes', index: 2, record: 'atom:ship', field: 'kind' },
        },
        {
          what: 'a field has the wrong type',
          code: 'ERR_INVALID_RECORD',
          bad: { nodes: [project('atom:project', { totalCost: 'a lot' as unknown as number })] },
          problem: { section: 'nodes', index: 2, record: 'atom:project', field: 'totalCost' },
        },
        {
          what: 'a relationship end names no node',
          code: 'ERR_DANGLING_RELATIONSHIP',
          bad: { relationships: [rel('MEMBER_OF', COL.alice, 'atom:nowhere')] },
          problem: { section: 'relationships', index: 1, record: `MEMBER_OF ${COL.alice}->atom:nowhere`, field: 'to' },
        },
        {
          what: 'a relationship end has a kind its type does not take',
          code: 'ERR_INVALID_RECORD',
          bad: { relationships: [rel('MEMBER_OF', COL.alice, COL.topic)] },
          problem: { section: 'relationships', index: 1, record: `MEMBER_OF ${COL.alice}->${COL.topic}`, field: 'to' },
        },
        {
          what: 'a survey question (a JSON entry) has one option only',
          code: 'ERR_INVALID_RECORD',
          bad: {
            nodes: [
              survey('atom:survey', {
                questions: [JSON.stringify({ id: 'q1', type: 'single', prompt: 'Which?', options: ['only'] })],
              }),
            ],
          },
          problem: { section: 'nodes', index: 2, record: 'atom:survey', field: 'questions.0.options' },
        },
        {
          what: 'a stored id is sent with another kind',
          code: 'ERR_INVALID_RECORD',
          bad: { nodes: [organisation(COL.bob)] },
          problem: { section: 'nodes', index: 2, record: COL.bob, field: 'kind' },
        },
      ];

      for (const c of cases) {
        test(`rejects the whole batch when ${c.what}; nothing of it is stored`, async () => {
          await load(collaborationGraph());
          const before = await snapshot(store());
          const valid = validPart();
          const batch: Batch = {
            nodes: [...valid.nodes, ...(c.bad.nodes ?? [])],
            relationships: [...valid.relationships, ...(c.bad.relationships ?? [])],
          };
          const error = await expectGraphError(load(batch), c.code);
          expect(error.problems).toContainEqual(expect.objectContaining(c.problem));
          if (c.problem.record !== undefined) expect(error.message).toContain(c.problem.record);
          expect(error.message).toContain(c.problem.field);

          expect(await store().getNode('atom:new', SYSTEM)).toBeUndefined();
          expect(await store().getNode(COL.alice, SYSTEM)).toEqual(parsed(collaborationGraph().nodes[0] as NodeInput));
          expect(await snapshot(store())).toEqual(before);
        });
      }

      test('a relationship may point at a node created earlier in the same batch', async () => {
        const res = await load({
          nodes: [topic('atom:t'), person('atom:p')],
          relationships: [rel('EXPERT_IN', 'atom:p', 'atom:t')],
        });
        expect(res.relationships.created).toBe(1);
      });
    });

    describe('visibility', () => {
      for (const [label, viewer, visible] of VISIBILITY_TABLE) {
        const graph = visibilityGraph();
        const visibleSet = new Set(visible);
        const expectedNodes = graph.nodes.filter((n) => visibleSet.has(n.id)).map(parsed);
        const expectedRels = graph.relationships
          .filter((r) => visibleSet.has(r.from) && visibleSet.has(r.to))
          .map(parsedRel);

        test(`visibility for ${label}: getNode and getNodes return only what the viewer may see`, async () => {
          await load(graph);
          for (const n of graph.nodes) {
            const got = await store().getNode(n.id, viewer);
            if (visibleSet.has(n.id)) expect(got, n.id).toEqual(parsed(n));
            else expect(got, n.id).toBeUndefined();
          }
          const asked = [...EVERYTHING].reverse();
          expect(ids(await store().getNodes(asked, viewer))).toEqual(asked.filter((id) => visibleSet.has(id)));
        });

        test(`visibility for ${label}: list, count and stats include only what the viewer may see`, async () => {
          await load(graph);
          for (const kind of ['Organisation', 'Document', 'Person'] as const) {
            const want = expectedNodes.filter((n) => n.kind === kind).sort(byId);
            const got = await store().list({ kind }, viewer);
            expect(got.items, kind).toEqual(want);
            const rows = await store().count({ kind }, viewer);
            expect(sum(rows.map((r) => r.count)), `count(${kind})`).toBe(want.length);
            // Filtering on visibility narrows what the viewer sees; it never widens it.
            const restricted = await store().list({ kind, where: { visibility: 'restricted' } }, viewer);
            expect(ids(restricted.items)).toEqual(ids(want.filter((n) => n.visibility === 'restricted')));
          }
          const stats = await store().stats(viewer);
          expect(Object.keys(stats.nodes).sort()).toEqual([...NODE_KINDS].sort());
          expect(Object.keys(stats.relationships).sort()).toEqual([...REL_TYPES].sort());
          for (const kind of NODE_KINDS)
            expect(stats.nodes[kind], kind).toBe(expectedNodes.filter((n) => n.kind === kind).length);
          for (const type of REL_TYPES)
            expect(stats.relationships[type], type).toBe(expectedRels.filter((r) => r.type === type).length);
          // Grouping by owner must not reveal the owners of hidden nodes.
          const owners = await store().count({ kind: 'Document', groupBy: 'owner' }, viewer);
          const docs = expectedNodes.filter((n) => n.kind === 'Document');
          expect(sum(owners.map((r) => r.count))).toBe(docs.length);
          const ownerCounts = new Map<string, number>();
          for (const d of docs)
            if (d.owner !== undefined) ownerCounts.set(d.owner, (ownerCounts.get(d.owner) ?? 0) + 1);
          expect(rowsWithoutNull(owners)).toEqual(
            [...ownerCounts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, count]) => ({ key, count })),
          );
        });

        test(`visibility for ${label}: relationships need both ends visible`, async () => {
          await load(graph);
          for (const type of ['CITES', 'PRODUCED', 'MEMBER_OF'] as const) {
            const got = await store().relationships({ type }, viewer);
            expect(got.items, type).toEqual(expectedRels.filter((r) => r.type === type).sort(byFromTo));
          }
          const fromAlpha = await store().relationships({ type: 'CITES', from: [VIS.docAlpha] }, viewer);
          expect(fromAlpha.items.length).toBe(visibleSet.has(VIS.docAlpha) && visibleSet.has(VIS.docBeta) ? 1 : 0);
        });
      }

      test('visibility: neighbourhood never traverses through a hidden node', async () => {
        await load(hiddenBridgeGraph());
        for (const viewer of [ANONYMOUS, NETWORK_MEMBER]) {
          const two = await store().neighbourhood(HB.a, { hops: 2 }, viewer);
          expect(depths(two), viewer.id).toEqual([
            [HB.a, 0],
            [HB.x, 1],
            [HB.y, 2],
          ]);
          expect(relKeys(two.relationships)).toEqual([`CITES ${HB.a}->${HB.x}`, `CITES ${HB.x}->${HB.y}`]);
          // c is three visible hops away, not two through the hidden node.
          const three = await store().neighbourhood(HB.a, { hops: 3 }, viewer);
          expect(depths(three)).toEqual([
            [HB.a, 0],
            [HB.x, 1],
            [HB.y, 2],
            [HB.c, 3],
          ]);
          expect(await store().neighbourhood(HB.hidden, { hops: 2 }, viewer)).toEqual({ nodes: [], relationships: [] });
        }
        const insider = await store().neighbourhood(HB.a, { hops: 2 }, INSIDER);
        expect(depths(insider)).toEqual([
          [HB.a, 0],
          [HB.hidden, 1],
          [HB.x, 1],
          [HB.c, 2],
          [HB.y, 2],
        ]);
        expect(relKeys(insider.relationships)).toEqual(
          expect.arrayContaining([
            `CITES ${HB.a}->${HB.hidden}`,
            `CITES ${HB.hidden}->${HB.c}`,
            `CITES ${HB.a}->${HB.x}`,
            `CITES ${HB.x}->${HB.y}`,
          ]),
        );
      });

      test('visibility: shortestPaths go around a hidden node, or find nothing', async () => {
        await load(hiddenBridgeGraph());
        const around = await store().shortestPaths(HB.a, HB.c, {}, ANONYMOUS);
        expect(around).toHaveLength(1);
        expect(ids(around[0]?.nodes ?? [])).toEqual([HB.a, HB.x, HB.y, HB.c]);
        const through = await store().shortestPaths(HB.a, HB.c, {}, INSIDER);
        expect(through.map((p) => ids(p.nodes))).toEqual([[HB.a, HB.hidden, HB.c]]);
        expect(await store().shortestPaths(HB.a, HB.c, { maxHops: 2 }, ANONYMOUS)).toEqual([]);
        expect(await store().shortestPaths(HB.a, HB.hidden, {}, ANONYMOUS)).toEqual([]);
        expect(await store().shortestPaths(HB.hidden, HB.c, {}, NETWORK_MEMBER)).toEqual([]);
      });
    });

    describe('delete', () => {
      test('deleteNodes removes the node and its relationships; neighbours stay; again is a no-op', async () => {
        await load(collaborationGraph());
        // orgA: MEMBER_OF from alice, PARTICIPATED_IN to p1 and p2, LOCATED_IN el.
        expect(await store().deleteNodes([COL.orgA])).toEqual({ nodes: 1, relationships: 4 });
        expect(await store().getNode(COL.orgA, SYSTEM)).toBeUndefined();
        expect(ids(await store().getNodes([COL.alice, COL.p1, COL.p2, COL.el], SYSTEM))).toEqual([
          COL.alice,
          COL.p1,
          COL.p2,
          COL.el,
        ]);
        const rels = await allRels(store(), SYSTEM);
        expect(rels.filter((r) => r.from === COL.orgA || r.to === COL.orgA)).toEqual([]);
        expect(total(await store().stats(SYSTEM))).toEqual({ nodes: 8, relationships: 6 });
        expect(await store().neighbourhood(COL.alice, {}, SYSTEM).then(depths)).toEqual([
          [COL.alice, 0],
          [COL.topic, 1],
        ]);
        expect(await store().deleteNodes([COL.orgA])).toEqual({ nodes: 0, relationships: 0 });
        expect(await store().deleteNodes(['col:never-existed'])).toEqual({ nodes: 0, relationships: 0 });
        expect(await store().deleteNodes([])).toEqual({ nodes: 0, relationships: 0 });
      });

      test('deleteNodes counts a relationship between two deleted nodes once', async () => {
        await load(collaborationGraph());
        // bob: MEMBER_OF orgB, EXPERT_IN topic; orgB: +carol, p1, p2. bob–orgB is shared.
        expect(await store().deleteNodes([COL.bob, COL.orgB, 'col:missing'])).toEqual({ nodes: 2, relationships: 5 });
        expect(total(await store().stats(SYSTEM))).toEqual({ nodes: 7, relationships: 5 });
      });

      test('deleteRelationships removes by key, ignores unknown keys, keeps the nodes', async () => {
        await load(collaborationGraph());
        const n = await store().deleteRelationships([
          { type: 'MEMBER_OF', from: COL.alice, to: COL.orgA },
          { type: 'MEMBER_OF', from: COL.orgA, to: COL.alice },
          { type: 'EXPERT_IN', from: COL.alice, to: COL.orgA },
        ]);
        expect(n).toBe(1);
        expect((await store().relationships({ type: 'MEMBER_OF', from: [COL.alice] }, SYSTEM)).items).toEqual([]);
        expect(total(await store().stats(SYSTEM))).toEqual({ nodes: 9, relationships: 9 });
        expect(await store().deleteRelationships([{ type: 'MEMBER_OF', from: COL.alice, to: COL.orgA }])).toBe(0);
      });
    });

    describe('shortest paths', () => {
      test('shortestPaths: a unique path, nodes in order, relationships in their stored direction', async () => {
        const g = collaborationGraph();
        await load(g);
        const paths = await store().shortestPaths(COL.alice, COL.bob, {}, SYSTEM);
        expect(paths).toHaveLength(1);
        const [path] = paths;
        if (path === undefined) return;
        expectWellFormedPath(path, COL.alice, COL.bob);
        expect(ids(path.nodes)).toEqual([COL.alice, COL.topic, COL.bob]);
        expect(path.nodes[0]).toEqual(parsed(g.nodes[0] as NodeInput));
        // The second hop runs topic → bob, but the relationship is stored bob → topic.
        expect(path.relationships).toEqual([
          { type: 'EXPERT_IN', from: COL.alice, to: COL.topic, weight: 0.9 },
          { type: 'EXPERT_IN', from: COL.bob, to: COL.topic },
        ]);
        const back = await store().shortestPaths(COL.bob, COL.alice, {}, SYSTEM);
        expect(back.map((p) => ids(p.nodes))).toEqual([[COL.bob, COL.topic, COL.alice]]);
      });

      test('shortestPaths: several of the same minimal length, bounded by limit', async () => {
        await load(collaborationGraph());
        const all = await store().shortestPaths(COL.alice, COL.orgB, { limit: 10 }, SYSTEM);
        for (const p of all) expectWellFormedPath(p, COL.alice, COL.orgB);
        expect(all.map((p) => ids(p.nodes).join(' ')).sort()).toEqual(
          [
            [COL.alice, COL.orgA, COL.p1, COL.orgB],
            [COL.alice, COL.orgA, COL.p2, COL.orgB],
            [COL.alice, COL.topic, COL.bob, COL.orgB],
          ]
            .map((p) => p.join(' '))
            .sort(),
        );
        const two = await store().shortestPaths(COL.alice, COL.orgB, { limit: 2 }, SYSTEM);
        expect(two).toHaveLength(2);
        for (const p of two) expect(p.nodes).toHaveLength(4);
        expect(new Set(two.map((p) => ids(p.nodes).join(' '))).size).toBe(2);
        expect(await store().shortestPaths(COL.alice, COL.orgB, {}, SYSTEM)).toHaveLength(1);
      });

      test('shortestPaths: none beyond maxHops, none to a missing node', async () => {
        await load(collaborationGraph());
        expect(await store().shortestPaths(COL.alice, COL.orgB, { maxHops: 2 }, SYSTEM)).toEqual([]);
        expect(await store().shortestPaths(COL.alice, COL.orgB, { maxHops: 3 }, SYSTEM)).toHaveLength(1);
        expect(await store().shortestPaths(COL.alice, 'col:missing', {}, SYSTEM)).toEqual([]);
        expect(await store().shortestPaths('col:missing', COL.alice, {}, SYSTEM)).toEqual([]);
      });

      test('shortestPaths: relTypes restricts the relationships a path may use', async () => {
        await load(collaborationGraph());
        const paths = await store().shortestPaths(
          COL.alice,
          COL.bob,
          { relTypes: ['MEMBER_OF', 'PARTICIPATED_IN'], limit: 10 },
          SYSTEM,
        );
        expect(paths.map((p) => ids(p.nodes).join(' ')).sort()).toEqual([
          [COL.alice, COL.orgA, COL.p1, COL.orgB, COL.bob].join(' '),
          [COL.alice, COL.orgA, COL.p2, COL.orgB, COL.bob].join(' '),
        ]);
        for (const p of paths) {
          expectWellFormedPath(p, COL.alice, COL.bob);
          expect(p.relationships[2]).toMatchObject({ type: 'PARTICIPATED_IN', from: COL.orgB });
        }
        expect(await store().shortestPaths(COL.alice, COL.bob, { relTypes: ['LOCATED_IN'] }, SYSTEM)).toEqual([]);
      });
    });

    describe('neighbourhood', () => {
      test('neighbourhood: one hop by default, start first, then by depth and id, each relationship once', async () => {
        await load(collaborationGraph());
        const sub = await store().neighbourhood(COL.orgA, {}, SYSTEM);
        expect(depths(sub)).toEqual([
          [COL.orgA, 0],
          [COL.el, 1],
          [COL.alice, 1],
          [COL.p1, 1],
          [COL.p2, 1],
        ]);
        expect(sub.nodes[0]).toEqual({ ...parsed(collaborationGraph().nodes[3] as NodeInput), depth: 0 });
        expect(relKeys(sub.relationships)).toEqual([
          `LOCATED_IN ${COL.orgA}->${COL.el}`,
          `MEMBER_OF ${COL.alice}->${COL.orgA}`,
          `PARTICIPATED_IN ${COL.orgA}->${COL.p1}`,
          `PARTICIPATED_IN ${COL.orgA}->${COL.p2}`,
        ]);
        expect(sub.relationships).toContainEqual({
          type: 'PARTICIPATED_IN',
          from: COL.orgA,
          to: COL.p1,
          role: 'coordinator',
        });
      });

      test('neighbourhoodsOf: each start answers exactly as its own one-hop neighbourhood, hidden starts included', async () => {
        const byRel = (a: GraphRel, b: GraphRel) => {
          const x = `${a.type} ${a.from} ${a.to}`;
          const y = `${b.type} ${b.from} ${b.to}`;
          return x < y ? -1 : x > y ? 1 : 0;
        };
        const same = (sub: Subgraph) => ({ nodes: sub.nodes, relationships: [...sub.relationships].sort(byRel) });
        const check = async (ids: string[], options: ExpandOptions, viewer: Viewer) => {
          const many = await store().neighbourhoodsOf(ids, options, viewer);
          expect(many).toHaveLength(ids.length);
          for (const [i, id] of ids.entries()) {
            const one = await store().neighbourhood(id, { ...options, hops: 1 }, viewer);
            expect(same(many[i] as Subgraph), `${id} ${JSON.stringify(options)} as ${viewer.id}`).toEqual(same(one));
          }
          return many;
        };
        await load(collaborationGraph());
        const all = [COL.orgA, 'test:missing', COL.p1, COL.alice, COL.orgA];
        for (const options of [
          {},
          { direction: 'out' },
          { direction: 'in', relTypes: ['PARTICIPATED_IN', 'MEMBER_OF'] },
          { kinds: ['Person', 'Project'] },
          { limit: 1 },
          { relTypes: [] },
        ] as ExpandOptions[])
          await check(all, options, SYSTEM);
        expect(await store().neighbourhoodsOf([], {}, SYSTEM)).toEqual([]);
        // A hidden start answers like a missing one; a hidden neighbour is never entered.
        await load(hiddenBridgeGraph());
        for (const viewer of [ANONYMOUS, NETWORK_MEMBER, INSIDER]) {
          const got = await check([HB.a, HB.hidden, HB.x], {}, viewer);
          if (viewer !== INSIDER) {
            expect(got[1]).toEqual({ nodes: [], relationships: [] });
            expect(got[0]?.nodes.map((n) => n.id)).not.toContain(HB.hidden);
          }
        }
        await expectGraphError(store().neighbourhoodsOf([HB.a], { hops: 2 }, SYSTEM), 'ERR_INVALID_QUERY');
        await expectGraphError(store().neighbourhoodsOf([HB.a], { limit: 0 }, SYSTEM), 'ERR_INVALID_QUERY');
        await expectGraphError(
          store().neighbourhoodsOf(
            Array.from({ length: 10_001 }, (_, i) => `x${i}`),
            {},
            SYSTEM,
          ),
          'ERR_INVALID_QUERY',
        );
      });

      test('neighbourhood: two hops with depths', async () => {
        await load(collaborationGraph());
        const sub = await store().neighbourhood(COL.orgA, { hops: 2 }, SYSTEM);
        expect(depths(sub)).toEqual([
          [COL.orgA, 0],
          [COL.el, 1],
          [COL.alice, 1],
          [COL.p1, 1],
          [COL.p2, 1],
          [COL.orgB, 2],
          [COL.topic, 2],
        ]);
        expect(relKeys(sub.relationships)).toEqual(
          [
            `LOCATED_IN ${COL.orgA}->${COL.el}`,
            `MEMBER_OF ${COL.alice}->${COL.orgA}`,
            `PARTICIPATED_IN ${COL.orgA}->${COL.p1}`,
            `PARTICIPATED_IN ${COL.orgA}->${COL.p2}`,
            `PARTICIPATED_IN ${COL.orgB}->${COL.p1}`,
            `PARTICIPATED_IN ${COL.orgB}->${COL.p2}`,
            `EXPERT_IN ${COL.alice}->${COL.topic}`,
          ].sort(),
        );
      });

      test('neighbourhood: direction out, in and both', async () => {
        await load(collaborationGraph());
        const out = await store().neighbourhood(COL.orgA, { direction: 'out' }, SYSTEM);
        expect(depths(out)).toEqual([
          [COL.orgA, 0],
          [COL.el, 1],
          [COL.p1, 1],
          [COL.p2, 1],
        ]);
        const into = await store().neighbourhood(COL.orgA, { direction: 'in' }, SYSTEM);
        expect(depths(into)).toEqual([
          [COL.orgA, 0],
          [COL.alice, 1],
        ]);
        const outTwo = await store().neighbourhood(COL.alice, { direction: 'out', hops: 2 }, SYSTEM);
        expect(depths(outTwo)).toEqual([
          [COL.alice, 0],
          [COL.orgA, 1],
          [COL.topic, 1],
          [COL.el, 2],
          [COL.p1, 2],
          [COL.p2, 2],
        ]);
        const inTwo = await store().neighbourhood(COL.p1, { direction: 'in', hops: 2 }, SYSTEM);
        expect(depths(inTwo)).toEqual([
          [COL.p1, 0],
          [COL.orgA, 1],
          [COL.orgB, 1],
          [COL.alice, 2],
          [COL.bob, 2],
          [COL.carol, 2],
        ]);
        const both = await store().neighbourhood(COL.orgA, { direction: 'both' }, SYSTEM);
        expect(both.nodes).toHaveLength(5);
      });

      test('neighbourhood: relTypes and kinds filters (no traversal through other kinds)', async () => {
        await load(collaborationGraph());
        const members = await store().neighbourhood(COL.orgA, { hops: 2, relTypes: ['MEMBER_OF'] }, SYSTEM);
        expect(depths(members)).toEqual([
          [COL.orgA, 0],
          [COL.alice, 1],
        ]);
        const projects = await store().neighbourhood(COL.orgA, { hops: 2, relTypes: ['PARTICIPATED_IN'] }, SYSTEM);
        expect(depths(projects)).toEqual([
          [COL.orgA, 0],
          [COL.p1, 1],
          [COL.p2, 1],
          [COL.orgB, 2],
        ]);
        const work = await store().neighbourhood(COL.alice, { hops: 2, kinds: ['Organisation', 'Project'] }, SYSTEM);
        expect(depths(work)).toEqual([
          [COL.alice, 0],
          [COL.orgA, 1],
          [COL.p1, 2],
          [COL.p2, 2],
        ]);
        // The only way from alice to a project is through an organisation, which is not visited.
        const onlyProjects = await store().neighbourhood(COL.alice, { hops: 2, kinds: ['Project'] }, SYSTEM);
        expect(depths(onlyProjects)).toEqual([[COL.alice, 0]]);
        expect(onlyProjects.relationships).toEqual([]);
      });

      test('neighbourhood: limit keeps the nearest nodes; a missing start gives an empty subgraph', async () => {
        await load(collaborationGraph());
        const four = await store().neighbourhood(COL.orgA, { hops: 2, limit: 4 }, SYSTEM);
        expect(depths(four)).toEqual([
          [COL.orgA, 0],
          [COL.el, 1],
          [COL.alice, 1],
          [COL.p1, 1],
          [COL.p2, 1],
        ]);
        const two = await store().neighbourhood(COL.orgA, { hops: 2, limit: 2 }, SYSTEM);
        expect(two.nodes).toHaveLength(3);
        expect(two.nodes.map((n) => n.depth)).toEqual([0, 1, 1]);
        const returned = new Set(ids(two.nodes));
        for (const r of two.relationships) expect(returned.has(r.from) && returned.has(r.to), keyOf(r)).toBe(true);
        expect(await store().neighbourhood('col:missing', { hops: 2 }, SYSTEM)).toEqual({
          nodes: [],
          relationships: [],
        });
      });
    });

    describe('list', () => {
      const where = async (w: Record<string, unknown>, viewer: Viewer = SYSTEM) =>
        ids((await store().list({ kind: 'Project', where: w as never }, viewer)).items);

      test('list: where with equality, in, ranges on numbers and dates, exists, array contains', async () => {
        await load({ nodes: projectCatalogue() });
        expect(await where({})).toEqual(['lp:001', 'lp:002', 'lp:003', 'lp:004', 'lp:005']);
        expect(await where({ programme: 'H2020' })).toEqual(['lp:001', 'lp:002']);
        expect(await where({ programme: { in: ['FP7', 'HORIZON'] } })).toEqual(['lp:003', 'lp:004', 'lp:005']);
        expect(await where({ totalCost: { gte: 100, lt: 1000 } })).toEqual(['lp:001', 'lp:002']);
        expect(await where({ totalCost: { gt: 100, lte: 1000 } })).toEqual(['lp:002', 'lp:003']);
        expect(await where({ totalCost: 0 })).toEqual(['lp:005']);
        expect(await where({ startDate: { gte: '2020-01-01', lte: '2021-12-31' } })).toEqual(['lp:002', 'lp:003']);
        expect(await where({ startDate: { lt: '2020-01-01' } })).toEqual(['lp:001']);
        expect(await where({ acronym: { exists: true } })).toEqual(['lp:001', 'lp:002', 'lp:004', 'lp:005']);
        expect(await where({ totalCost: { exists: false } })).toEqual(['lp:004']);
        expect(await where({ keywords: 'drones' })).toEqual(['lp:001', 'lp:004', 'lp:005']);
        expect(await where({ keywords: { in: ['cybercrime', 'forensics'] } })).toEqual(['lp:001', 'lp:002', 'lp:005']);
        expect(await where({ programme: 'H2020', keywords: 'drones' })).toEqual(['lp:001']);
        expect(await where({ visibility: 'public' })).toEqual(['lp:001', 'lp:005']);
        expect(await where({ id: { in: ['lp:005', 'lp:002', 'lp:999'] } })).toEqual(['lp:002', 'lp:005']);
        expect(await where({ programme: 'NOPE' })).toEqual([]);
        expect(await where({ keywords: 'drones' }, ANONYMOUS)).toEqual(['lp:001', 'lp:005']);
        const items = (await store().list({ kind: 'Project', where: { acronym: 'BETA' } }, SYSTEM)).items;
        expect(items).toEqual([parsed(projectCatalogue()[1] as NodeInput)]);
      });

      test('list: where on core fields date and owner, and on a boolean field', async () => {
        await load({
          nodes: [
            organisation('lo:a', { sme: true, date: '2010-05-05', owner: 'lo:holding' }),
            organisation('lo:b', { sme: false, date: '2015-01-01' }),
            organisation('lo:c', { date: '2020-12-31T10:00:00Z', owner: 'lo:holding' }),
          ],
        });
        const list = async (w: Record<string, unknown>) =>
          ids((await store().list({ kind: 'Organisation', where: w as never }, SYSTEM)).items);
        expect(await list({ sme: true })).toEqual(['lo:a']);
        expect(await list({ sme: false })).toEqual(['lo:b']);
        expect(await list({ sme: { exists: false } })).toEqual(['lo:c']);
        expect(await list({ date: { gte: '2015-01-01' } })).toEqual(['lo:b', 'lo:c']);
        expect(await list({ owner: 'lo:holding' })).toEqual(['lo:a', 'lo:c']);
        expect(await list({ owner: { exists: false } })).toEqual(['lo:b']);
      });

      test('list: keyset paging returns every visible item exactly once, in id order', async () => {
        const topics = numberedTopics(40);
        await load({ nodes: topics });
        for (const [viewer, count] of [
          [SYSTEM, 40],
          [NETWORK_MEMBER, 27],
        ] as const) {
          const seen: string[] = [];
          let cursor: string | undefined;
          let pages = 0;
          for (;;) {
            pages += 1;
            if (pages > 20) throw new Error('paging does not end');
            const res = await store().list(
              { kind: 'Topic', limit: 7, ...(cursor === undefined ? {} : { cursor }) },
              viewer,
            );
            expect(res.items.length).toBeLessThanOrEqual(7);
            seen.push(...ids(res.items));
            if (res.next === undefined) break;
            cursor = res.next;
          }
          expect(seen).toHaveLength(count);
          expect(seen).toEqual(
            topics
              .filter((t) => viewer === SYSTEM || t.visibility !== 'restricted')
              .map((t) => t.id)
              .sort(),
          );
          expect(pages).toBeLessThanOrEqual(Math.ceil(count / 7) + 1);
        }
      });

      test('list: a cursor is a position, so inserts before it neither repeat nor skip items', async () => {
        await load({ nodes: numberedTopics(20).map((t) => ({ ...t, visibility: 'public' as const })) });
        const first = await store().list({ kind: 'Topic', limit: 5 }, SYSTEM);
        expect(ids(first.items)).toEqual([
          'page:topic:000',
          'page:topic:001',
          'page:topic:002',
          'page:topic:003',
          'page:topic:004',
        ]);
        await load({ nodes: [topic('page:topic:001a'), topic('page:topic:!first')] });
        const second = await store().list({ kind: 'Topic', limit: 5, cursor: first.next as string }, SYSTEM);
        expect(ids(second.items)).toEqual([
          'page:topic:005',
          'page:topic:006',
          'page:topic:007',
          'page:topic:008',
          'page:topic:009',
        ]);
      });

      test('list: the default page size is 100', async () => {
        await load({ nodes: numberedTopics(150).map((t) => ({ ...t, visibility: 'public' as const })) });
        const page = await store().list({ kind: 'Topic' }, SYSTEM);
        expect(page.items).toHaveLength(100);
        expect(page.next).toBeDefined();
        const rest = await store().list({ kind: 'Topic', limit: 10_000, cursor: page.next as string }, SYSTEM);
        expect(rest.items).toHaveLength(50);
        expect(rest.next).toBeUndefined();
      });

      test('queries: an unknown field, an out-of-range limit or a foreign cursor is ERR_INVALID_QUERY', async () => {
        await load(collaborationGraph());
        await expectGraphError(store().list({ kind: 'Project', where: { nonsense: 1 } }, SYSTEM), 'ERR_INVALID_QUERY');
        // A field of another kind is unknown here too.
        await expectGraphError(
          store().list({ kind: 'Person', where: { totalCost: { gte: 1 } } }, SYSTEM),
          'ERR_INVALID_QUERY',
        );
        await expectGraphError(store().count({ kind: 'Project', groupBy: 'nonsense' }, SYSTEM), 'ERR_INVALID_QUERY');
        await expectGraphError(
          store().count({ kind: 'Project', bucket: { unit: 'year', field: 'nonsense' } }, SYSTEM),
          'ERR_INVALID_QUERY',
        );
        await expectGraphError(store().list({ kind: 'Project', limit: 0 }, SYSTEM), 'ERR_INVALID_QUERY');
        await expectGraphError(store().list({ kind: 'Project', limit: 10_001 }, SYSTEM), 'ERR_INVALID_QUERY');
        await expectGraphError(store().list({ kind: 'Project', cursor: 'not-a-cursor' }, SYSTEM), 'ERR_INVALID_QUERY');
        await expectGraphError(store().neighbourhood(COL.alice, { hops: 5 }, SYSTEM), 'ERR_INVALID_QUERY');
        await expectGraphError(store().shortestPaths(COL.alice, COL.bob, { maxHops: 9 }, SYSTEM), 'ERR_INVALID_QUERY');
        await expectGraphError(store().shortestPaths(COL.alice, COL.bob, { limit: 101 }, SYSTEM), 'ERR_INVALID_QUERY');
      });
    });

    describe('count', () => {
      test('count: groupBy a field, ordered by key, only visible nodes', async () => {
        await load(challengeSet());
        expect(await store().count({ kind: 'Challenge', groupBy: 'status' }, NETWORK_MEMBER)).toEqual([
          { key: 'addressed', count: 1 },
          { key: 'closed', count: 1 },
          { key: 'in-progress', count: 1 },
          { key: 'open', count: 4 },
        ]);
        expect(await store().count({ kind: 'Challenge', groupBy: 'status' }, SYSTEM)).toContainEqual({
          key: 'open',
          count: 5,
        });
        expect(
          await store().count({ kind: 'Challenge', groupBy: 'area', where: { status: 'open' } }, NETWORK_MEMBER),
        ).toEqual([
          { key: 'border', count: 2 },
          { key: 'cbrn', count: 1 },
          { key: 'cyber', count: 1 },
        ]);
        const all = await store().count({ kind: 'Challenge' }, NETWORK_MEMBER);
        expect(sum(all.map((r) => r.count))).toBe(7);
      });

      test('count: number and boolean keys keep their type and natural order', async () => {
        await load({
          nodes: [
            ...projectCatalogue(),
            organisation('cb:a', { sme: true }),
            organisation('cb:b', { sme: false }),
            organisation('cb:c', { sme: true }),
          ],
        });
        expect(
          await store().count(
            { kind: 'Project', groupBy: 'totalCost', where: { totalCost: { exists: true } } },
            SYSTEM,
          ),
        ).toEqual([
          { key: 0, count: 1 },
          { key: 100, count: 1 },
          { key: 250.5, count: 1 },
          { key: 1000, count: 1 },
        ]);
        expect(await store().count({ kind: 'Organisation', groupBy: 'sme' }, SYSTEM)).toEqual([
          { key: false, count: 1 },
          { key: true, count: 2 },
        ]);
      });

      test('count: groupBy an array field counts once per element', async () => {
        await load(challengeSet());
        expect(await store().count({ kind: 'Challenge', groupBy: 'keywords' }, NETWORK_MEMBER)).toEqual([
          { key: 'cbrn', count: 1 },
          { key: 'drones', count: 3 },
          { key: 'phishing', count: 2 },
          { key: 'ransomware', count: 3 },
        ]);
        expect(await store().count({ kind: 'Challenge', groupBy: 'keywords' }, SYSTEM)).toContainEqual({
          key: 'secret-keyword',
          count: 1,
        });
      });

      test('count: groupBy over a relationship, out and in, never keyed by a hidden node', async () => {
        await load(challengeSet());
        const out = await store().count(
          { kind: 'Challenge', groupBy: { rel: 'ABOUT', direction: 'out', kind: 'Topic' } },
          NETWORK_MEMBER,
        );
        expect(rowsWithoutNull(out)).toEqual([
          { key: 'cs:topic:border', count: 3 },
          { key: 'cs:topic:cyber', count: 4 },
        ]);
        const system = await store().count({ kind: 'Challenge', groupBy: { rel: 'ABOUT', direction: 'out' } }, SYSTEM);
        expect(rowsWithoutNull(system)).toEqual([
          { key: 'cs:topic:border', count: 3 },
          { key: 'cs:topic:cyber', count: 5 },
          { key: 'cs:topic:secret', count: 2 },
        ]);
        const into = await store().count(
          { kind: 'Topic', groupBy: { rel: 'ABOUT', direction: 'in', kind: 'Challenge' } },
          NETWORK_MEMBER,
        );
        expect(rowsWithoutNull(into)).toEqual([
          { key: 'cs:ch:1', count: 1 },
          { key: 'cs:ch:2', count: 1 },
          { key: 'cs:ch:3', count: 1 },
          { key: 'cs:ch:4', count: 2 },
          { key: 'cs:ch:5', count: 1 },
          { key: 'cs:ch:7', count: 1 },
        ]);
        const wrongKind = await store().count(
          { kind: 'Challenge', groupBy: { rel: 'ABOUT', direction: 'out', kind: 'Project' } },
          SYSTEM,
        );
        expect(rowsWithoutNull(wrongKind)).toEqual([]);
      });

      test('count: time buckets by year, quarter and month, undated nodes in a null bucket', async () => {
        await load(challengeSet());
        const year = await store().count({ kind: 'Challenge', bucket: { unit: 'year' } }, NETWORK_MEMBER);
        expect(bucketRows(year)).toEqual([
          { bucket: '2023', count: 3 },
          { bucket: '2024', count: 3 },
        ]);
        expect(year.filter((r) => r.bucket === null).map((r) => r.count)).toEqual([1]);
        const quarter = await store().count({ kind: 'Challenge', bucket: { unit: 'quarter' } }, NETWORK_MEMBER);
        expect(bucketRows(quarter)).toEqual([
          { bucket: '2023-Q1', count: 2 },
          { bucket: '2023-Q2', count: 1 },
          { bucket: '2024-Q3', count: 2 },
          { bucket: '2024-Q4', count: 1 },
        ]);
        const month = await store().count({ kind: 'Challenge', bucket: { unit: 'month' } }, NETWORK_MEMBER);
        expect(bucketRows(month)).toEqual([
          { bucket: '2023-01', count: 1 },
          { bucket: '2023-02', count: 1 },
          { bucket: '2023-05', count: 1 },
          { bucket: '2024-07', count: 2 },
          { bucket: '2024-12', count: 1 },
        ]);
        expect(bucketRows(await store().count({ kind: 'Challenge', bucket: { unit: 'year' } }, SYSTEM))).toContainEqual(
          { bucket: '2023', count: 4 },
        );
        await load({ nodes: projectCatalogue() });
        const started = await store().count({ kind: 'Project', bucket: { unit: 'year', field: 'startDate' } }, SYSTEM);
        expect(bucketRows(started)).toEqual([
          { bucket: '2019', count: 1 },
          { bucket: '2020', count: 1 },
          { bucket: '2021', count: 1 },
          { bucket: '2022', count: 1 },
        ]);
      });

      test('count: rows ordered by bucket, then key', async () => {
        await load(challengeSet());
        const rows = await store().count(
          { kind: 'Challenge', groupBy: 'status', bucket: { unit: 'year' } },
          NETWORK_MEMBER,
        );
        expect(rows.filter((r) => r.bucket !== null)).toEqual([
          { bucket: '2023', key: 'closed', count: 1 },
          { bucket: '2023', key: 'open', count: 2 },
          { bucket: '2024', key: 'addressed', count: 1 },
          { bucket: '2024', key: 'open', count: 2 },
        ]);
        expect(rows.filter((r) => r.bucket === null)).toEqual([{ bucket: null, key: 'in-progress', count: 1 }]);
      });
    });

    describe('revision', () => {
      test('revision: unchanged by reads, changed by every committed write, unchanged by a rejected batch', async () => {
        const s = store();
        const r0 = await s.revision();
        expect(typeof r0).toBe('string');
        await load(collaborationGraph());
        const r1 = await s.revision();
        expect(r1).not.toBe(r0);
        await s.list({ kind: 'Person', limit: 10 }, SYSTEM);
        await s.neighbourhood(COL.alice, {}, SYSTEM);
        await s.stats(SYSTEM);
        expect(await s.revision(), 'reads leave the revision alone').toBe(r1);
        await load({ nodes: [{ id: COL.alice, kind: 'Person', name: 'Alice Renamed' }] });
        const r2 = await s.revision();
        expect(r2, 'an update moves it').not.toBe(r1);
        await expect(
          load({
            nodes: [{ id: 'col:new', kind: 'Person', name: 'New' }],
            relationships: [{ type: 'MEMBER_OF', from: 'col:new', to: 'col:missing' }],
          }),
        ).rejects.toThrow();
        expect(await s.revision(), 'a rejected batch stored nothing, so nothing moved').toBe(r2);
        await s.deleteRelationships([{ type: 'MEMBER_OF', from: COL.alice, to: COL.orgA }]);
        const r3 = await s.revision();
        expect(r3).not.toBe(r2);
        await s.deleteNodes([COL.orgA]);
        expect(await s.revision()).not.toBe(r3);
      });
    });

    describe('change feed', () => {
      const everything = async (s: GraphStore, after = 0): Promise<ChangeRecord[]> => {
        const out: ChangeRecord[] = [];
        for (let seq = after; ; ) {
          const page = await s.changes(seq, 7);
          expect(page.gap, `no gap after ${seq}`).toBe(false);
          out.push(...page.changes);
          if (page.changes.length === 0) return out;
          seq = page.changes[page.changes.length - 1]?.seq ?? seq;
        }
      };
      const key = (c: ChangeRecord): string =>
        c.entity === 'node' ? `${c.op} node ${c.id}` : `${c.op} ${c.type} ${c.from}->${c.to}`;

      test('feed: every created node and relationship, once, in seq order with no hole; head and revision follow', async () => {
        const s = store();
        const empty = await s.changes(0);
        expect(empty).toMatchObject({ changes: [], head: 0, gap: false });
        expect(await s.headSeq()).toBe(0);
        const r0 = await s.revision();
        const g = collaborationGraph();
        await load(g);
        const all = await everything(s);
        expect(all.map((c) => c.seq)).toEqual(all.map((_, i) => i + 1));
        expect(all.map(key).sort()).toEqual(
          [
            ...g.nodes.map((n) => `upsert node ${n.id}`),
            ...g.relationships.map((r) => `upsert ${r.type} ${r.from}->${r.to}`),
          ].sort(),
        );
        const alice = all.find((c) => c.entity === 'node' && c.id === COL.alice);
        expect(alice).toMatchObject({ entity: 'node', kind: 'Person', visibility: 'public', op: 'upsert' });
        expect(Number.isNaN(Date.parse(alice?.at ?? ''))).toBe(false);
        expect(await s.headSeq()).toBe(all.length);
        expect((await s.changes(0)).head).toBe(all.length);
        expect(await s.revision()).not.toBe(r0);
        // Paging from the middle of a write gives the rest, in order.
        expect((await s.changes(3, 2)).changes.map((c) => c.seq)).toEqual([4, 5]);
        expect((await s.changes(all.length)).changes).toEqual([]);
      });

      test('feed: an unchanged upsert appends nothing; an update appends only what changed, with its new visibility', async () => {
        const s = store();
        await load(collaborationGraph());
        const head = await s.headSeq();
        const rev = await s.revision();
        const again = await load(collaborationGraph());
        expect(again.nodes.created + again.nodes.updated + again.relationships.created).toBe(0);
        expect(await s.headSeq(), 'an unchanged batch takes no seq').toBe(head);
        expect(await s.revision()).toBe(rev);
        await load({
          nodes: [
            { ...collaborationGraph().nodes[0], visibility: 'restricted', owner: COL.orgA } as NodeInput,
            collaborationGraph().nodes[1] as NodeInput,
          ],
          relationships: [
            rel('MEMBER_OF', COL.alice, COL.orgA, { role: 'head of lab' }),
            rel('MEMBER_OF', COL.bob, COL.orgB),
          ],
        });
        const page = await s.changes(head);
        expect(page.changes.map(key)).toEqual([
          `upsert node ${COL.alice}`,
          `upsert MEMBER_OF ${COL.alice}->${COL.orgA}`,
        ]);
        expect(page.changes[0]).toMatchObject({ visibility: 'restricted', owner: COL.orgA, seq: head + 1 });
        expect(page.head).toBe(head + 2);
        expect(await s.revision()).not.toBe(rev);
      });

      test('feed: a rejected batch leaves no record and takes no seq', async () => {
        const s = store();
        await load(collaborationGraph());
        const head = await s.headSeq();
        await expect(
          load({
            nodes: [person('feed:new')],
            relationships: [{ type: 'MEMBER_OF', from: 'feed:new', to: 'feed:missing' }],
          }),
        ).rejects.toThrow();
        await expect(
          load({ nodes: [person('feed:ok'), { id: 'feed:bad', kind: 'Person' } as NodeInput] }),
        ).rejects.toThrow();
        expect(await s.headSeq()).toBe(head);
        expect((await s.changes(head)).changes).toEqual([]);
        await load({ nodes: [person('feed:after')] });
        expect((await s.changes(head)).changes.map((c) => c.seq)).toEqual([head + 1]);
      });

      test('feed: deleteNodes lists every cascaded relationship once, then the node with the visibility it had', async () => {
        const s = store();
        await load(collaborationGraph());
        await load(visibilityGraph());
        const head = await s.headSeq();
        const res = await s.deleteNodes([COL.orgA, VIS.docAlpha, 'feed:unknown']);
        const page = await s.changes(head);
        const rels = page.changes.filter((c) => c.entity === 'rel');
        const nodes = page.changes.filter((c) => c.entity === 'node');
        expect(rels.every((c) => c.op === 'delete')).toBe(true);
        expect(rels.map(key).sort()).toEqual(
          [
            `delete MEMBER_OF ${COL.alice}->${COL.orgA}`,
            `delete PARTICIPATED_IN ${COL.orgA}->${COL.p1}`,
            `delete PARTICIPATED_IN ${COL.orgA}->${COL.p2}`,
            `delete LOCATED_IN ${COL.orgA}->${COL.el}`,
            `delete CITES ${VIS.docNetwork}->${VIS.docAlpha}`,
            `delete CITES ${VIS.docAlpha}->${VIS.docBeta}`,
            `delete CITES ${VIS.docPublic}->${VIS.docAlpha}`,
            `delete PRODUCED ${VIS.orgAlpha}->${VIS.docAlpha}`,
          ].sort(),
        );
        expect(res).toEqual({ nodes: 2, relationships: rels.length });
        expect(nodes.map((c) => c.entity === 'node' && [c.id, c.kind, c.visibility, c.owner, c.op]).sort()).toEqual(
          [
            [COL.orgA, 'Organisation', 'public', undefined, 'delete'],
            [VIS.docAlpha, 'Document', 'restricted', VIS.orgAlpha, 'delete'],
          ].sort(),
        );
        expect(page.changes.map((c) => c.seq)).toEqual(page.changes.map((_, i) => head + i + 1));
        const before = await s.headSeq();
        expect(await s.deleteNodes(['feed:unknown'])).toEqual({ nodes: 0, relationships: 0 });
        expect(await s.headSeq(), 'deleting nothing appends nothing').toBe(before);
      });

      test('feed: deleteRelationships lists what went, once; unknown keys append nothing', async () => {
        const s = store();
        await load(collaborationGraph());
        const head = await s.headSeq();
        const k = { type: 'MEMBER_OF' as const, from: COL.alice, to: COL.orgA };
        expect(await s.deleteRelationships([k, k, { type: 'MEMBER_OF', from: COL.alice, to: COL.orgB }])).toBe(1);
        expect((await s.changes(head)).changes.map(key)).toEqual([`delete MEMBER_OF ${COL.alice}->${COL.orgA}`]);
        const after = await s.headSeq();
        expect(await s.deleteRelationships([k])).toBe(0);
        expect(await s.headSeq()).toBe(after);
      });

      test('feed: revision moves exactly when the head does', async () => {
        const s = store();
        const seen = new Map<number, string>();
        const check = async () => {
          const head = await s.headSeq();
          const rev = await s.revision();
          const before = seen.get(head);
          if (before !== undefined) expect(rev).toBe(before);
          for (const [h, r] of seen) if (h !== head) expect(r).not.toBe(rev);
          seen.set(head, rev);
        };
        await check();
        await load(collaborationGraph());
        await check();
        await load(collaborationGraph());
        await check();
        await s.deleteRelationships([{ type: 'EXPERT_IN', from: COL.bob, to: COL.topic }]);
        await check();
        await s.deleteNodes([COL.p2]);
        await check();
        expect(seen.size).toBe(4);
      });

      test('feed: retention drops the oldest whole writes; a reader behind them is told to rebuild', async () => {
        const s = store();
        for (let i = 0; i < 5; i++) await load({ nodes: [person(`feed:r${i}a`), person(`feed:r${i}b`)] });
        expect(await s.headSeq()).toBe(10);
        expect(await s.pruneChanges({ records: 1_000_000, days: 365 })).toBe(0);
        // Keep the newest 5 records: whole writes go, so the write of seqs 5 and 6, which straddles the cut, stays.
        const dropped = await s.pruneChanges({ records: 5, days: 365 });
        expect(dropped).toBe(4);
        const info = await s.feedInfo();
        expect(info).toMatchObject({ head: 10, oldest: 5, records: 6 });
        expect((await s.changes(0)).gap).toBe(true);
        expect((await s.changes(3)).gap).toBe(true);
        const page = await s.changes(4);
        expect(page.gap).toBe(false);
        expect(page.changes.map((c) => c.seq)).toEqual([5, 6, 7, 8, 9, 10]);
        expect((await s.changes(11)).gap, 'a reader ahead of the head saw another feed').toBe(true);
        expect(page.epoch).toBe(info.epoch);
        // Nothing younger than the days limit goes by time alone.
        expect(await s.pruneChanges({ records: 1_000_000, days: 1 })).toBe(0);
        expect(await s.pruneChanges({ records: 0, days: 365 })).toBe(6);
        expect(await s.feedInfo()).toMatchObject({ head: 10, oldest: 11, records: 0 });
        expect((await s.changes(10)).gap).toBe(false);
        await expect(s.changes(-1)).rejects.toThrow(GraphError);
      });

      test('feed: redactChanges drops every record naming the ids; readers behind the mark rebuild, others go on', async () => {
        const s = store();
        await load({ nodes: [person('feed:x1'), person('feed:x10'), organisation('feed:o')] });
        await load({ relationships: [{ type: 'MEMBER_OF', from: 'feed:x1', to: 'feed:o' }] });
        await load({ relationships: [{ type: 'MEMBER_OF', from: 'feed:x10', to: 'feed:o' }] });
        await s.deleteNodes(['feed:x1']);
        const afterDelete = await s.headSeq();
        await load({ nodes: [person('feed:later')] });
        const head = await s.headSeq();
        expect((await s.feedMarks()).head, 'feedMarks reads the head and the mark together').toBe(head);
        const report = await s.redactChanges(['feed:x1']);
        // Created, its MEMBER_OF, then the delete of both: four records; feed:x10 only shares a prefix.
        expect(report).toEqual({ records: 4, segments: 3, redacted: afterDelete });
        expect(await s.headSeq(), 'redaction is no write: the head stays').toBe(head);
        const info = await s.feedInfo();
        expect(info.redacted).toBe(afterDelete);
        expect(await s.feedMarks()).toEqual({ head, redacted: afterDelete });
        expect((await s.changes(0)).gap, 'a reader behind the mark rebuilds').toBe(true);
        expect((await s.changes(afterDelete - 1)).gap).toBe(true);
        const page = await s.changes(afterDelete);
        expect(page).toMatchObject({ gap: false, redacted: afterDelete });
        expect(page.changes.map((c) => (c.entity === 'node' ? c.id : c.from))).toEqual(['feed:later']);
        // What is left of the old segments still holds the others, and nothing of feed:x1.
        const all = await s.changes(0);
        expect(all.changes).toEqual([]);
        expect(await s.redactChanges(['feed:x1']), 'twice: nothing left to drop').toMatchObject({
          records: 0,
          segments: 0,
          redacted: afterDelete,
        });
        expect(await s.redactChanges(['feed:nobody'])).toMatchObject({ records: 0, segments: 0 });
        expect(await s.getNode('feed:x10', SYSTEM)).toBeDefined();
      });

      test('feed: concurrent writers through two handles get one strictly increasing sequence, each write contiguous', async () => {
        const s = store();
        const make = opened?.another;
        const other = make?.() ?? s;
        if (other !== s) await other.init();
        try {
          const writes: Promise<unknown>[] = [];
          for (let i = 0; i < 20; i++) {
            for (const [side, h] of [
              ['a', s],
              ['b', other],
            ] as const) {
              writes.push(
                h.upsert({
                  nodes: [person(`feed:${side}${i}:1`), person(`feed:${side}${i}:2`), person(`feed:${side}${i}:3`)],
                }),
              );
            }
          }
          await Promise.all(writes);
          const all = await everything(s);
          expect(all.map((c) => c.seq)).toEqual(all.map((_, i) => i + 1));
          expect(all).toHaveLength(120);
          // Each write's three records sit next to each other.
          for (let i = 0; i < all.length; i += 3) {
            const ids = all.slice(i, i + 3).map((c) => (c.entity === 'node' ? c.id : ''));
            const prefix = ids[0]?.slice(0, -2);
            expect(ids, `records ${i + 1}..${i + 3}`).toEqual([`${prefix}:1`, `${prefix}:2`, `${prefix}:3`]);
          }
          expect(await other.headSeq()).toBe(120);
        } finally {
          if (other !== s) await other.close();
        }
      });
      test('concurrent upserts of the same new ids through two handles all succeed; each id is created once', async () => {
        const s = store();
        const make = opened?.another;
        const other = make?.() ?? s;
        if (other !== s) await other.init();
        try {
          const results = await Promise.all(
            Array.from({ length: 10 }, (_, i) =>
              (i % 2 === 0 ? s : other).upsert({
                nodes: [person('race:1'), person('race:2'), person(`race:own${i}`)],
              }),
            ),
          );
          expect(results.reduce((n, r) => n + (r.byKind.Person?.created ?? 0), 0)).toBe(12);
          const all = await everything(s);
          expect(all.filter((c) => c.entity === 'node' && c.id === 'race:1')).toHaveLength(1);
          expect(await s.getNodes(['race:1', 'race:2', 'race:own9'], SYSTEM)).toHaveLength(3);
        } finally {
          if (other !== s) await other.close();
        }
      });
    });

    describe('preconditions (Batch.expect)', () => {
      test('expect: a batch is written when its conditions hold, and rejected whole with ERR_CONFLICT when one does not', async () => {
        const s = store();
        await load({ nodes: [challenge('pre:c', { status: 'open' }), person('pre:p')] });
        const head = await s.headSeq();
        const refused = await s
          .upsert({
            nodes: [challenge('pre:c', { status: 'closed' })],
            relationships: [rel('RAISED', 'pre:p', 'pre:c')],
            expect: [
              { id: 'pre:c', field: 'status', in: ['open'] },
              { id: 'pre:p', field: 'country', in: ['FR'] },
            ],
          })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(refused).toBeInstanceOf(GraphError);
        expect((refused as GraphError).code).toBe('ERR_CONFLICT');
        expect((refused as GraphError).message).toContain('pre:p: country');
        expect(await s.getNode('pre:c', SYSTEM)).toMatchObject({ status: 'open' });
        expect((await s.relationships({ type: 'RAISED' }, SYSTEM)).items).toEqual([]);
        expect(await s.headSeq(), 'a rejected batch appends nothing to the feed').toBe(head);
        // null stands for a missing field and for a missing node.
        await s.upsert({
          nodes: [challenge('pre:c', { status: 'closed' })],
          expect: [
            { id: 'pre:c', field: 'status', in: ['in-progress', 'open'] },
            { id: 'pre:p', field: 'country', in: [null] },
            { id: 'pre:none', field: 'status', in: [null] },
          ],
        });
        expect(await s.getNode('pre:c', SYSTEM)).toMatchObject({ status: 'closed' });
        await expect(
          s.upsert({ nodes: [person('pre:q')], expect: [{ id: 'pre:none', field: 'id', in: ['pre:none'] }] }),
        ).rejects.toMatchObject({ code: 'ERR_CONFLICT' });
      });

      test('expect: of concurrent writers through two handles conditioned on the same status, exactly one wins', async () => {
        const s = store();
        const make = opened?.another;
        const other = make?.() ?? s;
        if (other !== s) await other.init();
        try {
          await load({ nodes: [challenge('race:c', { status: 'open' })] });
          const attempts = Array.from({ length: 16 }, (_, i) =>
            (i % 2 === 0 ? s : other)
              .upsert({
                nodes: [challenge('race:c', { status: 'closed', description: `winner ${i}` })],
                expect: [{ id: 'race:c', field: 'status', in: ['open'] }],
              })
              .then(
                () => 'won',
                (e: unknown) => (e instanceof GraphError ? e.code : String(e)),
              ),
          );
          const outcomes = await Promise.all(attempts);
          expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
          expect(outcomes.filter((o) => o !== 'won')).toEqual(Array(15).fill('ERR_CONFLICT'));
          const winner = outcomes.indexOf('won');
          expect(await s.getNode('race:c', SYSTEM)).toMatchObject({
            status: 'closed',
            description: `winner ${winner}`,
          });
        } finally {
          if (other !== s) await other.close();
        }
      });
    });

    describe('surveys', () => {
      test('answers are listed by survey, linked to their respondent, and never more visible than the survey', async () => {
        await load(collaborationGraph());
        const restrictedTo = { visibility: 'restricted' as const, owner: COL.orgA };
        const item = (q: string, rest: object) => JSON.stringify({ q, ...rest });
        await load({
          nodes: [
            survey('sv:open', { visibility: 'network' }),
            survey('sv:closed-room', restrictedTo),
            surveyAnswer('sv:a1', { survey: 'sv:open', answers: [item('q1', { text: 'Drones at night' })] }),
            surveyAnswer('sv:a2', { survey: 'sv:open', answers: [item('q1', { text: 'Ransomware' })] }),
            surveyAnswer('sv:a3', { survey: 'sv:closed-room', ...restrictedTo, answers: [item('q1', { text: 'x' })] }),
            challenge('sv:challenge'),
          ],
          relationships: [
            rel('ANSWERED', COL.alice, 'sv:a1'),
            rel('ANSWERED', COL.bob, 'sv:a2'),
            rel('ANSWERED', COL.alice, 'sv:a3'),
            rel('CREATED', COL.carol, 'sv:open'),
            rel('PROPOSED', 'sv:a1', 'sv:challenge'),
          ],
        });
        const network: Viewer = { id: 'v:net', clearance: 'network', orgs: [] };
        const member: Viewer = { id: 'v:a', clearance: 'network', orgs: [COL.orgA] };
        const ids = async (v: Viewer, survey: string) =>
          (await store().list({ kind: 'SurveyAnswer', where: { survey } }, v)).items.map((n) => n.id);
        expect(await ids(network, 'sv:open')).toEqual(['sv:a1', 'sv:a2']);
        expect(await ids(network, 'sv:closed-room')).toEqual([]);
        expect(await ids(member, 'sv:closed-room')).toEqual(['sv:a3']);
        const answered = async (v: Viewer) =>
          (await store().relationships({ type: 'ANSWERED', from: [COL.alice] }, v)).items.map((r) => r.to);
        expect(await answered(network)).toEqual(['sv:a1']);
        expect(await answered(member)).toEqual(['sv:a1', 'sv:a3']);
        const a1 = await store().getNode('sv:a1', network);
        expect(a1?.kind === 'SurveyAnswer' ? JSON.parse(a1.answers[0] ?? '{}') : undefined).toEqual({
          q: 'q1',
          text: 'Drones at night',
        });
        const proposed = await store().relationships({ type: 'PROPOSED', to: ['sv:challenge'] }, network);
        expect(proposed.items.map((r) => r.from)).toEqual(['sv:a1']);
      });
    });

    describe('scale and lifecycle', () => {
      test('large batch: 50,000 nodes and 100,000 relationships in one upsert (chunked only below maxBatchSize), then spot checks', async () => {
        const batch = largeBatch(50_000, 100_000);
        const s = store();
        const size = batch.nodes.length + batch.relationships.length;
        const max = s.capabilities.maxBatchSize;
        // The interface lets a backend declare a smaller batch; callers must chunk above it.
        const chunks: Batch[] =
          max >= size
            ? [batch]
            : [
                ...Array.from({ length: Math.ceil(batch.nodes.length / max) }, (_, i) => ({
                  nodes: batch.nodes.slice(i * max, (i + 1) * max),
                })),
                ...Array.from({ length: Math.ceil(batch.relationships.length / max) }, (_, i) => ({
                  relationships: batch.relationships.slice(i * max, (i + 1) * max),
                })),
              ];
        let created = { nodes: 0, relationships: 0 };
        for (const chunk of chunks) {
          const res = await s.upsert(chunk);
          created = {
            nodes: created.nodes + res.nodes.created,
            relationships: created.relationships + res.relationships.created,
          };
        }
        expect(created).toEqual({ nodes: 50_000, relationships: 100_000 });

        const stats = await s.stats(SYSTEM);
        for (const kind of NODE_KINDS)
          expect(stats.nodes[kind], kind).toBe(batch.nodes.filter((n) => n.kind === kind).length);
        for (const type of REL_TYPES)
          expect(stats.relationships[type], type).toBe(batch.relationships.filter((r) => r.type === type).length);
        const anonymous = await s.stats(ANONYMOUS);
        expect(sum(Object.values(anonymous.nodes))).toBe(batch.nodes.filter((n) => n.visibility === 'public').length);

        const random = seededRandom(7);
        const sample = Array.from(
          { length: 25 },
          () => batch.nodes[Math.floor(random() * batch.nodes.length)] as NodeInput,
        );
        const unique = [...new Map(sample.map((n) => [n.id, n])).values()];
        expect(await s.getNodes(ids(unique), SYSTEM)).toEqual(unique.map(parsed));

        for (const r of batch.relationships.slice(0, 5)) {
          const want = batch.relationships
            .filter((x) => x.type === r.type && x.from === r.from)
            .map(parsedRel)
            .sort(byFromTo);
          expect(
            (await s.relationships({ type: r.type, from: [r.from], limit: 10_000 }, SYSTEM)).items,
            keyOf(r),
          ).toEqual(want);
        }

        const start = batch.relationships[0]?.from as string;
        const neighbours = new Set(
          batch.relationships.flatMap((r) => (r.from === start ? [r.to] : r.to === start ? [r.from] : [])),
        );
        const sub = await s.neighbourhood(start, { limit: 50_000 }, SYSTEM);
        expect(sortedIds(ids(sub.nodes).slice(1))).toEqual(sortedIds([...neighbours]));

        const topics = await allNodes(s, SYSTEM, ['Topic']);
        expect(topics).toHaveLength(batch.nodes.filter((n) => n.kind === 'Topic').length);

        let unchanged = { nodes: 0, relationships: 0 };
        for (const chunk of chunks) {
          const res = await s.upsert(chunk);
          expect(res.nodes.created + res.nodes.updated + res.relationships.created + res.relationships.updated).toBe(0);
          unchanged = {
            nodes: unchanged.nodes + res.nodes.unchanged,
            relationships: unchanged.relationships + res.relationships.unchanged,
          };
        }
        expect(unchanged).toEqual({ nodes: 50_000, relationships: 100_000 });
      }, 900_000);

      test('close(): every later call rejects', async () => {
        await load(collaborationGraph());
        const s = store();
        await s.close();
        closedByTest = true;
        const calls: [string, () => Promise<unknown>][] = [
          ['getNode', () => s.getNode(COL.alice, SYSTEM)],
          ['getNodes', () => s.getNodes([COL.alice], SYSTEM)],
          ['upsert', () => s.upsert({ nodes: [person('closed:p')] })],
          ['list', () => s.list({ kind: 'Person' }, SYSTEM)],
          ['count', () => s.count({ kind: 'Person' }, SYSTEM)],
          ['stats', () => s.stats(SYSTEM)],
          ['neighbourhood', () => s.neighbourhood(COL.alice, {}, SYSTEM)],
          ['shortestPaths', () => s.shortestPaths(COL.alice, COL.bob, {}, SYSTEM)],
          ['deleteNodes', () => s.deleteNodes([COL.alice])],
        ];
        for (const [what, call] of calls) {
          // A synchronous throw would break callers that only .catch(): the call must return a rejected promise.
          let promise: Promise<unknown>;
          try {
            promise = call();
          } catch (error) {
            throw new Error(`${what} threw synchronously after close() instead of rejecting: ${String(error)}`);
          }
          expect(await caught(promise), what).toBeInstanceOf(Error);
        }
      });
    });

    // Runs once every describe above has been collected; a renamed test must not leave a stale skip behind.
    it('options.skip names only tests of this contract', () => {
      expect(Object.keys(skip).filter((title) => !declared.has(title))).toEqual([]);
    });
  });
}
