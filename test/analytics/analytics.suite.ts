/**
 * Analytics and suggestions on a small graph whose every figure is worked out by hand in the
 * comments, run against each backend (embedded here, Neo4j in neo4j.test.ts). Visibility is
 * part of every expectation: restricted nodes (a project, a challenge, a voter, an
 * organisation) change the numbers only for viewers entitled to them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalyticsError } from '../../engine/analytics/errors.js';
import { type Engine, openEngine } from '../../engine/service.js';
import type { NodeInput, RelInput } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import { ANONYMOUS, SYSTEM, type Viewer } from '../../graph/viewer.js';

const NETWORK: Viewer = { id: 'test:network', clearance: 'network', orgs: [] };
/** A member of the German company: sees its restricted challenge and voter, not the French lab's project. */
const DE_MEMBER: Viewer = { id: 'test:de', clearance: 'network', orgs: ['o:de-ind'] };
const NOW = new Date('2026-11-28T12:00:00Z');

const nodes: NodeInput[] = [
  { id: 't:drones', kind: 'Topic', label: 'Drones', scheme: 'area', visibility: 'public' },
  { id: 't:cyber', kind: 'Topic', label: 'Cybercrime', scheme: 'area', visibility: 'public' },
  { id: 'o:be-police', kind: 'Organisation', name: 'Belgian Police', orgKind: 'lea', country: 'BE' },
  { id: 'o:fr-uni', kind: 'Organisation', name: 'French University', orgKind: 'academia', country: 'FR' },
  { id: 'o:de-ind', kind: 'Organisation', name: 'German Sensors', orgKind: 'industry', country: 'DE' },
  {
    id: 'o:fr-secret',
    kind: 'Organisation',
    name: 'French Secret Lab',
    orgKind: 'research',
    country: 'FR',
    visibility: 'restricted',
    owner: 'o:fr-uni',
  },
  { id: 'p1', kind: 'Project', title: 'Drone detection at prisons', startDate: '2019-03-01', endDate: '2021-02-28' },
  { id: 'p2', kind: 'Project', title: 'Counter-drone sensors', startDate: '2021-06-01', endDate: '2023-05-31' },
  {
    id: 'p3',
    kind: 'Project',
    title: 'Ransomware tracing',
    startDate: '2022-02-01',
    visibility: 'restricted',
    owner: 'o:fr-uni',
  },
  { id: 'r1', kind: 'Result', title: 'Prison drone detector', trl: 7 },
  { id: 'r2', kind: 'Result', title: 'Study of drone sensors', resultType: 'Report', date: '2022-05-01' },
  { id: 'c1', kind: 'Challenge', title: 'Drones drop phones into prisons', date: '2020-05-01', country: 'BE' },
  { id: 'c2', kind: 'Challenge', title: 'Drones over borders at night', date: '2021-07-01', country: 'FR' },
  { id: 'c3', kind: 'Challenge', title: 'Ransomware against town halls', date: '2022-03-01', country: 'BE' },
  {
    id: 'c4',
    kind: 'Challenge',
    title: 'Ransomware in factories',
    date: '2022-04-01',
    country: 'DE',
    visibility: 'restricted',
    owner: 'o:de-ind',
  },
  { id: 'pe1', kind: 'Person', name: 'Officer One', visibility: 'network' },
  { id: 'pe2', kind: 'Person', name: 'Public Two', visibility: 'public' },
  { id: 'pe3', kind: 'Person', name: 'Insider Three', visibility: 'restricted', owner: 'o:de-ind' },
  { id: 'poll1', kind: 'Poll', question: 'Which first?', options: ['a', 'b'], visibility: 'public' },
];

const rel = (type: RelInput['type'], from: string, to: string, extra: Partial<RelInput> = {}): RelInput => ({
  type,
  from,
  to,
  ...extra,
});

