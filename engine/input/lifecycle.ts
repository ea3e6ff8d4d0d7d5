/**
 * A challenge's lifecycle: open → in-progress ("under analysis") → addressed | closed, and
 * duplicate (its votes move to the surviving challenge). Each transition is one atomic upsert of
 * the challenge, a StatusChange node (when, from, to, why) with CHANGED from whoever made it, and
 * what the status links (ADDRESSES from the works that answer the need, votes moved). The write
 * carries a precondition on the status it started from, checked under the store's write lock, so
 * two concurrent transitions never both win: the second is told the status moved (409).
 *
 * Who may move what: administrators any challenge; the INC of the challenge's country its
 * challenges; the raiser may withdraw theirs (to closed) and edit its topics.
 *
 * Contract: changeChallenge(engine, id, input, actor, options?) → ChallengeChange;
 * challengeHistory(engine, id, actor) → ChallengeHistory. InputError on what the caller must fix.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { GraphStore, Precondition } from '../../graph/index.js';
import {
  CHALLENGE_STATUSES,
  type ChallengeStatus,
  GraphError,
  type GraphNode,
  idSchema,
  type NodeOf,
  type RelInput,
  SYSTEM,
  type Viewer,
} from '../../graph/index.js';
import { nodeLabel } from '../match/index.js';
import { type Actor, actorCountry, resolveActor } from './actor.js';
import { type Challenge, checkTopics, invalid, MAX_TOPICS, type NodeRef, visibleChallenge } from './challenges.js';
import { InputError } from './errors.js';
import type { InputEngine } from './ports.js';

export type StatusChange = NodeOf<'StatusChange'>;

/** Where each status may go. Reopening is possible; a duplicate reopens only to `open`. */
export const TRANSITIONS: Readonly<Record<ChallengeStatus, readonly ChallengeStatus[]>> = {
  open: ['in-progress', 'addressed', 'closed', 'duplicate'],
  'in-progress': ['open', 'addressed', 'closed', 'duplicate'],
  addressed: ['in-progress'],
  closed: ['open'],
  duplicate: ['open'],
};

/** Kinds whose work can address a need (ADDRESSES starts at them). */
const WORK_KINDS = new Set(['Result', 'Project', 'Document']);

export const challengeChangeSchema = z.strictObject({
  status: z.enum(CHALLENGE_STATUSES).optional(),
  reason: z.string().trim().max(2_000, 'is longer than 2000 characters').optional(),
  /** To `addressed`: ids of the results, projects or documents that answer the need. */
  addressedBy: z.array(idSchema).min(1, 'is empty').max(50, 'takes at most 50 ids').optional(),
  /** To `addressed`: how the answer is taken up ("piloted by X since 2026-03"). */
  takeUp: z.string().trim().max(2_000, 'is longer than 2000 characters').optional(),
  /** To `duplicate`: the surviving challenge. */
  duplicateOf: idSchema.optional(),
  /** The challenge's topics, replacing those it has (each a visible Topic). */
  topics: z.array(idSchema).max(MAX_TOPICS, `takes at most ${MAX_TOPICS} topics`).optional(),
});
export type ChallengeChangeInput = z.input<typeof challengeChangeSchema>;

/** What the actor may do on one challenge. */
export interface Authority {
  /** Any allowed transition (administrator, or INC of the challenge's country). */
  readonly moderate: boolean;
  /** Withdraw (to closed) and edit topics: the raiser. */
  readonly raiser: boolean;
}

export interface ChallengeChange {
  readonly challenge: Challenge;
  /** The stored transition, when the status changed. */
  readonly change?: StatusChange;
  readonly topics: readonly string[];
  /** Votes that moved to the surviving challenge (to `duplicate`). */
  readonly votesMoved: number;
}

export interface HistoryEntry {
  readonly id: string;
  readonly date: string;
  readonly from: ChallengeStatus;
  readonly to: ChallengeStatus;
  readonly reason?: string;
  /** Who made it, when the viewer may see them (absent once they were erased). */
  readonly by?: NodeRef;
  readonly addressedBy: readonly string[];
  readonly takeUp?: string;
  readonly duplicateOf?: string;
  readonly votesMoved?: number;
}

export interface ChallengeHistory {
  readonly challengeId: string;
  readonly status: ChallengeStatus;
  /** Oldest first. */
  readonly items: readonly HistoryEntry[];
}

/** The country an INC actor coordinates: its Inc or organisation's country, else its person's. */
async function authorityOf(store: GraphStore, challenge: Challenge, actor: Actor): Promise<Authority> {
  const who = await resolveActor(store, actor);
  const ids = [who.person?.id, who.organisation?.id].filter((x): x is string => x !== undefined);
  const raised =
    ids.length > 0 &&
    (await store.relationships({ type: 'RAISED', from: ids, to: [challenge.id], limit: 1 }, SYSTEM)).items.length > 0;
  let moderate = actor.role === 'admin';
  if (actor.role === 'inc' && challenge.country !== undefined) {
    const country = actorCountry(actor, who);
    moderate = country === challenge.country;
  }
  return { moderate, raiser: raised };
}

