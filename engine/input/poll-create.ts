/**
 * Polls made in the product: INCs and administrators put a question to the network or to one
 * country, with a closing date, for instance "which of these gaps should the network prioritise?"
 * (`fromGaps`: the options are the largest topic gaps the author sees). Stored in one atomic
 * upsert with CREATED from the author; answers go through votePoll.
 *
 * Contract: createPoll(engine, input, actor, options?) → CreatedPoll; InputError naming the field.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { countryCode, idSchema, pollSchema, VISIBILITIES } from '../../graph/index.js';
import { type Actor, actorCountry, type ResolvedActor, resolveActor } from './actor.js';
import { invalid } from './challenges.js';
import { InputError } from './errors.js';
import type { Poll } from './polls.js';
import type { InputEngine } from './ports.js';

export const MAX_OPTIONS = 20;

export const pollInputSchema = z.strictObject({
  question: z.string().trim().min(1, 'is empty').max(1_000, 'is longer than 1000 characters'),
  /** The options, in order; left out with `fromGaps`. */
  options: z
    .array(z.string().trim().min(1, 'is empty').max(500, 'is longer than 500 characters'))
    .max(MAX_OPTIONS, `takes at most ${MAX_OPTIONS} options`)
    .optional(),
  /** Options from the largest topic gaps (of the audience's country when there is one): how many. */
  fromGaps: z.number().int().min(2, 'must be at least 2').max(MAX_OPTIONS).optional(),
  /** A date (closes at its end, UTC) or a date-time, in the future. */
  closesAt: pollSchema.shape.closesAt.unwrap(),
  /** One country's people; absent, the network. */
  audience: countryCode.optional(),
  /** The event the poll is held at (HELD_AT). */
  event: idSchema.optional(),
  visibility: z.enum(VISIBILITIES).optional(),
});
export type PollInput = z.input<typeof pollInputSchema>;

export interface CreatedPoll {
  readonly poll: Poll;
  readonly createdBy: string;
}

/** When a poll's `closesAt` is past: a day closes at its end (UTC). */
export const closesAtMs = (closesAt: string): number =>
  closesAt.length <= 10 ? Date.parse(`${closesAt}T23:59:59.999Z`) : Date.parse(closesAt);

/** An INC asks its own country or the network; an administrator any audience. */
export function checkAudience(actor: Actor, who: ResolvedActor, audience: string | undefined): void {
  if (actor.role !== 'inc' || audience === undefined) return;
  const own = actorCountry(actor, who);
  if (own !== audience) {
    throw new InputError(
      'ERR_FORBIDDEN',
      `an INC asks its own country (${own ?? 'none known'}) or the network`,
      'audience',
    );
  }
}

export async function createPoll(
  engine: InputEngine,
  input: unknown,
  actor: Actor,
  options: { now?: () => Date } = {},
): Promise<CreatedPoll> {
  const parsed = pollInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  const data = parsed.data;
  const store = engine.store;
  const who = await resolveActor(store, actor);
  if (actor.role !== 'admin' && actor.role !== 'inc') {
    throw new InputError('ERR_FORBIDDEN', 'polls are created by INCs and administrators');
  }
  checkAudience(actor, who, data.audience);
  const author = who.person ?? who.organisation;
  if (author === undefined) {
    throw new InputError('ERR_ACTOR_UNKNOWN', 'a poll is created by a person or an organisation; the actor has none');
  }
  const now = options.now?.() ?? new Date();
  if (!(closesAtMs(data.closesAt) > now.getTime())) {
    throw new InputError('ERR_INVALID_INPUT', `closesAt ${data.closesAt} is not in the future`, 'closesAt');
  }
  let choices = data.options;
  if (data.fromGaps !== undefined) {
    if (choices !== undefined) {
      throw new InputError('ERR_INVALID_INPUT', 'give options or fromGaps, not both', 'options');
    }
    const gaps = await engine.gaps(
      { limit: data.fromGaps, ...(data.audience === undefined ? {} : { country: data.audience }) },
      actor.viewer,
    );
    choices = gaps.topics.slice(0, data.fromGaps).map((t) => t.label);
    if (choices.length < 2) {
      throw new InputError(
        'ERR_INVALID_INPUT',
        `fromGaps: only ${choices.length} gap(s) visible; give options`,
        'fromGaps',
      );
    }
  }
  if (choices === undefined || choices.length === 0) {
    throw new InputError('ERR_INVALID_INPUT', 'options is empty: a poll needs at least two options', 'options');
  }
  if (choices.length < 2) {
    throw new InputError('ERR_INVALID_INPUT', 'options needs at least two options', 'options');
  }
  const seen = new Map<string, number>();
  choices.forEach((o, i) => {
    const key = o.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InputError('ERR_INVALID_INPUT', `options[${i}] repeats options[${first}] ("${o}")`, `options[${i}]`);
    }
    seen.set(key, i);
  });
  if (data.event !== undefined) {
    const event = await store.getNode(data.event, actor.viewer);
    if (event?.kind !== 'Event') {
      throw new InputError('ERR_INVALID_INPUT', `event: no event ${data.event} (or you may not see it)`, 'event');
    }
  }
  const visibility = data.visibility ?? 'network';
  if (visibility === 'restricted' && actor.organisation === undefined) {
    throw new InputError('ERR_FORBIDDEN', 'a restricted poll needs the organisation that owns it', 'visibility');
  }
  const id = `input:poll:${randomUUID()}`;
  const candidate = pollSchema.safeParse({
    kind: 'Poll',
    id,
    visibility,
    ...(visibility === 'restricted' ? { owner: actor.organisation } : {}),
    date: now.toISOString().slice(0, 10),
    question: data.question,
    options: choices,
    closesAt: data.closesAt,
    ...(data.audience === undefined ? {} : { audience: data.audience }),
  });
  if (!candidate.success) throw invalid(candidate.error);
  await store.upsert({
    nodes: [candidate.data],
    relationships: [
      { type: 'CREATED', from: author.id, to: id, date: now.toISOString().slice(0, 10) },
      ...(data.event === undefined ? [] : [{ type: 'HELD_AT' as const, from: id, to: data.event }]),
    ],
  });
  const stored = await store.getNode(id, actor.viewer);
  if (stored?.kind !== 'Poll') throw new Error(`poll ${id} was written but cannot be read back`);
  await engine.afterWrite([stored], []);
  return { poll: stored, createdBy: author.id };
}
