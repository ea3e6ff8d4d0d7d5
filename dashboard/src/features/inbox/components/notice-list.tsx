/**
 * The viewer's notices, newest first, each with its reason (the subscription or the step that
 * caused it) and a link to what it is about. Unread ones are marked and can be marked read one
 * by one or all at once; the header's count follows.
 */
import { ActionNote } from '../../../components/action-note.js';
import { Empty, Figures } from '../../../components/states.js';
import { fmtDate, fmtInt } from '../../../lib/format.js';
import type { InboxItem, InboxPage } from '../../../lib/notify-types.js';
import { useAction } from '../../../lib/use-action.js';
import { inboxChanged } from '../../../lib/use-unread.js';
import { markRead, useInbox } from '../api/use-inbox.js';

/** Where a notice's subject is shown in the dashboard; introductions are on this page already. */
function refLink(ref: InboxItem['ref']): string | undefined {
  if (ref === undefined) return undefined;
  const id = encodeURIComponent(ref.id);
  switch (ref.kind) {
    case 'Challenge':
      return `#/challenges?open=${id}`;
    case 'Poll':
      return '#/polls';
    case 'Survey':
      return '#/surveys';
    case 'Event':
      return '#/events';
    default:
      return undefined;
  }
}

export function NoticeList() {
  const inbox = useInbox(undefined);
  const action = useAction();
  const read = async (ids: readonly string[], done: string) => {
    if (await action.run(() => markRead(ids), done)) {
      inbox.reload();
      inboxChanged();
    }
  };
  return (
    <section aria-labelledby="inbox-notices" className="inbox-section">
      <h2 id="inbox-notices">Notices</h2>
      <Figures state={inbox} what="your notices">
        {(page: InboxPage) => {
          const unread = page.items.filter((n) => n.readAt === undefined);
          return (
            <>
              <p className="muted" data-unread={page.unread}>
                {page.unread === 0 ? 'Nothing unread.' : `${fmtInt(page.unread)} unread.`}{' '}
                {unread.length > 1 ? (
                  <button
                    type="button"
                    className="secondary"
                    disabled={action.state.status === 'busy'}
                    onClick={() =>
                      void read(
                        unread.map((n) => n.id),
                        `${fmtInt(unread.length)} notices marked read.`,
                      )
                    }
                  >
                    Mark all read
                  </button>
                ) : null}
              </p>
              <ActionNote state={action.state} />
              {page.items.length === 0 ? (
                <Empty>No notices yet. Subscribe below to be told of new results and challenges.</Empty>
              ) : (
                <ul className="cards notices">
                  {page.items.map((n) => (
                    <li key={n.id}>
                      <Notice
                        notice={n}
                        busy={action.state.status === 'busy'}
                        onRead={() => void read([n.id], 'Marked read.')}
                      />
                    </li>
                  ))}
                </ul>
              )}
              {page.next === undefined ? null : (
                <p className="muted">The {fmtInt(page.items.length)} newest are shown.</p>
              )}
            </>
          );
        }}
      </Figures>
    </section>
  );
}

function Notice({ notice, busy, onRead }: { notice: InboxItem; busy: boolean; onRead: () => void }) {
  const unread = notice.readAt === undefined;
  const link = refLink(notice.ref);
  return (
    <article
      className={unread ? 'card notice unread' : 'card notice'}
      data-notice={notice.id}
      data-kind={notice.kind}
      data-read={unread ? 'false' : 'true'}
    >
      <h3>
        {unread ? <span className="badge">New</span> : null}{' '}
        {link === undefined ? notice.title : <a href={link}>{notice.title}</a>}
      </h3>
      <p className="reason">{notice.reason}</p>
      <p className="muted">
        {notice.kind} · {fmtDate(notice.createdAt)}
        {notice.delivery === 'pending' ? ' · direct message on its way' : ''}
      </p>
      {unread ? (
        <button type="button" className="secondary" disabled={busy} onClick={onRead}>
          Mark read
        </button>
      ) : null}
    </article>
  );
}
