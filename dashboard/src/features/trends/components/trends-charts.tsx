/** The two trend charts: totals per period (bars, each labelled with its number) and one line per series. */
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox } from '../../../components/chart-box.js';
import { ChartFigure } from '../../../components/states.js';
import { colour, fmtInt } from '../../../lib/format.js';
import type { TrendMeasure, TrendsAnswer } from '../../../lib/types.js';

export const MEASURE_LABEL: Record<TrendMeasure, string> = {
  challenges: 'Challenges raised',
  projects: 'Projects started',
  results: 'Results delivered',
};

export function TotalsChart({ answer, measure }: { answer: TrendsAnswer; measure: TrendMeasure }) {
  const rows = answer.buckets.map((bucket, i) => ({ bucket, value: answer.totals[measure][i] ?? 0 }));
  return (
    <ChartFigure
      name="trends-totals"
      caption={`${MEASURE_LABEL[measure]} per ${answer.unit}, all ${answer.by === 'topic' ? 'topics' : 'countries'} in the filters`}
    >
      <ChartBox height={260}>
        <BarChart data={rows} margin={{ top: 20, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" />
          <YAxis allowDecimals={false} />
          <Tooltip formatter={(v) => fmtInt(Number(v))} />
          {/* minPointSize: a zero keeps a 1 px bar, so its label (0) is drawn and every number shows. */}
          <Bar
            minPointSize={1}
            dataKey="value"
            name={MEASURE_LABEL[measure]}
            fill={colour(0)}
            isAnimationActive={false}
          >
            <LabelList dataKey="value" position="top" formatter={(v) => fmtInt(Number(v))} />
          </Bar>
        </BarChart>
      </ChartBox>
    </ChartFigure>
  );
}

export function SeriesChart({ answer, measure }: { answer: TrendsAnswer; measure: TrendMeasure }) {
  const rows = answer.buckets.map((bucket, i) => ({
    bucket,
    values: answer.series.map((s) => s.counts[measure][i] ?? 0),
  }));
  return (
    <ChartFigure name="trends-series" caption={`${MEASURE_LABEL[measure]} per ${answer.by} and ${answer.unit}`}>
      <ChartBox height={320}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" />
          <YAxis allowDecimals={false} />
          <Tooltip formatter={(v) => fmtInt(Number(v))} />
          <Legend />
          {answer.series.map((s, i) => (
            <Line
              key={s.key}
              type="linear"
              name={s.label}
              dataKey={(row: (typeof rows)[number]) => row.values[i] ?? 0}
              stroke={colour(i)}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ChartBox>
    </ChartFigure>
  );
}