const allowedFor = (status: ChallengeStatus, authority: Authority): readonly ChallengeStatus[] =>
  authority.moderate
    ? TRANSITIONS[status]
    : authority.raiser && (status === 'open' || status === 'in-progress')
      ? ['closed']
      : [];

/** The transitions this actor may make on this challenge now (for surfaces that show buttons). */
export async function allowedTransitions(
  engine: InputEngine,
  challengeId: string,
  actor: Actor,
): Promise<readonly ChallengeStatus[]> {
  return transitionsOn(engine.store, await visibleChallenge(engine.store, challengeId, actor.viewer), actor);
}

/** The same on a challenge already read for the actor (the challenge view's `moves`). */
export async function transitionsOn(
  store: GraphStore,
  challenge: Challenge,
  actor: Actor,
): Promise<readonly ChallengeStatus[]> {
  return allowedFor(challenge.status, await authorityOf(store, challenge, actor));
}

/**
 * Changes a challenge's status and/or topics. The status change and what it links are one
 * atomic write, conditional on the status it started from; topics follow (they add ABOUT first,
 * then remove the ones dropped, so a failure in between leaves extra topics, never none).
 */
export async function changeChallenge(
  engine: InputEngine,
  challengeId: string,
  input: unknown,
  actor: Actor,
  options: { now?: () => Date } = {},
): Promise<ChallengeChange> {
  const parsed = challengeChangeSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  const data = parsed.data;
  if (data.status === undefined && data.topics === undefined) {
    throw new InputError('ERR_INVALID_INPUT', 'status or topics is required: say what changes', 'status');
  }
  const store = engine.store;
  const challenge = await visibleChallenge(store, challengeId, actor.viewer);
  const authority = await authorityOf(store, challenge, actor);
  if (!authority.moderate && !authority.raiser) {
    throw new InputError(
      'ERR_FORBIDDEN',
      `only administrators, the INC of ${challenge.country ?? 'the challenge’s country'} and whoever raised it may change challenge ${challenge.id}`,
    );
  }
  let change: StatusChange | undefined;
  let votesMoved = 0;
  let current = challenge;
  if (data.status !== undefined && data.status !== challenge.status) {
    const done = await transition(engine, challenge, data, authority, actor, options.now?.() ?? new Date());
    change = done.change;
    votesMoved = done.votesMoved;
    current = done.challenge;
  } else if (data.status !== undefined) {
    throw new InputError(
      'ERR_TRANSITION_NOT_ALLOWED',
      `challenge ${challenge.id} is already ${challenge.status}; from ${challenge.status} it may move to: ${allowedFor(challenge.status, authority).join(', ') || 'nothing you may do'}`,
      'status',
    );
  }
  const topics = data.topics === undefined ? await topicsOf(store, challenge.id) : data.topics;
  if (data.topics !== undefined) await setTopics(store, challenge.id, [...new Set(data.topics)], actor.viewer);
  await engine.afterWrite([current], []);
  return { challenge: current, ...(change === undefined ? {} : { change }), topics, votesMoved };
}

async function topicsOf(store: GraphStore, challengeId: string): Promise<string[]> {
  const page = await store.relationships({ type: 'ABOUT', from: [challengeId], limit: 1_000 }, SYSTEM);
  return page.items.map((r) => r.to);
}

async function setTopics(store: GraphStore, challengeId: string, topics: string[], viewer: Viewer): Promise<void> {
  await checkTopics(store, topics, viewer);
  const before = await topicsOf(store, challengeId);
  await store.upsert({ relationships: topics.map((t): RelInput => ({ type: 'ABOUT', from: challengeId, to: t })) });
  const dropped = before.filter((t) => !topics.includes(t));
  if (dropped.length > 0) {
    await store.deleteRelationships(dropped.map((t) => ({ type: 'ABOUT' as const, from: challengeId, to: t })));
  }
}

