/** Discussion: comment bodies and answers (engine/input/comments.ts). */
import { commentEditSchema, commentHideSchema, commentInputSchema } from '../../../engine/input/index.js';
import { graphNode, nodeRef } from './common.js';
import { arr, describe, fromZod, obj, type Schema, str } from './json.js';

export const commentBody: Schema = describe(fromZod(commentInputSchema), {
  text: 'The comment; `@<person id>` mentions a member',
  replyTo: 'A top-level comment on the same subject (replies go one level deep)',
  mentions: 'Person ids mentioned, besides those written as @<person id>',
});
export const commentEditBody: Schema = describe(fromZod(commentEditSchema), { text: 'The new text' });
export const commentHideBody: Schema = describe(fromZod(commentHideSchema), { reason: 'Why (kept for audit)' });

const flag = { type: 'boolean' } as const;
const viewFields = {
  id: str(),
  on: str(),
  replyTo: str(),
  date: str(),
  text: str(),
  editedAt: str(),
  deleted: flag,
  hidden: flag,
  hiddenReason: str(),
  author: nodeRef,
  mentions: arr(nodeRef),
};
const required = ['id', 'on', 'date', 'deleted', 'hidden', 'mentions'];
const reply: Schema = obj(viewFields, required);
export const commentView: Schema = obj({ ...viewFields, replies: arr(reply) }, [...required, 'replies']);
export const commentThread: Schema = obj({ subject: nodeRef, comments: arr(commentView) }, ['subject', 'comments']);
export const commentNode: Schema = graphNode;
