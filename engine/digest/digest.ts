/**
 * The weekly digest of an INC (issue 17 item 5): what happened in its country since `since` and what
 * is open or coming at `now`. Sections: suggested cross-border collaborations for the country with
 * their evidence (engine/suggest), new challenges, status changes, open polls, open surveys, upcoming
 * events, and the pending introductions awaiting the INC's decision (engine/introductions).
 *
 * Who reads it decides what it lists. By default its readers are the INC's coordinators: it is read as
 * a network member of the INC (its restricted work included), and the introductions they broker are
 * listed. Posted in a shared room it is read for the room's audience as well (`audience`, the bots'
 * room rule): never more than both see, and introductions only when every reader brokers them, since
 * an introduction is shown to its parties alone.
 */
import { commonViewer, type GraphNode, type GraphStore, type NodeOf, type Viewer } from '../../graph/index.js';
import { surveyIsOpen } from '../input/index.js';
import { awaitingDecision } from '../introductions/index.js';
import { nodeLabel } from '../match/index.js';
import { NotifyError } from '../notify/index.js';
import type { SuggestAnswer, SuggestQuery } from '../suggest/index.js';

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
  /** Readers besides the INC's coordinators (a shared room); absent, the coordinators alone read it. */
  readonly audience?: DigestAudience;
}

