/**
 * Challenges: the network's needs on a board by status (open, under analysis, addressed,
 * closed; duplicates under the challenge they were merged into), filtered by country and topic.
 * A card opens the challenge's detail (its link carries it): history, discussion, votes, and the
 * status moves the viewer may make. Those who may write raise new ones here.
 */
import { CopyLink } from '../../../components/copy-link.js';
import { SelectField } from '../../../components/select-field.js';
import { Empty, Figures } from '../../../components/states.js';
import { countryName } from '../../../lib/country.js';
import { type ChallengeList, STATUS_LABEL } from '../../../lib/cycle-types.js';
import { fmtInt } from '../../../lib/format.js';
import { linkFor, useLinkState, usePageTitle } from '../../../lib/link-state.js';
import { useFacets } from '../../../lib/use-facets.js';
import { canWrite, useMe, withMe } from '../../../lib/use-me.js';
import {
  type ChallengesFilters,
  challengesFromLink,
  DEFAULT_CHALLENGES,
  useChallengeList,
} from '../api/use-challenges.js';
import { arrangeBoard, type Card, COLUMNS } from './board.js';
import { ChallengeDetail } from './challenge-detail.js';
import { RaiseForm } from './raise-form.js';

export function ChallengesPage() {
  const [filters, set] = useLinkState<ChallengesFilters>('challenges', challengesFromLink, DEFAULT_CHALLENGES);
  const list = useChallengeList(filters.country);
  const facets = useFacets();
  const me = useMe();
  const countries = facets.status === 'ready' ? facets.data.countries : [];
  const topics = facets.status === 'ready' ? facets.data.topics : [];
  const topicLabel = (id: string) => topics.find((t) => t.id === id)?.label ?? id;
  usePageTitle('Challenges', [
    filters.country === '' ? undefined : countryName(filters.country),
    filters.topic === '' ? undefined : topicLabel(filters.topic),
  ]);
  const cardLink = (id: string) => linkFor('challenges', { ...filters, open: id }, DEFAULT_CHALLENGES);
  return (
    <section aria-labelledby="challenges-title">
      <h1 id="challenges-title">Challenges</h1>
      <p className="lede">What the network needs, where each need stands, and who discusses it.</p>
      <form className="filters" aria-label="Challenge filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="challenges-country"
          label="Country"
          value={filters.country}
          options={[
            { value: '', label: 'All countries' },
            ...countries.map((c) => ({ value: c.code, label: c.label })),
          ]}
          onChange={(v) => set({ country: v })}
        />
        <SelectField
          id="challenges-topic"
          label="Topic"
          value={filters.topic}
          options={[{ value: '', label: 'All topics' }, ...topics.map((t) => ({ value: t.id, label: t.label }))]}
          onChange={(v) => set({ topic: v })}
        />
        <CopyLink />
      </form>
      {canWrite(me.status === 'ready' ? me.data : undefined) ? (
        <RaiseForm
          facets={facets.status === 'ready' ? facets.data : undefined}
          openLink={cardLink}
          onRaised={(id) => {
            list.reload();
            set({ open: id });
          }}
        />
      ) : null}
      {filters.open === '' ? null : (
        <ChallengeDetail
          key={filters.open}
          id={filters.open}
          me={me.status === 'ready' ? me.data : undefined}
          topicLabel={topicLabel}
          onChanged={list.reload}
          closeLink={linkFor('challenges', { ...filters, open: '' }, DEFAULT_CHALLENGES)}
        />
      )}
      <Figures state={withMe(list, me)} what="challenges">
        {(data) => <Board list={data} topic={filters.topic} cardLink={cardLink} open={filters.open} />}
      </Figures>
    </section>
  );
}

function Board({
  list,
  topic,
  cardLink,
  open,
}: {
  list: ChallengeList;
  topic: string;
  cardLink: (id: string) => string;
  open: string;
}) {
  const board = arrangeBoard(list, topic);
  if (COLUMNS.every((c) => board[c].length === 0)) return <Empty>No challenge in these filters.</Empty>;
  return (
    <div className="board" data-board="challenges">
      {COLUMNS.map((column) => (
        <section key={column} className="board-column" data-column={column} aria-labelledby={`column-${column}`}>
          <h2 id={`column-${column}`}>
            {STATUS_LABEL[column]} <span className="count">({fmtInt(board[column].length)})</span>
          </h2>
          {board[column].length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="cards">
              {board[column].map((card) => (
                <li key={card.challenge.id}>
                  <ChallengeCard card={card} cardLink={cardLink} open={open} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

function ChallengeCard({ card, cardLink, open }: { card: Card; cardLink: (id: string) => string; open: string }) {
  const { challenge, votes } = card;
  return (
    <article className="card challenge-card" data-challenge={challenge.id}>
      <h3>
        <a href={cardLink(challenge.id)} aria-current={open === challenge.id ? 'true' : undefined}>
          {challenge.title}
        </a>
      </h3>
      <p className="muted">
        {countryName(challenge.country)} · <span data-votes={votes.score}>{fmtInt(votes.up)} for</span>,{' '}
        {fmtInt(votes.down)} against
        {challenge.status === 'duplicate' ? ' · duplicate' : ''}
      </p>
      {card.duplicates.length === 0 ? null : (
        <details className="duplicates">
          <summary>
            {fmtInt(card.duplicates.length)} duplicate{card.duplicates.length === 1 ? '' : 's'} merged here
          </summary>
          <ul>
            {card.duplicates.map((d) => (
              <li key={d.challenge.id} data-challenge={d.challenge.id}>
                <a href={cardLink(d.challenge.id)}>{d.challenge.title}</a>
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
