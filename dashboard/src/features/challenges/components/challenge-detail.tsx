/**
 * One challenge: what it asks, where it stands and how it got there, its votes and discussion,
 * and the status moves the signed-in viewer may make. The moves offered are the API's (GET
 * /api/challenges/{id} names them from the rule its PATCH applies); when a move is refused all
 * the same (someone moved it meanwhile), the API's 409 is shown, naming what is allowed now.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { ActionNote } from '../../../components/action-note.js';
import { CommentThread } from '../../../components/comment-thread.js';
import { ErrorNote, Loading } from '../../../components/states.js';
import { countryName } from '../../../lib/country.js';
import { type ChallengeStatus, type ChallengeView, STATUS_LABEL } from '../../../lib/cycle-types.js';
import { fmtDate, fmtInt } from '../../../lib/format.js';
import type { Me } from '../../../lib/types.js';
import { type Action, useAction } from '../../../lib/use-action.js';
import { canWrite } from '../../../lib/use-me.js';
import { moveChallenge, useChallenge, useHistory, voteOn } from '../api/use-challenges.js';
import { AddressedBy } from './addressed-by.js';

export function ChallengeDetail({
  id,
  me,
  topicLabel,
  onChanged,
  closeLink,
}: {
  id: string;
  me: Me | undefined;
  topicLabel: (id: string) => string;
  onChanged: () => void;
  closeLink: string;
}) {
  const view = useChallenge(id);
  const history = useHistory(id);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = view.status === 'ready';
  useEffect(() => {
    // Opening a card puts the keyboard on its detail, as following a link to it would.
    if (loaded) heading.current?.focus();
  }, [loaded]);
  const changed = () => {
    view.reload();
    history.reload();
    onChanged();
  };
  const data = 'data' in view ? view.data : undefined;
  // Kept here, not in the form: a refused move reloads the moves, and when none is left the
  // form goes while the API's reason must stay on screen.
  const moveAction = useAction();
  return (
    <section className="panel challenge-detail" aria-label="Challenge" data-detail={id}>
      <p className="detail-close">
        <a href={closeLink}>Close</a>
      </p>
      {view.status === 'error' ? <ErrorNote error={view.error} onRetry={view.reload} /> : null}
      {view.status === 'loading' && data === undefined ? <Loading what="the challenge" /> : null}
      {data === undefined ? null : (
        <>
          <h2 ref={heading} tabIndex={-1}>
            {data.challenge.title}
          </h2>
          <p>
            <span className={`status status-${data.challenge.status}`} data-status={data.challenge.status}>
              {STATUS_LABEL[data.challenge.status]}
            </span>{' '}
            · {countryName(data.challenge.country)} · raised {fmtDate(data.challenge.date)}
            {data.raisedBy.length === 0 ? '' : ` by ${data.raisedBy.map((r) => r.label).join(', ')}`}
          </p>
          {data.challenge.description === undefined ? null : <p>{data.challenge.description}</p>}
          <p className="muted">
            Topics:{' '}
            {data.topics.length === 0 ? 'none yet' : data.topics.map((t) => t.label || topicLabel(t.id)).join(' · ')}
          </p>
          {data.challenge.takeUp === undefined ? null : (
            <p>
              <strong>Take-up:</strong> {data.challenge.takeUp}
            </p>
          )}
          <Votes view={data} me={me} onChanged={changed} />
          {data.moves.length === 0 ? null : <Moves view={data} action={moveAction} onChanged={changed} />}
          <ActionNote state={moveAction.state} />
        </>
      )}
      {/* A challenge the viewer may not see (or that does not exist) says so once, above. */}
      {data === undefined ? null : <Trail id={id} history={history} me={me} />}
    </section>
  );
}

