/**
 * The cycle's pages (Challenges, Polls, Events) rendered in jsdom against the real API on the
 * demo dataset, served on loopback: what each viewer is shown and offered is what the API
 * answers that viewer. The document's origin is that server's, so the pages' relative URLs
 * reach it; nothing of the dashboard or the API is replaced. The board's arrangement and the
 * links' parsing are checked as plain functions first.
 *
 * jsdom is installed over Node's globals once the server runs (global-jsdom), not as vitest's
 * environment: that one replaces Node's URL, which the server's own start-up needs.
 */
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { challengesFromLink } from '../../dashboard/src/features/challenges/api/use-challenges.js';
import { arrangeBoard } from '../../dashboard/src/features/challenges/components/board.js';
import { ChallengesPage } from '../../dashboard/src/features/challenges/components/challenges-page.js';
import { EventsPage } from '../../dashboard/src/features/events/components/events-page.js';
import { closesAtMs, isOpen, pollsFromLink } from '../../dashboard/src/features/polls/api/use-polls.js';
import { PollsPage } from '../../dashboard/src/features/polls/components/polls-page.js';
import type { ChallengeList, EventList, PollAnswer } from '../../dashboard/src/lib/cycle-types.js';
import { setToken } from '../../dashboard/src/lib/token.js';
import { type ApiFixture, openApi, type TokenName } from '../api/helpers.js';

const item = (
  id: string,
  status: ChallengeList['items'][number]['challenge']['status'],
  score: number,
  extra: { duplicateOf?: string; topics?: string[] } = {},
): ChallengeList['items'][number] => ({
  challenge: {
    kind: 'Challenge',
    id,
    visibility: 'network',
    title: `Need ${id}`,
    status,
    keywords: [],
    ...(extra.duplicateOf === undefined ? {} : { duplicateOf: extra.duplicateOf }),
  },
  votes: { count: score, up: score, down: 0, score },
  topics: extra.topics ?? ['t:a'],
});

describe('the board and the links, as functions', () => {
  it('one column per status, most supported first; a duplicate under its survivor, or in Closed when its survivor is not on the board', () => {
    const list: ChallengeList = {
      items: [
        item('a', 'open', 1),
        item('b', 'open', 5),
        item('c', 'in-progress', 2),
        item('d', 'duplicate', 3, { duplicateOf: 'b' }),
        item('e', 'duplicate', 1, { duplicateOf: 'gone' }),
        item('f', 'addressed', 0, { topics: ['t:b'] }),
        item('g', 'closed', 0),
      ],
    };
    const board = arrangeBoard(list, '');
    expect(board.open.map((c) => c.challenge.id)).toEqual(['b', 'a']);
    expect(board.open[0]?.duplicates.map((d) => d.challenge.id)).toEqual(['d']);
    expect(board['in-progress'].map((c) => c.challenge.id)).toEqual(['c']);
    expect(board.addressed.map((c) => c.challenge.id)).toEqual(['f']);
    expect(board.closed.map((c) => c.challenge.id)).toEqual(['e', 'g']);
    // The topic filter keeps the challenges about it, duplicates included.
    const byTopic = arrangeBoard(list, 't:b');
    expect(Object.values(byTopic).flatMap((cards) => cards.map((c) => c.challenge.id))).toEqual(['f']);
  });

  it('links: malformed filters fall back to the defaults; a poll closes at the end of its day (UTC)', () => {
    expect(challengesFromLink(new URLSearchParams('country=be&topic=t:x&open=demo:challenge:1'))).toEqual({
      country: 'BE',
      topic: 't:x',
      open: 'demo:challenge:1',
    });
    expect(challengesFromLink(new URLSearchParams('country=Belgium'))).toEqual({ country: '', topic: '', open: '' });
    expect(pollsFromLink(new URLSearchParams('show=closed'))).toEqual({ show: 'closed' });
    expect(pollsFromLink(new URLSearchParams('show=everything'))).toEqual({ show: 'all' });
    expect(closesAtMs('2026-03-01')).toBe(Date.parse('2026-03-01T23:59:59.999Z'));
    const poll: PollAnswer = { id: 'p', question: 'q', options: [], votes: 0, closesAt: '2026-03-01' };
    expect(isOpen(poll, Date.parse('2026-03-01T23:00:00Z'))).toBe(true);
    expect(isOpen(poll, Date.parse('2026-03-02T00:00:00Z'))).toBe(false);
    expect(isOpen({ ...poll, closesAt: undefined } as PollAnswer, Date.now())).toBe(true);
  });
});

