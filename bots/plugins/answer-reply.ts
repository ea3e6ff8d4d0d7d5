/** A matching answer (who-solved, match) as reply sections: experts, organisations, works, each hit with why and path. */
import type { Answer, Hit } from '../../engine/match/answer.js';
import type { Engine } from '../../engine/service.js';
import type { Visibility } from '../../graph/model.js';
import type { Viewer } from '../../graph/viewer.js';
import { clip, type ReplyItem, type ReplySection } from '../core/reply.js';
import { visibilityOf } from '../core/visibility.js';

const GROUPS: readonly { title: string; kinds: readonly string[] }[] = [
  { title: 'Experts', kinds: ['Person'] },
  { title: 'Organisations', kinds: ['Organisation'] },
  { title: 'Results, projects and documents', kinds: ['Result', 'Project', 'Document'] },
];

export function hitItem(h: Hit): ReplyItem {
  const facts = [
    h.kind === 'Person' || h.kind === 'Organisation' ? undefined : h.kind.toLowerCase(),
    h.orgKind,
    h.country,
    h.trl === undefined ? undefined : `TRL ${h.trl}`,
    h.date?.slice(0, 4),
  ].filter((x): x is string => x !== undefined);
  const snippet = h.snippets.find((s) => s.matched.length > 0) ?? h.snippets[0];
  return {
    id: h.id,
    title: h.label,
    facts,
    why: h.why,
    ...(h.path.nodes.length > 1 ? { path: h.path.nodes.map((n) => n.label) } : {}),
    ...(snippet === undefined ? {} : { quote: clip(snippet.text, 200) }),
    score: Math.round(h.scores.final * 100) / 100,
  };
}

/** Sections in a fixed order, empty ones left out. */
export function answerSections(a: Answer): ReplySection[] {
  return GROUPS.map((g) => ({
    title: g.title,
    items: a.hits.filter((h) => g.kinds.includes(h.kind)).map(hitItem),
  })).filter((s) => s.items.length > 0);
}

/** Counts per group: "2 experts, 1 organisation, 3 works". */
export function answerSummary(a: Answer): string {
  const n = (kinds: readonly string[]) => a.hits.filter((h) => kinds.includes(h.kind)).length;
  const part = (count: number, one: string, many: string) =>
    count === 0 ? undefined : `${count} ${count === 1 ? one : many}`;
  return [
    part(n(['Person']), 'expert', 'experts'),
    part(n(['Organisation']), 'organisation', 'organisations'),
    part(n(['Result', 'Project', 'Document']), 'result, project or document', 'results, projects and documents'),
  ]
    .filter((p) => p !== undefined)
    .join(', ');
}

/** The highest visibility among the hits and every node on their explanation paths. */
export function answerVisibility(
  engine: Engine,
  a: Answer,
  viewer: Viewer,
  extra: readonly string[] = [],
): Promise<Visibility> {
  const ids = [...extra, ...a.hits.flatMap((h) => [h.id, ...h.path.nodes.map((n) => n.id)])];
  return visibilityOf(engine.store, ids, viewer);
}

export function answerFooter(a: Answer): string {
  const how =
    a.mode === 'lexical'
      ? 'matched on words only'
      : a.mode === 'dense'
        ? 'matched on meaning only'
        : 'matched on words and meaning';
  return `${how}; ${a.stats.ms} ms`;
}
