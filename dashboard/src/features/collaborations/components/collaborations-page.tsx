/** Country / INC: suggested cross-border collaborations, with the scores and the reasons behind each. */
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { CategoryAbove } from '../../../components/category-above.js';
import { ChartBox } from '../../../components/chart-box.js';
import { CopyLink } from '../../../components/copy-link.js';
import { SelectField } from '../../../components/select-field.js';
import { ChartFigure, Empty, ErrorNote, Figures } from '../../../components/states.js';
import { countryName } from '../../../lib/country.js';
import { colour, fmtScore, INK } from '../../../lib/format.js';
import { useLinkState, usePageTitle } from '../../../lib/link-state.js';
import type { OrgRef, SuggestAnswer } from '../../../lib/types.js';
import { useFacets } from '../../../lib/use-facets.js';
import { useNarrow } from '../../../lib/use-narrow.js';
import { type Target, useSuggestions } from '../api/use-suggestions.js';

const org = (o: OrgRef) => `${o.name}${o.country === undefined ? '' : ` (${countryName(o.country)})`}`;

/** The choice lives in the link: `#/collaborations?for=country:BE` or `?for=inc:<id>`. */
const fromLink = (p: URLSearchParams): { readonly for: string } => {
  const v = p.get('for') ?? '';
  return { for: /^(country:[A-Z]{2}|inc:.+)$/u.test(v) ? v : '' };
};
const NO_CHOICE = { for: '' } as const;

export function CollaborationsPage() {
  const facets = useFacets();
  const [link, set] = useLinkState<{ readonly for: string }>('collaborations', fromLink, NO_CHOICE);
  const choice = link.for;
  const countries = facets.status === 'ready' ? facets.data.countries : [];
  const incs = facets.status === 'ready' ? facets.data.incs : [];
  const first = countries[0]?.code;
  const value = choice !== '' ? choice : first === undefined ? '' : `country:${first}`;
  const target: Target | null = value.startsWith('country:')
    ? { country: value.slice('country:'.length) }
    : value.startsWith('inc:')
      ? { inc: value.slice('inc:'.length) }
      : null;
  const answer = useSuggestions(target);
  const incLabel = 'inc' in (target ?? {}) ? incs.find((i) => `inc:${i.id}` === value)?.label : undefined;
  usePageTitle('Collaborations', [
    target === null ? undefined : 'country' in target ? countryName(target.country) : `INC ${incLabel ?? target.inc}`,
  ]);
  return (
    <section aria-labelledby="collab-title">
      <h1 id="collab-title">Collaborations</h1>
      <p className="lede">
        Partners across borders for a country’s or a national contact point’s organisations: who works near them,
        answers their needs, or shares their topics, and is not yet working with them.
      </p>
      <form className="filters" aria-label="Choose a country or INC" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="collab-for"
          label="Suggestions for"
          value={value}
          options={[
            ...incs.map((i) => ({ value: `inc:${i.id}`, label: `INC: ${i.label}` })),
            ...countries.map((c) => ({ value: `country:${c.code}`, label: `Country: ${c.label}` })),
          ]}
          onChange={(v) => set({ for: v })}
        />
        <CopyLink />
      </form>
      {facets.status === 'error' ? <ErrorNote error={facets.error} onRetry={facets.reload} /> : null}
      <Figures state={answer} what="suggestions">
        {(data) => <SuggestionsView answer={data} />}
      </Figures>
    </section>
  );
}

