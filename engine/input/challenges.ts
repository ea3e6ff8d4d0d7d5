/**
 * The bottom-up input: a challenge raised by an officer, an INC or a bot user, and votes on
 * challenges. Both surfaces (app/api, bots/) call these and nothing else to write, so a
 * challenge is validated, stored and made findable the same way whoever raised it.
 *
 * Contract (kept stable for bots/):
 *  - submitChallenge(engine, input, actor, options?) → SubmittedChallenge
 *  - previewChallenge(engine, input, actor) → ChallengePreview (nothing written)
 *  - voteChallenge(engine, challengeId, actor, value, options?) → ChallengeVoteResult
 *  - readChallenge(engine, challengeId, actor) → ChallengeView (./challenge-view.ts)
 * Each throws InputError (./errors.ts) on input the caller must fix; nothing is written then.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { GraphStore } from '../../graph/index.js';
import {
  type ChallengeStatus,
  canSee,
  challengeSchema,
  GraphError,
  idSchema,
  type RelInput,
  SYSTEM,
  VISIBILITIES,
  type Viewer,
} from '../../graph/index.js';
import { isMatchError, MAX_QUERY_CHARS, tallyChallenge, type VoteTally } from '../match/index.js';
import { type Actor, isoDay, resolveActor } from './actor.js';
import type { Challenge } from './challenge-types.js';
import { InputError, visibleNodeOf } from './errors.js';
import type { InputEngine } from './ports.js';
import type { SimilarAnswer } from './similar.js';
import { assignTopics } from './topics.js';

export type { Challenge, NodeRef } from './challenge-types.js';

/** At most this many topics per challenge. */
export const MAX_TOPICS = 20;
/** Similar challenges returned beside a new one. */
export const SIMILAR_SHOWN = 5;

/** What a caller may say about a new challenge; the rest (id, date, owner, status) is set here. */
export const challengeInputSchema = z.strictObject({
  title: challengeSchema.shape.title,
  description: challengeSchema.shape.description,
  area: challengeSchema.shape.area,
  /** Defaults to the country of the actor's person, else of their organisation. */
  country: challengeSchema.shape.country,
  keywords: z.array(z.string().trim().min(1, 'holds an empty keyword').max(500)).max(50).optional(),
  /** Topic ids the challenge is ABOUT; each must exist and be visible to the actor. */
  topics: z.array(idSchema).max(MAX_TOPICS, `takes at most ${MAX_TOPICS} topics`).optional(),
  /** Default `network`; `restricted` needs the actor's organisation (it becomes the owner). */
  visibility: z.enum(VISIBILITIES).optional(),
});
export type ChallengeInput = z.input<typeof challengeInputSchema>;

export interface SubmittedChallenge {
  /** As stored (defaults applied). */
  readonly challenge: Challenge;
  /** Who RAISED it: the actor's person, or their organisation when they have no person. */
  readonly raisedBy: string;
  readonly topics: readonly string[];
  /** True when the topics were matched from the vocabulary (none given): shown so they can be edited. */
  readonly topicsAssigned: boolean;
  /** Stored challenges closest to it (itself left out), best first: possible duplicates. */
  readonly similar: SimilarAnswer;
  /** Whether the dense side took it too (false without a model; see Engine.afterWrite). */
  readonly embedded: boolean;
}

export interface SubmitOptions {
  /** Clock for the raised date (tests pin it). */
  readonly now?: () => Date;
  /** Id to use instead of a random one (imports that already have one); it must not exist yet. */
  readonly id?: string;
  /** More relationships written in the same atomic upsert (a survey answer PROPOSED it). */
  readonly links?: (challengeId: string) => readonly RelInput[];
}

