/**
 * Discussion: comments on challenges, results, projects and polls, with one level of replies.
 * A comment takes its subject's visibility and owner, so whoever cannot see the subject cannot
 * see, nor reach, its comments (the subject answers ERR_SUBJECT_NOT_FOUND exactly as a missing
 * one). Authors edit and delete their own (a deleted comment keeps its place without its text
 * or author); INCs and administrators hide abusive ones, which stay stored for audit and are
 * listed to administrators only. `@<person id>` in the text, or `mentions`, link the members
 * named (MENTIONS), each a Person the author may see.
 *
 * Contract: listComments, postComment, editComment, deleteComment, hideComment; InputError.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { GraphStore } from '../../graph/index.js';
import {
  type COMMENT_SUBJECTS,
  commentSchema,
  type GraphNode,
  idSchema,
  type NodeOf,
  SYSTEM,
  type Viewer,
} from '../../graph/index.js';
import { nodeLabel } from '../match/index.js';
import type { Actor } from './actor.js';
import { resolveActor } from './actor.js';
import { invalid, type NodeRef } from './challenges.js';
import { InputError } from './errors.js';
import type { InputEngine } from './ports.js';

export type Comment = NodeOf<'Comment'>;
export type CommentSubjectKind = (typeof COMMENT_SUBJECTS)[number];

export const commentInputSchema = z.strictObject({
  text: z.string().trim().min(1, 'is empty').max(10_000, 'is longer than 10000 characters'),
  /** A top-level comment on the same subject: replies go one level deep. */
  replyTo: idSchema.optional(),
  /** Person ids mentioned, besides `@<person id>` in the text. */
  mentions: z.array(idSchema).max(50, 'takes at most 50 people').optional(),
});

export const commentEditSchema = z.strictObject({
  text: commentInputSchema.shape.text,
});

export const commentHideSchema = z.strictObject({
  reason: z.string().trim().min(1, 'is empty').max(2_000, 'is longer than 2000 characters'),
});

export interface CommentView {
  readonly id: string;
  readonly on: string;
  readonly replyTo?: string;
  readonly date: string;
  readonly text?: string;
  readonly editedAt?: string;
  readonly deleted: boolean;
  readonly hidden: boolean;
  readonly hiddenReason?: string;
  /** The author, when the viewer may see them (absent once deleted or erased). */
  readonly author?: NodeRef;
  readonly mentions: readonly NodeRef[];
  readonly replies: readonly CommentView[];
}

export interface CommentThread {
  readonly subject: NodeRef;
  /** Top-level comments oldest first, each with its replies oldest first. */
  readonly comments: readonly CommentView[];
}

const MENTION = /@([^\s@,;:!?()]+(?::[^\s@,;!?()]+)*)/gu;

async function visibleSubject(store: GraphStore, kind: CommentSubjectKind, id: string, viewer: Viewer) {
  const parsed = idSchema.safeParse(id);
  const node = parsed.success ? await store.getNode(parsed.data, viewer) : undefined;
  if (node === undefined || node.kind !== kind) {
    throw new InputError('ERR_SUBJECT_NOT_FOUND', `no ${kind.toLowerCase()} ${id} (or you may not see it)`, 'id');
  }
  return node;
}

async function visibleComment(store: GraphStore, id: string, viewer: Viewer): Promise<Comment> {
  const parsed = idSchema.safeParse(id);
  const node = parsed.success ? await store.getNode(parsed.data, viewer) : undefined;
  if (node?.kind !== 'Comment' || (node.hidden && viewer.clearance !== 'all')) {
    throw new InputError('ERR_COMMENT_NOT_FOUND', `no comment ${id} (or you may not see it)`, 'id');
  }
  return node;
}

const ref = (n: GraphNode): NodeRef => ({ id: n.id, kind: n.kind, label: nodeLabel(n) });

