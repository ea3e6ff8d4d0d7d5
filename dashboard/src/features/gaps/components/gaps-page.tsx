/** Gaps: where many ask and little mature exists, per topic, and the open needs nobody answers yet. */
import { useState } from 'react';
import { SelectField } from '../../../components/select-field.js';
import { Empty, ErrorNote, Loading } from '../../../components/states.js';
import { fmtInt, fmtNum, fmtScore } from '../../../lib/format.js';
import type { GapsAnswer } from '../../../lib/types.js';
import { useFacets } from '../../../lib/use-facets.js';
import { type GapsFilters, useGaps } from '../api/use-gaps.js';
import { GapsChart } from './gaps-chart.js';

const MATURITY = [
  { value: '0.4', label: 'TRL 4 or more (lab-validated)' },
  { value: '0.6', label: 'TRL 6 or more (prototype)' },
  { value: '0.8', label: 'TRL 8 or more (qualified)' },
];

export function GapsPage() {
  const [filters, setFilters] = useState<GapsFilters>({ country: '', minMaturity: 0.6 });
  const gaps = useGaps(filters);
  const facets = useFacets();
  const countries = facets.status === 'ready' ? facets.data.countries : [];
  return (
    <section aria-labelledby="gaps-title">
      <h1 id="gaps-title">Gaps</h1>
      <p className="lede">Demand from the field against results mature enough to use.</p>
      <form className="filters" aria-label="Gap filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="gaps-country"
          label="Country"
          value={filters.country}
          options={[
            { value: '', label: 'All countries' },
            ...countries.map((c) => ({ value: c.code, label: c.label })),
          ]}
          onChange={(v) => setFilters((f) => ({ ...f, country: v }))}
        />
        <SelectField
          id="gaps-maturity"
          label="Mature means"
          value={String(filters.minMaturity)}
          options={MATURITY}
          onChange={(v) => setFilters((f) => ({ ...f, minMaturity: Number(v) }))}
        />
      </form>
      {gaps.status === 'error' ? <ErrorNote error={gaps.error} onRetry={gaps.reload} /> : null}
      {gaps.status === 'loading' ? <Loading what={gaps.data === undefined ? 'gaps' : 'new figures'} /> : null}
      {'data' in gaps && gaps.data !== undefined ? <GapsView answer={gaps.data} /> : null}
    </section>
  );
}

function GapsView({ answer }: { answer: GapsAnswer }) {
  if (answer.topics.length === 0) return <Empty>{answer.empty ?? 'No demand in these filters.'}</Empty>;
  return (
    <>
      <GapsChart answer={answer} />
      <table className="data" data-table="gap-topics">
        <caption>Topics by gap (the chart's numbers)</caption>
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col" className="num">
              Challenges
            </th>
            <th scope="col" className="num">
              Votes
            </th>
            <th scope="col" className="num">
              Demand
            </th>
            <th scope="col" className="num">
              Mature results
            </th>
            <th scope="col" className="num">
              All results
            </th>
            <th scope="col" className="num">
              Gap
            </th>
          </tr>
        </thead>
        <tbody>
          {answer.topics.map((t) => (
            <tr key={t.topic} data-key={t.topic}>
              <th scope="row">{t.label}</th>
              <td className="num">{fmtInt(t.challenges)}</td>
              <td className="num">{fmtNum(t.votes)}</td>
              <td className="num">{fmtNum(t.demand)}</td>
              <td className="num">{fmtInt(t.matureResults)}</td>
              <td className="num">{fmtInt(t.results)}</td>
              <td className="num">{fmtNum(t.gap)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Open needs without a mature answer</h2>
      {answer.challenges.length === 0 ? (
        <Empty>Every open need has a mature result addressing it.</Empty>
      ) : (
        <table className="data" data-table="gap-challenges">
          <thead>
            <tr>
              <th scope="col">Challenge</th>
              <th scope="col">Country</th>
              <th scope="col" className="num">
                Votes
              </th>
              <th scope="col" className="num">
                Best maturity
              </th>
              <th scope="col" className="num">
                Addressed by
              </th>
            </tr>
          </thead>
          <tbody>
            {answer.challenges.map((c) => (
              <tr key={c.id} data-key={c.id}>
                <th scope="row">{c.title}</th>
                <td>{c.country ?? '—'}</td>
                <td className="num">{fmtNum(c.votes)}</td>
                <td className="num">{fmtScore(c.bestMaturity)}</td>
                <td className="num">{fmtInt(c.addressedBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
