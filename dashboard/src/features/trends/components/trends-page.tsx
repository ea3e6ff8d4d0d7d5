/** Trends: what the network raises, researches and delivers, per topic or country over time, and what is emerging. */
import { useDeferredValue, useMemo } from 'react';
import { CopyLink } from '../../../components/copy-link.js';
import { SelectField } from '../../../components/select-field.js';
import { Empty, Figures } from '../../../components/states.js';
import { TableBox } from '../../../components/table-box.js';
import { countryName } from '../../../lib/country.js';
import { fmtGrowth, fmtInt } from '../../../lib/format.js';
import { useLinkState, usePageTitle } from '../../../lib/link-state.js';
import type { TrendMeasure, TrendsAnswer } from '../../../lib/types.js';
import { useFacets } from '../../../lib/use-facets.js';
import { DEFAULT_TRENDS, EMERGING_SUPPORT, type TrendsFilters, trendsFromLink, useTrends } from '../api/use-trends.js';
import { CycleFigures } from './cycle-figures.js';
import { seriesFigures } from './series-figures.js';
import { MEASURE_LABEL, SeriesChart, TotalsChart } from './trends-charts.js';

export function TrendsPage() {
  const [filters, set] = useLinkState<TrendsFilters>('trends', trendsFromLink, DEFAULT_TRENDS);
  const { measure } = filters;
  const trends = useTrends(filters);
  const facets = useFacets();
  const countries = facets.status === 'ready' ? facets.data.countries : [];
  const topics = facets.status === 'ready' ? facets.data.topics : [];
  usePageTitle('Trends', [
    MEASURE_LABEL[measure],
    `per ${filters.by}`,
    filters.unit === 'quarter' ? 'by quarter' : undefined,
    filters.country === '' ? undefined : countryName(filters.country),
    filters.topic === '' ? undefined : (topics.find((t) => t.id === filters.topic)?.label ?? filters.topic),
  ]);
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
          onChange={(v) => set({ measure: v as TrendMeasure })}
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
        <CopyLink />
      </form>
      <Figures state={trends} what="trends">
        {(answer) => <TrendsView answer={answer} measure={measure} />}
      </Figures>
    </section>
  );
}

const seriesName = (answer: TrendsAnswer, key: string, label: string) =>
  answer.by === 'country' ? countryName(key) : label;

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
        <TotalsTable answer={answer} measure={measure} />
      </div>
      <Emerging answer={answer} />
      <CycleFigures cycle={answer.cycle} />
      {later === undefined || later.answer.empty !== undefined ? null : (
        <SeriesDetail answer={later.answer} measure={later.measure} />
      )}
    </>
  );
}

function TotalsTable({ answer, measure }: { answer: TrendsAnswer; measure: TrendMeasure }) {
  return (
    <TableBox label="Totals per period">
      <table className="data" data-table="trends-totals">
        <caption>
          {MEASURE_LABEL[measure]} per {answer.unit} (the totals chart's numbers)
        </caption>
        <thead>
          <tr>
            <th scope="col">{answer.unit === 'year' ? 'Year' : 'Quarter'}</th>
            <th scope="col" className="num">
              {MEASURE_LABEL[measure]}
            </th>
          </tr>
        </thead>
        <tbody>
          {answer.buckets.map((b, i) => (
            <tr key={b} data-key={b}>
              <th scope="row">{b}</th>
              <td className="num">{fmtInt(answer.totals[measure][i] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}

function SeriesDetail({ answer, measure }: { answer: TrendsAnswer; measure: TrendMeasure }) {
  const figures = seriesFigures(answer, measure);
  const windowWords = `the last ${answer.window} ${answer.unit}s against the ${answer.window} before`;
  return (
    <>
      <SeriesChart answer={answer} measure={measure} />
      <TableBox label="Series per period">
        <table className="data" data-table="trends-series">
          <caption>
            {MEASURE_LABEL[measure]} per {answer.by} and {answer.unit} (the chart's numbers). Growth compares{' '}
            {windowWords}; “new” means nothing before, “—” nothing in either. The top {answer.series.length} series
            only, so columns add up to less than the totals above.
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
                Total
              </th>
              <th scope="col" className="num">
                Growth
              </th>
            </tr>
          </thead>
          <tbody>
            {answer.series.map((s, i) => {
              const f = figures[i];
              return (
                <tr key={s.key} data-key={s.key}>
                  <th scope="row">{seriesName(answer, s.key, s.label)}</th>
                  {s.counts[measure].map((n, j) => (
                    <td key={answer.buckets[j]} className="num">
                      {fmtInt(n)}
                    </td>
                  ))}
                  <td className="num">{fmtInt(f?.total ?? 0)}</td>
                  <td className="num">{f === undefined ? '—' : fmtGrowth(f.growth, f.recent)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableBox>
    </>
  );
}

function Emerging({ answer }: { answer: TrendsAnswer }) {
  const span = `${answer.window} ${answer.unit === 'year' ? 'years' : 'quarters'}`;
  return (
    <section className="panel" aria-labelledby="emerging-title">
      <h2 id="emerging-title">Emerging topics</h2>
      <p className="muted">
        Topics with at least {EMERGING_SUPPORT} challenges, projects and results together in the last {span}, ranked by
        growth against the {span} before: (recent + 1) ÷ (before + 1) − 1, so a first appearance is not infinite.
      </p>
      {answer.emerging.length === 0 ? (
        <Empty>
          No topic has {EMERGING_SUPPORT} or more challenges, projects and results in the last {span}, too few to call
          anything emerging. The series table below still shows each one’s growth.
        </Empty>
      ) : (
        <TableBox label="Emerging topics">
          <table className="data" data-table="emerging">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col" className="num">
                  Last {span}
                </th>
                <th scope="col" className="num">
                  {span} before
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
                  <td className="num">{fmtGrowth(e.growth, e.recent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </section>
  );
}
