/**
 * Polls: every poll the viewer may see, open and closed, with its results as a chart; a vote
 * where the poll is still open; and for INCs and administrators a form for a new poll, its
 * options written or taken from the largest topic gaps.
 */
import { useState } from 'react';
import { ActionNote } from '../../../components/action-note.js';
import { CopyLink } from '../../../components/copy-link.js';
import { SelectField } from '../../../components/select-field.js';
import { Empty, Figures } from '../../../components/states.js';
import type { PollAnswer } from '../../../lib/cycle-types.js';
import { fmtDate } from '../../../lib/format.js';
import { useLinkState, usePageTitle } from '../../../lib/link-state.js';
import type { Me } from '../../../lib/types.js';
import { useAction } from '../../../lib/use-action.js';
import { canModerate, useMe, withMe } from '../../../lib/use-me.js';
import { DEFAULT_POLLS, isOpen, type PollsFilters, pollsFromLink, usePolls, votePoll } from '../api/use-polls.js';
import { NewPollForm } from './new-poll-form.js';
import { PollChart, PollTable } from './poll-chart.js';

const SHOW_LABEL: Readonly<Record<string, string>> = { all: 'Open and closed', open: 'Open', closed: 'Closed' };

export function PollsPage() {
  const [filters, set] = useLinkState<PollsFilters>('polls', pollsFromLink, DEFAULT_POLLS);
  const polls = usePolls();
  const me = useMe();
  const who = me.status === 'ready' ? me.data : undefined;
  usePageTitle('Polls', [filters.show === 'all' ? undefined : SHOW_LABEL[filters.show]]);
  const now = Date.now();
  return (
    <section aria-labelledby="polls-title">
      <h1 id="polls-title">Polls</h1>
      <p className="lede">What the network asked its members, and what they answered.</p>
      <form className="filters" aria-label="Poll filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="polls-show"
          label="Show"
          value={filters.show}
          options={Object.entries(SHOW_LABEL).map(([value, label]) => ({ value, label }))}
          onChange={(v) => set({ show: v })}
        />
        <CopyLink />
      </form>
      {canModerate(who) ? <NewPollForm onCreated={polls.reload} /> : null}
      <Figures state={withMe(polls, me)} what="polls">
        {(all) => {
          const shown = all.filter((p) => filters.show === 'all' || (filters.show === 'open') === isOpen(p, now));
          if (shown.length === 0) return <Empty>No poll to show here.</Empty>;
          return (
            <ul className="cards polls">
              {shown.map((p) => (
                <li key={p.id}>
                  <PollCard poll={p} open={isOpen(p, now)} me={who} onVoted={polls.reload} />
                </li>
              ))}
            </ul>
          );
        }}
      </Figures>
    </section>
  );
}

function PollCard({
  poll,
  open,
  me,
  onVoted,
}: {
  poll: PollAnswer;
  open: boolean;
  me: Me | undefined;
  onVoted: () => void;
}) {
  const action = useAction();
  const [choice, setChoice] = useState('');
  const name = `poll-${poll.id}`;
  return (
    <article className="card poll-card" data-poll={poll.id} aria-label={poll.question}>
      <h2>{poll.question}</h2>
      <p className="muted">
        <span className={open ? 'status status-open' : 'status status-closed'}>{open ? 'Open' : 'Closed'}</span>
        {poll.closesAt === undefined ? '' : ` · ${open ? 'closes' : 'closed'} ${fmtDate(poll.closesAt)}`}
        {poll.event === undefined ? '' : ` · at ${poll.event.title}`}
      </p>
      <PollChart poll={poll} />
      <PollTable poll={poll} />
      {open && me?.person !== undefined ? (
        <form
          className="poll-vote"
          aria-label={`Answer “${poll.question}”`}
          onSubmit={async (e) => {
            e.preventDefault();
            if (choice === '') return;
            if (await action.run(() => votePoll(poll.id, choice), `Your answer “${choice}” is counted.`)) onVoted();
          }}
        >
          <fieldset>
            <legend>Your answer</legend>
            {poll.options.map((o) => (
              <label key={o.option} className="choice">
                <input
                  type="radio"
                  name={name}
                  value={o.option}
                  checked={choice === o.option}
                  onChange={() => setChoice(o.option)}
                />{' '}
                {o.option}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={choice === '' || action.state.status === 'busy'}>
            Vote
          </button>
          <ActionNote state={action.state} />
        </form>
      ) : null}
    </article>
  );
}
