/** One poll's results: a bar per option with its votes, the table of the same numbers beside it. */
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { CategoryAbove } from '../../../components/category-above.js';
import { ChartBox } from '../../../components/chart-box.js';
import { ChartFigure } from '../../../components/states.js';
import { TableBox } from '../../../components/table-box.js';
import type { PollAnswer } from '../../../lib/cycle-types.js';
import { colour, fmtInt, fmtPercent, INK } from '../../../lib/format.js';
import { useNarrow } from '../../../lib/use-narrow.js';

export function PollChart({ poll }: { poll: PollAnswer }) {
  const narrow = useNarrow();
  const rows = poll.options.map((o) => ({ label: o.option, votes: o.votes }));
  return (
    <ChartFigure
      name={`poll-${poll.id}`}
      caption={`Answers to “${poll.question}” (${fmtInt(poll.votes)} in all)`}
      table={{
        name: 'poll-results',
        columns: ['option', 'votes', 'share'],
        rows: poll.options.map((o) => [o.option, o.votes, o.share]),
      }}
    >
      <ChartBox height={Math.max(160, rows.length * (narrow ? 56 : 40) + 40)}>
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ top: narrow ? 18 : 8, right: 40, bottom: 4, left: narrow ? 0 : 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={narrow ? 0 : 220} hide={narrow} interval={0} />
          <Tooltip formatter={(v) => fmtInt(Number(v))} />
          <Bar minPointSize={1} dataKey="votes" name="Votes" fill={colour(0)} isAnimationActive={false}>
            <LabelList dataKey="votes" position="right" fill={INK} formatter={(v) => fmtInt(Number(v))} />
            {narrow ? <LabelList dataKey="label" content={CategoryAbove} /> : null}
          </Bar>
        </BarChart>
      </ChartBox>
    </ChartFigure>
  );
}

export function PollTable({ poll }: { poll: PollAnswer }) {
  return (
    <TableBox label={`Answers to “${poll.question}”`}>
      <table className="data poll-table" data-table={`poll-${poll.id}`}>
        <caption className="visually-hidden">The chart’s numbers</caption>
        <thead>
          <tr>
            <th scope="col">Option</th>
            <th scope="col" className="num">
              Votes
            </th>
            <th scope="col" className="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {poll.options.map((o) => (
            <tr key={o.option} data-key={o.option}>
              <th scope="row">{o.option}</th>
              <td className="num">{fmtInt(o.votes)}</td>
              <td className="num">{fmtPercent(o.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}