async function transition(
  engine: InputEngine,
  challenge: Challenge,
  data: z.output<typeof challengeChangeSchema>,
  authority: Authority,
  actor: Actor,
  now: Date,
): Promise<{ challenge: Challenge; change: StatusChange; votesMoved: number }> {
  const store = engine.store;
  const to = data.status as ChallengeStatus;
  const allowed = allowedFor(challenge.status, authority);
  if (!allowed.includes(to)) {
    const mayNot = TRANSITIONS[challenge.status].includes(to) && !authority.moderate;
    throw new InputError(
      'ERR_TRANSITION_NOT_ALLOWED',
      `challenge ${challenge.id} cannot move from ${challenge.status} to ${to}${mayNot ? ' by you (only an administrator or the INC of its country may)' : ''}; allowed: ${allowed.join(', ') || 'none for you'}`,
      'status',
    );
  }
  if (to !== 'addressed' && (data.addressedBy !== undefined || data.takeUp !== undefined)) {
    throw new InputError('ERR_INVALID_INPUT', 'addressedBy and takeUp go with status addressed', 'addressedBy');
  }
  if (to !== 'duplicate' && data.duplicateOf !== undefined) {
    throw new InputError('ERR_INVALID_INPUT', 'duplicateOf goes with status duplicate', 'duplicateOf');
  }
  const who = await resolveActor(store, actor);
  const author = who.person ?? who.organisation;
  if (author === undefined) {
    throw new InputError(
      'ERR_ACTOR_UNKNOWN',
      'a status change is made by a person or an organisation; the actor has none',
    );
  }
  const at = now.toISOString();
  const relationships: RelInput[] = [];
  const expect: Precondition[] = [
    // Both: the status it moves from, and the moment of the last change (a round trip away and
    // back between this read and the write would otherwise pass unseen).
    { id: challenge.id, field: 'status', in: [challenge.status] },
    { id: challenge.id, field: 'statusDate', in: [challenge.statusDate ?? null] },
  ];
  const { takeUp: _takeUp, duplicateOf: _duplicateOf, ...rest } = challenge;
  const next: Challenge = { ...rest, status: to, statusDate: at };
  const changeId = `input:status:${randomUUID()}`;
  const change: StatusChange = {
    kind: 'StatusChange',
    id: changeId,
    visibility: challenge.visibility,
    ...(challenge.owner === undefined ? {} : { owner: challenge.owner }),
    date: at,
    challenge: challenge.id,
    from: challenge.status,
    to,
    ...(data.reason === undefined || data.reason === '' ? {} : { reason: data.reason }),
    addressedBy: [],
  };

  let voters: Map<string, number> | undefined;
  if (to === 'addressed') {
    if (data.addressedBy === undefined) {
      throw new InputError(
        'ERR_INVALID_INPUT',
        'addressedBy is required for status addressed: the results or projects that answer the need',
        'addressedBy',
      );
    }
    const ids = [...new Set(data.addressedBy)];
    const found = new Map((await store.getNodes(ids, actor.viewer)).map((n) => [n.id, n]));
    ids.forEach((id, i) => {
      const n = found.get(id);
      if (n === undefined || !WORK_KINDS.has(n.kind)) {
        throw new InputError(
          'ERR_INVALID_INPUT',
          `addressedBy[${i}]: no result, project or document ${id} (or you may not see it)`,
          `addressedBy[${i}]`,
        );
      }
      relationships.push({ type: 'ADDRESSES', from: id, to: challenge.id, date: at.slice(0, 10) });
    });
    Object.assign(change, { addressedBy: ids });
    if (data.takeUp !== undefined && data.takeUp !== '') {
      Object.assign(next, { takeUp: data.takeUp });
      Object.assign(change, { takeUp: data.takeUp });
    }
  }
  if (to === 'duplicate') {
    if (data.duplicateOf === undefined) {
      throw new InputError('ERR_INVALID_INPUT', 'duplicateOf is required for status duplicate', 'duplicateOf');
    }
    if (data.duplicateOf === challenge.id) {
      throw new InputError('ERR_INVALID_INPUT', 'duplicateOf names the challenge itself', 'duplicateOf');
    }
    const survivor = await store.getNode(data.duplicateOf, actor.viewer);
    if (survivor?.kind !== 'Challenge') {
      throw new InputError(
        'ERR_INVALID_INPUT',
        `duplicateOf: no challenge ${data.duplicateOf} (or you may not see it)`,
        'duplicateOf',
      );
    }
    if (survivor.status === 'duplicate') {
      throw new InputError(
        'ERR_INVALID_INPUT',
        `duplicateOf: ${survivor.id} is itself a duplicate of ${survivor.duplicateOf ?? 'another'}; name the surviving one`,
        'duplicateOf',
      );
    }
    expect.push({ id: survivor.id, field: 'status', in: CHALLENGE_STATUSES.filter((s) => s !== 'duplicate') });
    Object.assign(next, { duplicateOf: survivor.id });
    Object.assign(change, { duplicateOf: survivor.id });
    voters = await votesToMove(store, challenge.id, survivor.id);
    relationships.push(...moveVotes(voters, survivor.id, at));
    Object.assign(change, { votesMoved: voters.size });
  }
  relationships.push(
    { type: 'CHANGED', from: author.id, to: changeId, date: at.slice(0, 10) },
    { type: 'CHANGE_OF', from: changeId, to: challenge.id },
  );
  try {
    await store.upsert({ nodes: [next, change], relationships, expect });
  } catch (e) {
    if (e instanceof GraphError && e.code === 'ERR_CONFLICT') {
      const now = await store.getNode(challenge.id, SYSTEM);
      const status = now?.kind === 'Challenge' ? now.status : undefined;
      throw new InputError(
        'ERR_STATUS_CONFLICT',
        `challenge ${challenge.id} changed while you decided (now ${status ?? 'gone'}${data.duplicateOf === undefined ? '' : `, or ${data.duplicateOf} became a duplicate`}); look again and retry`,
        'status',
      );
    }
    throw e;
  }
  let moved = voters?.size ?? 0;
  if (to === 'duplicate' && next.duplicateOf !== undefined) {
    // Votes are refused once the status is duplicate; one that committed between the read
    // above and this write is on the duplicate now, and moves here (the status cannot go back
    // to open without another transition, so this pass sees every vote).
    const late = await votesToMove(store, challenge.id, next.duplicateOf);
    const missed = new Map([...late].filter(([voter]) => !voters?.has(voter)));
    if (missed.size > 0) {
      await store.upsert({ relationships: moveVotes(missed, next.duplicateOf, at) });
      moved += missed.size;
    }
  }
  const stored = await store.getNode(challenge.id, SYSTEM);
  const storedChange = await store.getNode(changeId, SYSTEM);
  if (stored?.kind !== 'Challenge' || storedChange?.kind !== 'StatusChange') {
    throw new Error(`status change ${changeId} was written but cannot be read back`);
  }
  return { challenge: stored, change: storedChange, votesMoved: moved };
}

