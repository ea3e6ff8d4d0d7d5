/** A survey's results: one bar chart per choice or scale question, the free text as the API gives it. */
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox } from '../../../components/chart-box.js';
import { ChartFigure, Empty } from '../../../components/states.js';
import { colour, fmtInt, fmtNum, INK } from '../../../lib/format.js';
import type { QuestionResult, SurveyResults } from '../../../lib/types.js';
import { chartRows } from './answer-form-values.js';

export function SurveyResultsView({ results }: { results: SurveyResults }) {
  if (results.respondents === 0) return <Empty>No answers yet.</Empty>;
  return (
    <div className="survey-results">
      <p>
        {fmtInt(results.respondents)} {results.respondents === 1 ? 'person has' : 'people have'} answered.
      </p>
      {results.questions.map((q) => (
        <QuestionView key={q.question} q={q} />
      ))}
    </div>
  );
}

function QuestionView({ q }: { q: QuestionResult }) {
  if (q.type === 'text') {
    return (
      <section aria-label={q.prompt}>
        <h3>{q.prompt}</h3>
        <p className="muted">
          {fmtInt(q.answered)} answered in words.
          {q.allTexts
            ? ''
            : ' Only your own answer is shown: free text is for administrators, the survey’s creator and INCs.'}
        </p>
        {q.texts.length === 0 ? null : (
          <ul>
            {q.texts.map((t) => (
              <li key={t.answer}>{t.text}</li>
            ))}
          </ul>
        )}
      </section>
    );
  }
  const rows = chartRows(q);
  return (
    <ChartFigure
      name={`survey-${q.question}`}
      caption={`${q.prompt} (${fmtInt(q.answered)} answered${q.type === 'scale' && q.mean !== null ? `, mean ${fmtNum(q.mean)}` : ''})`}
      table={{ name: `survey-${q.question}`, columns: ['answer', 'count'], rows: rows.map((r) => [r.label, r.count]) }}
    >
      <ChartBox height={Math.max(160, rows.length * 36 + 40)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={180} interval={0} />
          <Tooltip formatter={(v) => fmtInt(Number(v))} />
          <Bar minPointSize={1} dataKey="count" name="Answers" fill={colour(1)} isAnimationActive={false}>
            <LabelList dataKey="count" position="right" fill={INK} />
          </Bar>
        </BarChart>
      </ChartBox>
    </ChartFigure>
  );
}
