/** Network: who works with whom, which communities form, and how far each country reaches across borders. */
import { useState } from 'react';
import { SelectField } from '../../../components/select-field.js';
import { Empty, ErrorNote, Loading, Stat } from '../../../components/states.js';
import { fmtInt, fmtPercent, fmtScore } from '../../../lib/format.js';
import type { NetworkAnswer } from '../../../lib/types.js';
import { useFacets } from '../../../lib/use-facets.js';
import { type NetworkFilters, useNetwork } from '../api/use-network.js';
import { CommunityChart, CountryMatrix, CrossBorderChart } from './network-charts.js';

export function NetworkPage() {
  const [filters, setFilters] = useState<NetworkFilters>({ country: '', top: 10 });
  const network = useNetwork(filters);
  const facets = useFacets();
  const countries = facets.status === 'ready' ? facets.data.countries : [];
  return (
    <section aria-labelledby="network-title">
      <h1 id="network-title">Network</h1>
      <p className="lede">Organisations that work together on projects, their communities, and cross-border reach.</p>
      <form className="filters" aria-label="Network filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="network-country"
          label="Country"
          value={filters.country}
          options={[
            { value: '', label: 'All countries' },
            ...countries.map((c) => ({ value: c.code, label: c.label })),
          ]}
          onChange={(v) => setFilters((f) => ({ ...f, country: v }))}
        />
        <SelectField
          id="network-top"
          label="Central organisations"
          value={String(filters.top)}
          options={[
            { value: '10', label: 'Top 10' },
            { value: '20', label: 'Top 20' },
            { value: '50', label: 'Top 50' },
          ]}
          onChange={(v) => setFilters((f) => ({ ...f, top: Number(v) }))}
        />
      </form>
      {network.status === 'error' ? <ErrorNote error={network.error} onRetry={network.reload} /> : null}
      {network.status === 'loading' ? (
        <Loading what={network.data === undefined ? 'the network' : 'new figures'} />
      ) : null}
      {'data' in network && network.data !== undefined ? <NetworkView answer={network.data} /> : null}
    </section>
  );
}

function NetworkView({ answer }: { answer: NetworkAnswer }) {
  if (answer.organisations === 0) return <Empty>{answer.empty ?? 'No collaborations in these filters.'}</Empty>;
  return (
    <>
      <div className="stats" data-stats="network">
        <Stat label="organisations" value={fmtInt(answer.organisations)} />
        <Stat label="collaboration links" value={fmtInt(answer.links)} />
        <Stat label="communities" value={fmtInt(answer.communities.length)} />
        <Stat label="modularity" value={fmtScore(answer.modularity)} />
      </div>
      <div className="grid-2">
        <CrossBorderChart answer={answer} />
        <CommunityChart answer={answer} />
      </div>
      <table className="data" data-table="cross-border">
        <caption>Per country (the cross-border chart's numbers)</caption>
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col" className="num">
              Organisations
            </th>
            <th scope="col" className="num">
              Links
            </th>
            <th scope="col" className="num">
              Cross-border index
            </th>
          </tr>
        </thead>
        <tbody>
          {answer.countries.map((c) => (
            <tr key={c.country} data-key={c.country}>
              <th scope="row">{c.country}</th>
              <td className="num">{fmtInt(c.organisations)}</td>
              <td className="num">{fmtInt(c.links)}</td>
              <td className="num">{fmtPercent(c.crossBorderIndex)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CountryMatrix answer={answer} />
      <h2>Communities</h2>
      <ul className="cards">
        {answer.communities.map((c) => (
          <li key={c.id} className="card" data-community={c.id}>
            <h3>
              Community #{c.id} <span className="muted">· {fmtInt(c.size)} organisations</span>
            </h3>
            <p>{c.members.map((m) => m.name).join(', ')}</p>
            <p className="muted">
              {c.countries.map((x) => `${x.country} ${x.count}`).join(' · ')}
              {c.topics.length === 0 ? '' : ` — ${c.topics.map((t) => t.label).join(', ')}`}
            </p>
          </li>
        ))}
      </ul>
      <table className="data" data-table="central">
        <caption>Most central organisations</caption>
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">Country</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Partners
            </th>
            <th scope="col" className="num">
              Betweenness
            </th>
            <th scope="col" className="num">
              Community
            </th>
          </tr>
        </thead>
        <tbody>
          {answer.central.map((o) => (
            <tr key={o.id} data-key={o.id}>
              <th scope="row">{o.name}</th>
              <td>{o.country ?? '—'}</td>
              <td>{o.orgKind ?? '—'}</td>
              <td className="num">{fmtInt(o.degree)}</td>
              <td className="num">{fmtScore(o.betweenness)}</td>
              <td className="num">{o.community}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
