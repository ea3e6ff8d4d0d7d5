/** Cross-border index per country (bars), links between countries (a matrix), community sizes (bars). */
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox } from '../../../components/chart-box.js';
import { ChartFigure } from '../../../components/states.js';
import { countryName } from '../../../lib/country.js';
import { colour, fmtInt, fmtPercent, INK } from '../../../lib/format.js';
import type { NetworkAnswer } from '../../../lib/types.js';

export function CrossBorderChart({ answer }: { answer: NetworkAnswer }) {
  const rows = answer.countries.map((c) => ({ country: c.country, index: c.crossBorderIndex, links: c.links }));
  return (
    <ChartFigure
      name="cross-border"
      caption="Cross-border index per country: share of its collaboration links that cross a border"
      howToRead={
        <p>
          A link is a pair of organisations that share a project; a country's index is the share of the links touching
          it whose other end is abroad (100 % = all its partners are foreign). Codes:{' '}
          {answer.countries.map((c) => `${c.country} ${countryName(c.country)}`).join(', ')}.
        </p>
      }
      table={{
        name: 'network-countries',
        columns: ['country code', 'country', 'organisations', 'links', 'cross-border index'],
        rows: answer.countries.map((c) => [
          c.country,
          countryName(c.country),
          c.organisations,
          c.links,
          c.crossBorderIndex,
        ]),
      }}
    >
      <ChartBox height={280}>
        <BarChart data={rows} margin={{ top: 26, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="country" interval={0} />
          <YAxis domain={[0, 1]} width={52} tickFormatter={(v: number) => fmtPercent(v)} />
          <Tooltip formatter={(v) => fmtPercent(Number(v))} />
          <Bar minPointSize={1} dataKey="index" name="Cross-border index" fill={colour(0)} isAnimationActive={false}>
            <LabelList dataKey="index" position="top" fill={INK} formatter={(v) => fmtPercent(Number(v))} />
          </Bar>
        </BarChart>
      </ChartBox>
    </ChartFigure>
  );
}

export function CommunityChart({ answer }: { answer: NetworkAnswer }) {
  const rows = answer.communities.map((c) => ({ name: `#${c.id}`, size: c.size }));
  return (
    <ChartFigure
      name="communities"
      caption="Communities of organisations that work together, by size"
      howToRead={
        <p>
          Communities are groups with more project links inside than between them (Louvain method); #0, #1… are labels
          only, largest first. The bar is the number of organisations in each; who they are is listed below.
        </p>
      }
      table={{
        name: 'network-communities',
        columns: ['community', 'organisations', 'largest members', 'countries'],
        rows: answer.communities.map((c) => [
          `#${c.id}`,
          c.size,
          c.members.map((m) => m.name).join('; '),
          c.countries.map((x) => `${x.country} ${x.count}`).join('; '),
        ]),
      }}
    >
      <ChartBox height={240}>
        <BarChart data={rows} margin={{ top: 20, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip />
          <Bar minPointSize={1} dataKey="size" name="Organisations" fill={colour(2)} isAnimationActive={false}>
            <LabelList dataKey="size" position="top" fill={INK} formatter={(v) => fmtInt(Number(v))} />
          </Bar>
        </BarChart>
      </ChartBox>
    </ChartFigure>
  );
}

/** Links between each pair of countries as a table whose cells darken with the count. */
export function CountryMatrix({ answer }: { answer: NetworkAnswer }) {
  const max = Math.max(1, ...answer.matrix.flat());
  return (
    <table className="data matrix" data-table="country-matrix">
      <caption>Collaboration links between countries (organisation pairs sharing a project)</caption>
      <thead>
        <tr>
          <td />
          {answer.countryOrder.map((c) => (
            <th scope="col" key={c}>
              <abbr title={countryName(c)}>{c}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {answer.countryOrder.map((row, i) => (
          <tr key={row} data-key={row}>
            <th scope="row">
              <abbr title={countryName(row)}>{row}</abbr>
            </th>
            {answer.countryOrder.map((col, j) => {
              const n = answer.matrix[i]?.[j] ?? 0;
              const a = n / max;
              return (
                <td
                  key={col}
                  className="num"
                  style={{
                    // Capped at 0.72: the darkest cell keeps ink text at 4.5:1 or more (5:1 at 0.75).
                    background: `rgba(0, 114, 178, ${(0.06 + 0.66 * a).toFixed(3)})`,
                  }}
                  title={`${row}–${col}: ${n} link(s)`}
                >
                  {fmtInt(n)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