function SuggestionsView({ answer }: { answer: SuggestAnswer }) {
  const narrow = useNarrow();
  if (answer.suggestions.length === 0) return <Empty>{answer.empty ?? 'No suggestion for this choice.'}</Empty>;
  const rows = answer.suggestions.map((s) => ({ pair: `${s.rank}. ${s.to.name}`, score: s.scores.score }));
  return (
    <>
      <p className="muted">
        For {answer.origins.length} organisation{answer.origins.length === 1 ? '' : 's'}:{' '}
        {answer.origins.map(org).join(', ')}
      </p>
      <ChartFigure
        name="suggestions"
        caption="Suggested partners by score"
        howToRead={
          <p>
            The score (0–1) blends three parts shown on each card: network proximity (partners of partners, common
            neighbours), complementarity (their results answer your needs, or the reverse) and shared topics. Only pairs
            across a border that do not yet share a project are suggested.
          </p>
        }
        table={{
          name: 'suggestions',
          columns: [
            'rank',
            'from',
            'to',
            'to country',
            'score',
            'network proximity',
            'complementarity',
            'shared topics',
          ],
          rows: answer.suggestions.map((s) => [
            s.rank,
            s.from.name,
            s.to.name,
            s.to.country ?? '',
            s.scores.score,
            s.scores.link,
            s.scores.complementarity,
            s.scores.topical,
          ]),
        }}
      >
        <ChartBox height={rows.length * (narrow ? 52 : 36) + 50}>
          <BarChart
            data={rows}
            layout="vertical"
            barCategoryGap={narrow ? '35%' : '10%'}
            margin={{ top: narrow ? 18 : 4, right: 48, bottom: 4, left: narrow ? 0 : 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 1]} />
            {/* Narrow screens: each partner's name goes above its bar instead of a 260 px axis. */}
            <YAxis type="category" dataKey="pair" width={narrow ? 0 : 260} hide={narrow} interval={0} />
            <Tooltip formatter={(v) => fmtScore(Number(v))} />
            <Bar minPointSize={1} dataKey="score" name="Score" fill={colour(0)} isAnimationActive={false}>
              <LabelList dataKey="score" position="right" fill={INK} formatter={(v) => fmtScore(Number(v))} />
              {narrow ? <LabelList dataKey="pair" content={CategoryAbove} /> : null}
            </Bar>
          </BarChart>
        </ChartBox>
      </ChartFigure>
      <p className="muted" data-topical-floor={answer.topicalFloor.basis}>
        A work counts as answering a need when {answer.topicalFloor.how.replace(/^a work answers a need when /u, '')}
        {Object.keys(answer.topicalFloor.floors).length === 0
          ? '.'
          : ` (floors: ${Object.entries(answer.topicalFloor.floors)
              .map(([k, v]) => `${k.toLowerCase()} ${fmtScore(v)}`)
              .join(', ')}).`}{' '}
        Without such a work, a suggestion rests on network proximity and says so.
      </p>
      <ol className="cards suggestions">
        {answer.suggestions.map((s) => (
          <li key={`${s.from.id}-${s.to.id}`} className="card" data-suggestion={s.to.id}>
            <h2 className="pair">
              <span>{org(s.from)}</span> <span aria-hidden="true">⇄</span>
              <span className="visually-hidden"> with </span> <span>{org(s.to)}</span>
              <span className="score">{fmtScore(s.scores.score)}</span>
            </h2>
            <p className="why">{s.why}</p>
            <dl className="scores">
              <dt>Network proximity</dt>
              <dd>{fmtScore(s.scores.link)}</dd>
              <dt>Complementarity</dt>
              <dd>{fmtScore(s.scores.complementarity)}</dd>
              <dt>Shared topics</dt>
              <dd>{fmtScore(s.scores.topical)}</dd>
            </dl>
            {s.complements.length === 0 ? null : (
              <ul className="complements">
                {s.complements.map((c) => (
                  <li key={`${c.need.id}-${c.answer.id}`}>
                    “{c.need.title}” ({c.need.side === 'from' ? org(s.from) : org(s.to)}) ←{' '}
                    {c.answer.kind.toLowerCase()} “{c.answer.title}” <code>{c.answer.id}</code>,{' '}
                    {c.basis === 'addresses'
                      ? 'stored as addressing it'
                      : c.basis === 'topic'
                        ? 'same topic'
                        : `similarity ${fmtScore(c.similarity ?? 0)} over the ${fmtScore(c.floor ?? 0)} floor`}
                  </li>
                ))}
              </ul>
            )}
            {s.sharedTopics.length === 0 && s.via.length === 0 ? null : (
              <p className="muted">
                {s.sharedTopics.length === 0 ? '' : `Topics: ${s.sharedTopics.map((t) => t.label).join(', ')}. `}
                {s.via.length === 0 ? '' : `Both work with ${s.via.map((v) => v.name).join(', ')}.`}
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
