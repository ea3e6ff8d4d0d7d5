/**
 * Alerts: what the change feed brings (new results, projects, documents, challenges, status
 * changes, polls, events) turned into notices for the subscriptions it matches, each with its
 * reason. Every check runs as the subscriber's viewer inside the store's query, so nobody is
 * alerted about something they may not see; a query subscription matches what who-solved returns
 * for it (the same matcher, the same meaning of "matching"). A node alerts each subscription once
 * (the dedupe key names both), so an edit or a second process reading the same records adds nothing.
 * Batching and the rate limit are the outbox's: one message per recipient per pass and interval.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChangeRecord, GraphNode, GraphStore, Viewer } from '../../graph/index.js';
import { SYSTEM } from '../../graph/index.js';
import type { Answer, WhoSolvedFilters } from '../match/index.js';
import { type NoticeInput, notify } from './notice.js';
import { allSubscriptions, type Subscription, subscriberViewer } from './subscriptions.js';

/** Kinds whose arrival can alert. */
export const ALERT_KINDS = ['Result', 'Project', 'Document', 'Challenge', 'StatusChange', 'Poll', 'Event'] as const;
const ANSWER_KINDS = ['Result', 'Project', 'Document'] as const;
type AlertKind = (typeof ALERT_KINDS)[number];
const isAlertKind = (k: string): k is AlertKind => (ALERT_KINDS as readonly string[]).includes(k);

/** What alerts need of the matcher (the Engine's who-solved). */
export type WhoSolved = (text: string, filters: WhoSolvedFilters | undefined, viewer: Viewer) => Promise<Answer>;

export interface AlertDeps {
  readonly store: GraphStore;
  readonly whoSolved: WhoSolved;
  /** Matching mode for query subscriptions (default: who-solved's own). */
  readonly matchMode?: WhoSolvedFilters['mode'];
  readonly now?: () => Date;
}

/** Hits looked at per query subscription: a new item ranked below this is not "matching" enough to alert. */
const QUERY_DEPTH = 50;

function headline(n: GraphNode, challenges: ReadonlyMap<string, GraphNode>): string | undefined {
  switch (n.kind) {
    case 'Result':
      return `New result: ${n.title}`;
    case 'Project':
      return `New project: ${n.acronym === undefined ? n.title : `${n.acronym}: ${n.title}`}`;
    case 'Document':
      return `New document: ${n.title}`;
    case 'Challenge':
      return `New challenge: ${n.title}`;
    case 'Poll':
      return `New poll: ${n.question}`;
    case 'Event':
      return `New event: ${n.title}${n.date === undefined ? '' : ` (${n.date.slice(0, 10)})`}`;
    case 'StatusChange': {
      const c = challenges.get(n.challenge);
      const title = c?.kind === 'Challenge' ? c.title : n.challenge;
      return `Challenge '${title}' moved from ${n.from} to ${n.to}`;
    }
    default:
      return undefined;
  }
}

/** The country a node is about: its own, a poll's audience, a status change's challenge's. */
function countryOf(n: GraphNode, challenges: ReadonlyMap<string, GraphNode>): string | undefined {
  if (n.kind === 'Challenge' || n.kind === 'Event') return n.country;
  if (n.kind === 'Poll') return n.audience;
  if (n.kind === 'StatusChange') {
    const c = challenges.get(n.challenge);
    return c?.kind === 'Challenge' ? c.country : undefined;
  }
  return undefined;
}

function describeSubscription(s: Subscription, topicLabel: string | undefined): string {
  switch (s.subject) {
    case 'query':
      return `matches your subscription '${s.value}'`;
    case 'topic':
      return `is about ${topicLabel === undefined ? s.value : `'${topicLabel}'`}, a topic you follow`;
    case 'country':
      return `concerns ${s.value}, a country you follow`;
    case 'challenges':
      return 'concerns a challenge you raised';
  }
}

