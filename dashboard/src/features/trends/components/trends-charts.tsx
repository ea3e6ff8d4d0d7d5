/** The two trend charts: totals per period (bars, each labelled with its number) and one line per series. */
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  Symbols,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartBox } from '../../../components/chart-box.js';
import { ChartFigure } from '../../../components/states.js';
import { colour, dash, fmtInt, INK, marker } from '../../../lib/format.js';
import type { TrendMeasure, TrendsAnswer } from '../../../lib/types.js';
import { seriesFigures } from './series-figures.js';

export const MEASURE_LABEL: Record<TrendMeasure, string> = {
  challenges: 'Challenges raised',
  projects: 'Projects started',
  results: 'Results delivered',
};

/** What each measure counts, in a sentence. */
export const MEASURE_MEANS: Record<TrendMeasure, string> = {
  challenges: 'challenges (needs from the field) by the date they were raised',
  projects: 'projects by their start date',
  results: 'results and deliverables by the date they were delivered',
};

const periods = (answer: TrendsAnswer) => (answer.unit === 'year' ? 'year' : 'quarter');

export function TotalsChart({ answer, measure }: { answer: TrendsAnswer; measure: TrendMeasure }) {
  const rows = answer.buckets.map((bucket, i) => ({ bucket, value: answer.totals[measure][i] ?? 0 }));
  return (
    <ChartFigure
      name="trends-totals"
      caption={`${MEASURE_LABEL[measure]} per ${answer.unit}, all ${answer.by === 'topic' ? 'topics' : 'countries'} in the filters`}
      howToRead={
        <p>
          Each bar counts {MEASURE_MEANS[measure]}, per {periods(answer)}, over everything you may see in the filters
          (not only the series below).
        </p>
      }
      table={{
        name: `trends-totals-${measure}`,
        columns: [answer.unit, MEASURE_LABEL[measure]],
        rows: rows.map((r) => [r.bucket, r.value]),
      }}
    >
      <ChartBox height={260}>
        <BarChart data={rows} margin={{ top: 20, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip formatter={(v) => fmtInt(Number(v))} />
          {/* minPointSize: a zero keeps a 1 px bar, so its label (0) is drawn and every number shows. */}
          <Bar
            minPointSize={1}
            dataKey="value"
            name={MEASURE_LABEL[measure]}
            fill={colour(0)}
            isAnimationActive={false}
          >
            <LabelList dataKey="value" position="top" fill={INK} formatter={(v) => fmtInt(Number(v))} />
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
  const figures = seriesFigures(answer, measure);
  return (
    <ChartFigure
      name="trends-series"
      caption={`${MEASURE_LABEL[measure]} per ${answer.by} and ${answer.unit}`}
      howToRead={
        <p>
          One line per {answer.by}: the {answer.series.length} with the most activity (all three measures together),
          counting {MEASURE_MEANS[measure]}. Lines differ by colour, dash and marker, as in the legend.
        </p>
      }
      table={{
        name: `trends-series-${measure}`,
        columns: [answer.by, ...answer.buckets, 'total', 'growth'],
        rows: answer.series.map((s, i) => [
          s.label,
          ...s.counts[measure],
          figures[i]?.total ?? 0,
          figures[i]?.growth === null || figures[i] === undefined ? '' : (figures[i]?.growth ?? ''),
        ]),
      }}
    >
      <ChartBox height={340}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip formatter={(v) => fmtInt(Number(v))} />
          {/* Legend text in ink: series colours as text would fall below 4.5:1. */}
          <Legend formatter={(value) => <span style={{ color: INK }}>{value}</span>} />
          {answer.series.map((s, i) => (
            <Line
              key={s.key}
              type="linear"
              name={s.label}
              dataKey={(row: (typeof rows)[number]) => row.values[i] ?? 0}
              stroke={colour(i)}
              strokeWidth={2}
              strokeDasharray={dash(i)}
              legendType={marker(i)}
              dot={({ cx, cy, index }: { cx?: number; cy?: number; index?: number }) => (
                <Symbols
                  key={`${s.key}-${index ?? 0}`}
                  cx={cx ?? 0}
                  cy={cy ?? 0}
                  type={marker(i)}
                  size={48}
                  fill={colour(i)}
                  className="series-marker"
                />
              )}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ChartBox>
    </ChartFigure>
  );
}
