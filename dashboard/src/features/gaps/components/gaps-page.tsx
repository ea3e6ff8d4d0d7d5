/** Gaps: where many ask and little mature exists, per topic, and the open needs nobody answers yet. */
import { CopyLink } from '../../../components/copy-link.js';
import { SelectField } from '../../../components/select-field.js';
import { Empty, Figures } from '../../../components/states.js';
import { TableBox } from '../../../components/table-box.js';
import { countryName } from '../../../lib/country.js';
import { fmtInt, fmtNum } from '../../../lib/format.js';
import { useLinkState, usePageTitle } from '../../../lib/link-state.js';
import type { GapsAnswer } from '../../../lib/types.js';
import { useFacets } from '../../../lib/use-facets.js';
import { DEFAULT_GAPS, type GapsFilters, gapsFromLink, MATURITY_THRESHOLDS, useGaps } from '../api/use-gaps.js';
import { GapsChart } from './gaps-chart.js';

/** Maturity is TRL ÷ 9 (engine/match/signals.ts), so a threshold reads back as the lowest TRL it keeps. */
const lowestTrl = (maturity: number): number => Math.ceil(maturity * 9 - 1e-9);
const MATURITY_WORDS: Readonly<Record<number, string>> = { 4: 'lab-validated', 6: 'prototype', 8: 'qualified' };

/** A result's maturity as TRL; results without one carry their type's stand-in, hence "≈". */
export function fmtTrl(maturity: number): string {
  if (maturity === 0) return 'none';
  const trl = maturity * 9;
  return Number.isInteger(Math.round(trl * 1000) / 1000) ? `TRL ${Math.round(trl)}` : `≈ TRL ${fmtNum(trl)}`;
}

export function GapsPage() {
  const [filters, set] = useLinkState<GapsFilters>('gaps', gapsFromLink, DEFAULT_GAPS);
  const gaps = useGaps(filters);
  const facets = useFacets();
  const countries = facets.status === 'ready' ? facets.data.countries : [];
  const trl = lowestTrl(Number(filters.minMaturity));
  usePageTitle('Gaps', [filters.country === '' ? undefined : countryName(filters.country), `mature from TRL ${trl}`]);
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
          onChange={(v) => set({ country: v })}
        />
        <SelectField
          id="gaps-maturity"
          label="Mature means"
          value={filters.minMaturity}
          options={MATURITY_THRESHOLDS.map((m) => {
            const t = lowestTrl(Number(m));
            return { value: m, label: `TRL ${t} or more (${MATURITY_WORDS[t] ?? `maturity ${m}`})` };
          })}
          onChange={(v) => set({ minMaturity: v })}
        />
        <CopyLink />
      </form>
      <Figures state={gaps} what="gaps">
        {(answer) => <GapsView answer={answer} />}
      </Figures>
    </section>
  );
}

function GapsView({ answer }: { answer: GapsAnswer }) {
  if (answer.topics.length === 0) return <Empty>{answer.empty ?? 'No demand in these filters.'}</Empty>;
  return (
    <>
      <GapsChart answer={answer} />
      <TableBox label="Topics by gap">
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
      </TableBox>
      <h2>Open needs without a mature answer</h2>
      <p className="muted">
        Open challenges that no result at the chosen maturity addresses, most voted first. “Best maturity” is the most
        mature result addressing each one (≈ where a result has no TRL and its type stands in). The{' '}
        <a href="#/report">policy brief</a> turns the largest gaps into suggested actions.
      </p>
      {answer.challenges.length === 0 ? (
        <Empty>Every open need has a mature result addressing it.</Empty>
      ) : (
        <TableBox label="Open needs without a mature answer">
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
                  <td>{countryName(c.country)}</td>
                  <td className="num">{fmtNum(c.votes)}</td>
                  <td className="num">{fmtTrl(c.bestMaturity)}</td>
                  <td className="num">{fmtInt(c.addressedBy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </>
  );
}
