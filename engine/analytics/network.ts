/**
 * The collaboration network: organisations joined when they took part in the same project
 * (edge weight = shared projects), as a graphology graph; its centralities (degree,
 * betweenness), communities (Louvain, seeded so answers are stable) and a cross-border
 * collaboration index per country. Built per viewer class from visible projects and
 * organisations only, and cached with the snapshot.
 */
import { UndirectedGraph } from 'graphology';
import louvainImport from 'graphology-communities-louvain';
import betweennessImport from 'graphology-metrics/centrality/betweenness.js';
import { z } from 'zod';
import type { Viewer } from '../../graph/index.js';
import { countryCode } from '../../graph/index.js';
import { parseQuery } from './errors.js';
import type { Snapshot } from './snapshot.js';
import type { Community, CountryCollaboration, NetworkAnswer, NetworkQuery, OrgCentrality } from './types.js';

// Both are CommonJS modules whose typings declare an ES default export; Node hands ESM the
// module.exports object itself, so take `.default` when the typings' shape is what arrived.
type Louvain = typeof louvainImport.default;
type Betweenness = typeof betweennessImport.default;
const louvain: Louvain =
  (louvainImport as unknown as { default?: Louvain }).default ?? (louvainImport as unknown as Louvain);
const betweenness: Betweenness =
  (betweennessImport as unknown as { default?: Betweenness }).default ?? (betweennessImport as unknown as Betweenness);

/** The collaboration graph: organisation keys (decimal strings) with the shared-project count as `weight`. */
export type CollabGraph = UndirectedGraph<Record<string, never>, { weight: number }>;

export const networkQuerySchema = z.strictObject({
  top: z.number().int().min(1).max(500).default(20),
  country: countryCode.optional(),
});

export interface CollabOptions {
  /** Only projects starting on or before this date (time-split evaluation). */
  readonly until?: string;
  /** Only projects starting after this date. */
  readonly after?: string;
}

/** Organisation keys (as graph node keys, decimal strings) joined by shared visible projects. */
export function collaborationGraph(s: Snapshot, mask: Uint8Array, o: CollabOptions = {}): CollabGraph {
  const g: CollabGraph = new UndirectedGraph({ allowSelfLoops: false });
  for (const p of s.of('Project')) {
    if (!mask[p]) continue;
    const date = s.node(p).date;
    if (o.until !== undefined && (date === undefined || date > o.until)) continue;
    if (o.after !== undefined && (date === undefined || date <= o.after)) continue;
    const orgs = [...new Set((s.participants.get(p) ?? []).map((l) => l.to).filter((k) => mask[k]))];
    for (const k of orgs) if (!g.hasNode(String(k))) g.addNode(String(k));
    for (let i = 0; i < orgs.length; i++) {
      for (let j = i + 1; j < orgs.length; j++) {
        const a = String(orgs[i]);
        const b = String(orgs[j]);
        const e = g.edge(a, b);
        if (e === undefined) g.addEdge(a, b, { weight: 1 });
        else g.updateEdgeAttribute(e, 'weight', (w) => (w ?? 0) + 1);
      }
    }
  }
  return g;
}

