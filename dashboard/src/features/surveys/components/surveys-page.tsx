/** Surveys: the ones you may see, an answer form for an open one, and the results as charts. */
import { useState } from 'react';
import { Empty, ErrorNote, Figures } from '../../../components/states.js';
import { ApiProblem } from '../../../lib/api-client.js';
import { fmtInt } from '../../../lib/format.js';
import { usePageTitle } from '../../../lib/link-state.js';
import type { SurveyView } from '../../../lib/types.js';
import { postAnswers, useSurveyResults, useSurveys } from '../api/use-surveys.js';
import { answersFrom, type FormValues, initialValues } from './answer-form-values.js';
import { SurveyResultsView } from './survey-results.js';

export function SurveysPage() {
  usePageTitle('Surveys', []);
  const surveys = useSurveys();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <section aria-labelledby="surveys-title">
      <h1 id="surveys-title">Surveys</h1>
      <p className="lede">Questions the network’s contact points put to the network or to one country.</p>
      <Figures state={surveys} what="surveys">
        {(list) => {
          if (list.surveys.length === 0) return <Empty>No surveys you may see.</Empty>;
          const current = list.surveys.find((s) => s.survey.id === selected);
          return (
            <>
              <ul className="survey-list">
                {list.surveys.map((s) => (
                  <li key={s.survey.id}>
                    <button
                      type="button"
                      aria-pressed={s.survey.id === selected}
                      onClick={() => setSelected(s.survey.id)}
                    >
                      {s.survey.title}
                    </button>{' '}
                    <span className="muted">
                      {s.open ? 'open' : 'closed'} · closes {s.survey.closesAt} · {fmtInt(s.answers)} answered
                      {s.mine === undefined ? '' : ' · you answered'}
                    </span>
                  </li>
                ))}
              </ul>
              {current === undefined ? null : (
                <SurveyDetail key={current.survey.id} view={current} onAnswered={surveys.reload} />
              )}
            </>
          );
        }}
      </Figures>
    </section>
  );
}

function SurveyDetail({ view, onAnswered }: { view: SurveyView; onAnswered: () => void }) {
  const results = useSurveyResults(view.survey.id);
  return (
    <article aria-label="Survey">
      {view.open ? (
        <AnswerForm
          view={view}
          onSent={() => {
            results.reload();
            onAnswered();
          }}
        />
      ) : null}
      <h2>Results</h2>
      <Figures state={results} what="the results">
        {(r) => <SurveyResultsView results={r} />}
      </Figures>
    </article>
  );
}

function AnswerForm({ view, onSent }: { view: SurveyView; onSent: () => void }) {
  const [values, setValues] = useState<FormValues>(() => initialValues(view));
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [sent, setSent] = useState(false);
  const set = (q: string, v: readonly string[]) => setValues((old) => ({ ...old, [q]: v }));
  const submit = async () => {
    try {
      await postAnswers(view.survey.id, answersFrom(view, values));
      setProblem(undefined);
      setSent(true);
      onSent();
    } catch (e) {
      setProblem(e instanceof ApiProblem ? e : new ApiProblem(0, 'ERR_CLIENT', (e as Error).message));
    }
  };
  return (
    <form
      aria-label="Your answers"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {view.questions.map((q) => (
        <fieldset key={q.id}>
          <legend>{q.prompt}</legend>
          {q.type === 'text' ? (
            <textarea
              aria-label={q.prompt}
              value={values[q.id]?.[0] ?? ''}
              onChange={(e) => set(q.id, [e.target.value])}
            />
          ) : (
            (q.type === 'scale' ? ['1', '2', '3', '4', '5'] : (q.options ?? [])).map((o) => {
              const many = q.type === 'multiple';
              const chosen = (values[q.id] ?? []).includes(o);
              return (
                <label key={o}>
                  <input
                    type={many ? 'checkbox' : 'radio'}
                    name={q.id}
                    checked={chosen}
                    onChange={() =>
                      set(
                        q.id,
                        many
                          ? chosen
                            ? (values[q.id] ?? []).filter((x) => x !== o)
                            : [...(values[q.id] ?? []), o]
                          : [o],
                      )
                    }
                  />{' '}
                  {o}
                </label>
              );
            })
          )}
        </fieldset>
      ))}
      <button type="submit">{view.mine === undefined && !sent ? 'Send my answers' : 'Replace my answers'}</button>
      {sent && problem === undefined ? <p role="status">Thank you: your answers are stored.</p> : null}
      {problem === undefined ? null : <ErrorNote error={problem} />}
    </form>
  );
}
