/**
 * Discussion over HTTP: comments with one level of replies, never more visible than their
 * subject, edited and deleted by their author, hidden by INCs and admins (kept for audit), with
 * @mentions of members.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmittedChallenge } from '../../engine/input/challenges.js';
import type { CommentThread, CommentView } from '../../engine/input/comments.js';
import { SYSTEM } from '../../graph/viewer.js';
import { type ApiFixture, DEMO, json, openApi } from './helpers.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await openApi();
});
afterAll(async () => {
  await f?.close();
});

const enc = encodeURIComponent;
const send = (
  who: Parameters<ApiFixture['as']>[0],
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) => f.as(who, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const thread = async (who: Parameters<ApiFixture['as']>[0], id: string) =>
  json<CommentThread>(await f.as(who, { url: `/api/challenges/${enc(id)}/comments` }));

describe('comments', () => {
  it('comments and one level of replies, with mentions; authors edit and delete their own', async () => {
    const c = json<SubmittedChallenge>(
      await send('officer', 'POST', '/api/challenges', { title: 'Drones over the Valmont prison yard' }),
    ).challenge;
    const url = `/api/challenges/${enc(c.id)}/comments`;
    const first = await send('inc', 'POST', url, { text: `Seen in Antwerp too, @${DEMO.officer.person} — call me` });
    expect(first.statusCode).toBe(201);
    const top = json<CommentView>(first);
    expect(top.author?.id).toBe(DEMO.inc.person);
    expect(top.mentions.map((m) => m.id)).toEqual([DEMO.officer.person]);
    const mentions = await f.demo.store.relationships({ type: 'MENTIONS', from: [top.id] }, SYSTEM);
    expect(mentions.items.map((r) => r.to)).toEqual([DEMO.officer.person]);

    const reply = json<CommentView>(await send('officer', 'POST', url, { text: 'Thanks, will do', replyTo: top.id }));
    const deeper = await send('inc', 'POST', url, { text: 'and again', replyTo: reply.id });
    expect([deeper.statusCode, json<{ field: string }>(deeper).field]).toEqual([400, 'replyTo']);
    expect((await send('inc', 'POST', url, { text: '  ' })).statusCode).toBe(400);

    const shown = await thread('policy', c.id);
    expect(shown.comments.map((x) => [x.text, x.replies.map((r) => r.text)])).toEqual([
      [`Seen in Antwerp too, @${DEMO.officer.person} — call me`, ['Thanks, will do']],
    ]);

    expect((await send('officer', 'PATCH', `/api/comments/${enc(top.id)}`, { text: 'mine now' })).statusCode).toBe(403);
    const edited = await send('inc', 'PATCH', `/api/comments/${enc(top.id)}`, { text: 'Seen in Antwerp too' });
    expect(edited.statusCode).toBe(200);
    expect(json<{ editedAt?: string }>(edited).editedAt).toBeDefined();

    expect((await send('officer', 'DELETE', `/api/comments/${enc(reply.id)}`)).statusCode).toBe(204);
    const after = (await thread('policy', c.id)).comments[0];
    expect(after?.text).toBe('Seen in Antwerp too');
    expect(after?.replies[0]).toMatchObject({ deleted: true, id: reply.id });
    expect(after?.replies[0]?.text).toBeUndefined();
    expect(after?.replies[0]?.author).toBeUndefined();
    expect((await f.demo.store.relationships({ type: 'WROTE', to: [reply.id] }, SYSTEM)).items).toEqual([]);
  });

  it('a comment is never more visible than its subject: a hidden subject is a 404 like a missing one', async () => {
    const restricted = json<SubmittedChallenge>(
      await send('officer', 'POST', '/api/challenges', {
        title: 'Our own drone incident log',
        visibility: 'restricted',
      }),
    ).challenge;
    const posted = json<CommentView>(
      await send('officer', 'POST', `/api/challenges/${enc(restricted.id)}/comments`, { text: 'internal note' }),
    );
    const node = await f.demo.store.getNode(posted.id, SYSTEM);
    expect(node).toMatchObject({ visibility: 'restricted', owner: DEMO.officer.organisation });
    for (const id of [restricted.id, 'input:challenge:none']) {
      const get = await f.as('inc', { url: `/api/challenges/${enc(id)}/comments` });
      const post = await send('inc', 'POST', `/api/challenges/${enc(id)}/comments`, { text: 'hello' });
      expect([get.statusCode, json<{ code: string }>(get).code]).toEqual([404, 'ERR_SUBJECT_NOT_FOUND']);
      expect([post.statusCode, json<{ code: string }>(post).code]).toEqual([404, 'ERR_SUBJECT_NOT_FOUND']);
    }
    const edit = await send('inc', 'PATCH', `/api/comments/${enc(posted.id)}`, { text: 'x' });
    expect(edit.statusCode).toBe(404);
    const onResult = await f.as('inc', { url: `/api/results/${enc('demo:result:net-interceptor')}/comments` });
    expect(onResult.statusCode).toBe(200);
  });

  it('INCs and admins hide an abusive comment: gone for members, kept and shown to administrators', async () => {
    const c = json<SubmittedChallenge>(
      await send('officer', 'POST', '/api/challenges', { title: 'Drones over the harbour fuel depot' }),
    ).challenge;
    const bad = json<CommentView>(
      await send('officer', 'POST', `/api/challenges/${enc(c.id)}/comments`, { text: 'something abusive' }),
    );
    expect((await send('officer', 'POST', `/api/comments/${enc(bad.id)}/hide`, { reason: 'abuse' })).statusCode).toBe(
      403,
    );
    expect((await send('inc', 'POST', `/api/comments/${enc(bad.id)}/hide`, {})).statusCode).toBe(400);
    expect((await send('inc', 'POST', `/api/comments/${enc(bad.id)}/hide`, { reason: 'abuse' })).statusCode).toBe(200);
    expect((await thread('policy', c.id)).comments).toEqual([]);
    expect((await thread('admin', c.id)).comments.map((x) => [x.hidden, x.hiddenReason, x.text])).toEqual([
      [true, 'abuse', 'something abusive'],
    ]);
    const reply = await send('inc', 'POST', `/api/challenges/${enc(c.id)}/comments`, { text: 'x', replyTo: bad.id });
    expect(reply.statusCode).toBe(400);
  });
});
