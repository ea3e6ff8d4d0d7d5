/** Search: who has solved a need, ranked, each answer with the graph path that explains it. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { CopyLink } from '../../../components/copy-link.js';
import { DownloadCsv } from '../../../components/download-csv.js';
import { SelectField } from '../../../components/select-field.js';
import { Empty, ErrorNote, Loading } from '../../../components/states.js';
import { countryName } from '../../../lib/country.js';
import { fmtScore } from '../../../lib/format.js';
import { hashParams } from '../../../lib/hash-route.js';
import { hitFacts, restrictedLine } from '../../../lib/hit-facts.js';
import { useLinkState, usePageTitle } from '../../../lib/link-state.js';
import type { Answer, Hit, RestrictedHit } from '../../../lib/types.js';
import { useFacets } from '../../../lib/use-facets.js';
import { canIntroduce, useMe } from '../../../lib/use-me.js';
import { useContact } from '../api/use-contact.js';
import { type Search, useWhoSolved } from '../api/use-who-solved.js';
import { ExplanationPath } from './explanation-path.js';
import { IntroduceForm } from './introduce-form.js';

const SECTIONS: readonly { title: string; kinds: readonly string[] }[] = [
  { title: 'Experts', kinds: ['Person'] },
  { title: 'Organisations', kinds: ['Organisation'] },
  { title: 'Results, projects and documents', kinds: ['Result', 'Project', 'Document'] },
  { title: 'Events', kinds: ['Event'] },
];
const ORG_KINDS = ['lea', 'academia', 'research', 'industry', 'public', 'ngo', 'other'];

const NO_SEARCH: Search = { text: '', country: '', orgKind: '', minTrl: '' };

/** The asked search lives in the link (`#/search?text=drones&minTrl=7`), so an answer can be shared. */
function searchFromLink(p: URLSearchParams): Search {
  const country = (p.get('country') ?? '').toUpperCase();
  const orgKind = p.get('orgKind') ?? '';
  const minTrl = p.get('minTrl') ?? '';
  return {
    text: (p.get('text') ?? '').trim().slice(0, 500),
    country: /^[A-Z]{2}$/u.test(country) ? country : '',
    orgKind: ORG_KINDS.includes(orgKind) ? orgKind : '',
    minTrl: /^[1-9]$/u.test(minTrl) ? minTrl : '',
  };
}

