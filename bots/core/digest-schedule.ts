/**
 * The weekly INC digests on a schedule (bots config `notify.digests`): at the configured weekday
 * and hour (UTC) each INC's digest of the past week becomes a notice, delivered through the outbox:
 * by direct message to each of its coordinators (and kept in their inbox), or, with `channel`,
 * posted in that room instead. The notice's dedupe key names the INC and the slot, so several bots
 * processes, or a restart, never send one week twice. The clock is injected: the bots runtime ticks
 * it on the outbox's pace, tests tick it by hand.
 *
 * A room gets what every reader may see (the room rule of audience.ts, from the members the platform
 * lists when the digest is built) and the INC's coordinators may see, whichever is less; its pending
 * introductions are listed only when every reader brokers them (engine/digest).
 */
import { z } from 'zod';
import { buildDigest, type DigestAudience, digestText } from '../../engine/digest/index.js';
import { channelRecipient, type Notice, notify } from '../../engine/notify/index.js';
import type { Engine } from '../../engine/service.js';
import { idSchema, SYSTEM } from '../../graph/index.js';
import type { Adapter } from './adapter.js';
import { type AudienceConfig, audienceViewer, roomSource } from './audience.js';
import type { CommandLog } from './command.js';
import type { Identities } from './identity.js';
import type { ChannelPost, ChannelRoutes } from './outbox.js';
import { type Reply, type ReplyItem, type ReplySection, reply } from './reply.js';

export const digestScheduleSchema = z.strictObject({
  inc: idSchema,
  /** 0 Sunday … 6 Saturday (default Monday). */
  weekday: z.number().int().min(0).max(6).default(1),
  /** Hour of the day, UTC (default 8). */
  hour: z.number().int().min(0).max(23).default(8),
  /** Posted in this room (`platform:conversationId`) instead of each coordinator's direct messages. */
  channel: z
    .string()
    .regex(/^[a-z]+:\S+$/u, 'must be platform:conversationId')
    .optional(),
});
export type DigestSchedule = z.output<typeof digestScheduleSchema>;

/** The latest scheduled moment at or before `now`. */
export function latestSlot(now: Date, weekday: number, hour: number): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  const back = (now.getUTCDay() - weekday + 7) % 7;
  slot.setUTCDate(slot.getUTCDate() - back);
  if (slot.getTime() > now.getTime()) slot.setUTCDate(slot.getUTCDate() - 7);
  return slot;
}

/** A notice's reason holds at most 4,000 characters: a longer digest is shortened (engine/digest digestText). */
const MAX_REASON = 4_000;
const LATE_MS = 86_400_000;

/**
 * The notice recipient of a room's digests. Not the room's announcement recipient: a digest goes in
 * a message of its own, so a failed post of one never posts the other's batch twice.
 */
export const digestRecipient = (channelKey: string): string => channelRecipient(`digest:${channelKey}`);

/** What the schedule needs to post in rooms: the started adapters and the room rule's config. */
export interface DigestRooms {
  readonly adapters: readonly Adapter[];
  readonly audience: AudienceConfig;
  readonly identities: Identities;
  readonly log: Pick<CommandLog, 'warn'>;
}

export interface DigestScheduler extends ChannelRoutes {
  /** Queues the digests whose slot has come and not been sent; returns how many notices were queued. */
  tick(now: Date): Promise<number>;
}

const split = (key: string) => {
  const at = key.indexOf(':');
  return { platform: key.slice(0, at), conversationId: key.slice(at + 1) };
};

