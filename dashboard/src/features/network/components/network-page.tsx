/** Network: who works with whom, which communities form, and how far each country reaches across borders. */
import { CopyLink } from '../../../components/copy-link.js';
import { SelectField } from '../../../components/select-field.js';
import { Empty, Figures, Stat } from '../../../components/states.js';
import { TableBox } from '../../../components/table-box.js';
import { countryName, countryWithCode } from '../../../lib/country.js';
import { fmtInt, fmtPercent, fmtScore } from '../../../lib/format.js';
import { useLinkState, usePageTitle } from '../../../lib/link-state.js';
import type { NetworkAnswer } from '../../../lib/types.js';
import { useFacets } from '../../../lib/use-facets.js';
import { DEFAULT_NETWORK, type NetworkFilters, networkFromLink, TOP_CHOICES, useNetwork } from '../api/use-network.js';
import { CommunityChart, CountryMatrix, CrossBorderChart } from './network-charts.js';

export function NetworkPage() {
  const [filters, set] = useLinkState<NetworkFilters>('network', networkFromLink, DEFAULT_NETWORK);
  const network = useNetwork(filters);
  const facets = useFacets();
  const countries = facets.status === 'ready' ? facets.data.countries : [];
  usePageTitle('Network', [
    filters.country === '' ? undefined : countryName(filters.country),
    `top ${filters.top} organisations`,
  ]);
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
          onChange={(v) => set({ country: v })}
        />
        <SelectField
          id="network-top"
          label="Central organisations"
          value={filters.top}
          options={TOP_CHOICES.map((t) => ({ value: t, label: `Top ${t}` }))}
          onChange={(v) => set({ top: v })}
        />
        <CopyLink />
      </form>
      <Figures state={network} what="the network">
        {(answer) => <NetworkView answer={answer} />}
      </Figures>
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
      <p className="muted how-to-read">
        A collaboration link is a pair of organisations in the same project. <strong>Modularity</strong> (from −0.5 to
        1) says how much more often links stay inside communities than chance would give: above about 0.3 the network
        splits into clear groups; near 0 it is one mesh.
      </p>
      <div className="grid-2">
        <CrossBorderChart answer={answer} />
        <CommunityChart answer={answer} />
      </div>
      <TableBox label="Per country">
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
                <th scope="row">{countryWithCode(c.country)}</th>
                <td className="num">{fmtInt(c.organisations)}</td>
                <td className="num">{fmtInt(c.links)}</td>
                <td className="num">{fmtPercent(c.crossBorderIndex)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      <TableBox label="Links between countries">
        <CountryMatrix answer={answer} />
      </TableBox>
      <h2>Communities</h2>
      <ul className="cards">
        {answer.communities.map((c) => (
          <li key={c.id} className="card" data-community={c.id}>
            <h3>
              Community #{c.id} <span className="muted">· {fmtInt(c.size)} organisations</span>
            </h3>
            <p>{c.members.map((m) => m.name).join(', ')}</p>
            <p className="muted">
              {c.countries.map((x) => `${countryName(x.country)} ${x.count}`).join(' · ')}
              {c.topics.length === 0 ? '' : ` — ${c.topics.map((t) => t.label).join(', ')}`}
            </p>
          </li>
        ))}
      </ul>
      <TableBox label="Most central organisations">
        <table className="data" data-table="central">
          <caption>
            Most central organisations.{' '}
            <span className="muted">
              Partners: distinct organisations it shares a project with. Betweenness (0–1): the share of shortest paths
              between other organisations that pass through it; high means a broker between groups.
            </span>
          </caption>
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
                <td>{countryName(o.country)}</td>
                <td>{o.orgKind ?? '—'}</td>
                <td className="num">{fmtInt(o.degree)}</td>
                <td className="num">{fmtScore(o.betweenness)}</td>
                <td className="num">#{o.community}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
    </>
  );
}
