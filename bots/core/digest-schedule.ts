/**
 * The weekly INC digests on a schedule (bots config `notify.digests`): at the configured weekday
 * and hour (UTC) each INC's digest of the past week becomes a notice for each of its coordinators,
 * delivered by direct message through the outbox and kept in their inbox. The notice's dedupe key
 * names the INC and the slot, so several bots processes, or a restart, never send one week twice.
 * The clock is injected: the bots runtime ticks it on the outbox's pace, tests tick it by hand.
 */
import { z } from 'zod';
import { buildDigest, digestMarkdown, notify } from '../../engine/notify/index.js';
import type { Engine } from '../../engine/service.js';
import { idSchema, SYSTEM } from '../../graph/index.js';

export const digestScheduleSchema = z.strictObject({
  inc: idSchema,
  /** 0 Sunday … 6 Saturday (default Monday). */
  weekday: z.number().int().min(0).max(6).default(1),
  /** Hour of the day, UTC (default 8). */
  hour: z.number().int().min(0).max(23).default(8),
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

/** A notice's reason holds at most 4,000 characters: a longer digest ends with where to read it whole. */
const MAX_REASON = 4_000;
const LATE_MS = 86_400_000;

export interface DigestScheduler {
  /** Sends the digests whose slot has come and not been sent; returns how many notices were queued. */
  tick(now: Date): Promise<number>;
}

export function createDigestScheduler(engine: Engine, schedules: readonly DigestSchedule[]): DigestScheduler {
  const done = new Set<string>();
  return {
    async tick(now) {
      let queued = 0;
      for (const s of schedules) {
        const slot = latestSlot(now, s.weekday, s.hour);
        const key = `digest:${s.inc}:${slot.toISOString()}`;
        if (done.has(key)) continue;
        // A slot passed more than a day ago (the bots were down, or just started) is not caught up:
        // a digest is news of its week, and a restart must not send last week's late.
        if (now.getTime() - slot.getTime() > LATE_MS) {
          done.add(key);
          continue;
        }
        const digest = await buildDigest({ store: engine.store, suggest: (q, v) => engine.suggest(q, v) }, s.inc, {
          since: new Date(slot.getTime() - 7 * 86_400_000).toISOString(),
          now: slot.toISOString(),
        });
        const coordinators = await engine.store.relationships(
          { type: 'COORDINATES', to: [s.inc], limit: 1_000 },
          SYSTEM,
        );
        const people = (
          await engine.store.getNodes(
            coordinators.items.map((r) => r.from),
            SYSTEM,
          )
        ).filter((p) => p.kind === 'Person');
        const text = digestMarkdown(digest);
        const tail = `\n… (the whole digest: ileanet digest --inc ${s.inc})`;
        const reason = text.length <= MAX_REASON ? text : `${text.slice(0, MAX_REASON - tail.length)}${tail}`;
        const r = await notify(
          engine.store,
          people.map((p) => ({
            recipientId: p.id,
            kind: 'digest',
            title: `Weekly digest: ${digest.inc.name}, ${digest.since.slice(0, 10)} to ${digest.until.slice(0, 10)}`,
            reason,
            ref: { kind: 'Inc', id: s.inc },
            dedupeKey: key,
          })),
          { now: () => now },
        );
        queued += r.queued;
        done.add(key);
      }
      return queued;
    },
  };
}
