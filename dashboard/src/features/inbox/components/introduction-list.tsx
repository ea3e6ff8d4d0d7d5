/**
 * The viewer's introductions as the API lists them (those they asked for, those about them, and
 * for an INC coordinator those it brokers), grouped by the viewer's part. A coordinator decides
 * the pending ones here, with a note told to both sides; a requester may withdraw a pending one.
 * What the API refuses (decided meanwhile: 409) is shown beside the form, in its words.
 */
import { useId, useState } from 'react';
import { ActionNote } from '../../../components/action-note.js';
import { Empty, Figures } from '../../../components/states.js';
import { fmtDate } from '../../../lib/format.js';
import type { IntroductionStatus, IntroductionView } from '../../../lib/notify-types.js';
import type { Facets } from '../../../lib/types.js';
import { useAction } from '../../../lib/use-action.js';
import { inboxChanged } from '../../../lib/use-unread.js';
import { decide, useIntroductions } from '../api/use-inbox.js';

export const INTRODUCTION_STATUS: Readonly<Record<IntroductionStatus, string>> = {
  pending: 'Waiting for the INC',
  approved: 'Approved',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

interface Group {
  readonly key: string;
  readonly title: string;
  readonly empty: string;
  readonly holds: (i: IntroductionView) => boolean;
}

const GROUPS: readonly Group[] = [
  {
    key: 'to-decide',
    title: 'Awaiting your decision',
    empty: 'No request waits for your INC.',
    holds: (i) => i.role === 'inc' && i.status === 'pending',
  },
  {
    key: 'sent',
    title: 'Sent by you',
    empty: 'You have asked for no introduction. Use “Introduce me” on a hit of “Who solved it?”.',
    holds: (i) => i.role === 'requester',
  },
  {
    key: 'about',
    title: 'About you',
    empty: 'Nobody has asked to be introduced to you.',
    holds: (i) => i.role === 'target',
  },
  {
    key: 'brokered',
    title: 'Brokered by your INC',
    empty: 'None decided yet.',
    holds: (i) => (i.role === 'inc' && i.status !== 'pending') || i.role === 'admin',
  },
];

export function IntroductionList({ facets }: { facets: Facets | undefined }) {
  const list = useIntroductions();
  const incName = (id: string) => facets?.incs.find((i) => i.id === id)?.label ?? id;
  return (
    <section aria-labelledby="inbox-introductions" className="inbox-section">
      <h2 id="inbox-introductions">Introductions</h2>
      <Figures state={list} what="your introductions">
        {(data) => (
          <>
            {GROUPS.map((g) => {
              const items = data.introductions.filter(g.holds);
              // A group that cannot concern this viewer (an officer brokers nothing) is left out when empty.
              if (items.length === 0 && (g.key === 'to-decide' || g.key === 'brokered')) return null;
              return (
                <section key={g.key} aria-labelledby={`introductions-${g.key}`} data-introductions={g.key}>
                  <h3 id={`introductions-${g.key}`}>{g.title}</h3>
                  {items.length === 0 ? (
                    <Empty>{g.empty}</Empty>
                  ) : (
                    <ul className="cards">
                      {items.map((i) => (
                        <li key={i.id}>
                          <Introduction intro={i} incName={incName} onChanged={list.reload} />
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </>
        )}
      </Figures>
    </section>
  );
}

/** Whom it is to, as far as the viewer may know: a request made from a restricted hit names its owner only once approved. */
const whom = (i: IntroductionView): string =>
  i.target ?? (i.viaHandle ? 'the owner of a restricted result' : 'someone you may not see');

function Introduction({
  intro,
  incName,
  onChanged,
}: {
  intro: IntroductionView;
  incName: (id: string) => string;
  onChanged: () => void;
}) {
  const id = useId();
  const action = useAction();
  const [note, setNote] = useState('');
  const decideAs = async (decision: 'approve' | 'decline' | 'withdraw', done: string) => {
    if (await action.run(() => decide(intro.id, decision, note), done)) {
      setNote('');
      onChanged();
      inboxChanged();
    }
  };
  const canDecide = intro.role === 'inc' && intro.status === 'pending';
  const canWithdraw = intro.role === 'requester' && intro.status === 'pending';
  return (
    <article className="card introduction" data-introduction={intro.id} data-status={intro.status}>
      <h4>
        {intro.role === 'requester' ? `You → ${whom(intro)}` : `${intro.requester} → ${whom(intro)}`}{' '}
        <span className={`status status-${intro.status}`}>{INTRODUCTION_STATUS[intro.status]}</span>
      </h4>
      <p>
        <span className="muted">About: </span>
        {intro.challenge === undefined ? (
          `“${intro.question ?? ''}”`
        ) : (
          <a href={`#/challenges?open=${encodeURIComponent(intro.challenge)}`}>{intro.challenge}</a>
        )}
      </p>
      <blockquote className="message">{intro.message}</blockquote>
      <p className="muted">
        Asked {fmtDate(intro.createdAt)} · through {intro.incs.map(incName).join(' and ')}
        {intro.decidedAt === undefined ? '' : ` · decided ${fmtDate(intro.decidedAt)}`}
      </p>
      {intro.note === undefined ? null : (
        <p className="note">
          <span className="muted">The INC’s note: </span>
          {intro.note}
        </p>
      )}
      {intro.contact === undefined ? null : (
        <p className="contact">
          Contact{' '}
          {intro.contact.route === 'chat'
            ? `on ${intro.contact.platform ?? 'chat'}: ${intro.contact.handle ?? ''}`
            : `through their INC${intro.contact.inc === undefined ? '' : `, ${intro.contact.inc.name}`}`}
        </p>
      )}
      {canDecide ? (
        <form
          className="decision"
          aria-label={`Decide on the introduction of ${intro.requester}`}
          onSubmit={(e) => e.preventDefault()}
        >
          <div className="field">
            <label htmlFor={`${id}-note`}>Note (told to both sides)</label>
            <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <p className="actions">
            <button
              type="button"
              disabled={action.state.status === 'busy'}
              onClick={() => void decideAs('approve', 'Approved: both sides are told.')}
            >
              Approve
            </button>{' '}
            <button
              type="button"
              className="secondary"
              disabled={action.state.status === 'busy'}
              onClick={() => void decideAs('decline', 'Declined: both sides are told.')}
            >
              Decline
            </button>
          </p>
        </form>
      ) : null}
      {canWithdraw ? (
        <button
          type="button"
          className="secondary"
          disabled={action.state.status === 'busy'}
          onClick={() => void decideAs('withdraw', 'Withdrawn.')}
        >
          Withdraw
        </button>
      ) : null}
      <ActionNote state={action.state} />
    </article>
  );
}