/** The people a subscription's alerts go to: the person, or the coordinators of the INC. */
async function recipientsOf(store: GraphStore, s: Subscription): Promise<string[]> {
  const node = await store.getNode(s.subscriber, SYSTEM);
  if (node?.kind === 'Person') return [node.id];
  if (node?.kind !== 'Inc') return [];
  const rels = await store.relationships({ type: 'COORDINATES', to: [node.id], limit: 1_000 }, SYSTEM);
  const people = await store.getNodes(
    rels.items.map((r) => r.from),
    SYSTEM,
  );
  return people.filter((p) => p.kind === 'Person').map((p) => p.id);
}

/** Ids among `candidates` that match `s`, as its subscriber's viewer. */
async function matching(
  deps: AlertDeps,
  s: Subscription,
  visible: readonly GraphNode[],
  challenges: ReadonlyMap<string, GraphNode>,
  viewer: Viewer,
): Promise<GraphNode[]> {
  const { store } = deps;
  switch (s.subject) {
    case 'query': {
      const works = visible.filter((n) => (ANSWER_KINDS as readonly string[]).includes(n.kind));
      if (works.length === 0) return [];
      const answer = await deps.whoSolved(
        s.value,
        { kinds: [...ANSWER_KINDS], limit: QUERY_DEPTH, ...(deps.matchMode ? { mode: deps.matchMode } : {}) },
        viewer,
      );
      const hit = new Set(answer.hits.map((h) => h.id));
      return works.filter((n) => hit.has(n.id));
    }
    case 'topic': {
      const ids = visible.map((n) => (n.kind === 'StatusChange' ? n.challenge : n.id));
      const about = await store.relationships({ type: 'ABOUT', from: ids, to: [s.value], limit: 10_000 }, viewer);
      const on = new Set(about.items.map((r) => r.from));
      return visible.filter((n) => on.has(n.kind === 'StatusChange' ? n.challenge : n.id));
    }
    case 'country':
      return visible.filter((n) => countryOf(n, challenges) === s.value);
    case 'challenges': {
      const changes = visible.filter((n) => n.kind === 'StatusChange');
      if (changes.length === 0) return [];
      const raised = await store.relationships(
        {
          type: 'RAISED',
          from: [s.subscriber],
          to: changes.map((n) => (n.kind === 'StatusChange' ? n.challenge : n.id)),
          limit: 10_000,
        },
        viewer,
      );
      const mine = new Set(raised.items.map((r) => r.to));
      return changes.filter((n) => n.kind === 'StatusChange' && mine.has(n.challenge));
    }
  }
}

/** The notices a page of change records makes (not stored: `alertChanges` stores them). */
export async function alertsFor(deps: AlertDeps, records: readonly ChangeRecord[]): Promise<NoticeInput[]> {
  const { store } = deps;
  const ids = [
    ...new Set(records.flatMap((r) => (r.entity === 'node' && r.op === 'upsert' && isAlertKind(r.kind) ? [r.id] : []))),
  ];
  if (ids.length === 0) return [];
  const subs = await allSubscriptions(store);
  if (subs.length === 0) return [];
  const current = await store.getNodes(ids, SYSTEM);
  const challengeIds = current.flatMap((n) => (n.kind === 'StatusChange' ? [n.challenge] : []));
  const out: NoticeInput[] = [];
  const topics = new Map<string, string>();
  for (const s of subs) {
    const viewer = subscriberViewer(s);
    // The visibility check, in the store's query: only what this subscriber may see goes on.
    const visible = await store.getNodes(ids, viewer);
    if (visible.length === 0) continue;
    const challenges = new Map((await store.getNodes(challengeIds, viewer)).map((c) => [c.id, c]));
    // A status change of a challenge the subscriber may not see says nothing to them.
    const seen = visible.filter((n) => n.kind !== 'StatusChange' || challenges.has(n.challenge));
    const hits = await matching(deps, s, seen, challenges, viewer);
    if (hits.length === 0) continue;
    if (s.subject === 'topic' && !topics.has(s.value)) {
      const t = await store.getNode(s.value, viewer);
      if (t?.kind === 'Topic') topics.set(s.value, t.label);
    }
    const reason = describeSubscription(s, topics.get(s.value));
    const recipients = await recipientsOf(store, s);
    for (const n of hits) {
      const title = headline(n, challenges);
      if (title === undefined) continue;
      const ref = n.kind === 'StatusChange' ? { kind: 'Challenge', id: n.challenge } : { kind: n.kind, id: n.id };
      for (const recipientId of recipients) {
        out.push({
          recipientId,
          kind: 'alert',
          title: title.length > 1_000 ? `${title.slice(0, 999)}…` : title,
          reason: `This ${n.kind === 'StatusChange' ? 'change' : n.kind.toLowerCase()} ${reason}.`,
          ref,
          dedupeKey: `alert:${s.id}:${n.id}`,
        });
      }
    }
  }
  return out;
}