/** The first zod issue as ERR_INVALID_INPUT naming its field (`topics[2]`, `title`). */
export function invalid(error: z.ZodError, prefix = ''): InputError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((p, i) =>
    typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`,
  );
  const field = `${prefix}${path.join('')}`;
  const message =
    issue?.code === 'unrecognized_keys'
      ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
      : `${field === '' ? 'input' : field} ${issue?.message ?? 'is invalid'}`;
  return new InputError(
    'ERR_INVALID_INPUT',
    message,
    issue?.code === 'unrecognized_keys' ? issue.keys[0] : field || undefined,
  );
}

/**
 * Validates a new challenge, stores it with RAISED from the actor and ABOUT its topics in one
 * atomic upsert, makes it findable at once (Engine.afterWrite) and returns it with the most
 * similar existing challenges.
 */
export async function submitChallenge(
  engine: InputEngine,
  input: unknown,
  actor: Actor,
  options: SubmitOptions = {},
): Promise<SubmittedChallenge> {
  const parsed = challengeInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  const data = parsed.data;
  const store = engine.store;
  const who = await resolveActor(store, actor);
  const author = who.person ?? who.organisation;
  if (author === undefined) {
    throw new InputError(
      'ERR_ACTOR_UNKNOWN',
      'a challenge is raised by a person or an organisation; the actor has neither',
    );
  }
  const visibility = data.visibility ?? 'network';
  const owner = actor.organisation;
  if (visibility === 'restricted' && owner === undefined) {
    throw new InputError(
      'ERR_FORBIDDEN',
      'a restricted challenge needs the organisation that owns it, and the actor has none',
      'visibility',
    );
  }
  const given = [...new Set(data.topics ?? [])];
  await checkTopics(store, given, actor.viewer);
  // Raised without topics: matched from the vocabulary, so it counts in topic trends and gaps.
  const topics =
    data.topics === undefined
      ? await assignTopics(
          store,
          { title: data.title, description: data.description, keywords: data.keywords, area: data.area },
          actor.viewer,
        )
      : given;

  const now = options.now?.() ?? new Date();
  const id = options.id ?? `input:challenge:${randomUUID()}`;
  // Raising never overwrites: an id given by the caller must be new (as SYSTEM: hidden nodes count too).
  if (options.id !== undefined && (await store.getNode(options.id, SYSTEM)) !== undefined) {
    throw new InputError('ERR_INVALID_INPUT', `id ${options.id} is taken: a new challenge needs a new id`, 'id');
  }
  const country = data.country ?? raiserCountry(who);
  const candidate = challengeSchema.safeParse({
    kind: 'Challenge',
    id,
    visibility,
    ...(owner === undefined ? {} : { owner }),
    date: isoDay(now),
    title: data.title.trim(),
    ...(data.description === undefined || data.description.trim() === ''
      ? {}
      : { description: data.description.trim() }),
    status: 'open',
    ...(data.area === undefined ? {} : { area: data.area }),
    ...(country === undefined ? {} : { country }),
    keywords: [...new Set(data.keywords ?? [])],
  });
  if (!candidate.success) throw invalid(candidate.error);
  const node = candidate.data;
  if (!canSee(actor.viewer, node)) {
    throw new InputError(
      'ERR_FORBIDDEN',
      `you could not see this challenge yourself with visibility ${visibility}${owner === undefined ? '' : ` owned by ${owner}`}`,
      'visibility',
    );
  }
  const relationships: RelInput[] = [
    { type: 'RAISED', from: author.id, to: id, date: isoDay(now) },
    ...topics.map((t): RelInput => ({ type: 'ABOUT', from: id, to: t })),
    ...(options.links?.(id) ?? []),
  ];
  await store.upsert({ nodes: [node], relationships });
  const stored = await store.getNode(id, actor.viewer);
  if (stored?.kind !== 'Challenge') throw new Error(`challenge ${id} was written but cannot be read back`);
  const sync = await engine.afterWrite([stored], []);
  const similar = await similarTo(engine, stored, actor.viewer);
  return {
    challenge: stored,
    raisedBy: author.id,
    topics,
    topicsAssigned: data.topics === undefined,
    similar,
    embedded: sync.embedded > 0,
  };
}

/** The country a challenge is raised for when none is given: the raiser's person's, else their organisation's. */
const raiserCountry = (who: Awaited<ReturnType<typeof resolveActor>>): string | undefined =>
  who.person?.country ?? who.organisation?.country;

export interface ChallengePreview {
  /** The country it would be raised for: the one given, else the raiser's. */
  readonly country?: string;
  /** The topics it would be given: the ones given (each checked), else those matched from the vocabulary. */
  readonly topics: readonly string[];
  readonly topicsAssigned: boolean;
  /** Stored challenges closest to it, best first: the duplicate check, before anything is written. */
  readonly similar: SimilarAnswer;
}

/**
 * What raising this challenge would do, with nothing written: the same validation, country
 * default, topic assignment and duplicate check as submitChallenge, so a form can show the
 * topics (to edit) and the likely duplicates (to vote for instead) before the need is sent.
 */
export async function previewChallenge(engine: InputEngine, input: unknown, actor: Actor): Promise<ChallengePreview> {
  const parsed = challengeInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  const data = parsed.data;
  const who = await resolveActor(engine.store, actor);
  const given = [...new Set(data.topics ?? [])];
  await checkTopics(engine.store, given, actor.viewer);
  const topics =
    data.topics === undefined
      ? await assignTopics(
          engine.store,
          { title: data.title, description: data.description, keywords: data.keywords, area: data.area },
          actor.viewer,
        )
      : given;
  const country = data.country ?? raiserCountry(who);
  const similar = await similarTo(
    engine,
    { title: data.title.trim(), keywords: [...new Set(data.keywords ?? [])], description: data.description?.trim() },
    actor.viewer,
  );
  return {
    ...(country === undefined ? {} : { country }),
    topics,
    topicsAssigned: data.topics === undefined,
    similar,
  };
}

/** Throws ERR_UNKNOWN_TOPIC naming the first id that is not a Topic the viewer may see. */
export async function checkTopics(store: GraphStore, topics: readonly string[], viewer: Viewer): Promise<void> {
  if (topics.length === 0) return;
  const found = new Map((await store.getNodes(topics, viewer)).map((n) => [n.id, n]));
  topics.forEach((t, i) => {
    if (found.get(t)?.kind !== 'Topic') {
      throw new InputError('ERR_UNKNOWN_TOPIC', `topics[${i}]: no topic ${t} (or you may not see it)`, `topics[${i}]`);
    }
  });
}

/** Similar challenges by the new one's title and keywords; lexical when the dense side fails now. */
async function similarTo(
  engine: InputEngine,
  c: {
    readonly id?: string;
    readonly title: string;
    readonly keywords: readonly string[];
    readonly description?: string | undefined;
  },
  viewer: Viewer,
): Promise<SimilarAnswer> {
  const text = [c.title, c.keywords.join(', '), c.description ?? ''].join('. ').slice(0, MAX_QUERY_CHARS);
  const ask = { limit: SIMILAR_SHOWN, exclude: c.id === undefined ? [] : [c.id] };
  try {
    return await engine.similarChallenges(text, viewer, ask);
  } catch (e) {
    // The challenge is stored; a model failing now must not turn its creation into an error.
    if (isMatchError(e) && e.code === 'ERR_DENSE_UNAVAILABLE') {
      return engine.similarChallenges(text, viewer, { ...ask, mode: 'lexical' });
    }
    throw e;
  }
}

/* ------------------------------------------------------------------ votes */

export type VoteValue = 1 | -1;

/** Statuses that take votes: a closed need takes none, a duplicate's votes belong to its survivor. */
const VOTABLE: readonly ChallengeStatus[] = ['open', 'in-progress', 'addressed'];

export interface ChallengeVoteResult {
  readonly challengeId: string;
  readonly person: string;
  readonly value: VoteValue;
  /** The person's vote before this one, when there was one (re-voting replaces it). */
  readonly previous?: number;
  readonly votes: VoteTally;
}

/** Looks up a challenge the viewer may see, or throws ERR_CHALLENGE_NOT_FOUND / ERR_NOT_A_CHALLENGE. */
export function visibleChallenge(store: GraphStore, challengeId: unknown, viewer: Viewer): Promise<Challenge> {
  return visibleNodeOf(store, challengeId, viewer, 'Challenge', {
    notFound: 'ERR_CHALLENGE_NOT_FOUND',
    wrongKind: 'ERR_NOT_A_CHALLENGE',
    noun: 'challenge',
  });
}

/**
 * One vote per person: VOTED {value} from the actor's person to the challenge. Voting again
 * replaces the earlier vote (the relationship is keyed by type, voter and challenge).
 */
export async function voteChallenge(
  engine: InputEngine,
  challengeId: string,
  actor: Actor,
  value: unknown,
  options: { now?: () => Date } = {},
): Promise<ChallengeVoteResult> {
  if (value !== 1 && value !== -1) {
    throw new InputError('ERR_INVALID_INPUT', 'value must be 1 (for) or -1 (against)', 'value');
  }
  const store = engine.store;
  const challenge = await visibleChallenge(store, challengeId, actor.viewer);
  const { person } = await resolveActor(store, actor);
  if (person === undefined) {
    throw new InputError('ERR_ACTOR_NO_PERSON', 'votes are cast by a person, and the actor has none');
  }
  if (!VOTABLE.includes(challenge.status)) {
    throw new InputError(
      'ERR_CHALLENGE_CLOSED',
      challenge.status === 'duplicate'
        ? `challenge ${challenge.id} is a duplicate of ${challenge.duplicateOf ?? 'another'}: vote there`
        : `challenge ${challenge.id} is closed and takes no more votes`,
    );
  }
  const before = await store.relationships(
    { type: 'VOTED', from: [person.id], to: [challenge.id], limit: 1 },
    actor.viewer,
  );
  const previous = before.items[0]?.value;
  const date = isoDay(options.now?.() ?? new Date());
  try {
    // Conditional on the status: a vote never lands on a challenge that became a duplicate (its
    // votes moved) or closed after the check above.
    await store.upsert({
      relationships: [{ type: 'VOTED', from: person.id, to: challenge.id, value, date }],
      expect: [{ id: challenge.id, field: 'status', in: VOTABLE }],
    });
  } catch (e) {
    if (e instanceof GraphError && e.code === 'ERR_CONFLICT') {
      throw new InputError(
        'ERR_CHALLENGE_CLOSED',
        `challenge ${challenge.id} was closed or merged just now: look again`,
      );
    }
    throw e;
  }
  await engine.afterWrite([], []);
  return {
    challengeId: challenge.id,
    person: person.id,
    value,
    ...(previous === undefined ? {} : { previous }),
    votes: await tallyChallenge(store, challenge.id, actor.viewer),
  };
}
