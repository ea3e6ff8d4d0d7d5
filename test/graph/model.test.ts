/** The graph model alone: schemas and their defaults, batch validation and its messages, the visibility rule. */
import { describe, expect, it } from 'vitest';
import { batchError, describeProblem, GraphError } from '../../graph/errors.js';
import {
  CORE_FIELDS,
  idSchema,
  isNodeKind,
  isoDate,
  isRelType,
  NODE_FIELDS,
  NODE_KINDS,
  NODE_SCHEMAS,
  type NodeInput,
  type NodeKind,
  nodeSchema,
  REL_ENDPOINTS,
  REL_TYPES,
  type RelInput,
  relationshipSchema,
  relKey,
  TEXT_FIELDS,
  VISIBILITIES,
} from '../../graph/model.js';
import { type KindLookup, ownProps, prepareBatch, relProps } from '../../graph/validate.js';
import {
  ANONYMOUS,
  type Clearance,
  canSee,
  commonViewer,
  SYSTEM,
  VISIBILITY_RANK,
  type Viewer,
  visibilityGate,
} from '../../graph/viewer.js';
import { VISIBILITY_TABLE } from '../contracts/graph-store.contract.js';
import {
  challenge,
  event,
  fullNodeOfEveryKind,
  minimalNodeOfEveryKind,
  organisation,
  person,
  poll,
  project,
  rel,
  topic,
  visibilityGraph,
} from '../helpers/fixtures.js';

const storedKinds =
  (stored: Record<string, NodeKind> = {}): KindLookup =>
  async (ids) =>
    new Map(ids.flatMap((id) => (stored[id] === undefined ? [] : [[id, stored[id]] as const])));