const relationships: RelInput[] = [
  rel('PARTICIPATED_IN', 'o:be-police', 'p1', { role: 'participant' }),
  rel('PARTICIPATED_IN', 'o:fr-uni', 'p1', { role: 'coordinator' }),
  rel('PARTICIPATED_IN', 'o:fr-uni', 'p2', { role: 'coordinator' }),
  rel('PARTICIPATED_IN', 'o:de-ind', 'p2', { role: 'participant' }),
  rel('PARTICIPATED_IN', 'o:fr-secret', 'p3', { role: 'coordinator' }),
  rel('PARTICIPATED_IN', 'o:de-ind', 'p3', { role: 'participant' }),
  rel('ABOUT', 'p1', 't:drones'),
  rel('ABOUT', 'p2', 't:drones'),
  rel('ABOUT', 'p3', 't:cyber'),
  rel('PRODUCED', 'p1', 'r1'),
  rel('PRODUCED', 'p2', 'r2'),
  rel('ADDRESSES', 'r1', 'c1'),
  rel('ABOUT', 'c1', 't:drones'),
  rel('ABOUT', 'c2', 't:drones'),
  rel('ABOUT', 'c3', 't:cyber'),
  rel('ABOUT', 'c4', 't:cyber'),
  rel('MEMBER_OF', 'pe1', 'o:be-police'),
  rel('RAISED', 'pe1', 'c1'),
  rel('RAISED', 'o:be-police', 'c3'),
  rel('VOTED', 'pe1', 'c1', { value: 1 }),
  rel('VOTED', 'pe2', 'c1', { value: 1 }),
  rel('VOTED', 'pe1', 'c3', { value: 1 }),
  rel('VOTED', 'pe3', 'c3', { value: 1 }),
  rel('VOTED', 'pe2', 'c2', { value: -1 }),
  rel('VOTED', 'pe1', 'poll1', { option: 'a' }),
  rel('VOTED', 'pe2', 'poll1', { option: 'b' }),
  rel('VOTED', 'pe3', 'poll1', { option: 'a' }),
];

export interface OpenedTestStore {
  readonly store: GraphStore;
  cleanup(): Promise<void>;
}

