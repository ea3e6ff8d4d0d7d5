/**
 * A new poll (INCs and administrators): a question, its options (one per line) or the largest
 * topic gaps as options, a closing date, and an audience (the network or one country). The API
 * checks it all; its 400 names the field at fault and shows here as it is.
 */
import { useId, useState } from 'react';
import { ActionNote } from '../../../components/action-note.js';
import { useAction } from '../../../lib/use-action.js';
import { useFacets } from '../../../lib/use-facets.js';
import { createPoll, type NewPoll } from '../api/use-polls.js';

/** A week ahead, as the date input writes it. */
const inAWeek = (): string => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

export function NewPollForm({ onCreated }: { onCreated: () => void }) {
  const id = useId();
  const facets = useFacets();
  const action = useAction();
  const [question, setQuestion] = useState('');
  const [source, setSource] = useState<'gaps' | 'written'>('gaps');
  const [gaps, setGaps] = useState('5');
  const [options, setOptions] = useState('');
  const [closesAt, setClosesAt] = useState(inAWeek);
  const [audience, setAudience] = useState('');
  const countries = facets.status === 'ready' ? facets.data.countries : [];
  const submit = async () => {
    const poll: NewPoll = {
      question: question.trim(),
      closesAt,
      ...(source === 'gaps'
        ? { fromGaps: Number(gaps) }
        : {
            options: options
              .split('\n')
              .map((o) => o.trim())
              .filter((o) => o !== ''),
          }),
      ...(audience === '' ? {} : { audience }),
    };
    if (await action.run(() => createPoll(poll), `Poll “${poll.question}” created.`)) {
      setQuestion('');
      setOptions('');
      onCreated();
    }
  };
  return (
    <details className="panel new-poll">
      <summary>New poll</summary>
      <form
        aria-label="New poll"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-question`}>Question</label>
          <input
            id={`${id}-question`}
            value={question}
            placeholder="Which of these should the network prioritise?"
            onChange={(e) => setQuestion(e.target.value)}
          />
        </div>
        <fieldset>
          <legend>Options</legend>
          <label className="choice">
            <input type="radio" name={`${id}-source`} checked={source === 'gaps'} onChange={() => setSource('gaps')} />{' '}
            From the top gaps
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-source`}
              checked={source === 'written'}
              onChange={() => setSource('written')}
            />{' '}
            Written here
          </label>
        </fieldset>
        {source === 'gaps' ? (
          <div className="field">
            <label htmlFor={`${id}-gaps`}>How many gaps</label>
            <input
              id={`${id}-gaps`}
              type="number"
              min={2}
              max={20}
              value={gaps}
              onChange={(e) => setGaps(e.target.value)}
            />
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-options`}>Options, one per line</label>
            <textarea id={`${id}-options`} rows={4} value={options} onChange={(e) => setOptions(e.target.value)} />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-closes`}>Closes on</label>
          <input id={`${id}-closes`} type="date" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-audience`}>Audience</label>
          <select id={`${id}-audience`} value={audience} onChange={(e) => setAudience(e.target.value)}>
            <option value="">The whole network</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <p className="actions">
          <button type="submit" disabled={action.state.status === 'busy'}>
            Create the poll
          </button>
        </p>
        <ActionNote state={action.state} />
      </form>
    </details>
  );
}
