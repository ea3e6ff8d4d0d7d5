/** Demand against mature results per topic: two bars each, labelled with their numbers. */
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox } from '../../../components/chart-box.js';
import { ChartFigure } from '../../../components/states.js';
import { colour, fmtNum } from '../../../lib/format.js';
import type { GapsAnswer } from '../../../lib/types.js';

export function GapsChart({ answer }: { answer: GapsAnswer }) {
  const rows = answer.topics.map((t) => ({ label: t.label, demand: t.demand, mature: t.matureResults }));
  return (
    <ChartFigure
      name="gaps"
      caption="Demand (challenges, plus votes at a fifth each) against mature results, largest gaps first"
    >
      <ChartBox height={Math.max(220, rows.length * 46 + 60)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 40, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={220} interval={0} />
          <Tooltip formatter={(v) => fmtNum(Number(v))} />
          <Legend />
          <Bar minPointSize={1} dataKey="demand" name="Demand" fill={colour(5)} isAnimationActive={false}>
            <LabelList dataKey="demand" position="right" formatter={(v) => fmtNum(Number(v))} />
          </Bar>
          <Bar minPointSize={1} dataKey="mature" name="Mature results" fill={colour(2)} isAnimationActive={false}>
            <LabelList dataKey="mature" position="right" formatter={(v) => fmtNum(Number(v))} />
          </Bar>
        </BarChart>
      </ChartBox>
    </ChartFigure>
  );
}