export function analyticsSuite(name: string, open: () => Promise<OpenedTestStore>): void {
  describe(`analytics and suggestions: ${name}`, () => {
    let opened: OpenedTestStore;
    let engine: Engine;
    let dir: string;

    beforeEach(async () => {
      opened = await open();
      await opened.store.init();
      await opened.store.upsert({ nodes, relationships });
      dir = await mkdtemp(join(tmpdir(), 'ileanet-analytics-'));
      engine = await openEngine({ store: opened.store, dataDir: dir, mode: 'lexical', now: () => NOW });
    });

    afterEach(async () => {
      await engine.close();
      await opened.store.close();
      await opened.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    it('trends by topic: counts per year and measure, growth over two-year windows, emerging topics', async () => {
      const t = await engine.trends({ minSupport: 1 }, NETWORK);
      expect(t.buckets).toEqual(['2019', '2020', '2021', '2022']);
      // r1 has no date: it counts at the end of p1 (2021); r2 takes its topic from p2.
      expect(t.totals).toEqual({ challenges: [0, 1, 1, 1], projects: [1, 0, 1, 0], results: [0, 0, 1, 1] });
      const drones = t.series.find((x) => x.key === 't:drones');
      expect(drones).toMatchObject({
        label: 'Drones',
        total: 6,
        counts: { challenges: [0, 1, 1, 0], projects: [1, 0, 1, 0], results: [0, 0, 1, 1] },
      });
      // 2021–2022: 4; 2019–2020: 2.
      expect(drones?.growth).toBeCloseTo(1, 10);
      const cyber = t.series.find((x) => x.key === 't:cyber');
      expect(cyber).toMatchObject({ total: 1, growth: null, counts: { challenges: [0, 0, 0, 1] } });
      expect(t.series.map((x) => x.key)).toEqual(['t:drones', 't:cyber']);
      // Smoothed: cyber (1+1)/(0+1)−1 = 1; drones (4+1)/(2+1)−1 = 2/3.
      expect(t.emerging.map((e) => [e.key, Number(e.growth.toFixed(4))])).toEqual([
        ['t:cyber', 1],
        ['t:drones', 0.6667],
      ]);
    });

    it('trends count what each viewer may see: the restricted project and challenge only for those entitled', async () => {
      const all = await engine.trends({}, SYSTEM);
      expect(all.series.find((x) => x.key === 't:cyber')?.counts).toEqual({
        challenges: [0, 0, 0, 2],
        projects: [0, 0, 0, 1],
        results: [0, 0, 0, 0],
      });
      const de = await engine.trends({}, DE_MEMBER);
      expect(de.series.find((x) => x.key === 't:cyber')?.counts.challenges).toEqual([0, 0, 0, 2]);
      expect(de.series.find((x) => x.key === 't:cyber')?.counts.projects).toEqual([0, 0, 0, 0]);
      // Anonymous: only public nodes, and none of the dated nodes is public.
      const anon = await engine.trends({}, ANONYMOUS);
      expect(anon.series).toEqual([]);
      expect(anon.empty).toMatch(/no dated/u);
    });

    it('trends by country and with filters: projects count once per participating country', async () => {
      const t = await engine.trends({ by: 'country' }, NETWORK);
      const fr = t.series.find((x) => x.key === 'FR');
      expect(fr?.counts).toEqual({ challenges: [0, 0, 1, 0], projects: [1, 0, 1, 0], results: [0, 0, 1, 1] });
      const be = t.series.find((x) => x.key === 'BE');
      expect(be?.counts).toEqual({ challenges: [0, 1, 0, 1], projects: [1, 0, 0, 0], results: [0, 0, 1, 0] });
      const onlyBe = await engine.trends({ country: 'BE', topic: 't:drones' }, NETWORK);
      expect(onlyBe.totals).toEqual({ challenges: [0, 1, 0], projects: [1, 0, 0], results: [0, 0, 1] });
      expect(onlyBe.buckets).toEqual(['2019', '2020', '2021']);
      const q = await engine.trends({ unit: 'quarter', from: '2021', to: '2021-12-31' }, NETWORK);
      expect(q.buckets).toEqual(['2021-Q1', '2021-Q2', '2021-Q3']);
      expect(q.totals).toEqual({ challenges: [0, 0, 1], projects: [0, 1, 0], results: [1, 0, 0] });
    });

    it('gaps: demand against mature results per topic; open challenges nothing mature addresses', async () => {
      const g = await engine.gaps({}, NETWORK);
      // drones: c1, c2 open; votes on c1 = 2 (c2's −1 is not demand); r1 (TRL 7) mature, r2 (report) not.
      // cyber: c3 with one visible vote (pe3 is restricted); no result.
      expect(g.topics).toEqual([
        {
          topic: 't:drones',
          label: 'Drones',
          challenges: 2,
          votes: 2,
          demand: 2.4,
          matureResults: 1,
          results: 2,
          gap: 1.2,
        },
        {
          topic: 't:cyber',
          label: 'Cybercrime',
          challenges: 1,
          votes: 1,
          demand: 1.2,
          matureResults: 0,
          results: 0,
          gap: 1.2,
        },
      ]);
      // c1 is addressed by r1 (mature): no gap. c3 has a vote, c2 none.
      expect(g.challenges.map((c) => [c.id, c.votes, c.addressedBy])).toEqual([
        ['c3', 1, 0],
        ['c2', 0, 0],
      ]);
      const de = await engine.gaps({}, DE_MEMBER);
      expect(de.topics.find((x) => x.topic === 't:cyber')).toMatchObject({ challenges: 2, votes: 2 });
      expect((await engine.gaps({ country: 'FR' }, NETWORK)).topics.map((x) => x.topic)).toEqual(['t:drones']);
      expect((await engine.gaps({ country: 'PT' }, NETWORK)).empty).toMatch(/from PT/u);
    });

    it('network: organisations linked by visible shared projects, centrality, cross-border index', async () => {
      const n = await engine.network({}, NETWORK);
      expect(n.organisations).toBe(3);
      expect(n.links).toBe(2);
      expect(n.central[0]).toMatchObject({ id: 'o:fr-uni', degree: 2, betweenness: 1 });
      expect(n.countries).toEqual(
        expect.arrayContaining([
          { country: 'FR', organisations: 1, links: 2, crossBorderIndex: 1 },
          { country: 'BE', organisations: 1, links: 1, crossBorderIndex: 1 },
        ]),
      );
      const all = await engine.network({}, SYSTEM);
      expect(all.organisations).toBe(4);
      expect(all.links).toBe(3);
      expect(all.central.map((c) => c.id)).toContain('o:fr-secret');
      expect(n.central.map((c) => c.id)).not.toContain('o:fr-secret');
    });

    it('polls count only voters the viewer may see', async () => {
      const [net] = await engine.polls(NETWORK);
      expect(net?.options).toEqual([
        { option: 'a', votes: 1, share: 0.5 },
        { option: 'b', votes: 1, share: 0.5 },
      ]);
      const [anon] = await engine.polls(ANONYMOUS, 'poll1');
      expect(anon?.options.map((o) => o.votes)).toEqual([0, 1]);
      expect((await engine.polls(SYSTEM, 'poll1'))[0]?.votes).toBe(3);
      await expect(engine.polls(NETWORK, 'c1')).rejects.toMatchObject({ code: 'ERR_WRONG_KIND' });
    });

    it('a write moves the store revision and the next answer includes it', async () => {
      const before = await engine.trends({}, NETWORK);
      await opened.store.upsert({
        nodes: [{ id: 'c5', kind: 'Challenge', title: 'Drones at stadiums', date: '2022-09-01', country: 'BE' }],
        relationships: [rel('ABOUT', 'c5', 't:drones')],
      });
      const after = await engine.trends({}, NETWORK);
      expect(after.totals.challenges.at(-1)).toBe((before.totals.challenges.at(-1) ?? 0) + 1);
    });

    it('suggest: cross-border organisations not yet linked, with the shared partner as the reason', async () => {
      const a = await engine.suggest({ for: { country: 'BE' } }, NETWORK);
      expect(a.origins.map((o) => o.id)).toEqual(['o:be-police']);
      // fr-uni already works with the police; fr-secret is hidden; de-ind is across a border, via fr-uni.
      expect(a.suggestions.map((s) => s.to.id)).toEqual(['o:de-ind']);
      expect(a.suggestions[0]?.via.map((v) => v.id)).toEqual(['o:fr-uni']);
      expect(a.suggestions[0]?.why).toMatch(/1 partner in common \(French University\)/u);
      // The claim names the work behind it, by title and id, and what supports it (lexical mode: declared ties).
      expect(a.topicalFloor.basis).toBe('declared-only');
      expect(a.needs.map((n) => n.id)).toEqual(['c1', 'c3']);
      expect(a.suggestions[0]?.complements).toEqual([
        {
          need: { id: 'c1', title: 'Drones drop phones into prisons', side: 'from' },
          answer: { id: 'p2', title: 'Counter-drone sensors', kind: 'Project' },
          basis: 'topic',
          similarity: null,
          floor: null,
        },
      ]);
      expect(a.suggestions[0]?.why).toContain('its work "Counter-drone sensors" (p2) answers your need');
      const forDe = await engine.suggest({ for: { organisation: 'o:de-ind' } }, SYSTEM);
      expect(forDe.suggestions.map((s) => s.to.id)).toEqual(['o:be-police']);
      // de-ind has no open need: nothing is claimed, and the reason says what the suggestion rests on.
      expect(forDe.suggestions[0]?.complements).toEqual([]);
      expect(forDe.suggestions[0]?.why).toMatch(
        /^rests on network proximity, not on work that answers your needs: 1 partner in common/u,
      );
      await expect(engine.suggest({ for: { organisation: 'o:fr-secret' } }, NETWORK)).rejects.toMatchObject({
        code: 'ERR_NOT_FOUND',
      });
      await expect(engine.suggest({ for: { organisation: 'p1' } }, NETWORK)).rejects.toMatchObject({
        code: 'ERR_WRONG_KIND',
      });
      const none = await engine.suggest({ for: { country: 'PT' } }, NETWORK);
      expect(none.suggestions).toEqual([]);
      expect(none.empty).toMatch(/PT/u);
    });

    it('consortium: a team that cannot meet the constraints says which and offers alternatives', async () => {
      const a = await engine.consortium('c1', {}, SYSTEM);
      expect(a.challenge).toEqual({ id: 'c1', title: 'Drones drop phones into prisons' });
      const ids = a.members.map((m) => m.org.id);
      expect(ids).toContain('o:be-police');
      expect(a.members.find((m) => m.org.id === 'o:be-police')?.role).toBe('practitioner');
      const size = a.checks.find((c) => c.constraint === 'size');
      expect(size?.met).toBe(false);
      expect(a.alternatives.length).toBeGreaterThan(0);
      await expect(engine.consortium('p1', {}, NETWORK)).rejects.toMatchObject({ code: 'ERR_WRONG_KIND' });
      await expect(engine.consortium('c4', {}, NETWORK)).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
      await expect(engine.consortium('c1', { size: 50 }, NETWORK)).rejects.toMatchObject({
        code: 'ERR_INVALID_QUERY',
        field: 'size',
      });
    });

    it('consortium: a sub-topic nobody visible has work for is reported, not filled; hidden work is never the named evidence', async () => {
      // Only p3 (restricted to the French lab) is about Cybercrime and mentions ransomware.
      for (const viewer of [NETWORK, DE_MEMBER]) {
        const a = await engine.consortium('c3', {}, viewer);
        expect(a.gaps).toEqual([
          { subTopic: 'Cybercrime', reason: 'nobody in the network has relevant work for "Cybercrime"' },
        ]);
        // The police raised the need: it is the practitioner, with that as its only tie; no seat goes to unrelated members.
        expect(a.members.map((m) => m.org.id)).toEqual(['o:be-police']);
        expect(a.members[0]?.evidence).toEqual([
          {
            id: 'c3',
            title: 'Ransomware against town halls',
            kind: 'Challenge',
            maturity: 0,
            basis: 'raised',
            similarity: null,
          },
        ]);
        expect(a.checks.find((c) => c.constraint === 'size')?.detail).toBe(
          '1 of 6 members found: only 1 organisation visible to you has relevant work',
        );
        const text = JSON.stringify(a);
        expect(text).not.toContain('p3');
        expect(text).not.toContain('Ransomware tracing');
        expect(text).not.toContain('fr-secret');
      }
      // Whoever may see the French lab's project gets it as named evidence, and no gap.
      const all = await engine.consortium('c3', {}, SYSTEM);
      expect(all.gaps).toEqual([]);
      const lab = all.members.find((m) => m.org.id === 'o:fr-secret');
      expect(lab?.evidence.map((e) => [e.id, e.basis])).toEqual([['p3', 'topic']]);
      expect(lab?.why).toBe(
        '"Ransomware tracing" (p3, on a topic of the challenge); covers Cybercrime by "Ransomware tracing" (p3)',
      );
    });

    it('consortium: the coordinator is the most relevant member that has coordinated projects, and the answer says why', async () => {
      const a = await engine.consortium('c1', {}, SYSTEM);
      expect(a.members.filter((m) => m.coordinator).map((m) => m.org.id)).toEqual(['o:fr-uni']);
      expect(a.members.find((m) => m.org.id === 'o:fr-uni')?.coordinated).toBe(2);
      expect(a.coordinator).toEqual({
        id: 'o:fr-uni',
        why: expect.stringMatching(
          /^French University: the most relevant member \(0\.\d\d\).* coordinated 2 projects, such as "Drone detection at prisons" \(p1\)$/u,
        ),
      });
      // Every member names its works; the claim about each is one the viewer can check.
      for (const m of a.members) expect(m.why).toMatch(/\((p1|p2|r1|c1)[,)]/u);
    });

    it('report: a Markdown brief whose figures are the analyses’ own', async () => {
      const md = await engine.report(NETWORK);
      expect(md).toMatch(/^# Policy brief/u);
      expect(md).toContain('| Drones | 2 | 2 | 1 | 2 | 1.2 |');
      expect(md).toContain('Fund research on **Cybercrime**: 1 open challenges and 1 votes, and no mature result yet.');
      expect(md).not.toContain('Ransomware in factories');
    });

    it('bad queries: a clear error naming the field', async () => {
      const err = await engine.trends({ by: 'colour' } as never, NETWORK).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AnalyticsError);
      expect(err).toMatchObject({ code: 'ERR_INVALID_QUERY', field: 'by' });
      await expect(engine.trends({ topic: 't:nowhere' }, NETWORK)).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
      await expect(engine.trends({ from: '20x1' }, NETWORK)).rejects.toMatchObject({ field: 'from' });
      await expect(engine.gaps({ minMaturity: 2 }, NETWORK)).rejects.toMatchObject({ field: 'minMaturity' });
      await expect(engine.network({ top: 0 }, NETWORK)).rejects.toMatchObject({ field: 'top' });
    });
  });
}