/** The comments on a subject as the actor sees them; hidden ones only for administrators. */
export async function listComments(
  engine: InputEngine,
  kind: CommentSubjectKind,
  subjectId: string,
  actor: Actor,
): Promise<CommentThread> {
  const store = engine.store;
  const subject = await visibleSubject(store, kind, subjectId, actor.viewer);
  const all: Comment[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(
      { kind: 'Comment', where: { on: subject.id }, limit: 1_000, ...(cursor === undefined ? {} : { cursor }) },
      actor.viewer,
    );
    for (const n of page.items) if (n.kind === 'Comment') all.push(n);
    cursor = page.next;
  } while (cursor !== undefined);
  const shown = all.filter((c) => !c.hidden || actor.viewer.clearance === 'all');
  const ids = shown.map((c) => c.id);
  const authors = new Map<string, string>();
  const mentions = new Map<string, string[]>();
  if (ids.length > 0) {
    for (const r of (await store.relationships({ type: 'WROTE', to: ids, limit: 10_000 }, actor.viewer)).items) {
      authors.set(r.to, r.from);
    }
    for (const r of (await store.relationships({ type: 'MENTIONS', from: ids, limit: 10_000 }, actor.viewer)).items) {
      mentions.set(r.from, [...(mentions.get(r.from) ?? []), r.to]);
    }
  }
  const people = new Map(
    (await store.getNodes([...new Set([...authors.values(), ...[...mentions.values()].flat()])], actor.viewer)).map(
      (n) => [n.id, n],
    ),
  );
  const view = (c: Comment, replies: CommentView[]): CommentView => {
    const author = people.get(authors.get(c.id) ?? '');
    return {
      id: c.id,
      on: c.on,
      ...(c.replyTo === undefined ? {} : { replyTo: c.replyTo }),
      date: c.date ?? '',
      ...(c.text === undefined ? {} : { text: c.text }),
      ...(c.editedAt === undefined ? {} : { editedAt: c.editedAt }),
      deleted: c.deleted,
      hidden: c.hidden,
      ...(c.hiddenReason === undefined ? {} : { hiddenReason: c.hiddenReason }),
      ...(author === undefined ? {} : { author: ref(author) }),
      mentions: (mentions.get(c.id) ?? []).flatMap((p) => {
        const n = people.get(p);
        return n === undefined ? [] : [ref(n)];
      }),
      replies,
    };
  };
  const byDate = (a: Comment, b: Comment) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id);
  shown.sort(byDate);
  const top = shown.filter((c) => c.replyTo === undefined);
  return {
    subject: ref(subject),
    comments: top.map((c) =>
      view(
        c,
        shown.filter((r) => r.replyTo === c.id).map((r) => view(r, [])),
      ),
    ),
  };
}

/** Stores a comment (or a reply) with WROTE from the actor's person and MENTIONS, in one atomic upsert. */
export async function postComment(
  engine: InputEngine,
  kind: CommentSubjectKind,
  subjectId: string,
  input: unknown,
  actor: Actor,
  options: { now?: () => Date } = {},
): Promise<CommentView> {
  const parsed = commentInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  const data = parsed.data;
  const store = engine.store;
  const subject = await visibleSubject(store, kind, subjectId, actor.viewer);
  const { person } = await resolveActor(store, actor);
  if (person === undefined)
    throw new InputError('ERR_ACTOR_NO_PERSON', 'comments are written by a person, and the actor has none');
  if (data.replyTo !== undefined) {
    const parent = await store.getNode(data.replyTo, actor.viewer);
    if (parent?.kind !== 'Comment' || parent.on !== subject.id || (parent.hidden && actor.viewer.clearance !== 'all')) {
      throw new InputError('ERR_INVALID_INPUT', `replyTo: no comment ${data.replyTo} on ${subject.id}`, 'replyTo');
    }
    if (parent.replyTo !== undefined) {
      throw new InputError(
        'ERR_INVALID_INPUT',
        `replyTo: ${parent.id} is itself a reply; replies go one level deep (reply to ${parent.replyTo})`,
        'replyTo',
      );
    }
  }
  const named = [...new Set([...(data.mentions ?? []), ...[...data.text.matchAll(MENTION)].map((m) => m[1] ?? '')])];
  const found = new Map((await store.getNodes(named, actor.viewer)).map((n) => [n.id, n]));
  // Explicit mentions must name visible people; an @word in the text that names no one is just text.
  (data.mentions ?? []).forEach((m, i) => {
    if (found.get(m)?.kind !== 'Person') {
      throw new InputError(
        'ERR_INVALID_INPUT',
        `mentions[${i}]: no member ${m} (or you may not see them)`,
        `mentions[${i}]`,
      );
    }
  });
  const mentioned = named.filter((m) => found.get(m)?.kind === 'Person' && m !== person.id);
  const now = (options.now?.() ?? new Date()).toISOString();
  const id = `input:comment:${randomUUID()}`;
  const candidate = commentSchema.safeParse({
    kind: 'Comment',
    id,
    visibility: subject.visibility,
    ...(subject.owner === undefined ? {} : { owner: subject.owner }),
    date: now,
    on: subject.id,
    ...(data.replyTo === undefined ? {} : { replyTo: data.replyTo }),
    text: data.text,
  });
  if (!candidate.success) throw invalid(candidate.error);
  await store.upsert({
    nodes: [candidate.data],
    relationships: [
      { type: 'WROTE', from: person.id, to: id, date: now.slice(0, 10) },
      ...mentioned.map((m) => ({ type: 'MENTIONS' as const, from: id, to: m })),
    ],
  });
  await engine.afterWrite([], []);
  const thread = await listComments(engine, kind, subject.id, actor);
  const all = thread.comments.flatMap((c) => [c, ...c.replies]);
  const mine = all.find((c) => c.id === id);
  if (mine === undefined) throw new Error(`comment ${id} was written but cannot be read back`);
  return mine;
}