/** Makes and stores the alerts of a page of change records; returns what `notify` reports. */
export async function alertChanges(
  deps: AlertDeps,
  records: readonly ChangeRecord[],
): Promise<{ queued: number; duplicates: number }> {
  const notices = await alertsFor(deps, records);
  return notify(deps.store, notices, deps.now === undefined ? {} : { now: deps.now });
}

export interface AlertFollowerOptions extends AlertDeps {
  /** Where the feed position is kept between runs (`<data>/bots/alerts.json`); absent: memory only. */
  readonly positionFile?: string;
  readonly log?: (line: string) => void;
  /**
   * Another reader of the same pages (the bots' channel announcements), run on each page before
   * the position moves, so one position serves both; returns how many notices it queued.
   */
  readonly alsoOnPage?: (records: readonly ChangeRecord[]) => Promise<number>;
}

/**
 * Follows the feed from where it last stopped (or, the first time, from now: old data raises no
 * alerts) and turns each page into alerts. A reader that fell behind the feed's retention skips to
 * the head, saying so: alerts are news, not a backlog.
 */
export class AlertFollower {
  #position: { epoch: string; seq: number } | undefined;
  constructor(readonly options: AlertFollowerOptions) {
    const file = options.positionFile;
    if (file !== undefined && existsSync(file)) {
      try {
        this.#position = JSON.parse(readFileSync(file, 'utf8')) as { epoch: string; seq: number };
      } catch {
        options.log?.(`alerts: ${file} is unreadable; following the feed from its head`);
      }
    }
  }

  get position(): number | undefined {
    return this.#position?.seq;
  }

  /** Reads every record since the last call and stores their alerts; returns how many were queued. */
  async catchUp(): Promise<number> {
    const { store } = this.options;
    const info = await store.feedInfo();
    if (this.#position === undefined || this.#position.epoch !== info.epoch) {
      this.#position = { epoch: info.epoch, seq: info.head };
      await this.#save();
      return 0;
    }
    let queued = 0;
    for (;;) {
      const page = await store.changes(this.#position.seq, 5_000);
      if (page.gap) {
        this.options.log?.(
          `alerts: the feed no longer reaches back to ${this.#position.seq}; skipping to ${page.head}`,
        );
        this.#position = { epoch: page.epoch, seq: page.head };
        await this.#save();
        return queued;
      }
      const last = page.changes.at(-1);
      if (last === undefined) return queued;
      queued += (await alertChanges(this.options, page.changes)).queued;
      queued += (await this.options.alsoOnPage?.(page.changes)) ?? 0;
      // Moved only after the notices are stored: a crash in between reads the page again (deduplicated).
      this.#position = { epoch: page.epoch, seq: last.seq };
      await this.#save();
    }
  }

  async #save(): Promise<void> {
    const file = this.options.positionFile;
    if (file === undefined || this.#position === undefined) return;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify(this.#position));
    await rename(`${file}.tmp`, file);
  }
}
