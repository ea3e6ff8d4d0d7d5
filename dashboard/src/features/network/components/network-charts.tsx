/** Cross-border index per country (bars), links between countries (a matrix), community sizes (bars). */
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox } from '../../../components/chart-box.js';
import { ChartFigure } from '../../../components/states.js';
import { colour, fmtInt, fmtPercent } from '../../../lib/format.js';
import type { NetworkAnswer } from '../../../lib/types.js';

export function CrossBorderChart({ answer }: { answer: NetworkAnswer }) {
  const rows = answer.countries.map((c) => ({ country: c.country, index: c.crossBorderIndex, links: c.links }));
  return (
    <ChartFigure
      name="cross-border"
      caption="Cross-border index per country: share of its collaboration links that cross a border"
    >
      <ChartBox height={280}>
        <BarChart data={rows} margin={{ top: 26, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="country" interval={0} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => fmtPercent(v)} />
          <Tooltip formatter={(v) => fmtPercent(Number(v))} />
          <Bar minPointSize={1} dataKey="index" name="Cross-border index" fill={colour(0)} isAnimationActive={false}>
            <LabelList dataKey="index" position="top" formatter={(v) => fmtPercent(Number(v))} />
          </Bar>
        </BarChart>
      </ChartBox>
    </ChartFigure>
  );
}

export function CommunityChart({ answer }: { answer: NetworkAnswer }) {
  const rows = answer.communities.map((c) => ({ name: `#${c.id}`, size: c.size }));
  return (
    <ChartFigure name="communities" caption="Communities (#) of organisations that work together, by size">
      <ChartBox height={240}>
        <BarChart data={rows} margin={{ top: 20, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar minPointSize={1} dataKey="size" name="Organisations" fill={colour(2)} isAnimationActive={false}>
            <LabelList dataKey="size" position="top" formatter={(v) => fmtInt(Number(v))} />
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
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {answer.countryOrder.map((row, i) => (
          <tr key={row} data-key={row}>
            <th scope="row">{row}</th>
            {answer.countryOrder.map((col, j) => {
              const n = answer.matrix[i]?.[j] ?? 0;
              const a = n / max;
              return (
                <td
                  key={col}
                  className="num"
                  style={{
                    background: `rgba(0, 114, 178, ${(0.08 + 0.8 * a).toFixed(3)})`,
                    color: a > 0.55 ? '#fff' : undefined,
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