export function SearchPage() {
  // A chat bot's link (`#/search?text=…&focus=<id>`, bots/plugins/answer-reply.ts) opens at the hit it named.
  const [focus] = useState(() => hashParams().get('focus') ?? undefined);
  const [link, setLink] = useLinkState<Search>('search', searchFromLink, NO_SEARCH);
  const [draft, setDraft] = useState<Search>(link);
  const asked = link.text === '' ? null : link;
  const setAsked = (s: Search) => setLink(s);
  usePageTitle('Who solved it?', [
    asked === null ? undefined : `“${asked.text}”`,
    asked === null || asked.country === '' ? undefined : countryName(asked.country),
    asked === null || asked.orgKind === '' ? undefined : asked.orgKind,
    asked === null || asked.minTrl === '' ? undefined : `from TRL ${asked.minTrl}`,
  ]);
  const [problem, setProblem] = useState<string | undefined>();
  const answer = useWhoSolved(asked);
  const facets = useFacets();
  const me = useMe();
  const introduce = canIntroduce(me.status === 'ready' ? me.data : undefined);
  const countries = facets.status === 'ready' ? facets.data.countries : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.text.trim() === '') {
      setProblem('Say what needs solving, e.g. “drone detection at prisons”.');
      return;
    }
    setProblem(undefined);
    setAsked({ ...draft, text: draft.text.trim() });
  };
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Who has solved it?</h1>
      <p className="lede">
        Experts, organisations and mature results for a need, each with the evidence that links them.
      </p>
      <search>
        <form className="search" onSubmit={submit}>
          <div className="field grow">
            <label htmlFor="search-text">Need</label>
            <input
              id="search-text"
              type="search"
              value={draft.text}
              placeholder="drone detection at prisons"
              onChange={(e) => setDraft((d) => ({ ...d, text: e.target.value }))}
              aria-describedby={problem === undefined ? undefined : 'search-problem'}
            />
          </div>
          <SelectField
            id="search-country"
            label="Country"
            value={draft.country}
            options={[{ value: '', label: 'Any' }, ...countries.map((c) => ({ value: c.code, label: c.label }))]}
            onChange={(v) => setDraft((d) => ({ ...d, country: v }))}
          />
          <SelectField
            id="search-kind"
            label="Organisation kind"
            value={draft.orgKind}
            options={[{ value: '', label: 'Any' }, ...ORG_KINDS.map((k) => ({ value: k, label: k }))]}
            onChange={(v) => setDraft((d) => ({ ...d, orgKind: v }))}
          />
          <SelectField
            id="search-trl"
            label="Results from TRL"
            value={draft.minTrl}
            options={[
              { value: '', label: 'Any' },
              ...[3, 4, 5, 6, 7, 8, 9].map((t) => ({ value: String(t), label: String(t) })),
            ]}
            onChange={(v) => setDraft((d) => ({ ...d, minTrl: v }))}
          />
          <button type="submit">Search</button>
          <CopyLink />
        </form>
      </search>
      {problem === undefined ? null : (
        <p id="search-problem" className="state state-error" role="alert">
          {problem}
        </p>
      )}
      {answer.status === 'idle' ? <p className="muted">Results appear here.</p> : null}
      {answer.status === 'loading' ? <Loading what="answers" /> : null}
      {answer.status === 'error' ? <ErrorNote error={answer.error} onRetry={answer.reload} /> : null}
      {answer.status === 'ready' ? <Results answer={answer.data} focus={focus} introduce={introduce} /> : null}
    </section>
  );
}

/** Kinds of hit that can be introduced: people, and organisations through their members. */
const INTRODUCIBLE = new Set(['Person', 'Organisation']);

function Results({
  answer,
  focus,
  introduce,
}: {
  answer: Answer & { model: string | null };
  focus: string | undefined;
  /** Whether the viewer is offered "Introduce me" (a vetted member with a person). */
  introduce: boolean;
}) {
  if (answer.hits.length === 0) return <Empty>{answer.empty ?? 'No answer.'}</Empty>;
  return (
    <div className="results" aria-live="polite">
      <p className="muted" data-results-for={answer.query}>
        {answer.hits.length} answers for “{answer.query}” ·{' '}
        {answer.mode === 'lexical'
          ? 'matched on words'
          : `matched on words and meaning (${answer.model ?? answer.mode})`}{' '}
        · {answer.stats.ms} ms
      </p>
      <p className="muted how-to-read">
        The score (0–1) ranks answers by how well their text matches the need and by the graph's evidence (results
        produced, maturity, recency). Each path shows how the answer links to that evidence; scroll it sideways when it
        is wider than the card.{' '}
        <DownloadCsv
          table={{
            name: 'who-solved',
            columns: ['rank', 'kind', 'name', 'country', 'TRL', 'score', 'why'],
            rows: answer.hits.map((h, i) => [
              i + 1,
              h.kind,
              h.label,
              h.country ?? '',
              h.trl ?? '',
              h.scores.final,
              h.why,
            ]),
          }}
        />
      </p>
      {SECTIONS.map((s) => {
        const hits = answer.hits.filter((h) => s.kinds.includes(h.kind));
        if (hits.length === 0) return null;
        return (
          <section key={s.title} aria-label={s.title}>
            <h2>{s.title}</h2>
            <ol className="hits">
              {hits.map((h) => (
                <HitCard
                  key={h.id}
                  hit={h}
                  focused={h.id === focus}
                  question={introduce && INTRODUCIBLE.has(h.kind) ? answer.query : undefined}
                />
              ))}
            </ol>
          </section>
        );
      })}
      <RestrictedMatches restricted={answer.restricted} question={introduce ? answer.query : undefined} />
    </div>
  );
}

