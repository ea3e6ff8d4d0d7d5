/**
 * What the viewer follows: a query (as "Who solved it?" reads it), a topic, a country or their own
 * challenges; new matching results, challenges and status changes then reach their inbox and
 * their chat. An INC coordinator may subscribe for its INC. The API checks the value (a query the
 * matcher rejects gets who-solved's own error) and its refusal shows next to the form.
 */
import { useId, useState } from 'react';
import { ActionNote } from '../../../components/action-note.js';
import { SelectField } from '../../../components/select-field.js';
import { Empty, Figures } from '../../../components/states.js';
import { countryName } from '../../../lib/country.js';
import { fmtDate } from '../../../lib/format.js';
import { SUBSCRIPTION_SUBJECTS, type SubscriptionSubject, type SubscriptionView } from '../../../lib/notify-types.js';
import type { Facets, Me } from '../../../lib/types.js';
import { useAction } from '../../../lib/use-action.js';
import { type NewSubscription, subscribe, unsubscribe, useSubscriptions } from '../api/use-inbox.js';

const SUBJECT_LABEL: Readonly<Record<SubscriptionSubject, string>> = {
  query: 'A search',
  topic: 'A topic',
  country: 'A country',
  challenges: 'My own challenges',
};

export function SubscriptionList({ me, facets }: { me: Me | undefined; facets: Facets | undefined }) {
  const list = useSubscriptions();
  const remove = useAction();
  const topicLabel = (id: string) => facets?.topics.find((t) => t.id === id)?.label ?? id;
  const describe = (s: SubscriptionView): string =>
    s.subject === 'query'
      ? `Search: “${s.value}”`
      : s.subject === 'topic'
        ? `Topic: ${topicLabel(s.value)}`
        : s.subject === 'country'
          ? `Country: ${countryName(s.value)}`
          : 'Your own challenges';
  const incName = (id: string) => facets?.incs.find((i) => i.id === id)?.label ?? id;
  return (
    <section aria-labelledby="inbox-subscriptions" className="inbox-section">
      <h2 id="inbox-subscriptions">Subscriptions</h2>
      <Figures state={list} what="your subscriptions">
        {(data) =>
          data.subscriptions.length === 0 ? (
            <Empty>You follow nothing yet.</Empty>
          ) : (
            <ul className="cards subscriptions">
              {data.subscriptions.map((s) => (
                <li key={s.id} className="card subscription" data-subscription={s.id} data-subject={s.subject}>
                  <span className="subscription-what">{describe(s)}</span>
                  <span className="muted">
                    {' '}
                    · since {fmtDate(s.createdAt)}
                    {s.subscriber === me?.person ? '' : ` · for ${incName(s.subscriber)}`}
                  </span>{' '}
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Unsubscribe from ${describe(s)}`}
                    disabled={remove.state.status === 'busy'}
                    onClick={() =>
                      void remove.run(() => unsubscribe(s.id), `Unsubscribed from ${describe(s)}.`).then(list.reload)
                    }
                  >
                    Unsubscribe
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Figures>
      <ActionNote state={remove.state} />
      {me?.person !== undefined ? <NewSubscriptionForm me={me} facets={facets} onAdded={list.reload} /> : null}
    </section>
  );
}

function NewSubscriptionForm({ me, facets, onAdded }: { me: Me; facets: Facets | undefined; onAdded: () => void }) {
  const id = useId();
  const action = useAction();
  const [subject, setSubject] = useState<SubscriptionSubject>('query');
  const [value, setValue] = useState('');
  const [forInc, setForInc] = useState(false);
  // An INC coordinator's token names its INC as the organisation.
  const inc = me.role === 'inc' ? facets?.incs.find((i) => i.id === me.organisation) : undefined;
  const submit = async () => {
    const s: NewSubscription = {
      subject,
      ...(subject === 'challenges' ? {} : { value: value.trim() }),
      ...(forInc && inc !== undefined ? { inc: inc.id } : {}),
    };
    if (await action.run(() => subscribe(s), 'Subscribed: new matches reach your inbox.')) {
      setValue('');
      onAdded();
    }
  };
  return (
    <form
      className="panel new-subscription"
      aria-label="New subscription"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <SelectField
        id={`${id}-subject`}
        label="Follow"
        value={subject}
        options={SUBSCRIPTION_SUBJECTS.map((s) => ({ value: s, label: SUBJECT_LABEL[s] }))}
        onChange={(v) => {
          setSubject(v as SubscriptionSubject);
          setValue('');
        }}
      />
      {subject === 'query' ? (
        <div className="field grow">
          <label htmlFor={`${id}-value`}>Search text</label>
          <input
            id={`${id}-value`}
            value={value}
            placeholder="drones at prisons"
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
      ) : null}
      {subject === 'topic' ? (
        <SelectField
          id={`${id}-value`}
          label="Topic"
          value={value}
          options={[
            { value: '', label: 'Choose a topic' },
            ...(facets?.topics ?? []).map((t) => ({ value: t.id, label: t.label })),
          ]}
          onChange={setValue}
        />
      ) : null}
      {subject === 'country' ? (
        <SelectField
          id={`${id}-value`}
          label="Country"
          value={value}
          options={[
            { value: '', label: 'Choose a country' },
            ...(facets?.countries ?? []).map((c) => ({ value: c.code, label: c.label })),
          ]}
          onChange={setValue}
        />
      ) : null}
      {inc === undefined ? null : (
        <label className="choice">
          <input type="checkbox" checked={forInc} onChange={(e) => setForInc(e.target.checked)} /> For {inc.label} (its
          coordinators are told)
        </label>
      )}
      <p className="actions">
        <button type="submit" disabled={action.state.status === 'busy'}>
          Subscribe
        </button>
      </p>
      <ActionNote state={action.state} />
    </form>
  );
}