describe('the pages in jsdom, against the API on loopback', () => {
  let f: ApiFixture;
  let base: string;
  let dom: () => void;
  let rtl: typeof import('@testing-library/react');
  const nodeFetch = globalThis.fetch;

  beforeAll(async () => {
    f = await openApi();
    await f.app.listen({ host: '127.0.0.1', port: 0 });
    const address = f.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('the API has no port');
    base = `http://127.0.0.1:${address.port}`;
    const { default: globalJsdom } = await import('global-jsdom');
    dom = globalJsdom('<!doctype html><html><body></body></html>', { url: `${base}/`, pretendToBeVisual: true });
    // Node's fetch has no document to resolve "/api/…" against; the document's origin is the server.
    globalThis.fetch = (input, init) => nodeFetch(new URL(String(input), window.location.href), init);
    // jsdom lays nothing out: no media queries (a wide screen, then), no resize events (charts
    // draw at their initial size).
    window.matchMedia = (query: string) =>
      ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList;
    globalThis.ResizeObserver ??= class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    };
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    rtl = await import('@testing-library/react');
    // Two shared cores and pages that load several answers: a second is too short a wait here.
    rtl.configure({ asyncUtilTimeout: 5_000 });
  });
  afterEach(() => rtl?.cleanup());
  afterAll(async () => {
    globalThis.fetch = nodeFetch;
    // React's scheduler may still hold a task from the last page (an answer that came in after
    // cleanup); let it run while the window exists, or it throws "window is not defined" later.
    rtl?.cleanup();
    await new Promise((r) => setTimeout(r, 100));
    dom?.();
    await f?.close();
  });

  async function api<T>(who: TokenName, path: string): Promise<T> {
    const res = await f.as(who, { method: 'GET', url: path });
    expect(res.statusCode, path).toBe(200);
    return res.json() as T;
  }

  function show(who: TokenName, hash: string, page: () => ReturnType<typeof createElement>) {
    setToken(f.tokens[who]);
    window.location.hash = hash;
    return rtl.render(page());
  }

  it('Challenges: the board’s columns count what the API lists for the viewer; the detail offers the API’s moves only', async () => {
    const listed = await api<ChallengeList>('inc', '/api/challenges?country=BE&limit=200');
    show('inc', '#/challenges?country=BE', () => createElement(ChallengesPage));
    const open = await rtl.screen.findByRole('heading', { level: 2, name: /^Open \(/u });
    const count = (status: string) => listed.items.filter((i) => i.challenge.status === status).length;
    const duplicatesOnBoard = listed.items.filter((i) => i.challenge.status === 'duplicate').length;
    expect(open.textContent).toBe(`Open (${count('open')})`);
    expect(rtl.screen.getByRole('heading', { level: 2, name: /^Under analysis/u }).textContent).toBe(
      `Under analysis (${count('in-progress')})`,
    );
    expect(rtl.screen.getByRole('heading', { level: 2, name: /^Addressed/u }).textContent).toBe(
      `Addressed (${count('addressed')})`,
    );
    // Closed holds the duplicates whose survivor is not listed; none of the demo's here.
    expect(duplicatesOnBoard).toBe(0);
    const first = listed.items.find((i) => i.challenge.status === 'open');
    if (first === undefined) throw new Error('no open challenge in BE');
    const link = rtl.screen.getByRole('link', { name: first.challenge.title });
    expect(link.getAttribute('href')).toBe(`#/challenges?country=BE&open=${encodeURIComponent(first.challenge.id)}`);
    // Following the card's link, as a click does (jsdom does not navigate on its own).
    rtl.act(() => {
      window.location.hash = link.getAttribute('href') ?? '';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    const detail = await rtl.screen.findByRole('region', { name: 'Challenge' });
    const view = await api<{ moves: string[] }>('inc', `/api/challenges/${encodeURIComponent(first.challenge.id)}`);
    const form = await rtl.within(detail).findByRole('form', { name: 'Move this challenge' });
    const labels = {
      'in-progress': 'Under analysis',
      addressed: 'Addressed',
      closed: 'Closed',
      duplicate: 'Duplicate',
      open: 'Open',
    };
    expect(
      rtl
        .within(form)
        .getAllByRole('radio')
        .map((r) => r.closest('label')?.textContent?.trim()),
    ).toEqual(view.moves.map((m) => labels[m as keyof typeof labels]));
    expect(rtl.within(detail).getByRole('button', { name: 'Vote for' })).toBeTruthy();
  });

  it('Challenges for a policy reader: the same detail, with no vote, move or comment form', async () => {
    show('policy', '#/challenges?open=demo%3Achallenge%3Aprison-drone-drops', () => createElement(ChallengesPage));
    const detail = await rtl.screen.findByRole('region', { name: 'Challenge' });
    await rtl.within(detail).findByRole('heading', { level: 2 });
    await rtl.within(detail).findByRole('region', { name: 'Discussion' });
    expect(rtl.within(detail).queryByRole('button', { name: 'Vote for' })).toBeNull();
    expect(rtl.within(detail).queryByRole('form', { name: 'Move this challenge' })).toBeNull();
    expect(rtl.within(detail).queryByLabelText('Add a comment')).toBeNull();
  });

  it('Polls: every poll the API answers, a chart each; the new-poll form for the INC only; closed polls take no vote', async () => {
    const polls = await api<PollAnswer[]>('inc', '/api/polls');
    const now = Date.now();
    show('inc', '#/polls', () => createElement(PollsPage));
    await rtl.waitFor(() => expect(document.querySelectorAll('[data-poll]').length).toBe(polls.length));
    expect(rtl.screen.getByText('New poll')).toBeTruthy();
    for (const p of polls) {
      const card = document.querySelector(`[data-poll="${p.id}"]`) as HTMLElement;
      expect(card.querySelector('figure.chart')).not.toBeNull();
      const rows = [...card.querySelectorAll('table.poll-table tbody tr')].map((r) => [
        r.querySelector('th')?.textContent,
        Number(r.querySelector('td')?.textContent),
      ]);
      expect(rows).toEqual(p.options.map((o) => [o.option, o.votes]));
      expect(rtl.within(card).queryByRole('button', { name: 'Vote' }) === null).toBe(!isOpen(p, now));
    }
    rtl.cleanup();
    show('officer', '#/polls', () => createElement(PollsPage));
    await rtl.waitFor(() => expect(document.querySelectorAll('[data-poll]').length).toBe(polls.length));
    expect(rtl.screen.queryByText('New poll')).toBeNull();
  });

  it('Events: upcoming and past as the API sorts them, an agenda link each', async () => {
    const events = await api<EventList>('officer', '/api/events');
    show('officer', '#/events', () => createElement(EventsPage));
    await rtl.screen.findByRole('heading', { level: 2, name: 'Past' });
    const ids = (which: string) =>
      [...document.querySelectorAll(`[data-events="${which}"] [data-event]`)].map((e) => e.getAttribute('data-event'));
    expect(ids('past')).toEqual(events.past.map((e) => e.event.id));
    expect(ids('upcoming')).toEqual(events.upcoming.map((e) => e.event.id));
    expect(rtl.screen.getAllByRole('link', { name: 'Agenda proposal' }).length).toBe(
      events.past.length + events.upcoming.length,
    );
  });

  it('an API that cannot be reached: the page says so, with "Try again"', async () => {
    const reachable = globalThis.fetch;
    // A port nothing listens on: the request fails as it does when the server is down.
    globalThis.fetch = (input, init) => nodeFetch(new URL(String(input), 'http://127.0.0.1:9'), init);
    try {
      show('officer', '#/challenges', () => createElement(ChallengesPage));
      const alert = await rtl.screen.findByRole('alert');
      expect(alert.textContent).toMatch(/Could not load this\. the server cannot be reached/u);
      expect(rtl.within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    } finally {
      globalThis.fetch = reachable;
    }
  });
});
