/** A matching answer (who-solved, match) as reply sections: experts, organisations, works, each hit with why and path. */
import { type Answer, type Hit, hitFacts, restrictedLine } from '../../engine/match/index.js';
import type { Engine } from '../../engine/service.js';
import type { Viewer, Visibility } from '../../graph/index.js';
import type { Conversation } from '../core/command.js';
import { clip, type ReplyItem, type ReplySection } from '../core/reply.js';
import { visibilityOf } from '../core/visibility.js';
import type { IntroduceOffer } from './introduce-actions.js';

const GROUPS: readonly { title: string; kinds: readonly string[] }[] = [
  { title: 'Experts', kinds: ['Person'] },
  { title: 'Organisations', kinds: ['Organisation'] },
  { title: 'Results, projects and documents', kinds: ['Result', 'Project', 'Document'] },
  { title: 'Events', kinds: ['Event'] },
];

const norm = (t: string) =>
  t
    .toLowerCase()
    .replace(/[\s.,;:!?"“”'’]+/gu, ' ')
    .trim();

/**
 * One hit as an item, saying each thing once: the path only when it names a step the reason
 * does not, the quote only when it is not the title, the reason or a step over again.
 */
export function hitItem(h: Hit): ReplyItem {
  const facts = hitFacts(h);
  const said = norm(`${h.label} ${h.why}`);
  const steps = h.path.nodes.filter((n) => n.id !== h.id).map((n) => n.label);
  const pathAdds = steps.some((label) => !said.includes(norm(label)));
  const path = h.path.nodes.length > 1 && pathAdds ? h.path.nodes.map((n) => n.label) : undefined;
  const shown = norm(`${said} ${steps.join(' ')}`);
  const snippet = h.snippets.find((s) => s.matched.length > 0) ?? h.snippets[0];
  const quote = snippet === undefined || shown.includes(norm(snippet.text)) ? undefined : clip(snippet.text, 200);
  return {
    id: h.id,
    title: h.label,
    facts,
    why: h.why,
    ...(path === undefined ? {} : { path }),
    ...(quote === undefined ? {} : { quote }),
    score: Math.round(h.scores.final * 100) / 100,
  };
}

/**
 * Hits without the asker (nobody is shown to himself as the expert on his own question), then
 * at most `limit` of each kind (the engine was asked for one more, to fill his place).
 */
export function withoutAsker(a: Answer, person: string | undefined, limit: number): Answer {
  const seen = new Map<string, number>();
  const hits = a.hits.filter((h) => {
    if (h.id === person) return false;
    const n = (seen.get(h.kind) ?? 0) + 1;
    seen.set(h.kind, n);
    return n <= limit;
  });
  return { ...a, hits };
}

/**
 * No answer worth giving: no hit, or the engine abstained (a field the quality work adds to the
 * Answer; read here without depending on it).
 */
export const noGoodMatch = (a: Answer): boolean =>
  a.hits.length === 0 || (a as Answer & { abstained?: boolean }).abstained === true;

export const noGoodMatchText = (query: string): string => `No good match for “${query}” — raise it as a challenge?`;

/**
 * A link to the dashboard's search for the question, where every hit has its full explanation;
 * with `focus`, the page opens at that hit.
 */
export function searchLink(
  base: string | undefined,
  query: string,
  o: { country?: string | undefined; focus?: string } = {},
): string | undefined {
  if (base === undefined) return undefined;
  const params = new URLSearchParams({ text: query });
  if (o.country !== undefined) params.set('country', o.country);
  if (o.focus !== undefined) params.set('focus', o.focus);
  const url = new URL(base.endsWith('/') ? base : `${base}/`);
  url.hash = `/search?${params.toString()}`;
  return url.href;
}

const SHORT: readonly { label: string; kinds: readonly string[] }[] = [
  { label: 'Expert', kinds: ['Person'] },
  { label: 'Organisation', kinds: ['Organisation'] },
  { label: 'Result', kinds: ['Result', 'Project', 'Document'] },
];

/**
 * The short answer: the best person, organisation and result (events wait behind "More": with a
 * fourth item the short answer outgrew its 1,000 characters on the demo questions), each with one reason (the first
 * of its reasons) and a link; the full list is one "More" away.
 */
export function shortItems(a: Answer, link: (id: string) => string | undefined, offer?: IntroduceOffer): ReplyItem[] {
  const said: string[] = [];
  return SHORT.flatMap(({ label, kinds }) => {
    const h = a.hits.find((x) => kinds.includes(x.kind));
    if (h === undefined) return [];
    const full = hitItem(h);
    const reason = clip(h.why.split(/;\s+/u)[0] ?? h.why, 160);
    // The best expert and the best organisation often stand on the same work: say it once.
    const earlier = said.indexOf(reason);
    said.push(reason);
    const url = link(h.id);
    const actions = offer?.forHit(h) ?? [];
    return [
      {
        id: h.id,
        title: `${label}: ${h.label}`,
        ...(full.facts === undefined || full.facts.length === 0 ? {} : { facts: full.facts }),
        why: earlier === -1 ? reason : `the same work as the ${SHORT[earlier]?.label.toLowerCase()} above`,
        ...(url === undefined ? {} : { url }),
        ...(actions.length === 0 ? {} : { actions }),
      },
    ];
  });
}
/** Sections in a fixed order, empty ones left out; with `offer`, people and organisations get "Introduce me". */
export function answerSections(a: Answer, offer?: IntroduceOffer): ReplySection[] {
  // Said once: two experts behind the same work have the same reason, and works share snippets.
  // A repeated reason becomes a pointer to the first item that gave it; a repeated quote goes.
  const firstWith = new Map<string, string>();
  const quoted = new Set<string>();
  return GROUPS.map((g) => ({
    title: g.title,
    items: a.hits
      .filter((h) => g.kinds.includes(h.kind))
      .map((h) => {
        const actions = offer?.forHit(h) ?? [];
        return actions.length === 0 ? hitItem(h) : { ...hitItem(h), actions };
      })
      .map((item) => {
        const { why, quote, facts, ...rest } = item;
        const q = quote === undefined ? undefined : norm(quote);
        const keepQuote = q !== undefined && !quoted.has(q);
        if (q !== undefined) quoted.add(q);
        const earlier = why === undefined ? undefined : firstWith.get(why);
        if (why !== undefined && earlier === undefined) firstWith.set(why, item.title);
        return {
          ...rest,
          ...(earlier === undefined
            ? { ...(facts === undefined ? {} : { facts }), ...(why === undefined ? {} : { why }) }
            : { facts: [...(facts ?? []), `same evidence as ${earlier}`] }),
          ...(keepQuote ? { quote } : {}),
        };
      }),
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
    part(n(['Event']), 'event', 'events'),
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

/** How it was matched (timings belong in the audit log, not in the room). */
export function answerFooter(a: Answer): string {
  const how =
    a.mode === 'lexical'
      ? 'matched on words only'
      : a.mode === 'dense'
        ? 'matched on meaning only'
        : 'matched on words and meaning';
  // A question in another language: say how it was read, and when meaning could not be used, why.
  const language = a.language;
  if (language === undefined) return how;
  return language.note === undefined ? `${how}; read as ${language.name}` : `${how}: ${language.note}`;
}

/**
 * Hit/no-hit: discoverable restricted works that match, each with only what the answer carries
 * (kind, owner's organisation kind and country) and the asker's reference for an introduction. Shown in
 * direct conversations only: a handle is the asker's own (engine/discover), so in a shared room it
 * would be computed for the room's audience and mean nothing to the member reading it. With
 * `offer`, each has a "Request access" button that asks for the introduction; the handle stays
 * in the text for a member who would rather write their own message.
 */
export function restrictedSections(a: Answer, conversation: Conversation, offer?: IntroduceOffer): ReplySection[] {
  const restricted = a.restricted ?? [];
  if (!conversation.dm || restricted.length === 0) return [];
  return [
    {
      title: 'Restricted work that matches',
      items: restricted.map((r, i) => {
        const actions = offer?.forRestricted(r.handle, r.country, i, restricted.length) ?? [];
        return {
          title: restrictedLine(r),
          why: `its owner keeps it restricted; ask your INC for an introduction, quoting ${r.handle}`,
          ...(actions.length === 0 ? {} : { actions }),
        };
      }),
    },
  ];
}