function Trail({ id, history, me }: { id: string; history: ReturnType<typeof useHistory>; me: Me | undefined }) {
  return (
    <>
      <h3>History</h3>
      {history.status === 'error' ? <ErrorNote error={history.error} onRetry={history.reload} /> : null}
      {'data' in history && history.data !== undefined ? (
        history.data.items.length === 0 ? (
          <p className="muted">Raised, not moved since.</p>
        ) : (
          <ol className="history" data-history={id}>
            {history.data.items.map((h) => (
              <li key={h.id} data-to={h.to}>
                {fmtDate(h.date)}: {STATUS_LABEL[h.from]} → <strong>{STATUS_LABEL[h.to]}</strong>
                {h.by === undefined ? '' : ` by ${h.by.label}`}
                {h.reason === undefined ? '' : ` — “${h.reason}”`}
                {h.addressedBy.length === 0 ? '' : ` · addressed by ${h.addressedBy.join(', ')}`}
                {h.takeUp === undefined ? '' : ` · take-up: ${h.takeUp}`}
                {h.duplicateOf === undefined ? '' : ` · duplicate of ${h.duplicateOf}`}
              </li>
            ))}
          </ol>
        )
      ) : null}
      <CommentThread subject="challenges" id={id} me={me} />
    </>
  );
}

function Votes({ view, me, onChanged }: { view: ChallengeView; me: Me | undefined; onChanged: () => void }) {
  const action = useAction();
  const vote = async (value: 1 | -1) => {
    if (await action.run(() => voteOn(view.challenge.id, value), 'Vote counted.')) onChanged();
  };
  const closed = view.challenge.status !== 'open' && view.challenge.status !== 'in-progress';
  return (
    <div className="votes" data-votes-for={view.votes.up} data-votes-against={view.votes.down}>
      <p>
        <strong>{fmtInt(view.votes.up)}</strong> for, <strong>{fmtInt(view.votes.down)}</strong> against
        {view.myVote === undefined ? '' : ` (your vote: ${view.myVote > 0 ? 'for' : 'against'})`}
      </p>
      {canWrite(me) && !closed ? (
        <p className="actions">
          <button type="button" aria-pressed={view.myVote === 1} onClick={() => void vote(1)}>
            Vote for
          </button>{' '}
          <button type="button" className="secondary" aria-pressed={view.myVote === -1} onClick={() => void vote(-1)}>
            Vote against
          </button>
        </p>
      ) : null}
      <ActionNote state={action.state} />
    </div>
  );
}

function Moves({ view, action, onChanged }: { view: ChallengeView; action: Action; onChanged: () => void }) {
  const ids = useId();
  const [to, setTo] = useState<ChallengeStatus>(view.moves[0] ?? 'open');
  const [reason, setReason] = useState('');
  const [addressedBy, setAddressedBy] = useState<readonly string[]>([]);
  const [takeUp, setTakeUp] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const target = view.moves.includes(to) ? to : (view.moves[0] ?? 'open');
  const submit = async () => {
    const move = {
      status: target,
      ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
      ...(target === 'addressed' ? { addressedBy, ...(takeUp.trim() === '' ? {} : { takeUp: takeUp.trim() }) } : {}),
      ...(target === 'duplicate' ? { duplicateOf: duplicateOf.trim() } : {}),
    };
    if (await action.run(() => moveChallenge(view.challenge.id, move), `Moved to ${STATUS_LABEL[target]}.`)) {
      setReason('');
      setAddressedBy([]);
      setTakeUp('');
      onChanged();
    } else {
      // Refused: what the viewer may do may have changed too (the 409 says what is allowed now).
      onChanged();
    }
  };
  return (
    <form
      className="move"
      aria-label="Move this challenge"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>Move to</legend>
        {view.moves.map((m) => (
          <label key={m} className="choice">
            <input type="radio" name={`${ids}-to`} value={m} checked={target === m} onChange={() => setTo(m)} />{' '}
            {STATUS_LABEL[m]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${ids}-reason`}>Why (kept in the history)</label>
        <input id={`${ids}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {target === 'addressed' ? (
        <>
          <AddressedBy need={view.challenge.title} chosen={addressedBy} onChange={setAddressedBy} />
          <div className="field">
            <label htmlFor={`${ids}-takeup`}>Take-up (e.g. “piloted by X since 2026-03”)</label>
            <input id={`${ids}-takeup`} value={takeUp} onChange={(e) => setTakeUp(e.target.value)} />
          </div>
        </>
      ) : null}
      {target === 'duplicate' ? (
        <div className="field">
          <label htmlFor={`${ids}-dup`}>Duplicate of (the surviving challenge’s id)</label>
          <input id={`${ids}-dup`} value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} />
        </div>
      ) : null}
      <p className="actions">
        <button type="submit" disabled={action.state.status === 'busy'}>
          Move to {STATUS_LABEL[target]}
        </button>
      </p>
    </form>
  );
}
