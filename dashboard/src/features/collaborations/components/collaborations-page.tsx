/** Country / INC: suggested cross-border collaborations, with the scores and the reasons behind each. */
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox } from '../../../components/chart-box.js';
import { SelectField } from '../../../components/select-field.js';
import { ChartFigure, Empty, ErrorNote, Loading } from '../../../components/states.js';
import { colour, fmtScore } from '../../../lib/format.js';
import type { OrgRef, SuggestAnswer } from '../../../lib/types.js';
import { useFacets } from '../../../lib/use-facets.js';
import { type Target, useSuggestions } from '../api/use-suggestions.js';

const org = (o: OrgRef) => `${o.name}${o.country === undefined ? '' : ` (${o.country})`}`;

export function CollaborationsPage() {
  const facets = useFacets();
  const [choice, setChoice] = useState('');
  const countries = facets.status === 'ready' ? facets.data.countries : [];
  const incs = facets.status === 'ready' ? facets.data.incs : [];
  const first = countries[0]?.code;
  const value = choice !== '' ? choice : first === undefined ? '' : `country:${first}`;
  const target: Target | null = value.startsWith('country:')
    ? { country: value.slice('country:'.length) }
    : value.startsWith('inc:')
      ? { inc: value.slice('inc:'.length) }
      : null;
  const answer = useSuggestions(target);
  return (
    <section aria-labelledby="collab-title">
      <h1 id="collab-title">Collaborations</h1>
      <p className="lede">
        Partners across borders for a country’s or a national contact point’s organisations: who works near them,
        answers their needs, or shares their topics, and is not yet working with them.
      </p>
      <form className="filters" aria-label="Choose a country or INC" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="collab-for"
          label="Suggestions for"
          value={value}
          options={[
            ...incs.map((i) => ({ value: `inc:${i.id}`, label: `INC: ${i.label}` })),
            ...countries.map((c) => ({ value: `country:${c.code}`, label: `Country: ${c.label}` })),
          ]}
          onChange={setChoice}
        />
      </form>
      {facets.status === 'error' ? <ErrorNote error={facets.error} onRetry={facets.reload} /> : null}
      {answer.status === 'loading' || (answer.status === 'idle' && facets.status === 'loading') ? (
        <Loading what="suggestions" />
      ) : null}
      {answer.status === 'error' ? <ErrorNote error={answer.error} onRetry={answer.reload} /> : null}
      {answer.status === 'ready' ? <SuggestionsView answer={answer.data} /> : null}
    </section>
  );
}

function SuggestionsView({ answer }: { answer: SuggestAnswer }) {
  if (answer.suggestions.length === 0) return <Empty>{answer.empty ?? 'No suggestion for this choice.'}</Empty>;
  const rows = answer.suggestions.map((s) => ({ pair: `${s.rank}. ${s.to.name}`, score: s.scores.score }));
  return (
    <>
      <p className="muted">
        For {answer.origins.length} organisation{answer.origins.length === 1 ? '' : 's'}:{' '}
        {answer.origins.map(org).join(', ')}
      </p>
      <ChartFigure name="suggestions" caption="Suggested partners by score">
        <ChartBox height={rows.length * 36 + 50}>
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 1]} />
            <YAxis type="category" dataKey="pair" width={260} interval={0} />
            <Tooltip formatter={(v) => fmtScore(Number(v))} />
            <Bar minPointSize={1} dataKey="score" name="Score" fill={colour(0)} isAnimationActive={false}>
              <LabelList dataKey="score" position="right" formatter={(v) => fmtScore(Number(v))} />
            </Bar>
          </BarChart>
        </ChartBox>
      </ChartFigure>
      <ol className="cards suggestions">
        {answer.suggestions.map((s) => (
          <li key={`${s.from.id}-${s.to.id}`} className="card" data-suggestion={s.to.id}>
            <h2 className="pair">
              <span>{org(s.from)}</span> <span aria-hidden="true">⇄</span>
              <span className="visually-hidden"> with </span> <span>{org(s.to)}</span>
              <span className="score">{fmtScore(s.scores.score)}</span>
            </h2>
            <p className="why">{s.why}</p>
            <dl className="scores">
              <dt>Network proximity</dt>
              <dd>{fmtScore(s.scores.link)}</dd>
              <dt>Complementarity</dt>
              <dd>{fmtScore(s.scores.complementarity)}</dd>
              <dt>Shared topics</dt>
              <dd>{fmtScore(s.scores.topical)}</dd>
            </dl>
            {s.complements.length === 0 ? null : (
              <ul className="complements">
                {s.complements.map((c) => (
                  <li key={`${c.need.id}-${c.answer.id}`}>
                    “{c.need.title}” ({c.need.side === 'from' ? org(s.from) : org(s.to)}) ←{' '}
                    {c.answer.kind.toLowerCase()} “{c.answer.title}”
                  </li>
                ))}
              </ul>
            )}
            {s.sharedTopics.length === 0 && s.via.length === 0 ? null : (
              <p className="muted">
                {s.sharedTopics.length === 0 ? '' : `Topics: ${s.sharedTopics.map((t) => t.label).join(', ')}. `}
                {s.via.length === 0 ? '' : `Both work with ${s.via.map((v) => v.name).join(', ')}.`}
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
