/**
 * The inbox: a person's notices, newest first, read through the store's visibility filter with the
 * person's own viewer (reader.ts), so nobody else's notice is ever read, even by a bug in the filter
 * on `recipient` (an administrator sees others' notices in the store, but an inbox lists only their own).
 */
import { GraphError, type GraphStore, type NodeInput } from '../../graph/index.js';
import { NotifyError } from './errors.js';
import type { InboxItem, InboxPage } from './inbox-types.js';
import { type Notice, type NotifyOptions, unchangedSince } from './notice.js';
import { personalViewer, type Reader } from './reader.js';

export interface InboxOptions {
  readonly unreadOnly?: boolean;
  /** 1..200. */
  readonly limit: number;
  /** From the previous page's `next`. */
  readonly cursor?: string;
}

export type { InboxItem, InboxPage } from './inbox-types.js';

/** Store pages read per call: an inbox is bounded by the retention rule, not by this. */
const STORE_PAGE = 10_000;

/** Every notice of the reader, through the store's visibility filter. */
export async function readerNotices(store: GraphStore, reader: Reader): Promise<Notice[]> {
  const viewer = personalViewer(reader.viewer, reader.person);
  const out: Notice[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(
      { kind: 'Notice', where: { recipient: reader.person }, limit: STORE_PAGE, ...(cursor ? { cursor } : {}) },
      viewer,
    );
    for (const n of page.items) if (n.kind === 'Notice') out.push(n);
    cursor = page.next;
  } while (cursor !== undefined);
  return out;
}

export function inboxItem(n: Notice): InboxItem {
  return {
    id: n.id,
    kind: n.noticeKind,
    title: n.title,
    reason: n.reason,
    ...(n.refKind !== undefined && n.refId !== undefined ? { ref: { kind: n.refKind, id: n.refId } } : {}),
    actions: n.actionLabels.map((label, i) => ({ label, value: n.actionValues[i] ?? '' })),
    createdAt: n.createdAt,
    ...(n.readAt === undefined ? {} : { readAt: n.readAt }),
    delivery: n.delivery,
  };
}

// Newest first; equal times by id, so pages never overlap or skip.
const newestFirst = (a: Notice, b: Notice) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdAt < b.createdAt ? 1 : -1;

const encodeCursor = (n: Notice) => Buffer.from(`${n.createdAt}\u0000${n.id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('\u0000');
  if (createdAt === undefined || id === undefined || extra !== undefined || id === '') {
    throw new NotifyError('ERR_INVALID_NOTICE', 'cursor is not one this inbox gave', 'cursor');
  }
  return { createdAt, id };
}

/** The reader's notices, newest first (ties by id), a page at a time; `unread` counts all unread ones. */
export async function listInbox(store: GraphStore, reader: Reader, options: InboxOptions): Promise<InboxPage> {
  if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 200) {
    throw new NotifyError('ERR_INVALID_NOTICE', 'limit must be an integer from 1 to 200', 'limit');
  }
  const all = (await readerNotices(store, reader)).sort(newestFirst);
  const unread = all.filter((n) => n.readAt === undefined).length;
  let list = options.unreadOnly ? all.filter((n) => n.readAt === undefined) : all;
  if (options.cursor !== undefined) {
    const after = decodeCursor(options.cursor);
    list = list.filter((n) => (n.createdAt === after.createdAt ? n.id > after.id : n.createdAt < after.createdAt));
  }
  const items = list.slice(0, options.limit);
  const last = items.at(-1);
  return {
    items: items.map(inboxItem),
    unread,
    ...(list.length > options.limit && last !== undefined ? { next: encodeCursor(last) } : {}),
  };
}

/**
 * Marks the reader's notices read (already read ones keep their first time). All or nothing: an id
 * that is not in the reader's inbox (missing, or someone else's) is ERR_NOTICE_NOT_FOUND and nothing
 * changes. Returns how many changed.
 */
export async function markRead(
  store: GraphStore,
  reader: Reader,
  ids: readonly string[],
  options: NotifyOptions = {},
): Promise<number> {
  const viewer = personalViewer(reader.viewer, reader.person);
  for (let race = 0; ; race++) {
    const found = new Map(
      (await store.getNodes([...new Set(ids)], viewer))
        .filter((n): n is Notice => n.kind === 'Notice' && n.recipient === reader.person)
        .map((n) => [n.id, n]),
    );
    for (const id of ids) {
      if (!found.has(id)) throw new NotifyError('ERR_NOTICE_NOT_FOUND', `no notice ${id} in your inbox`, 'ids');
    }
    const now = (options.now?.() ?? new Date()).toISOString();
    const unread = [...found.values()].filter((n) => n.readAt === undefined);
    if (unread.length === 0) return 0;
    try {
      // The outbox rewrites the same nodes to record deliveries: the conditions keep either write from undoing the other.
      await store.upsert({
        nodes: unread.map((n) => ({ ...n, readAt: now }) as NodeInput),
        expect: unread.flatMap(unchangedSince),
      });
      return unread.length;
    } catch (e) {
      if (!(e instanceof GraphError && e.code === 'ERR_CONFLICT') || race >= 5) throw e;
    }
  }
}
