/** Trends: what the network raises, researches and delivers, per topic or country over time, and what is emerging. */
import { useDeferredValue, useMemo, useState } from 'react';
import { SelectField } from '../../../components/select-field.js';
import { Empty, ErrorNote, Loading } from '../../../components/states.js';
import { fmtGrowth, fmtInt } from '../../../lib/format.js';
import { hashParams } from '../../../lib/hash-route.js';
import type { TrendMeasure, TrendsAnswer } from '../../../lib/types.js';
import { useFacets } from '../../../lib/use-facets.js';
import { type TrendsFilters, trendsFromLink, useTrends } from '../api/use-trends.js';
import { MEASURE_LABEL, SeriesChart, TotalsChart } from './trends-charts.js';

export function TrendsPage() {
  const [filters, setFilters] = useState<TrendsFilters>(() => trendsFromLink(hashParams()));
  const [measure, setMeasure] = useState<TrendMeasure>('challenges');
  const trends = useTrends(filters);
  const facets = useFacets();
  const set = (patch: Partial<TrendsFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const countries = facets.status === 'ready' ? facets.data.countries : [];
  const topics = facets.status === 'ready' ? facets.data.topics : [];
  return (
    <section aria-labelledby="trends-title">
      <h1 id="trends-title">Trends</h1>
      <p className="lede">
        Needs raised, projects started and results delivered over time, and the topics rising fastest.
      </p>
      <form className="filters" aria-label="Trend filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="trends-measure"
          label="Count"
          value={measure}
          options={(Object.keys(MEASURE_LABEL) as TrendMeasure[]).map((m) => ({ value: m, label: MEASURE_LABEL[m] }))}
          onChange={(v) => setMeasure(v as TrendMeasure)}
        />
        <SelectField
          id="trends-by"
          label="Series per"
          value={filters.by}
          options={[
            { value: 'topic', label: 'Topic' },
            { value: 'country', label: 'Country' },
          ]}
          onChange={(v) => set({ by: v as TrendsFilters['by'] })}
        />
        <SelectField
          id="trends-unit"
          label="Period"
          value={filters.unit}
          options={[
            { value: 'year', label: 'Year' },
            { value: 'quarter', label: 'Quarter' },
          ]}
          onChange={(v) => set({ unit: v as TrendsFilters['unit'] })}
        />
        <SelectField
          id="trends-country"
          label="Country"
          value={filters.country}
          options={[
            { value: '', label: 'All countries' },
            ...countries.map((c) => ({ value: c.code, label: c.label })),
          ]}
          onChange={(v) => set({ country: v })}
        />
        <SelectField
          id="trends-topic"
          label="Topic"
          value={filters.topic}
          options={[{ value: '', label: 'All topics' }, ...topics.map((t) => ({ value: t.id, label: t.label }))]}
          onChange={(v) => set({ topic: v })}
        />
      </form>
      {trends.status === 'error' ? <ErrorNote error={trends.error} onRetry={trends.reload} /> : null}
      {trends.status === 'loading' && trends.data === undefined ? <Loading what="trends" /> : null}
      {trends.status === 'loading' && trends.data !== undefined ? <Loading what="new figures" /> : null}
      {'data' in trends && trends.data !== undefined ? <TrendsView answer={trends.data} measure={measure} /> : null}
    </section>
  );
}

function TrendsView({ answer, measure }: { answer: TrendsAnswer; measure: TrendMeasure }) {
  // The totals draw first; the per-series chart and table follow in a second, interruptible render.
  const current = useMemo(() => ({ answer, measure }), [answer, measure]);
  const later = useDeferredValue<typeof current | undefined>(current, undefined);
  if (answer.empty !== undefined || answer.buckets.length === 0) {
    return <Empty>{answer.empty ?? 'Nothing to show for these filters.'}</Empty>;
  }
  return (
    <>
      <div className="grid-2">
        <TotalsChart answer={answer} measure={measure} />
        <Emerging answer={answer} />
      </div>
      {later === undefined || later.answer.empty !== undefined ? null : (
        <SeriesDetail answer={later.answer} measure={later.measure} />
      )}
    </>
  );
}

function SeriesDetail({ answer, measure }: { answer: TrendsAnswer; measure: TrendMeasure }) {
  return (
    <>
      <SeriesChart answer={answer} measure={measure} />
      <table className="data" data-table="trends-series">
        <caption>
          {MEASURE_LABEL[measure]} per {answer.by} and {answer.unit} (the chart's numbers)
        </caption>
        <thead>
          <tr>
            <th scope="col">{answer.by === 'topic' ? 'Topic' : 'Country'}</th>
            {answer.buckets.map((b) => (
              <th scope="col" key={b} className="num">
                {b}
              </th>
            ))}
            <th scope="col" className="num">
              All measures
            </th>
            <th scope="col" className="num">
              Growth
            </th>
          </tr>
        </thead>
        <tbody>
          {answer.series.map((s) => (
            <tr key={s.key} data-key={s.key}>
              <th scope="row">{s.label}</th>
              {s.counts[measure].map((n, i) => (
                <td key={answer.buckets[i]} className="num">
                  {fmtInt(n)}
                </td>
              ))}
              <td className="num">{fmtInt(s.total)}</td>
              <td className="num">{fmtGrowth(s.growth)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Emerging({ answer }: { answer: TrendsAnswer }) {
  return (
    <section className="panel" aria-labelledby="emerging-title">
      <h2 id="emerging-title">Emerging {answer.by === 'topic' ? 'topics' : 'countries'}</h2>
      <p className="muted">
        The last {answer.window} {answer.unit === 'year' ? 'years' : 'quarters'} against the {answer.window} before.
      </p>
      {answer.emerging.length === 0 ? (
        <Empty>Nothing is rising with enough support yet.</Empty>
      ) : (
        <table className="data" data-table="emerging">
          <thead>
            <tr>
              <th scope="col">{answer.by === 'topic' ? 'Topic' : 'Country'}</th>
              <th scope="col" className="num">
                Recent
              </th>
              <th scope="col" className="num">
                Before
              </th>
              <th scope="col" className="num">
                Growth
              </th>
            </tr>
          </thead>
          <tbody>
            {answer.emerging.map((e) => (
              <tr key={e.key} data-key={e.key}>
                <th scope="row">{e.label}</th>
                <td className="num">{fmtInt(e.recent)}</td>
                <td className="num">{fmtInt(e.previous)}</td>
                <td className="num">{fmtGrowth(e.growth)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