export function createDigestScheduler(
  engine: Engine,
  schedules: readonly DigestSchedule[],
  rooms?: DigestRooms,
): DigestScheduler {
  const done = new Set<string>();
  const posts = new Map<string, ChannelPost>();
  for (const s of schedules) {
    if (s.channel !== undefined) posts.set(digestRecipient(s.channel), { ...split(s.channel), render: renderDigests });
  }

  async function coordinatorsOf(inc: string): Promise<string[]> {
    const rels = await engine.store.relationships({ type: 'COORDINATES', to: [inc], limit: 1_000 }, SYSTEM);
    const people = await engine.store.getNodes(
      rels.items.map((r) => r.from),
      SYSTEM,
    );
    return people.filter((p) => p.kind === 'Person').map((p) => p.id);
  }

  /** The room's readers as a digest audience; undefined when this process does not run its platform. */
  async function roomAudience(channel: string, coordinators: readonly string[]): Promise<DigestAudience | undefined> {
    const { platform, conversationId } = split(channel);
    const adapter = rooms?.adapters.find((a) => a.platform === platform && a.post !== undefined);
    if (rooms === undefined || adapter === undefined) return undefined;
    const room = await roomSource(adapter, platform, conversationId, (line) => rooms.log.warn(`digest: ${line}`));
    const members = room.members ?? [];
    const brokers =
      members.length > 0 &&
      members.every((m) => {
        const caller = rooms.identities.resolve(platform, m);
        return (
          caller.viewer.clearance === 'all' || (caller.person !== undefined && coordinators.includes(caller.person))
        );
      });
    return { viewer: audienceViewer(room, rooms.audience, rooms.identities), brokers };
  }

  return {
    async tick(now) {
      let queued = 0;
      for (const s of schedules) {
        const slot = latestSlot(now, s.weekday, s.hour);
        const key = `digest:${s.inc}:${slot.toISOString()}`;
        const doneKey = `${key}:${s.channel ?? 'dm'}`;
        if (done.has(doneKey)) continue;
        // A slot passed more than a day ago (the bots were down, or just started) is not caught up:
        // a digest is news of its week, and a restart must not send last week's late.
        if (now.getTime() - slot.getTime() > LATE_MS) {
          done.add(doneKey);
          continue;
        }
        const coordinators = await coordinatorsOf(s.inc);
        let audience: DigestAudience | undefined;
        if (s.channel !== undefined) {
          audience = await roomAudience(s.channel, coordinators);
          if (audience === undefined) {
            // Its members cannot be read here: a process that runs the platform posts it (same notice, once).
            rooms?.log.warn(`digest: ${s.channel} is not on a platform this process runs; left to one that does`);
            done.add(doneKey);
            continue;
          }
        }
        const digest = await buildDigest({ store: engine.store, suggest: (q, v) => engine.suggest(q, v) }, s.inc, {
          since: new Date(slot.getTime() - 7 * 86_400_000).toISOString(),
          now: slot.toISOString(),
          ...(audience === undefined ? {} : { audience }),
        });
        const reason = digestText(digest, MAX_REASON);
        const recipients = s.channel === undefined ? coordinators : [digestRecipient(s.channel)];
        const r = await notify(
          engine.store,
          recipients.map((recipientId) => ({
            recipientId,
            kind: 'digest',
            title: `Weekly digest: ${digest.inc.name}, ${digest.since.slice(0, 10)} to ${digest.until.slice(0, 10)}`,
            reason,
            ref: { kind: 'Inc', id: s.inc },
            dedupeKey: key,
          })),
          { now: () => now },
        );
        queued += r.queued;
        done.add(doneKey);
      }
      return queued;
    },
    channelOf: (recipient) => posts.get(recipient),
  };
}

/**
 * A room's digests as one message: each `## ` section of the Markdown a section of the reply, each
 * `- ` line an item and its indented lines (the evidence, the request's message) the item's lines;
 * a paragraph after a blank line within a section is the footer.
 */
export function renderDigests(notices: readonly Notice[]): Reply {
  const sections: ReplySection[] = [];
  const footer: string[] = [];
  for (const n of notices) {
    const prefix = notices.length === 1 ? '' : `${n.title.replace(/^Weekly digest: /u, '')}: `;
    let items: ReplyItem[] | undefined;
    let blank = false;
    for (const line of n.reason.split('\n')) {
      const after = blank;
      blank = line.trim() === '';
      if (line.startsWith('## ')) {
        items = [];
        sections.push({ title: `${prefix}${line.slice(3)}`, items });
      } else if (items === undefined || blank) {
        // The heading and the period before the first section: the reply's title and text say them.
      } else if (after) {
        // A paragraph after the sections (where to read a shortened digest whole).
        footer.push(line);
      } else if (line.startsWith('  - ') && items.length > 0) {
        const last = items[items.length - 1] as ReplyItem;
        items[items.length - 1] = {
          ...last,
          why: last.why === undefined ? line.slice(4) : `${last.why}\n${line.slice(4)}`,
        };
      } else {
        items.push({ title: line.startsWith('- ') ? line.slice(2) : line });
      }
    }
  }
  const only = notices.length === 1 ? notices[0] : undefined;
  return reply({
    tone: 'notice',
    title: only === undefined ? `${notices.length} weekly digests` : only.title,
    text: only === undefined ? 'The week in the network:' : (only.reason.split('\n')[1] ?? ''),
    sections,
    ...(footer.length === 0 ? {} : { footer: footer.join('\n') }),
    // Built for the room's audience when queued: everyone here may see it.
    visibility: 'public',
  });
}