async function rejected(
  batch: Parameters<typeof prepareBatch>[0],
  lookup: KindLookup = storedKinds(),
): Promise<GraphError> {
  const error = await prepareBatch(batch, lookup).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

describe('node schemas', () => {
  it('applies defaults: visibility network, empty lists, challenge open, event offline', () => {
    expect(nodeSchema.parse(person('p:1'))).toEqual({
      kind: 'Person',
      id: 'p:1',
      name: 'Person p:1',
      visibility: 'network',
      roles: [],
      expertise: [],
      languages: [],
    });
    expect(nodeSchema.parse(challenge('c:1'))).toMatchObject({ status: 'open', keywords: [], visibility: 'network' });
    expect(nodeSchema.parse(event('e:1'))).toMatchObject({ online: false });
    expect(nodeSchema.parse(project('pr:1'))).toMatchObject({ keywords: [] });
  });

  it('keeps given values over defaults and every fixture of every kind is valid', () => {
    for (const n of [...fullNodeOfEveryKind(), ...minimalNodeOfEveryKind()]) {
      const r = nodeSchema.safeParse(n);
      expect(r.success, `${n.id}: ${r.error?.message}`).toBe(true);
    }
    expect(nodeSchema.parse(person('p:1', { visibility: 'public', roles: ['inc'] }))).toMatchObject({
      visibility: 'public',
      roles: ['inc'],
    });
  });

  it('has a schema for every kind, and the discriminated union picks it by kind', () => {
    expect(Object.keys(NODE_SCHEMAS).sort()).toEqual([...NODE_KINDS].sort());
    for (const n of minimalNodeOfEveryKind()) expect(nodeSchema.parse(n).kind).toBe(n.kind);
  });

  it('rejects unknown fields (strict objects), so typos never pass silently', () => {
    const r = nodeSchema.safeParse({ ...person('p:1'), nmae: 'typo' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('checks ids: not empty, no white space, at most 300 characters; unicode is fine', () => {
    expect(idSchema.safeParse('cordis:project:740714').success).toBe(true);
    expect(idSchema.safeParse('uni:person:Ζωή').success).toBe(true);
    expect(idSchema.safeParse('').error?.issues[0]?.message).toBe('is empty');
    expect(idSchema.safeParse('a b').error?.issues[0]?.message).toBe('contains white space');
    expect(idSchema.safeParse('a\u00a0b').success).toBe(false);
    expect(idSchema.safeParse('x'.repeat(300)).success).toBe(true);
    expect(idSchema.safeParse('x'.repeat(301)).error?.issues[0]?.message).toBe('is longer than 300 characters');
  });

  it('checks ISO dates and date-times', () => {
    for (const ok of ['2024-02-29', '2024-07-01T10:00:00Z', '2024-07-01T10:00:00.123+02:00', '2024-07-01 10:00']) {
      expect(isoDate.safeParse(ok).success, ok).toBe(true);
    }
    expect(isoDate.safeParse('01/07/2024').error?.issues[0]?.message).toBe('is not an ISO date (YYYY-MM-DD)');
    expect(isoDate.safeParse('2024-13-01').error?.issues[0]?.message).toBe('is not a real calendar date');
    expect(isoDate.safeParse('2024-7-1').success).toBe(false);
  });

  // Date.parse alone rolls 2023-02-30 over to 2 March; isoDate checks the round trip.
  it('rejects days that the month does not have (2023-02-29, 2024-02-30, 2024-04-31)', () => {
    for (const bad of ['2023-02-29', '2024-02-30', '2024-04-31']) {
      expect(isoDate.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('checks kind-specific fields with messages a person can act on', () => {
    const poll1 = nodeSchema.safeParse(poll('poll:1', { options: ['only one'] }));
    expect(poll1.error?.issues[0]).toMatchObject({ path: ['options'], message: 'needs at least two options' });
    const org = nodeSchema.safeParse(organisation('o:1', { country: 'Greece' }));
    expect(org.error?.issues[0]).toMatchObject({ path: ['country'], message: 'is not a two-letter country code' });
    const res = nodeSchema.safeParse({ kind: 'Result', id: 'r:1', title: 'T', trl: 10 });
    expect(res.error?.issues[0]?.path).toEqual(['trl']);
    const label = nodeSchema.safeParse(topic('t:1', { label: '' }));
    expect(label.error?.issues[0]).toMatchObject({ path: ['label'], message: 'is empty' });
  });
});

describe('relationship schema', () => {
  it('rejects a relationship from a node to itself, naming the field', () => {
    const r = relationshipSchema.safeParse(rel('CITES', 'd:1', 'd:1'));
    expect(r.error?.issues[0]).toMatchObject({ path: ['to'], message: 'is the same node as from' });
  });

  it('accepts only the known participation roles', () => {
    expect(relationshipSchema.safeParse(rel('PARTICIPATED_IN', 'o:1', 'p:1', { role: 'coordinator' })).success).toBe(
      true,
    );
    const r = relationshipSchema.safeParse(rel('PARTICIPATED_IN', 'o:1', 'p:1', { role: 'boss' }));
    expect(r.error?.issues[0]?.path).toEqual(['role']);
    expect(r.error?.issues[0]?.message).toMatch(/^must be one of coordinator, participant/u);
    // Other types take any role text (e.g. a position in MEMBER_OF).
    expect(relationshipSchema.safeParse(rel('MEMBER_OF', 'p:1', 'o:1', { role: 'boss' })).success).toBe(true);
  });

  it('gives one key per (type, from, to), which no id can forge', () => {
    expect(relKey({ type: 'CITES', from: 'a', to: 'b' })).not.toBe(relKey({ type: 'CITES', from: 'b', to: 'a' }));
    expect(relKey({ type: 'CITES', from: 'a', to: 'b' })).not.toBe(relKey({ type: 'BUILDS_ON', from: 'a', to: 'b' }));
  });

  it('has endpoint rules for every type, naming only real kinds', () => {
    expect(Object.keys(REL_ENDPOINTS).sort()).toEqual([...REL_TYPES].sort());
    for (const { from, to } of Object.values(REL_ENDPOINTS)) {
      expect(from.length).toBeGreaterThan(0);
      expect(to.length).toBeGreaterThan(0);
      for (const k of [...from, ...to]) expect(isNodeKind(k), k).toBe(true);
    }
  });
});

describe('field metadata', () => {
  it('gives each field its shape, core fields included', () => {
    expect(NODE_FIELDS.Person).toMatchObject({
      id: 'string',
      visibility: 'string',
      roles: 'string[]',
      expertise: 'string[]',
      name: 'string',
    });
    expect(NODE_FIELDS.Project).toMatchObject({ totalCost: 'number', startDate: 'string', keywords: 'string[]' });
    expect(NODE_FIELDS.Organisation).toMatchObject({ sme: 'boolean', orgKind: 'string' });
    expect(NODE_FIELDS.Event).toMatchObject({ online: 'boolean' });
    expect(NODE_FIELDS.Result).toMatchObject({ trl: 'number' });
    for (const kind of NODE_KINDS) {
      for (const core of CORE_FIELDS) expect(NODE_FIELDS[kind], `${kind}.${core}`).toHaveProperty(core);
    }
  });

  it('lists text fields that exist on their kind', () => {
    for (const kind of NODE_KINDS)
      for (const f of TEXT_FIELDS[kind]) expect(NODE_FIELDS[kind], `${kind}.${f}`).toHaveProperty(f);
  });

  it('recognises kinds and relationship types exactly', () => {
    expect(isNodeKind('Person')).toBe(true);
    expect(isNodeKind('person')).toBe(false);
    expect(isRelType('CITES')).toBe(true);
    expect(isRelType('cites')).toBe(false);
  });
});

describe('prepareBatch', () => {
  it('returns parsed records with defaults; an empty batch asks the store nothing', async () => {
    let asked = 0;
    const empty = await prepareBatch({}, async () => {
      asked += 1;
      return new Map();
    });
    expect(empty).toEqual({ nodes: [], relationships: [] });
    expect(asked).toBe(0);
    const ok = await prepareBatch(
      { nodes: [person('p:1'), organisation('o:1')], relationships: [rel('MEMBER_OF', 'p:1', 'o:1')] },
      storedKinds(),
    );
    expect(ok.nodes[0]).toMatchObject({ id: 'p:1', visibility: 'network', roles: [] });
    expect(ok.relationships).toEqual([{ type: 'MEMBER_OF', from: 'p:1', to: 'o:1' }]);
  });

  it('asks the store only about ids the batch names', async () => {
    const asked: string[] = [];
    await prepareBatch(
      { nodes: [person('p:1')], relationships: [rel('MEMBER_OF', 'p:1', 'o:stored')] },
      async (ids) => {
        asked.push(...ids);
        return new Map([['o:stored', 'Organisation']]);
      },
    );
    expect(asked.sort()).toEqual(['o:stored', 'p:1']);
  });

  it('names record index, id and field of every problem, in the error and its message', async () => {
    const error = await rejected({
      nodes: [
        person('ok:1'),
        { ...person('bad:1'), visibility: 'secret' } as unknown as NodeInput,
        { kind: 'Person', name: 'No id' } as unknown as NodeInput,
      ],
    });
    expect(error.code).toBe('ERR_INVALID_RECORD');
    expect(error.problems).toEqual([
      expect.objectContaining({ section: 'nodes', index: 1, record: 'bad:1', field: 'visibility' }),
      expect.objectContaining({ section: 'nodes', index: 2, record: undefined, field: 'id' }),
    ]);
    expect(error.message).toMatch(/^batch rejected, nothing written: nodes\[1\] \(bad:1\): visibility /u);
    expect(error.message).toContain('nodes[2]: id ');
  });

  it('reports a missing or unknown kind on the kind field', async () => {
    const error = await rejected({
      nodes: [{ id: 'x:1' } as unknown as NodeInput, { id: 'x:2', kind: 'Spaceship' } as unknown as NodeInput],
    });
    expect(error.problems).toEqual([
      { section: 'nodes', index: 0, record: 'x:1', field: 'kind', message: 'is missing' },
      { section: 'nodes', index: 1, record: 'x:2', field: 'kind', message: 'is not a known node kind: "Spaceship"' },
    ]);
  });

  it('reports an unknown field on the record as a whole', async () => {
    const error = await rejected({ nodes: [{ ...person('p:1'), shoeSize: 44 } as unknown as NodeInput] });
    expect(error.problems[0]).toMatchObject({ index: 0, record: 'p:1', field: '(record)' });
    expect(error.problems[0]?.message).toContain('shoeSize');
  });

  it('ERR_DANGLING_RELATIONSHIP when the only problems are missing ends', async () => {
    const error = await rejected({ nodes: [person('p:1')], relationships: [rel('MEMBER_OF', 'p:1', 'o:nowhere')] });
    expect(error.code).toBe('ERR_DANGLING_RELATIONSHIP');
    expect(error.problems).toEqual([
      {
        section: 'relationships',
        index: 0,
        record: 'MEMBER_OF p:1->o:nowhere',
        field: 'to',
        message: 'names no stored node: o:nowhere',
      },
    ]);
  });

  it('ERR_INVALID_RECORD when missing ends come with other problems', async () => {
    const error = await rejected({
      nodes: [person('p:1', { name: '' })],
      relationships: [rel('MEMBER_OF', 'p:1', 'o:nowhere')],
    });
    expect(error.code).toBe('ERR_INVALID_RECORD');
    expect(error.problems.map((p) => p.field).sort()).toEqual(['from', 'name', 'to']);
  });

  it('checks endpoint kinds against the batch and the store', async () => {
    const error = await rejected(
      {
        nodes: [topic('t:1')],
        relationships: [rel('MEMBER_OF', 'p:stored', 't:1'), rel('MEMBER_OF', 't:1', 'o:stored')],
      },
      storedKinds({ 'p:stored': 'Person', 'o:stored': 'Organisation' }),
    );
    expect(error.code).toBe('ERR_INVALID_RECORD');
    expect(error.problems).toEqual([
      expect.objectContaining({
        index: 0,
        record: 'MEMBER_OF p:stored->t:1',
        field: 'to',
        message: 'is a Topic; MEMBER_OF takes Organisation | Inc there',
      }),
      expect.objectContaining({ index: 1, record: 'MEMBER_OF t:1->o:stored', field: 'from' }),
    ]);
  });

  it('refuses to change the kind of a stored id', async () => {
    const error = await rejected({ nodes: [organisation('p:stored')] }, storedKinds({ 'p:stored': 'Person' }));
    expect(error.problems).toEqual([
      expect.objectContaining({ section: 'nodes', index: 0, record: 'p:stored', field: 'kind' }),
    ]);
    expect(error.problems[0]?.message).toContain('stored node with this id is a Person');
  });

  it('lets later duplicates win, as a sequence of upserts would', async () => {
    const out = await prepareBatch(
      {
        nodes: [person('p:1', { name: 'first' }), organisation('o:1'), person('p:1', { name: 'second' })],
        relationships: [rel('MEMBER_OF', 'p:1', 'o:1', { role: 'a' }), rel('MEMBER_OF', 'p:1', 'o:1', { role: 'b' })],
      },
      storedKinds(),
    );
    expect(out.nodes.map((n) => [n.id, n.kind === 'Person' ? n.name : n.kind])).toEqual([
      ['o:1', 'Organisation'],
      ['p:1', 'second'],
    ]);
    expect(out.relationships).toEqual([{ type: 'MEMBER_OF', from: 'p:1', to: 'o:1', role: 'b' }]);
  });

  it('names the first five problems in the message and counts the rest', () => {
    const problems = Array.from({ length: 7 }, (_, index) => ({
      section: 'nodes' as const,
      index,
      record: `n:${index}`,
      field: 'name',
      message: 'is empty',
    }));
    const error = batchError('ERR_INVALID_RECORD', problems);
    expect(error.message).toContain('nodes[4] (n:4): name is empty');
    expect(error.message).not.toContain('nodes[5]');
    expect(error.message).toMatch(/\(and 2 more\)$/u);
    expect(error.problems).toHaveLength(7);
    expect(describeProblem({ section: 'relationships', index: 3, record: undefined, field: 'to', message: 'x' })).toBe(
      'relationships[3]: to x',
    );
  });
});

describe('ownProps and relProps', () => {
  it('keep a record’s own fields in sorted key order, without core fields or undefined values', () => {
    const node = nodeSchema.parse(person('p:1', { owner: 'o:1', date: '2024-01-01', bio: undefined, country: 'PT' }));
    const props = ownProps(node);
    expect(Object.keys(props)).toEqual(['country', 'expertise', 'languages', 'name', 'roles']);
    expect(props).not.toHaveProperty('bio');
    const r = relationshipSchema.parse({
      type: 'VOTED',
      from: 'p:1',
      to: 'c:1',
      value: -1,
      date: '2024-05-05',
    } satisfies RelInput);
    expect(Object.keys(relProps(r))).toEqual(['date', 'value']);
  });
});

describe('canSee', () => {
  const viewer = (clearance: Clearance, orgs: string[] = []): Viewer => ({ id: 'v', clearance, orgs });
  const cases: [string, Viewer, boolean, boolean, boolean, boolean, boolean][] = [
    // viewer, public, network, restricted owned by o:1, restricted owned by o:2, restricted without owner
    ['anonymous', ANONYMOUS, true, false, false, false, false],
    ['public clearance', viewer('public'), true, false, false, false, false],
    ['public clearance, member of o:1', viewer('public', ['o:1']), true, false, true, false, false],
    ['network clearance', viewer('network'), true, true, false, false, false],
    ['network clearance, member of o:1', viewer('network', ['o:1']), true, true, true, false, false],
    ['network clearance, member of o:1 and o:2', viewer('network', ['o:1', 'o:2']), true, true, true, true, false],
    ['clearance all', viewer('all'), true, true, true, true, true],
    ['SYSTEM', SYSTEM, true, true, true, true, true],
  ];
  it.each(cases)('%s', (_, v, pub, net, own1, own2, unowned) => {
    expect(canSee(v, { visibility: 'public' })).toBe(pub);
    expect(canSee(v, { visibility: 'network' })).toBe(net);
    expect(canSee(v, { visibility: 'restricted', owner: 'o:1' })).toBe(own1);
    expect(canSee(v, { visibility: 'restricted', owner: 'o:2' })).toBe(own2);
    expect(canSee(v, { visibility: 'restricted' })).toBe(unowned);
  });

  it.each(cases)('%s: visibilityGate (the rule on ranks) agrees with canSee', (_, v) => {
    const gate = visibilityGate(v);
    for (const visibility of VISIBILITIES)
      for (const owner of [undefined, 'o:1', 'o:2', 'o:3'])
        expect(gate(VISIBILITY_RANK[visibility], owner), `${visibility} ${owner}`).toBe(
          canSee(v, { visibility, owner }),
        );
  });

  it('grants nothing through owner on public or network nodes (ownership only opens restricted ones)', () => {
    expect(canSee(viewer('public', ['o:1']), { visibility: 'network', owner: 'o:1' })).toBe(false);
  });

  it('agrees with the hand-made table the contract suite uses', () => {
    const nodes = visibilityGraph().nodes.map((n) => nodeSchema.parse(n));
    for (const [label, v, visible] of VISIBILITY_TABLE) {
      expect(
        nodes
          .filter((n) => canSee(v, n))
          .map((n) => n.id)
          .sort(),
        label,
      ).toEqual([...visible].sort());
    }
  });
});

describe('commonViewer', () => {
  const nodes = [
    { visibility: 'public' as const },
    { visibility: 'network' as const },
    { visibility: 'restricted' as const, owner: 'org:a' },
    { visibility: 'restricted' as const, owner: 'org:b' },
  ];
  const seen = (v: Viewer) => nodes.map((n) => canSee(v, n));

  it('sees exactly what every one of the viewers sees, clearance `all` counting as every organisation', () => {
    const viewers: Viewer[][] = [
      [],
      [SYSTEM],
      [ANONYMOUS, SYSTEM],
      [{ id: 'x', clearance: 'network', orgs: ['org:a', 'org:b'] }, SYSTEM],
      [
        { id: 'x', clearance: 'network', orgs: ['org:a', 'org:b'] },
        { id: 'y', clearance: 'network', orgs: ['org:b'] },
      ],
      [
        { id: 'x', clearance: 'public', orgs: ['org:a'] },
        { id: 'y', clearance: 'network', orgs: ['org:a'] },
      ],
    ];
    for (const group of viewers) {
      const common = seen(commonViewer('room', group));
      // A node is seen by the common viewer if and only if every viewer sees it (nobody: public only).
      const every = nodes.map((n, i) =>
        group.length === 0 ? n.visibility === 'public' : group.every((v) => seen(v)[i]),
      );
      expect(common, JSON.stringify(group)).toEqual(every);
    }
  });
});