/**
 * Voters on the duplicate with their value, as SYSTEM (every vote moves, whoever may see it),
 * leaving out those who already voted on the survivor: their own vote there stands.
 */
async function votesToMove(store: GraphStore, duplicate: string, survivor: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const page = await store.relationships(
      { type: 'VOTED', to: [duplicate], limit: 10_000, ...(cursor === undefined ? {} : { cursor }) },
      SYSTEM,
    );
    for (const r of page.items) out.set(r.from, r.value ?? 1);
    cursor = page.next;
  } while (cursor !== undefined);
  if (out.size === 0) return out;
  const already = await store.relationships(
    { type: 'VOTED', from: [...out.keys()], to: [survivor], limit: 10_000 },
    SYSTEM,
  );
  for (const r of already.items) out.delete(r.from);
  return out;
}

const moveVotes = (voters: ReadonlyMap<string, number>, survivor: string, at: string): RelInput[] =>
  [...voters].map(([voter, value]) => ({ type: 'VOTED', from: voter, to: survivor, value, date: at.slice(0, 10) }));

/** A challenge's transitions, oldest first, as the actor's viewer sees them (404 when the challenge is hidden). */
export async function challengeHistory(
  engine: InputEngine,
  challengeId: string,
  actor: Actor,
): Promise<ChallengeHistory> {
  const store = engine.store;
  const challenge = await visibleChallenge(store, challengeId, actor.viewer);
  const changes: StatusChange[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(
      {
        kind: 'StatusChange',
        where: { challenge: challenge.id },
        limit: 1_000,
        ...(cursor === undefined ? {} : { cursor }),
      },
      actor.viewer,
    );
    for (const n of page.items) if (n.kind === 'StatusChange') changes.push(n);
    cursor = page.next;
  } while (cursor !== undefined);
  const by = new Map<string, string>();
  if (changes.length > 0) {
    const rels = await store.relationships(
      { type: 'CHANGED', to: changes.map((c) => c.id), limit: 10_000 },
      actor.viewer,
    );
    for (const r of rels.items) by.set(r.to, r.from);
  }
  const people = new Map<string, GraphNode>(
    (await store.getNodes([...new Set(by.values())], actor.viewer)).map((n) => [n.id, n]),
  );
  changes.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id));
  return {
    challengeId: challenge.id,
    status: challenge.status,
    items: changes.map((c): HistoryEntry => {
      const who = people.get(by.get(c.id) ?? '');
      return {
        id: c.id,
        date: c.date ?? '',
        from: c.from,
        to: c.to,
        ...(c.reason === undefined ? {} : { reason: c.reason }),
        ...(who === undefined ? {} : { by: { id: who.id, kind: who.kind, label: nodeLabel(who) } }),
        addressedBy: c.addressedBy,
        ...(c.takeUp === undefined ? {} : { takeUp: c.takeUp }),
        ...(c.duplicateOf === undefined ? {} : { duplicateOf: c.duplicateOf }),
        ...(c.votesMoved === undefined ? {} : { votesMoved: c.votesMoved }),
      };
    }),
  };
}
