/** Demand against mature results per topic: two bars each, labelled with their numbers. */
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { CategoryAbove } from '../../../components/category-above.js';
import { ChartBox } from '../../../components/chart-box.js';
import { ChartFigure } from '../../../components/states.js';
import { colour, fmtNum, INK } from '../../../lib/format.js';
import type { GapsAnswer } from '../../../lib/types.js';
import { useNarrow } from '../../../lib/use-narrow.js';

export function GapsChart({ answer }: { answer: GapsAnswer }) {
  const narrow = useNarrow();
  const rows = answer.topics.map((t) => ({ label: t.label, demand: t.demand, mature: t.matureResults }));
  const trl = Math.ceil(answer.minMaturity * 9);
  return (
    <ChartFigure
      name="gaps"
      caption="Demand against mature results per topic, largest gaps first"
      howToRead={
        <p>
          <strong>Demand</strong> = open challenges + votes ÷ 5 (a vote weighs a fifth of a challenge).{' '}
          <strong>Mature results</strong> = results about the topic at TRL {trl} or more (a result without a TRL counts
          by its type: demonstrators and prototypes high, software lower, reports lowest). <strong>Gap</strong> = demand
          ÷ (mature results + 1): high where many ask and little mature exists.
        </p>
      }
      table={{
        name: 'gaps-topics',
        columns: ['topic', 'challenges', 'votes', 'demand', 'mature results', 'all results', 'gap'],
        rows: answer.topics.map((t) => [t.label, t.challenges, t.votes, t.demand, t.matureResults, t.results, t.gap]),
      }}
    >
      <ChartBox height={Math.max(220, rows.length * (narrow ? 62 : 46) + 60)}>
        <BarChart
          data={rows}
          layout="vertical"
          barCategoryGap={narrow ? '30%' : '10%'}
          margin={{ top: narrow ? 18 : 8, right: 40, bottom: 4, left: narrow ? 0 : 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          {/* Narrow screens: no room for a 220 px axis; each topic is written above its bars instead. */}
          <YAxis type="category" dataKey="label" width={narrow ? 0 : 220} hide={narrow} interval={0} />
          <Tooltip formatter={(v) => fmtNum(Number(v))} />
          <Legend formatter={(value) => <span style={{ color: INK }}>{value}</span>} />
          <Bar minPointSize={1} dataKey="demand" name="Demand" fill={colour(1)} isAnimationActive={false}>
            <LabelList dataKey="demand" position="right" fill={INK} formatter={(v) => fmtNum(Number(v))} />
            {narrow ? <LabelList dataKey="label" content={CategoryAbove} /> : null}
          </Bar>
          <Bar minPointSize={1} dataKey="mature" name="Mature results" fill={colour(2)} isAnimationActive={false}>
            <LabelList dataKey="mature" position="right" fill={INK} formatter={(v) => fmtNum(Number(v))} />
          </Bar>
        </BarChart>
      </ChartBox>
    </ChartFigure>
  );
}
