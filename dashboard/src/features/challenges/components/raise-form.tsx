/**
 * Raising a challenge (officers, INCs, administrators), in two steps. "Check" asks the API what
 * raising would give, with nothing written (POST /api/challenges/preview: the same country
 * default, topic assignment and duplicate check as raising): the topics come pre-filled and
 * editable, and the most similar existing challenges are listed, each with "Vote for it
 * instead", so a need the network already has gets a vote rather than a second copy. "Raise"
 * then sends it with the topics as shown. The API's refusals show beside the form.
 */
import { useId, useState } from 'react';
import { ActionNote } from '../../../components/action-note.js';
import { countryName } from '../../../lib/country.js';
import { STATUS_LABEL } from '../../../lib/cycle-types.js';
import { fmtScore } from '../../../lib/format.js';
import type { ChallengePreview } from '../../../lib/notify-types.js';
import type { Facets } from '../../../lib/types.js';
import { useAction } from '../../../lib/use-action.js';
import { type NewChallenge, previewChallenge, raiseChallenge, voteOn } from '../api/use-challenges.js';

/** Statuses whose challenges take votes (engine/input: a closed or merged need takes none). */
const VOTABLE = new Set(['open', 'in-progress', 'addressed']);

export function RaiseForm({
  facets,
  openLink,
  onRaised,
}: {
  facets: Facets | undefined;
  /** The board's link that opens a challenge's detail. */
  openLink: (id: string) => string;
  onRaised: (id: string) => void;
}) {
  const id = useId();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [country, setCountry] = useState('');
  const [topics, setTopics] = useState<readonly string[]>([]);
  const [preview, setPreview] = useState<ChallengePreview | undefined>();
  /** The text the preview was asked for: edited since, it may be out of date. */
  const [checked, setChecked] = useState('');
  const [outcome, setOutcome] = useState<{ kind: 'raised' | 'voted'; id: string; title: string } | undefined>();
  const check = useAction();
  const send = useAction();
  const topicLabel = (t: string) => facets?.topics.find((x) => x.id === t)?.label ?? t;
  const text = `${title}\u0000${description}\u0000${country}`;
  const draft = (withTopics: boolean): NewChallenge => ({
    title: title.trim(),
    ...(description.trim() === '' ? {} : { description: description.trim() }),
    ...(country === '' ? {} : { country }),
    ...(withTopics ? { topics } : {}),
  });

  /** After raising or voting instead: an empty form for the next need (the outcome stays shown). */
  const reset = () => {
    setTitle('');
    setDescription('');
    setTopics([]);
    setPreview(undefined);
    setChecked('');
    check.reset();
  };

  const runCheck = async () => {
    send.reset();
    let answer: ChallengePreview | undefined;
    const ok = await check.run(async () => {
      answer = await previewChallenge(draft(false));
    }, '');
    if (!ok || answer === undefined) return;
    setPreview(answer);
    setTopics(answer.topics);
    setChecked(text);
    if (country === '' && answer.country !== undefined) setCountry(answer.country);
  };
  const raise = async () => {
    let raisedId = '';
    const ok = await send.run(async () => {
      raisedId = (await raiseChallenge(draft(true))).challenge.id;
    }, 'Raised.');
    if (!ok) return;
    setOutcome({ kind: 'raised', id: raisedId, title: title.trim() });
    reset();
    onRaised(raisedId);
  };
  const voteInstead = async (similar: { id: string; title: string }) => {
    const ok = await send.run(() => voteOn(similar.id, 1), 'Vote counted.');
    if (!ok) return;
    setOutcome({ kind: 'voted', id: similar.id, title: similar.title });
    reset();
    onRaised(similar.id);
  };

  const others = (facets?.topics ?? []).filter((t) => !topics.includes(t.id));
  return (
    <details className="panel raise">
      <summary>Raise a challenge</summary>
      {outcome === undefined ? null : (
        <p className="raise-outcome" role="status" data-raised={outcome.kind === 'raised' ? outcome.id : undefined}>
          {outcome.kind === 'raised' ? 'Raised: ' : 'Nothing raised; your vote counts for '}
          <a href={openLink(outcome.id)}>{outcome.title}</a>.
        </p>
      )}
      <form
        aria-label="Raise a challenge"
        onSubmit={(e) => {
          e.preventDefault();
          void (preview === undefined ? runCheck() : raise());
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-title`}>Title: the need in one line</label>
          <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <textarea
            id={`${id}-description`}
            rows={3}
            value={description}
            placeholder="What happens, what was tried, what would help"
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-country`}>Country</label>
          <select id={`${id}-country`} value={country} onChange={(e) => setCountry(e.target.value)}>
            <option value="">Your country</option>
            {(facets?.countries ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <p className="actions">
          <button
            type={preview === undefined ? 'submit' : 'button'}
            className={preview === undefined ? undefined : 'secondary'}
            disabled={check.state.status === 'busy'}
            onClick={preview === undefined ? undefined : () => void runCheck()}
          >
            {preview === undefined ? 'Check topics and similar challenges' : 'Check again'}
          </button>
        </p>
        {check.state.status === 'error' || check.state.status === 'busy' ? <ActionNote state={check.state} /> : null}
        {preview === undefined ? null : (
          <>
            {checked === text ? null : (
              <p className="muted" role="status">
                Edited since the check: “Check again” to see the topics and similar challenges for the new text.
              </p>
            )}
            <fieldset className="raise-topics">
              <legend>Topics {preview.topicsAssigned ? '(matched from the vocabulary: untick or add)' : ''}</legend>
              {topics.length === 0 ? <p className="muted">None: the challenge will count in no topic.</p> : null}
              {topics.map((t) => (
                <label key={t} className="choice">
                  <input type="checkbox" checked onChange={() => setTopics(topics.filter((x) => x !== t))} />{' '}
                  {topicLabel(t)}
                </label>
              ))}
              <div className="field">
                <label htmlFor={`${id}-add-topic`}>Add a topic</label>
                <select
                  id={`${id}-add-topic`}
                  value=""
                  onChange={(e) => {
                    if (e.target.value !== '') setTopics([...topics, e.target.value]);
                  }}
                >
                  <option value="">Choose…</option>
                  {others.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.label}
                    </option>
                  ))}
                </select>
              </div>
            </fieldset>
            <section className="raise-similar" aria-label="Similar challenges">
              <h3>Similar challenges already raised</h3>
              {preview.similar.challenges.length === 0 ? (
                <p className="muted">None found: this looks new to the network.</p>
              ) : (
                <>
                  <p className="muted">If one of these is your need, vote for it rather than raising a copy.</p>
                  <ul className="similar">
                    {preview.similar.challenges.map((c) => (
                      <li key={c.id} data-similar={c.id}>
                        <a href={openLink(c.id)}>{c.title}</a>{' '}
                        <span className="muted">
                          · {STATUS_LABEL[c.status]}
                          {c.country === undefined ? '' : ` · ${countryName(c.country)}`} · match {fmtScore(c.score)}
                        </span>{' '}
                        {VOTABLE.has(c.status) ? (
                          <button
                            type="button"
                            className="secondary"
                            aria-label={`Vote for it instead: ${c.title}`}
                            disabled={send.state.status === 'busy'}
                            onClick={() => void voteInstead(c)}
                          >
                            Vote for it instead
                          </button>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
            <p className="actions">
              <button type="submit" disabled={send.state.status === 'busy'}>
                Raise the challenge
              </button>
            </p>
          </>
        )}
        <ActionNote state={send.state} />
      </form>
    </details>
  );
}
