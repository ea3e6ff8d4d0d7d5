/**
 * "Introduce me" on a hit (a person, an organisation) and "Request access" on a restricted hit:
 * a short message and the need it is about (the search asked, or one of the open challenges),
 * sent to the INCs concerned. Then the request's status is shown; a refusal (yourself, someone
 * you may not see, a request already pending) in the API's words, with its code.
 */
import { useId, useState } from 'react';
import { ActionNote } from '../../../components/action-note.js';
import type { IntroductionStatus, IntroductionView } from '../../../lib/notify-types.js';
import { useAction } from '../../../lib/use-action.js';
import { inboxChanged } from '../../../lib/use-unread.js';
import { requestIntroduction, useOpenNeeds } from '../api/use-introduce.js';

const STATUS_SAID: Readonly<Record<IntroductionStatus, string>> = {
  pending: 'waiting for the INC’s decision',
  approved: 'approved',
  declined: 'declined',
  withdrawn: 'withdrawn',
};

export function IntroduceForm({
  target,
  label,
  question,
  action: verb,
}: {
  /** The hit's id, or a restricted hit's handle. */
  target: string;
  /** Whom, for the button's accessible name. */
  label: string;
  /** The search asked: the need by default. */
  question: string;
  /** "Introduce me" or "Request access". */
  action: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [need, setNeed] = useState('');
  const [sent, setSent] = useState<IntroductionView | undefined>();
  const write = useAction();
  const needs = useOpenNeeds(open);
  const submit = async () => {
    let answer: IntroductionView | undefined;
    const ok = await write.run(async () => {
      answer = await requestIntroduction({
        target,
        message: message.trim(),
        ...(need === '' ? { question } : { challenge: need }),
      });
    }, 'Sent.');
    if (ok && answer !== undefined) {
      setSent(answer);
      inboxChanged();
    }
  };
  if (sent !== undefined) {
    return (
      <p className="introduce-sent" role="status" data-introduction={sent.id} data-status={sent.status}>
        Introduction {STATUS_SAID[sent.status]}
        {sent.status === 'pending' ? ` (asked ${sent.incs.join(' and ')})` : ''}. Follow it in your{' '}
        <a href="#/inbox">Inbox</a>.
      </p>
    );
  }
  if (!open) {
    return (
      <button
        type="button"
        className="secondary introduce"
        aria-label={`${verb}: ${label}`}
        onClick={() => setOpen(true)}
      >
        {verb}
      </button>
    );
  }
  return (
    <form
      className="introduce-form"
      aria-label={`${verb}: ${label}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-message`}>Message for the INC and {label}</label>
        <textarea
          id={`${id}-message`}
          rows={3}
          value={message}
          placeholder="What you need and why you would like to talk"
          onChange={(e) => setMessage(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-need`}>About</label>
        <select id={`${id}-need`} value={need} onChange={(e) => setNeed(e.target.value)}>
          <option value="">This search: “{question}”</option>
          {(needs.status === 'ready' ? needs.data.items : []).map((c) => (
            <option key={c.challenge.id} value={c.challenge.id}>
              Challenge: {c.challenge.title}
            </option>
          ))}
        </select>
      </div>
      <p className="actions">
        <button type="submit" disabled={write.state.status === 'busy'}>
          Send the request
        </button>{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setOpen(false);
            write.reset();
          }}
        >
          Cancel
        </button>
      </p>
      <ActionNote state={write.state} />
    </form>
  );
}