/** Who reads a digest posted in a shared room (bots/core/audience.ts gives both from the room's members). */
export interface DigestAudience {
  /** What every reader of the room may see. */
  readonly viewer: Viewer;
  /** Every reader brokers the INC's introductions (a coordinator of the INC, or an administrator). */
  readonly brokers: boolean;
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
  readonly surveys: readonly {
    readonly id: string;
    readonly title: string;
    readonly questions: number;
    readonly closesAt: string;
  }[];
  readonly events: readonly {
    readonly id: string;
    readonly title: string;
    readonly date?: string;
    readonly city?: string;
  }[];
  /**
   * Pending introductions awaiting the INC's decision, oldest first; absent when some reader does
   * not broker them (a room with other members), so not even their number is told.
   */
  readonly introductions?: readonly {
    readonly id: string;
    readonly requester: string;
    readonly target: string;
    /** The challenge's title, or the question asked. */
    readonly need: string;
    readonly message: string;
    readonly createdAt: string;
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

/** The viewer a digest is read as: the INC's coordinators, and the room's audience when there is one. */
export function digestViewer(incId: string, audience?: DigestAudience): Viewer {
  const coordinators: Viewer = { id: `digest:${incId}`, clearance: 'network', orgs: [incId] };
  return audience === undefined ? coordinators : commonViewer(coordinators.id, [coordinators, audience.viewer]);
}

/** The digest of one INC for a period; ERR_SUBSCRIPTION_TARGET when the id names no INC. */
export async function buildDigest(deps: DigestDeps, incId: string, options: DigestOptions): Promise<Digest> {
  const viewer = digestViewer(incId, options.audience);
  // The INC itself is named whoever reads: the schedule and the preview name it.
  const inc = await deps.store.getNode(incId, digestViewer(incId));
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
  const nowDate = new Date(now);
  const surveys = (await all(deps.store, 'Survey', {}, viewer))
    .filter(
      (s) =>
        (s.audience === undefined || s.audience === country) &&
        (s.date === undefined || s.date.slice(0, 10) <= now.slice(0, 10)) &&
        surveyIsOpen(s, nowDate),
    )
    .sort((a, b) => (a.closesAt === b.closesAt ? (a.id < b.id ? -1 : 1) : a.closesAt < b.closesAt ? -1 : 1));
  const events = (await all(deps.store, 'Event', { date: { gte: now.slice(0, 10), lte: horizon } }, viewer))
    .filter((e) => e.country === undefined || e.country === country || e.online)
    .sort(byDateThenId);
  const introductions =
    options.audience === undefined || options.audience.brokers
      ? await pendingIntroductions(deps.store, incId, now, viewer)
      : undefined;

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
    surveys: surveys.map((s) => ({ id: s.id, title: s.title, questions: s.questions.length, closesAt: s.closesAt })),
    events: events.map((e) => ({
      id: e.id,
      title: e.title,
      ...(e.date ? { date: e.date } : {}),
      ...(e.city ? { city: e.city } : {}),
    })),
    ...(introductions === undefined ? {} : { introductions }),
  };
}

/**
 * The introductions pending at `now` that await the INC, with the names its brokers may see (an id
 * where the digest's viewer may not see the person or organisation, as in the introductions list).
 */
async function pendingIntroductions(
  store: GraphStore,
  incId: string,
  now: string,
  viewer: Viewer,
): Promise<NonNullable<Digest['introductions']>> {
  const pending = (await awaitingDecision(store, incId)).filter((i) => i.createdAt <= now);
  const ids = [...new Set(pending.flatMap((i) => [i.requester, i.target, ...(i.challenge ? [i.challenge] : [])]))];
  const seen = new Map((await store.getNodes(ids, viewer)).map((n) => [n.id, n] as const));
  const name = (id: string) => {
    const n = seen.get(id);
    return n === undefined ? id : nodeLabel(n);
  };
  return pending.map((i) => ({
    id: i.id,
    requester: name(i.requester),
    target: name(i.target),
    need: i.challenge !== undefined && seen.has(i.challenge) ? name(i.challenge) : (i.question ?? i.challenge ?? ''),
    message: i.message,
    createdAt: i.createdAt,
  }));
}

/** Said in place of the introductions where some reader is not their broker: the same words whether there are any or not. */
export const NOT_LISTED =
  'Listed for the INC’s coordinators only: ask the bot for `introductions` in a direct message, or see the dashboard’s inbox.';

/**
 * The digest as Markdown within `maxChars` (a notice's reason holds 4,000): whole when it fits; else
 * the suggestions lose their evidence and their reasons are cut short, so every later section still
 * shows; at worst the text is cut and ends with where to read it whole.
 */
export function digestText(d: Digest, maxChars: number): string {
  const whole = digestMarkdown(d);
  if (whole.length <= maxChars) return whole;
  const pointer = `… (the whole digest, with the evidence: ileanet digest --inc ${d.inc.id})\n`;
  const short = digestMarkdown(d, { brief: true });
  if (short.length + pointer.length <= maxChars) return `${short}\n${pointer}`;
  return `${short.slice(0, Math.max(0, maxChars - pointer.length - 1))}\n${pointer}`;
}

/** How long a suggestion's reason may be in a brief digest. */
const BRIEF_WHY = 200;

/** The digest as Markdown: what the bots post and `ileanet digest` prints (`brief`: no evidence, short reasons). */
export function digestMarkdown(d: Digest, options: { brief?: boolean } = {}): string {
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
    d.suggestions.flatMap((s) => {
      const why = options.brief && s.why.length > BRIEF_WHY ? `${s.why.slice(0, BRIEF_WHY - 1).trimEnd()}…` : s.why;
      return [
        `- ${s.from} with ${s.to}${s.toCountry ? ` (${s.toCountry})` : ''}: ${why}`,
        ...(options.brief ? [] : s.evidence.map((e) => `  - ${e}`)),
      ];
    }),
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
    'Open surveys',
    d.surveys.map(
      (s) => `- ${s.title} (${s.questions} question${s.questions === 1 ? '' : 's'}, closes ${s.closesAt.slice(0, 10)})`,
    ),
  );
  section(
    'Upcoming events',
    d.events.map((e) => `- ${e.title}${e.date ? ` (${e.date.slice(0, 10)}${e.city ? `, ${e.city}` : ''})` : ''}`),
  );
  if (d.introductions === undefined) {
    out.push('', '## Pending introductions', NOT_LISTED);
  } else {
    section(
      'Pending introductions',
      d.introductions.flatMap((i) => [
        `- ${i.requester} asks to meet ${i.target} about “${i.need}” (since ${i.createdAt.slice(0, 10)}; ${i.id})`,
        `  - “${i.message}”`,
      ]),
    );
  }
  return `${out.join('\n')}\n`;
}
