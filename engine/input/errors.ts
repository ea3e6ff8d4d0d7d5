/**
 * Errors of the bottom-up input (challenges raised, votes cast), with stable codes that the
 * API maps to HTTP statuses and the bots show as a reply. Each one is the caller's to fix:
 * nothing here is a crash, and nothing was written when one is thrown.
 */

import type { GraphStore, Viewer } from '../../graph/index.js';
import { idSchema, type NodeKind, type NodeOf } from '../../graph/index.js';

export type InputErrorCode =
  /** A field is missing or malformed; `field` names it (e.g. `title`, `topics[1]`, `value`). */
  | 'ERR_INVALID_INPUT'
  /** A topic id given for the challenge does not exist, is not a Topic, or the actor may not see it. */
  | 'ERR_UNKNOWN_TOPIC'
  /** The actor names no person and no organisation, or one that is not in the store. */
  | 'ERR_ACTOR_UNKNOWN'
  /** Votes are cast by a person (VOTED starts at a Person); the actor has none. */
  | 'ERR_ACTOR_NO_PERSON'
  /** The write would produce something its own author may not see (e.g. restricted without an organisation). */
  | 'ERR_FORBIDDEN'
  /** No challenge with that id, or the actor may not see it (the two are not told apart). */
  | 'ERR_CHALLENGE_NOT_FOUND'
  /** The id names a node of another kind. */
  | 'ERR_NOT_A_CHALLENGE'
  /** The challenge is closed: it takes no more votes. */
  | 'ERR_CHALLENGE_CLOSED'
  /** The status cannot move that way (or not by this actor); the message names the allowed ones. */
  | 'ERR_TRANSITION_NOT_ALLOWED'
  /** The challenge's status changed between reading and writing; nothing was written. */
  | 'ERR_STATUS_CONFLICT'
  /** The thing a comment would be on does not exist or the actor may not see it (not told apart). */
  | 'ERR_SUBJECT_NOT_FOUND'
  /** No comment with that id, or the actor may not see it (hidden ones included, for all but administrators). */
  | 'ERR_COMMENT_NOT_FOUND'
  /** No event with that id, or the actor may not see it. */
  | 'ERR_EVENT_NOT_FOUND'
  | 'ERR_NOT_AN_EVENT'
  /** The event is past: it takes no registration. */
  | 'ERR_EVENT_PAST'
  /** No poll with that id, or the actor may not see it. */
  | 'ERR_POLL_NOT_FOUND'
  | 'ERR_NOT_A_POLL'
  /** The poll closed (its `closesAt` is past). */
  | 'ERR_POLL_CLOSED'
  /** The option is not one of the poll's options. */
  | 'ERR_INVALID_OPTION'
  /** No survey with that id, or the actor may not see it. */
  | 'ERR_SURVEY_NOT_FOUND'
  | 'ERR_NOT_A_SURVEY'
  /** The survey closed (its `closesAt` is past): it takes no more answers. */
  | 'ERR_SURVEY_CLOSED'
  /** No answer with that id in that survey, or the actor may not see it. */
  | 'ERR_ANSWER_NOT_FOUND'
  /** The survey answer already became (or was linked to) a challenge; the message names it. */
  | 'ERR_ALREADY_PROPOSED';

/** HTTP status for each code, used by the API's single error handler. */
export const INPUT_ERROR_STATUS: Readonly<Record<InputErrorCode, number>> = {
  ERR_INVALID_INPUT: 400,
  ERR_UNKNOWN_TOPIC: 400,
  ERR_ACTOR_UNKNOWN: 403,
  ERR_ACTOR_NO_PERSON: 403,
  ERR_FORBIDDEN: 403,
  ERR_CHALLENGE_NOT_FOUND: 404,
  ERR_NOT_A_CHALLENGE: 400,
  ERR_CHALLENGE_CLOSED: 409,
  ERR_TRANSITION_NOT_ALLOWED: 409,
  ERR_STATUS_CONFLICT: 409,
  ERR_SUBJECT_NOT_FOUND: 404,
  ERR_EVENT_NOT_FOUND: 404,
  ERR_NOT_AN_EVENT: 400,
  ERR_EVENT_PAST: 409,
  ERR_COMMENT_NOT_FOUND: 404,
  ERR_POLL_NOT_FOUND: 404,
  ERR_NOT_A_POLL: 400,
  ERR_POLL_CLOSED: 409,
  ERR_INVALID_OPTION: 400,
  ERR_SURVEY_NOT_FOUND: 404,
  ERR_NOT_A_SURVEY: 400,
  ERR_SURVEY_CLOSED: 409,
  ERR_ANSWER_NOT_FOUND: 404,
  ERR_ALREADY_PROPOSED: 409,
};

export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly code: InputErrorCode,
    message: string,
    /** The input field at fault, when one is. */
    readonly field?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const isInputError = (e: unknown): e is InputError => e instanceof InputError;

/**
 * A node of one kind the viewer may see, by an id from outside: a malformed or unknown id (or
 * one the viewer may not see) is `notFound`, a node of another kind is `wrongKind`.
 */
export async function visibleNodeOf<K extends NodeKind>(
  store: GraphStore,
  rawId: unknown,
  viewer: Viewer,
  kind: K,
  codes: { readonly notFound: InputErrorCode; readonly wrongKind: InputErrorCode; readonly noun: string },
): Promise<NodeOf<K>> {
  const id = idSchema.safeParse(rawId);
  if (!id.success) {
    throw new InputError(
      codes.notFound,
      `${codes.noun} id ${JSON.stringify(rawId)} ${id.error.issues[0]?.message ?? 'is invalid'}`,
      'id',
    );
  }
  const node = await store.getNode(id.data, viewer);
  if (node === undefined) {
    throw new InputError(codes.notFound, `no ${codes.noun} ${id.data} (or you may not see it)`, 'id');
  }
  if (node.kind !== kind) throw new InputError(codes.wrongKind, `${id.data} is a ${node.kind}, not a ${kind}`, 'id');
  return node as NodeOf<K>;
}
