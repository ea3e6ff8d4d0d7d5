/**
 * `comment <id> <text>`: a comment on a challenge, result, project or poll, written as the
 * caller's person (engine/input/comments.ts checks that they may see it). The adapters also run
 * it for a reply in the thread of the bot's message about a challenge (Slack threads, Matrix
 * replies, Discord threads), with the text as a typed option so nothing in it is parsed as a flag.
 */
import { z } from 'zod';
import { type CommentSubjectKind, postComment } from '../../engine/input/index.js';
import { COMMENT_SUBJECTS, idSchema } from '../../graph/index.js';
import { defineCommand } from '../core/command.js';
import { CommandError } from '../core/errors.js';
import { reply } from '../core/reply.js';
import { actorOf, requirePerson } from './actor.js';

const isSubject = (kind: string): kind is CommentSubjectKind => (COMMENT_SUBJECTS as readonly string[]).includes(kind);

export const comment = defineCommand({
  name: 'comment',
  summary: 'Comment on a challenge, result, project or poll (or reply to my message about a challenge).',
  help: 'Everyone who may see the item sees your comment. Replying in the thread of my message about a challenge (a Slack thread, a Matrix reply, a Discord thread) does the same.',
  examples: ['demo:challenge:prison-drone-drops We piloted RF detection at two sites; happy to share results'],
  args: z.object({
    target: idSchema.describe('the challenge, result, project or poll id'),
    text: z.string().min(1).max(10_000).describe('the comment'),
  }),
  positional: ['target', 'text'],
  refs: ['target'],
  permission: 'submit',
  writes: true,
  async handler({ args, engine, caller }) {
    const node = await engine.store.getNode(args.target, caller.viewer);
    if (node === undefined || !isSubject(node.kind)) {
      throw new CommandError(`There is no challenge, result, project or poll ${args.target} (or you may not see it).`);
    }
    requirePerson(caller, 'comment');
    const posted = await postComment(engine, node.kind, node.id, { text: args.text }, actorOf(caller));
    const title = 'title' in node ? node.title : 'question' in node ? node.question : node.id;
    return reply({
      tone: 'notice',
      text: `Your comment on “${title}” is posted (${posted.id}).`,
      visibility: node.visibility,
    });
  },
});
