/**
 * Announcements of new polls and surveys in the configured channels (`announce.channels`). The
 * alert follower hands each page of the change feed here (one feed position for both); each new
 * Poll or Survey becomes a notice to the channel's recipient (engine/notify `channelRecipient`),
 * so the outbox's claims, batching and backoff apply: two bots processes post it once. A channel
 * gets only what every reader may see: the store is asked as the room's audience (audience.ts),
 * from the members the platform lists at the time.
 */

import { channelRecipient, type Notice, type NoticeInput, notify } from '../../engine/notify/index.js';
import type { ChangeRecord, GraphNode, GraphStore, Viewer } from '../../graph/index.js';
import type { Adapter } from './adapter.js';
import { type AudienceConfig, audienceViewer, roomSource } from './audience.js';
import type { CommandLog } from './command.js';
import type { Identities } from './identity.js';
import type { ChannelRoutes } from './outbox.js';
import { type Reply, type ReplyItem, reply } from './reply.js';

export const ANNOUNCED_KINDS = ['Poll', 'Survey'] as const;

export interface AnnounceChannel {
  readonly key: string;
  readonly platform: string;
  readonly conversationId: string;
  readonly recipient: string;
}

/** `platform:conversationId` keys as channels (the config schema checked their form). */
export function announceChannels(keys: readonly string[]): AnnounceChannel[] {
  return keys.map((key) => {
    const at = key.indexOf(':');
    return { key, platform: key.slice(0, at), conversationId: key.slice(at + 1), recipient: channelRecipient(key) };
  });
}

export interface AnnouncerOptions {
  readonly store: GraphStore;
  readonly channels: readonly AnnounceChannel[];
  readonly adapters: readonly Adapter[];
  readonly audience: AudienceConfig;
  readonly identities: Identities;
  readonly log: Pick<CommandLog, 'warn'>;
  readonly now?: () => Date;
}

/** The notice that announces `n` in a channel; undefined for kinds that are not announced. */
function announcement(n: GraphNode, recipientId: string): NoticeInput | undefined {
  if (n.kind === 'Poll') {
    return {
      recipientId,
      kind: 'announcement',
      title: `New poll: ${n.question}`.slice(0, 1_000),
      reason: `${n.audience === undefined ? 'For the whole network' : `For ${n.audience}`}${n.closesAt === undefined ? '' : `, closes ${n.closesAt.slice(0, 10)}`}. Choose an option below (your vote stays private and can be changed).`,
      ref: { kind: 'Poll', id: n.id },
      // Buttons run their command line as the clicker: `vote <poll> <n>`, the same as typing it.
      actions: n.options.slice(0, 10).map((o, i) => ({ label: o.slice(0, 200), value: `vote ${n.id} ${i + 1}` })),
      dedupeKey: `announce:${n.id}`,
    };
  }
  if (n.kind === 'Survey') {
    return {
      recipientId,
      kind: 'announcement',
      title: `New survey: ${n.title}`.slice(0, 1_000),
      reason: `${n.questions.length} question(s), ${n.audience === undefined ? 'for the whole network' : `for ${n.audience}`}, closes ${n.closesAt.slice(0, 10)}. Answer it here, question by question, or in the dashboard.`,
      ref: { kind: 'Survey', id: n.id },
      // `survey <id>` as the clicker: their first question not answered yet, with its buttons.
      actions: [{ label: 'Take the survey', value: `survey ${n.id}` }],
      dedupeKey: `announce:${n.id}`,
    };
  }
  return undefined;
}

export interface Announcer extends ChannelRoutes {
  /** Queues the announcements of a page of change records; returns how many were queued. */
  onPage(records: readonly ChangeRecord[]): Promise<number>;
}

export function createAnnouncer(o: AnnouncerOptions): Announcer {
  const byRecipient = new Map(o.channels.map((c) => [c.recipient, c]));
  const adapters = new Map(o.adapters.map((a) => [a.platform, a]));

  /** The viewer a post in the channel is for; the default role's when the members are unknown. */
  async function viewerOf(c: AnnounceChannel): Promise<Viewer> {
    const room = await roomSource(adapters.get(c.platform), c.platform, c.conversationId, (line) =>
      o.log.warn(`announce: ${line}`),
    );
    return audienceViewer(room, o.audience, o.identities);
  }

  return {
    async onPage(records) {
      const ids = [
        ...new Set(
          records.flatMap((r) =>
            r.entity === 'node' && r.op === 'upsert' && (ANNOUNCED_KINDS as readonly string[]).includes(r.kind)
              ? [r.id]
              : [],
          ),
        ),
      ];
      if (ids.length === 0 || o.channels.length === 0) return 0;
      const out: NoticeInput[] = [];
      for (const c of o.channels) {
        if (!adapters.has(c.platform)) continue;
        // The room rule, in the store's query: only what every reader of the room may see.
        const visible = await o.store.getNodes(ids, await viewerOf(c));
        for (const n of visible) {
          const a = announcement(n, c.recipient);
          if (a !== undefined) out.push(a);
        }
      }
      return (await notify(o.store, out, o.now === undefined ? {} : { now: o.now })).queued;
    },
    channelOf: (recipient) => {
      const c = byRecipient.get(recipient);
      return c === undefined
        ? undefined
        : { platform: c.platform, conversationId: c.conversationId, render: renderAnnouncements };
    },
  };
}

/** One message for a channel's batch: each poll or survey with its buttons. */
export function renderAnnouncements(notices: readonly Notice[], dashboardUrl?: string): Reply {
  // The dashboard routes in the fragment (`#/surveys`), as the trends links do.
  const page = (name: string) =>
    dashboardUrl === undefined
      ? undefined
      : `${dashboardUrl.endsWith('/') ? dashboardUrl : `${dashboardUrl}/`}#/${name}`;
  const surveys = page('surveys');
  const polls = page('polls');
  const items: ReplyItem[] = notices.map((n) => ({
    ...(n.refId === undefined ? {} : { id: n.refId }),
    title: n.title,
    why: n.reason,
    actions: n.actionLabels.map((label, i) => ({ label, command: n.actionValues[i] ?? '' })),
  }));
  const only = notices.length === 1 ? notices[0] : undefined;
  return reply({
    tone: 'notice',
    title: only === undefined ? `${notices.length} new polls and surveys` : only.title,
    text: only === undefined ? 'New in the network:' : only.reason,
    sections: only === undefined ? [{ title: 'Polls and surveys', items }] : [],
    actions: only === undefined ? [] : (items[0]?.actions ?? []),
    links: [
      ...(surveys !== undefined && notices.some((n) => n.refKind === 'Survey')
        ? [{ label: 'Answer in the dashboard', url: surveys }]
        : []),
      ...(polls !== undefined && notices.some((n) => n.refKind === 'Poll')
        ? [{ label: 'Poll results', url: polls }]
        : []),
    ],
    // Checked against the room's audience when queued: everyone here may see it.
    visibility: 'public',
  });
}
