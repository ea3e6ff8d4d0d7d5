/**
 * The discussion under a challenge or a poll: comments oldest first, one level of replies,
 * authors edit and delete their own, INCs and administrators hide abusive ones (kept for audit).
 * What shows is what GET …/comments returns to the viewer; nothing is filtered here.
 */
import { useId, useState } from 'react';
import { apiSend } from '../lib/api-client.js';
import type { CommentView, CommentThread as Thread } from '../lib/cycle-types.js';
import { fmtDate } from '../lib/format.js';
import type { Me } from '../lib/types.js';
import { useAction } from '../lib/use-action.js';
import { useApi } from '../lib/use-api.js';
import { canModerate, canWrite } from '../lib/use-me.js';
import { ActionNote } from './action-note.js';
import { Empty, ErrorNote, Loading } from './states.js';

export function CommentThread({
  subject,
  id,
  me,
}: {
  /** The API's path word: challenges, polls, results, projects. */
  subject: 'challenges' | 'polls';
  id: string;
  me: Me | undefined;
}) {
  const path = `/api/${subject}/${encodeURIComponent(id)}/comments`;
  const thread = useApi<Thread>(path);
  const action = useAction();
  const write = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, body: unknown, done: string) => {
    const ok = await action.run(() => apiSend(method, url, body), done);
    if (ok) thread.reload();
    return ok;
  };
  return (
    <section className="comments" aria-label="Discussion">
      <h3>Discussion</h3>
      {thread.status === 'error' ? <ErrorNote error={thread.error} onRetry={thread.reload} /> : null}
      {thread.status === 'loading' && thread.data === undefined ? <Loading what="the discussion" /> : null}
      {'data' in thread && thread.data !== undefined ? (
        thread.data.comments.length === 0 ? (
          <Empty>No comments yet.</Empty>
        ) : (
          <ol className="comment-list">
            {thread.data.comments.map((c) => (
              <li key={c.id}>
                <Comment comment={c} me={me} path={path} write={write} />
                {(c.replies ?? []).length === 0 ? null : (
                  <ol className="comment-list replies" aria-label={`Replies to ${c.author?.label ?? 'a comment'}`}>
                    {(c.replies ?? []).map((r) => (
                      <li key={r.id}>
                        <Comment comment={r} me={me} path={path} write={write} />
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ol>
        )
      ) : null}
      <ActionNote state={action.state} />
      {canWrite(me) ? (
        <CommentForm label="Add a comment" submit={(text) => write('POST', path, { text }, 'Comment posted.')} />
      ) : null}
    </section>
  );
}

type Write = (method: 'POST' | 'PATCH' | 'DELETE', url: string, body: unknown, done: string) => Promise<boolean>;

function Comment({
  comment,
  me,
  path,
  write,
}: {
  comment: CommentView;
  me: Me | undefined;
  path: string;
  write: Write;
}) {
  const [mode, setMode] = useState<'read' | 'reply' | 'edit' | 'hide'>('read');
  const own = me?.person !== undefined && comment.author?.id === me.person && !comment.deleted;
  const url = `/api/comments/${encodeURIComponent(comment.id)}`;
  const who = comment.author?.label ?? 'Someone';
  return (
    <article className="comment" data-comment={comment.id} aria-label={`Comment by ${who}`}>
      <p className="comment-meta muted">
        <strong>{who}</strong> · {fmtDate(comment.date)}
        {comment.editedAt === undefined ? '' : ' · edited'}
        {comment.hidden ? ` · hidden${comment.hiddenReason === undefined ? '' : `: ${comment.hiddenReason}`}` : ''}
      </p>
      <p className="comment-text">
        {comment.deleted ? (
          <em>Deleted by its author.</em>
        ) : comment.hidden && comment.text === undefined ? (
          <em>Hidden.</em>
        ) : (
          comment.text
        )}
      </p>
      <div className="comment-actions">
        {comment.replyTo === undefined && canWrite(me) && !comment.deleted ? (
          <button type="button" className="secondary" onClick={() => setMode(mode === 'reply' ? 'read' : 'reply')}>
            Reply
          </button>
        ) : null}
        {own && !comment.hidden ? (
          <>
            <button type="button" className="secondary" onClick={() => setMode(mode === 'edit' ? 'read' : 'edit')}>
              Edit
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => void write('DELETE', url, undefined, 'Comment deleted.')}
            >
              Delete
            </button>
          </>
        ) : null}
        {canModerate(me) && !comment.hidden && !comment.deleted ? (
          <button type="button" className="secondary" onClick={() => setMode(mode === 'hide' ? 'read' : 'hide')}>
            Hide
          </button>
        ) : null}
      </div>
      {mode === 'reply' ? (
        <CommentForm
          label={`Reply to ${who}`}
          submit={async (text) => {
            const ok = await write('POST', path, { text, replyTo: comment.id }, 'Reply posted.');
            if (ok) setMode('read');
            return ok;
          }}
        />
      ) : null}
      {mode === 'edit' ? (
        <CommentForm
          label="Edit your comment"
          initial={comment.text ?? ''}
          submit={async (text) => {
            const ok = await write('PATCH', url, { text }, 'Comment edited.');
            if (ok) setMode('read');
            return ok;
          }}
        />
      ) : null}
      {mode === 'hide' ? (
        <CommentForm
          label="Why hide it (kept for audit)"
          action="Hide"
          submit={async (reason) => {
            const ok = await write('POST', `${url}/hide`, { reason }, 'Comment hidden.');
            if (ok) setMode('read');
            return ok;
          }}
        />
      ) : null}
    </article>
  );
}

function CommentForm({
  label,
  initial = '',
  action = 'Post',
  submit,
}: {
  label: string;
  initial?: string;
  action?: string;
  submit: (text: string) => Promise<boolean>;
}) {
  const id = useId();
  const [text, setText] = useState(initial);
  return (
    <form
      className="comment-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (text.trim() === '') return;
        if (await submit(text.trim())) setText('');
      }}
    >
      <label htmlFor={id}>{label}</label>
      <textarea id={id} value={text} rows={3} onChange={(e) => setText(e.target.value)} />
      <button type="submit" disabled={text.trim() === ''}>
        {action}
      </button>
    </form>
  );
}