async function ownComment(engine: InputEngine, commentId: string, actor: Actor): Promise<Comment> {
  const comment = await visibleComment(engine.store, commentId, actor.viewer);
  const { person } = await resolveActor(engine.store, actor);
  const wrote =
    person !== undefined &&
    (await engine.store.relationships({ type: 'WROTE', from: [person.id], to: [comment.id], limit: 1 }, SYSTEM)).items
      .length > 0;
  if (!wrote)
    throw new InputError('ERR_FORBIDDEN', `comment ${comment.id} is not yours: only its author may change it`);
  if (comment.deleted) throw new InputError('ERR_COMMENT_NOT_FOUND', `comment ${comment.id} was deleted`, 'id');
  return comment;
}

/** The author changes the text; `editedAt` says when. */
export async function editComment(
  engine: InputEngine,
  commentId: string,
  input: unknown,
  actor: Actor,
  options: { now?: () => Date } = {},
): Promise<Comment> {
  const parsed = commentEditSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  const comment = await ownComment(engine, commentId, actor);
  const next: Comment = { ...comment, text: parsed.data.text, editedAt: (options.now?.() ?? new Date()).toISOString() };
  await engine.store.upsert({ nodes: [next], expect: [{ id: comment.id, field: 'deleted', in: [false] }] });
  await engine.afterWrite([], []);
  return next;
}

/**
 * The author deletes: the text goes and so does the WROTE link (their personal record); the
 * comment keeps its place so replies to it still read as a thread.
 */
export async function deleteComment(engine: InputEngine, commentId: string, actor: Actor): Promise<void> {
  const comment = await ownComment(engine, commentId, actor);
  const { text: _text, editedAt: _editedAt, ...rest } = comment;
  await engine.store.upsert({ nodes: [{ ...rest, deleted: true }] });
  const wrote = await engine.store.relationships({ type: 'WROTE', to: [comment.id], limit: 10 }, SYSTEM);
  const mentions = await engine.store.relationships({ type: 'MENTIONS', from: [comment.id], limit: 100 }, SYSTEM);
  await engine.store.deleteRelationships([...wrote.items, ...mentions.items]);
  await engine.afterWrite([], []);
}

/** INCs and administrators hide an abusive comment: kept for audit, listed to administrators only. */
export async function hideComment(
  engine: InputEngine,
  commentId: string,
  input: unknown,
  actor: Actor,
): Promise<Comment> {
  const parsed = commentHideSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  if (actor.role !== 'admin' && actor.role !== 'inc') {
    throw new InputError('ERR_FORBIDDEN', 'only INCs and administrators hide comments');
  }
  const comment = await visibleComment(engine.store, commentId, actor.viewer);
  const next: Comment = { ...comment, hidden: true, hiddenReason: parsed.data.reason };
  await engine.store.upsert({ nodes: [next] });
  await engine.afterWrite([], []);
  return next;
}
