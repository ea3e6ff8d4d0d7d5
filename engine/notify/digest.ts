/**
 * The weekly digest of an INC: what happened in its country since `since` and what is coming,
 * read as a network member of the INC (its restricted work included), so it shows nothing a
 * vetted member of that INC may not see. Sections: suggested cross-border collaborations for the
 * country with their evidence (engine/suggest), new challenges, status changes, open polls,
 * upcoming events. Pending introductions join when that kind exists.
 */
import type { GraphNode, GraphStore, NodeOf, Viewer } from '../../graph/index.js';
import type { SuggestAnswer, SuggestQuery } from '../suggest/index.js';
import { NotifyError } from './errors.js';

export interface DigestDeps {
  readonly store: GraphStore;
  readonly suggest: (query: SuggestQuery, viewer: Viewer) => Promise<SuggestAnswer>;
}

export interface DigestOptions {
  /** Start of the period (ISO date-time). */
  readonly since: string;
  /** End of the period, and "now" for what is open or upcoming. */
  readonly now: string;
  /** Suggestions listed (default 5). */
  readonly suggestions?: number;
  /** Upcoming events within this many days (default 30). */
  readonly eventDays?: number;
}

export interface Digest {
  readonly inc: { readonly id: string; readonly name: string; readonly country: string };
  readonly since: string;
  readonly until: string;
  readonly suggestions: readonly {
    readonly from: string;
    readonly to: string;
    readonly toCountry?: string;
    readonly why: string;
    readonly evidence: readonly string[];
  }[];
  readonly challenges: readonly {
    readonly id: string;
    readonly title: string;
    readonly date?: string;
    readonly status: string;
  }[];
  readonly statusChanges: readonly {
    readonly challenge: string;
    readonly title: string;
    readonly from: string;
    readonly to: string;
    readonly date?: string;
  }[];
  readonly polls: readonly { readonly id: string; readonly question: string; readonly closesAt?: string }[];
  readonly events: readonly {
    readonly id: string;
    readonly title: string;
    readonly date?: string;
    readonly city?: string;
  }[];
}

async function all<K extends GraphNode['kind']>(
  store: GraphStore,
  kind: K,
  where: Record<string, unknown>,
  viewer: Viewer,
): Promise<NodeOf<K>[]> {
  const out: NodeOf<K>[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(
      { kind, where: where as never, limit: 10_000, ...(cursor ? { cursor } : {}) },
      viewer,
    );
    out.push(...(page.items as NodeOf<K>[]));
    cursor = page.next;
  } while (cursor !== undefined);
  return out;
}

const byDateThenId = (a: { date?: string; id: string }, b: { date?: string; id: string }) =>
  (a.date ?? '') === (b.date ?? '') ? (a.id < b.id ? -1 : 1) : (a.date ?? '') < (b.date ?? '') ? -1 : 1;