/** A seeded generator (mulberry32), so Louvain gives the same communities for the same graph. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Metrics {
  readonly graph: CollabGraph;
  readonly community: Record<string, number>;
  readonly modularity: number;
  readonly betweenness: Record<string, number>;
}

export function computeMetrics(g: CollabGraph): Metrics {
  if (g.order === 0) return { graph: g, community: {}, modularity: 0, betweenness: {} };
  const detailed = louvain.detailed(g, { getEdgeWeight: 'weight', rng: seeded(7) });
  // Unweighted shortest paths: a broker links teams, however often each pair worked together.
  const b = betweenness(g, { normalized: true, getEdgeWeight: null });
  return { graph: g, community: detailed.communities, modularity: detailed.modularity, betweenness: b };
}

export function network(s: Snapshot, input: NetworkQuery | undefined, viewer: Viewer, metrics: Metrics): NetworkAnswer {
  const q = parseQuery(networkQuerySchema, input, 'network');
  const g = metrics.graph;
  if (g.order === 0) {
    return {
      organisations: 0,
      links: 0,
      modularity: 0,
      central: [],
      communities: [],
      countries: [],
      countryOrder: [],
      matrix: [],
      empty: 'no organisation visible to you shares a project with another',
    };
  }
  const mask = s.visibleMask(viewer);
  const org = (key: string) => s.node(Number(key));
  const countryOf = (key: string) => org(key).country;

  const central: OrgCentrality[] = [];
  g.forEachNode((key) => {
    const n = org(key);
    if (q.country !== undefined && n.country !== q.country) return;
    central.push({
      id: n.id,
      name: n.label,
      ...(n.country === undefined ? {} : { country: n.country }),
      ...(n.sub === undefined ? {} : { orgKind: n.sub }),
      degree: g.degree(key),
      betweenness: round(metrics.betweenness[key] ?? 0),
      community: metrics.community[key] ?? -1,
    });
  });
  central.sort((a, b) => b.betweenness - a.betweenness || b.degree - a.degree || (a.id < b.id ? -1 : 1));

  // Communities, largest first, described by their biggest members, countries and topics.
  const groups = new Map<number, string[]>();
  g.forEachNode((key) => {
    const c = metrics.community[key] ?? -1;
    const list = groups.get(c) ?? [];
    list.push(key);
    groups.set(c, list);
  });
  const communities: Community[] = [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0] - b[0])
    .slice(0, 12)
    .map(([id, keys]) => {
      const byDegree = [...keys].sort((a, b) => g.degree(b) - g.degree(a) || Number(a) - Number(b));
      const countries = new Map<string, number>();
      const topics = new Map<number, number>();
      for (const key of keys) {
        const c = countryOf(key);
        if (c !== undefined) countries.set(c, (countries.get(c) ?? 0) + 1);
        for (const p of s.projectsOf.get(Number(key)) ?? []) {
          if (!mask[p.to]) continue;
          for (const t of s.about.get(p.to) ?? []) if (mask[t]) topics.set(t, (topics.get(t) ?? 0) + 1);
        }
      }
      return {
        id,
        size: keys.length,
        members: byDegree.slice(0, 5).map((key) => ({ id: org(key).id, name: org(key).label })),
        countries: [...countries.entries()]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, 5)
          .map(([country, count]) => ({ country, count })),
        topics: [...topics.entries()]
          .sort((a, b) => b[1] - a[1] || a[0] - b[0])
          .slice(0, 5)
          .map(([t, count]) => ({ id: s.node(t).id, label: s.node(t).label, count })),
      };
    });

  // Cross-border index per country, and the country × country matrix of links.
  const perCountry = new Map<string, { orgs: Set<string>; links: number; cross: number }>();
  const pair = new Map<string, number>();
  const touch = (c: string) => {
    let r = perCountry.get(c);
    if (r === undefined) {
      r = { orgs: new Set(), links: 0, cross: 0 };
      perCountry.set(c, r);
    }
    return r;
  };
  g.forEachNode((key) => {
    const c = countryOf(key);
    if (c !== undefined) touch(c).orgs.add(key);
  });
  g.forEachEdge((_e, _attr, a, b) => {
    const ca = countryOf(a);
    const cb = countryOf(b);
    if (ca === undefined || cb === undefined) return;
    const ra = touch(ca);
    ra.links++;
    if (ca !== cb) {
      ra.cross++;
      const rb = touch(cb);
      rb.links++;
      rb.cross++;
    }
    const [x, y] = ca < cb ? [ca, cb] : [cb, ca];
    pair.set(`${x}|${y}`, (pair.get(`${x}|${y}`) ?? 0) + 1);
  });
  const countries: CountryCollaboration[] = [...perCountry.entries()]
    .map(([country, r]) => ({
      country,
      organisations: r.orgs.size,
      links: r.links,
      crossBorderIndex: r.links === 0 ? 0 : round(r.cross / r.links),
    }))
    .sort((a, b) => b.links - a.links || (a.country < b.country ? -1 : 1));
  const countryOrder = countries.slice(0, 15).map((c) => c.country);
  const matrix = countryOrder.map((a) =>
    countryOrder.map((b) => {
      const [x, y] = a < b ? [a, b] : [b, a];
      return pair.get(`${x}|${y}`) ?? 0;
    }),
  );

  return {
    organisations: g.order,
    links: g.size,
    modularity: round(metrics.modularity),
    central: central.slice(0, q.top),
    communities,
    countries,
    countryOrder,
    matrix,
  };
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;