/**
 * Hit/no-hit: restricted work that matches, told by nothing but its kind and its owner's
 * organisation kind and country (the API sends no more). The reference is the reader's own and
 * is what an introduction request names.
 */
function RestrictedMatches({
  restricted,
  question,
}: {
  restricted: readonly RestrictedHit[] | undefined;
  /** The search asked, when the viewer may request access; undefined for guests. */
  question: string | undefined;
}) {
  if (restricted === undefined || restricted.length === 0) return null;
  return (
    <section aria-label="Restricted work that matches">
      <h2>Restricted work that matches</h2>
      <p className="muted">Its owners keep it restricted. Ask for an introduction to learn more.</p>
      <ul className="restricted-hits">
        {restricted.map((r) => (
          <li key={r.handle} data-restricted={r.handle}>
            {restrictedLine(r, { country: countryName })} <code className="muted">{r.handle}</code>
            {question === undefined ? null : (
              <IntroduceForm
                target={r.handle}
                label={`the owner of ${r.handle}`}
                question={question}
                action="Request access"
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** How to reach an expert, when they set a route you may see (vetted members only; guests get a 404 and see nothing). */
function ContactLine({ personId }: { personId: string }) {
  const contact = useContact(personId);
  if (contact.status !== 'ready') return null;
  const c = contact.data;
  const how =
    c.route === 'chat'
      ? `on ${c.platform ?? 'chat'}: ${c.handle ?? ''}`
      : c.inc === undefined
        ? 'through their INC'
        : `through their INC, ${c.inc.name}`;
  return <p className="contact">Contact {how}</p>;
}

/** `question`: the search asked, when the hit may be introduced to this viewer. */
function HitCard({ hit, focused, question }: { hit: Hit; focused: boolean; question: string | undefined }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'center' });
  }, [focused]);
  const facts = hitFacts(hit, { country: countryName });
  const snippet = hit.snippets.find((s) => s.matched.length > 0) ?? hit.snippets[0];
  return (
    <li className="hit" data-hit={hit.id} ref={ref} aria-current={focused ? 'true' : undefined}>
      <h3>
        <span className="hit-label">{hit.label}</span>
        {facts.length === 0 ? null : <span className="muted"> · {facts.join(', ')}</span>}
        <span className="score" title="final score">
          {fmtScore(hit.scores.final)}
        </span>
      </h3>
      <p className="why">{hit.why}</p>
      {hit.kind === 'Person' ? <ContactLine personId={hit.id} /> : null}
      {question === undefined ? null : (
        <IntroduceForm target={hit.id} label={hit.label} question={question} action="Introduce me" />
      )}
      {hit.path.nodes.length > 1 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a path wider than the card scrolls; the keyboard must reach it.
        <section className="path-wrap" tabIndex={0} aria-label={`Explanation path for ${hit.label}`}>
          <ExplanationPath path={hit.path} />
        </section>
      ) : null}
      {snippet === undefined ? null : (
        <blockquote className="snippet">
          <Highlighted text={snippet.text} words={snippet.matched} />
        </blockquote>
      )}
    </li>
  );
}

function Highlighted({ text, words }: { text: string; words: readonly string[] }) {
  if (words.length === 0) return <>{text}</>;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
  const parts = text.split(new RegExp(`(${escaped.join('|')})`, 'giu'));
  return (
    <>
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string, never reordered.
        words.some((w) => w.toLowerCase() === p.toLowerCase()) ? <mark key={i}>{p}</mark> : <span key={i}>{p}</span>,
      )}
    </>
  );
}