/** The digest of one INC for a period; ERR_SUBSCRIPTION_TARGET when the id names no INC. */
export async function buildDigest(deps: DigestDeps, incId: string, options: DigestOptions): Promise<Digest> {
  const viewer: Viewer = { id: `digest:${incId}`, clearance: 'network', orgs: [incId] };
  const inc = await deps.store.getNode(incId, viewer);
  if (inc?.kind !== 'Inc') throw new NotifyError('ERR_SUBSCRIPTION_TARGET', `inc: no INC ${incId}`, 'inc');
  const country = inc.country;
  const { since, now } = options;
  const horizon = new Date(Date.parse(now) + (options.eventDays ?? 30) * 86_400_000).toISOString();

  const suggested = await deps.suggest({ for: { country }, limit: options.suggestions ?? 5 }, viewer);
  const challenges = (
    await all(deps.store, 'Challenge', { country, date: { gte: since.slice(0, 10), lte: now } }, viewer)
  ).sort(byDateThenId);
  const countryChallenges = new Map(
    (await all(deps.store, 'Challenge', { country }, viewer)).map((c) => [c.id, c] as const),
  );
  const changes = (await all(deps.store, 'StatusChange', { date: { gte: since.slice(0, 10), lte: now } }, viewer))
    .filter((s) => countryChallenges.has(s.challenge))
    .sort(byDateThenId);
  const polls = (await all(deps.store, 'Poll', {}, viewer))
    .filter(
      (p) =>
        (p.audience === undefined || p.audience === country) &&
        (p.closesAt === undefined || p.closesAt.slice(0, 10) >= now.slice(0, 10)),
    )
    .sort((a, b) =>
      (a.closesAt ?? '9999') === (b.closesAt ?? '9999')
        ? a.id < b.id
          ? -1
          : 1
        : (a.closesAt ?? '9999') < (b.closesAt ?? '9999')
          ? -1
          : 1,
    );
  const events = (await all(deps.store, 'Event', { date: { gte: now.slice(0, 10), lte: horizon } }, viewer))
    .filter((e) => e.country === undefined || e.country === country || e.online)
    .sort(byDateThenId);

  return {
    inc: { id: inc.id, name: inc.name, country },
    since,
    until: now,
    suggestions: suggested.suggestions.map((s) => ({
      from: s.from.name,
      to: s.to.name,
      ...(s.to.country === undefined ? {} : { toCountry: s.to.country }),
      why: s.why,
      evidence: [
        ...s.via.map((v) => `shared partner: ${v.name}`),
        ...s.complements.map(
          (c) => `${c.answer.title} (${c.answer.kind.toLowerCase()}) answers “${c.need.title}” (${c.basis})`,
        ),
      ],
    })),
    challenges: challenges.map((c) => ({
      id: c.id,
      title: c.title,
      ...(c.date ? { date: c.date } : {}),
      status: c.status,
    })),
    statusChanges: changes.map((s) => ({
      challenge: s.challenge,
      title: countryChallenges.get(s.challenge)?.title ?? s.challenge,
      from: s.from,
      to: s.to,
      ...(s.date ? { date: s.date } : {}),
    })),
    polls: polls.map((p) => ({ id: p.id, question: p.question, ...(p.closesAt ? { closesAt: p.closesAt } : {}) })),
    events: events.map((e) => ({
      id: e.id,
      title: e.title,
      ...(e.date ? { date: e.date } : {}),
      ...(e.city ? { city: e.city } : {}),
    })),
  };
}

/** The digest as Markdown: what the bots post and `ileanet digest` prints. */
export function digestMarkdown(d: Digest): string {
  const out: string[] = [
    `# Weekly digest: ${d.inc.name} (${d.inc.country})`,
    `${d.since.slice(0, 10)} to ${d.until.slice(0, 10)}`,
  ];
  const section = (title: string, lines: string[]) => {
    out.push('', `## ${title}`);
    out.push(...(lines.length === 0 ? ['Nothing this week.'] : lines));
  };
  section(
    'Suggested cross-border collaborations',
    d.suggestions.flatMap((s) => [
      `- ${s.from} with ${s.to}${s.toCountry ? ` (${s.toCountry})` : ''}: ${s.why}`,
      ...s.evidence.map((e) => `  - ${e}`),
    ]),
  );
  section(
    'New challenges',
    d.challenges.map((c) => `- ${c.title} (${c.status}${c.date ? `, ${c.date.slice(0, 10)}` : ''})`),
  );
  section(
    'Status changes',
    d.statusChanges.map((s) => `- ${s.title}: ${s.from} → ${s.to}${s.date ? ` (${s.date.slice(0, 10)})` : ''}`),
  );
  section(
    'Open polls',
    d.polls.map((p) => `- ${p.question}${p.closesAt ? ` (closes ${p.closesAt.slice(0, 10)})` : ''}`),
  );
  section(
    'Upcoming events',
    d.events.map((e) => `- ${e.title}${e.date ? ` (${e.date.slice(0, 10)}${e.city ? `, ${e.city}` : ''})` : ''}`),
  );
  return `${out.join('\n')}\n`;
}
