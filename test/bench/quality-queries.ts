/**
 * Labelled queries for the matching quality benchmark, built from the CORDIS security data so
 * that no query carries its own answer:
 *
 *  - deliverable queries: a Horizon Europe deliverable's title asks "who did this?"; relevant
 *    are its project and the project's partner organisations. The deliverable, and any sibling
 *    deliverable of the same project whose title says nearly the same (word Jaccard ≥ 0.5),
 *    are deleted from the graph before anything is indexed or embedded. Titles that are
 *    boilerplate (data management plans, websites, dissemination…) or that occur in more than
 *    one project are not used: they name no problem solved.
 *  - call-topic queries: a call topic's title asks who answered the call; relevant are the
 *    projects funded under it and their partners. Topic nodes are in neither index (matching
 *    searches projects, results, people, organisations, challenges and documents), and the
 *    ABOUT edges to call topics are deleted, so the topic's own text never reaches a project.
 *
 * Each query falls in the dev or the held-out split by a hash of its id: tuning sees dev only.
 */
import { createHash } from 'node:crypto';
import { queryTerms } from '../../engine/match/text.js';
import type { GraphStore } from '../../graph/store.js';
import { SYSTEM } from '../../graph/viewer.js';

export interface LabelledQuery {
  readonly id: string;
  readonly source: 'deliverable' | 'call-topic';
  readonly text: string;
  /** Project and organisation ids that count as right answers. */
  readonly relevant: ReadonlySet<string>;
  readonly split: 'dev' | 'held-out';
}

const BOILERPLATE =
  /data management|ethic|website|web ?site|dissemination|communication|exploitation|quality (assurance|plan)|handbook|newsletter|kick-?off|progress report|periodic report|poster|brochure|press release|leaflet|final report|policy brief|project management|management plan|gender|advisory board|risk (management|register)|innovation management|project presentation|\bpopd\b|\bnec\b|\bh - requirement|requirement no\.|visual identity|social media|clustering|sustainability plan|business plan/iu;

const split = (id: string): 'dev' | 'held-out' =>
  (createHash('sha256').update(id).digest()[0] ?? 0) % 2 === 0 ? 'dev' : 'held-out';

const jaccard = (a: readonly string[], b: readonly string[]): number => {
  const A = new Set(a);
  const B = new Set(b);
  let both = 0;
  for (const x of A) if (B.has(x)) both++;
  return both / (A.size + B.size - both || 1);
};

/** Strips deliverable numbering ("D2.1 –", "WP3:") so "D1.1 Data management plan" and "D7.2 Data management plan" compare equal. */
const normalTitle = (t: string) =>
  queryTerms(t.replace(/^\s*(?:d|wp|del)\s*\d+(?:[.\-_]\d+)*\s*[-–:.]?\s*/iu, '')).filter((w) => !/^\d+$/u.test(w));

async function all<T>(page: (cursor?: string) => Promise<{ items: readonly T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    out.push(...p.items);
    cursor = p.next;
  } while (cursor !== undefined);
  return out;
}

/** Builds the queries and removes from the store what would leak their answers. */
export async function buildQueries(store: GraphStore): Promise<LabelledQuery[]> {
  const participations = await all((cursor) =>
    store.relationships({ type: 'PARTICIPATED_IN', limit: 50_000, ...(cursor ? { cursor } : {}) }, SYSTEM),
  );
  const partners = new Map<string, Set<string>>();
  for (const r of participations) {
    let s = partners.get(r.to);
    if (s === undefined) {
      s = new Set();
      partners.set(r.to, s);
    }
    s.add(r.from);
  }
  const relevantFor = (projects: readonly string[]) =>
    new Set(projects.flatMap((p) => [p, ...(partners.get(p) ?? [])]));

  // Deliverables.
  const produced = await all((cursor) =>
    store.relationships({ type: 'PRODUCED', limit: 50_000, ...(cursor ? { cursor } : {}) }, SYSTEM),
  );
  const projectOf = new Map(produced.filter((r) => r.from.startsWith('cordis:project:')).map((r) => [r.to, r.from]));
  const results = await all((cursor) =>
    store.list({ kind: 'Result', limit: 10_000, ...(cursor ? { cursor } : {}) }, SYSTEM),
  );
  const titleProjects = new Map<string, Set<string>>();
  for (const r of results) {
    if (r.kind !== 'Result') continue;
    const key = normalTitle(r.title).join(' ');
    let s = titleProjects.get(key);
    if (s === undefined) {
      s = new Set();
      titleProjects.set(key, s);
    }
    s.add(projectOf.get(r.id) ?? r.id);
  }
  const byProject = new Map<string, typeof results>();
  for (const r of results) {
    const p = projectOf.get(r.id);
    if (p === undefined) continue;
    byProject.set(p, [...(byProject.get(p) ?? []), r]);
  }
  const queries: LabelledQuery[] = [];
  const doomed = new Set<string>();
  for (const [project, list] of [...byProject].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const candidates = list
      .filter((r) => r.kind === 'Result')
      .map((r) => ({ r, t: normalTitle(r.kind === 'Result' ? r.title : '') }))
      .filter(
        ({ r, t }) =>
          r.kind === 'Result' &&
          t.length >= 4 &&
          !BOILERPLATE.test(`${r.title} ${r.resultType ?? ''}`) &&
          (titleProjects.get(t.join(' '))?.size ?? 0) <= 1,
      )
      .sort((a, b) => b.t.length - a.t.length || (a.r.id < b.r.id ? -1 : 1));
    const pick = candidates[0];
    if (pick === undefined || pick.r.kind !== 'Result') continue;
    const id = `deliverable:${pick.r.id}`;
    queries.push({ id, source: 'deliverable', text: pick.r.title, relevant: relevantFor([project]), split: split(id) });
    doomed.add(pick.r.id);
    for (const sibling of list) {
      if (sibling.kind === 'Result' && jaccard(normalTitle(sibling.title), pick.t) >= 0.5) doomed.add(sibling.id);
    }
  }
  await store.deleteNodes([...doomed]);

  // Call topics.
  const about = await all((cursor) =>
    store.relationships({ type: 'ABOUT', limit: 50_000, ...(cursor ? { cursor } : {}) }, SYSTEM),
  );
  const callAbout = about.filter((r) => r.to.startsWith('cordis:topic:'));
  const topics = new Map(
    (await store.getNodes([...new Set(callAbout.map((r) => r.to))], SYSTEM)).map((t) => [t.id, t]),
  );
  const projectsOf = new Map<string, string[]>();
  for (const r of callAbout) projectsOf.set(r.to, [...(projectsOf.get(r.to) ?? []), r.from]);
  const seenTitles = new Map<string, number>();
  for (const t of topics.values())
    if (t.kind === 'Topic') seenTitles.set(t.label.toLowerCase(), (seenTitles.get(t.label.toLowerCase()) ?? 0) + 1);
  for (const [topicId, projects] of [...projectsOf].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const t = topics.get(topicId);
    if (t?.kind !== 'Topic' || t.label === t.code || queryTerms(t.label).length < 4) continue;
    if ((seenTitles.get(t.label.toLowerCase()) ?? 0) > 1 || /^open topic/iu.test(t.label)) continue;
    const id = `call-topic:${t.code ?? topicId}`;
    queries.push({ id, source: 'call-topic', text: t.label, relevant: relevantFor(projects), split: split(id) });
  }
  await store.deleteRelationships(callAbout.map((r) => ({ type: r.type, from: r.from, to: r.to })));
  return queries;
}
