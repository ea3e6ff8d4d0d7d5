/**
 * The Inbox page, "Introduce me" on the search page and the Challenges page's raise form,
 * rendered in jsdom against the real API on the demo dataset served on loopback (set up as
 * cycle-pages.dom.test.ts explains): what each page shows is what the API answers that viewer,
 * what each form sends is what the API then holds, and the API's refusals show in its words.
 */
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChallengesPage } from '../../dashboard/src/features/challenges/components/challenges-page.js';
import { InboxPage } from '../../dashboard/src/features/inbox/components/inbox-page.js';
import { SearchPage } from '../../dashboard/src/features/search/components/search-page.js';
import type { ChallengePreview, InboxPage as Inbox, IntroductionView } from '../../dashboard/src/lib/notify-types.js';
import { setToken } from '../../dashboard/src/lib/token.js';
import type { Facets } from '../../dashboard/src/lib/types.js';
import { type ApiFixture, openApi, type TokenName } from '../api/helpers.js';

/** A Belgian investigator the officer (FR) may see; the INC of the `inc` token (BE) brokers her introductions. */
const SANNE = 'demo:person:sanne-brinkhoven';

describe('inbox, introductions and raising a challenge in jsdom, against the API on loopback', () => {
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
    globalThis.fetch = (input, init) => nodeFetch(new URL(String(input), window.location.href), init);
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

  async function api<T>(who: TokenName, path: string, method = 'GET', body?: unknown): Promise<T> {
    const res = await f.as(who, {
      method: method as 'GET',
      url: path,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    expect(res.statusCode, `${method} ${path}: ${res.body}`).toBeLessThan(300);
    return res.json() as T;
  }

  function show(who: TokenName, hash: string, page: () => ReturnType<typeof createElement>) {
    setToken(f.tokens[who]);
    window.location.hash = hash;
    return rtl.render(page());
  }

  const type = (el: HTMLElement, value: string) => rtl.fireEvent.change(el, { target: { value } });

  /** The raise form, opened as a click on its summary does. */
  async function raiseForm(): Promise<HTMLElement> {
    const summary = await rtl.screen.findByText('Raise a challenge', { selector: 'summary' });
    rtl.fireEvent.click(summary);
    (summary.parentElement as HTMLDetailsElement).open = true;
    return rtl.screen.findByRole('form', { name: 'Raise a challenge' });
  }

  async function hitCard(id: string): Promise<HTMLElement> {
    return rtl.waitFor(() => {
      const card = document.querySelector(`[data-hit="${id}"]`);
      if (card === null) throw new Error(`no hit ${id} yet`);
      return card as HTMLElement;
    });
  }

  it('Raise: "Check" pre-fills the API’s topics and duplicates; the edited topics are what is stored', async () => {
    const facets = await api<Facets>('officer', '/api/facets');
    // Words of three topics' labels: Body-worn cameras, Cybercrime, Protection of public spaces.
    const body = {
      title: 'Body-worn cameras switch off during night patrols',
      description: 'Cybercrime units cannot recover the footage needed for the protection of public spaces.',
    };
    const preview = await api<ChallengePreview>('officer', '/api/challenges/preview', 'POST', body);
    expect(preview.topics).toHaveLength(3);
    show('officer', '#/challenges', () => createElement(ChallengesPage));
    const form = await raiseForm();
    const inForm = rtl.within(form);
    type(inForm.getByLabelText('Title: the need in one line'), body.title);
    type(inForm.getByLabelText('Description'), body.description);
    rtl.fireEvent.click(inForm.getByRole('button', { name: 'Check topics and similar challenges' }));
    const similar = await inForm.findByRole('region', { name: 'Similar challenges' });
    // The topics shown are the API's assignment, the country its default (the officer's: FR).
    const label = (id: string) => facets.topics.find((t) => t.id === id)?.label ?? id;
    const ticked = () =>
      inForm
        .getAllByRole('checkbox')
        .filter((c) => (c as HTMLInputElement).checked)
        .map((c) => c.closest('label')?.textContent?.trim());
    expect(ticked()).toEqual(preview.topics.map(label));
    expect((inForm.getByLabelText('Country') as HTMLSelectElement).value).toBe(preview.country);
    expect([...similar.querySelectorAll('[data-similar]')].map((e) => e.getAttribute('data-similar'))).toEqual(
      preview.similar.challenges.map((c) => c.id),
    );
    // Edit: drop the first topic, add one not assigned.
    const [dropped, ...kept] = preview.topics;
    rtl.fireEvent.click(inForm.getByRole('checkbox', { name: label(dropped ?? '') }));
    const added = facets.topics.find((t) => !preview.topics.includes(t.id));
    if (added === undefined) throw new Error('the demo vocabulary has no other topic');
    rtl.fireEvent.change(inForm.getByLabelText('Add a topic'), { target: { value: added.id } });
    expect(ticked()).toEqual([...kept.map(label), added.label]);
    rtl.fireEvent.click(inForm.getByRole('button', { name: 'Raise the challenge' }));
    const done = await rtl.screen.findByText(/^Raised:/u);
    const id = done.closest('[data-raised]')?.getAttribute('data-raised') ?? '';
    const stored = await api<{ challenge: { country: string; title: string }; topics: { id: string }[] }>(
      'officer',
      `/api/challenges/${encodeURIComponent(id)}`,
    );
    expect(stored.challenge).toMatchObject({ title: body.title, country: preview.country });
    expect(stored.topics.map((t) => t.id).sort()).toEqual([...kept, added.id].sort());
  });

  it('Raise: "Vote for it instead" votes for the likely duplicate and raises nothing; a refusal shows beside the form', async () => {
    const before = (await api<{ items: unknown[] }>('nordmark', '/api/challenges?limit=200')).items.length;
    show('nordmark', '#/challenges', () => createElement(ChallengesPage));
    const form = await raiseForm();
    const inForm = rtl.within(form);
    // Nothing to check yet: the API's 400 names the field, in the page.
    rtl.fireEvent.click(inForm.getByRole('button', { name: 'Check topics and similar challenges' }));
    const refused = await inForm.findByRole('alert');
    expect(refused.textContent).toMatch(/Not done\..*title/u);
    type(inForm.getByLabelText('Title: the need in one line'), 'Detect drones dropping contraband over prison walls');
    rtl.fireEvent.click(inForm.getByRole('button', { name: 'Check topics and similar challenges' }));
    const vote = await inForm.findByRole('button', {
      name: 'Vote for it instead: Detect drones dropping contraband over prison walls at night',
    });
    rtl.fireEvent.click(vote);
    await rtl.screen.findByText(/^Nothing raised; your vote counts for/u);
    const view = await api<{ myVote?: number }>(
      'nordmark',
      `/api/challenges/${encodeURIComponent('demo:challenge:prison-drone-drops')}`,
    );
    expect(view.myVote).toBe(1);
    expect((await api<{ items: unknown[] }>('nordmark', '/api/challenges?limit=200')).items.length).toBe(before);
  });

  it('Raise is not offered to a policy reader', async () => {
    show('policy', '#/challenges', () => createElement(ChallengesPage));
    await rtl.screen.findByRole('heading', { level: 2, name: /^Open \(/u });
    expect(rtl.screen.queryByRole('form', { name: 'Raise a challenge' })).toBeNull();
  });

  it('Introduce me: offered on people and organisations to a member with a person, sent, its status shown; a duplicate refused in words', async () => {
    show('noPerson', '#/search?text=ransomware%20first%20response', () => createElement(SearchPage));
    await rtl.screen.findByRole('heading', { level: 2, name: 'Experts' });
    expect(rtl.screen.queryAllByRole('button', { name: /^Introduce me/u })).toEqual([]);
    rtl.cleanup();
    show('officer', '#/search?text=ransomware%20first%20response', () => createElement(SearchPage));
    const hit = await hitCard(SANNE);
    // People and organisations only: a result is no one to be introduced to.
    const offered = [...document.querySelectorAll('[data-hit]')].filter((h) =>
      rtl.within(h as HTMLElement).queryByRole('button', { name: /^Introduce me/u }),
    );
    const experts = rtl.screen.getByRole('region', { name: 'Experts' });
    const orgs = rtl.screen.queryByRole('region', { name: 'Organisations' });
    expect(offered.length).toBe(
      experts.querySelectorAll('[data-hit]').length + (orgs?.querySelectorAll('[data-hit]').length ?? 0),
    );
    const introduce = async (message: string) => {
      rtl.fireEvent.click(rtl.within(hit).getByRole('button', { name: 'Introduce me: Sanne Brinkhoven' }));
      const form = await rtl.within(hit).findByRole('form', { name: 'Introduce me: Sanne Brinkhoven' });
      type(rtl.within(form).getByLabelText(/^Message for the INC/u), message);
      rtl.fireEvent.click(rtl.within(form).getByRole('button', { name: 'Send the request' }));
      return form;
    };
    await introduce('We see ransomware on prison systems; could we talk?');
    const sent = await rtl.within(hit).findByText(/^Introduction waiting for the INC’s decision/u);
    const id = sent.getAttribute('data-introduction') ?? '';
    const listed = await api<{ introductions: IntroductionView[] }>('officer', '/api/introductions');
    expect(listed.introductions.find((i) => i.id === id)).toMatchObject({
      status: 'pending',
      target: SANNE,
      question: 'ransomware first response',
    });
    // The same again, with the form of another render: the API's 409 in its words.
    rtl.cleanup();
    show('officer', '#/search?text=ransomware%20first%20response', () => createElement(SearchPage));
    const again = await hitCard(SANNE);
    rtl.fireEvent.click(rtl.within(again).getByRole('button', { name: 'Introduce me: Sanne Brinkhoven' }));
    const form = await rtl.within(again).findByRole('form', { name: 'Introduce me: Sanne Brinkhoven' });
    type(rtl.within(form).getByLabelText(/^Message for the INC/u), 'Again');
    rtl.fireEvent.click(rtl.within(form).getByRole('button', { name: 'Send the request' }));
    const alert = await rtl.within(form).findByRole('alert');
    expect(alert.textContent).toMatch(/already have a pending request/u);
    expect(alert.textContent).toMatch(/ERR_INTRODUCTION_DUPLICATE/u);
  });

  it('Inbox: the INC approves with a note; the requester then sees it approved, its notices with their reasons, and marks one read', async () => {
    const pending = await api<{ introductions: IntroductionView[] }>('inc', '/api/introductions?status=pending');
    const intro = pending.introductions.find((i) => i.target === SANNE && i.role === 'inc');
    if (intro === undefined) throw new Error('the previous test left no pending introduction for the INC');
    show('inc', '#/inbox', () => createElement(InboxPage));
    const toDecide = await rtl.screen.findByRole('region', { name: 'Awaiting your decision' });
    const card = toDecide.querySelector(`[data-introduction="${intro.id}"]`) as HTMLElement;
    expect(card).not.toBeNull();
    type(rtl.within(card).getByLabelText('Note (told to both sides)'), 'Sanne knows the kit best; go ahead.');
    rtl.fireEvent.click(rtl.within(card).getByRole('button', { name: 'Approve' }));
    const brokered = await rtl.screen.findByRole('region', { name: 'Brokered by your INC' });
    await rtl.waitFor(() =>
      expect(brokered.querySelector(`[data-introduction="${intro.id}"]`)?.getAttribute('data-status')).toBe('approved'),
    );
    rtl.cleanup();

    const inbox = await api<Inbox>('officer', '/api/inbox?limit=50');
    expect(inbox.unread).toBeGreaterThan(0);
    show('officer', '#/inbox', () => createElement(InboxPage));
    const sent = await rtl.screen.findByRole('region', { name: 'Sent by you' });
    const mine = await rtl.within(sent).findByText(/Approved/u);
    expect(mine.closest('[data-introduction]')?.getAttribute('data-introduction')).toBe(intro.id);
    expect(rtl.within(sent).getByText('Sanne knows the kit best; go ahead.')).toBeTruthy();
    const notices = rtl.screen.getByRole('region', { name: 'Notices' });
    await rtl.waitFor(() =>
      expect([...notices.querySelectorAll('[data-notice]')].map((n) => n.getAttribute('data-notice'))).toEqual(
        inbox.items.map((n) => n.id),
      ),
    );
    for (const n of inbox.items) expect(rtl.within(notices).getByText(n.reason)).toBeTruthy();
    expect(notices.querySelector('[data-unread]')?.getAttribute('data-unread')).toBe(String(inbox.unread));
    const first = inbox.items.find((n) => n.readAt === undefined);
    const unreadCard = notices.querySelector(`[data-notice="${first?.id}"]`) as HTMLElement;
    rtl.fireEvent.click(rtl.within(unreadCard).getByRole('button', { name: 'Mark read' }));
    await rtl.waitFor(() => expect(unreadCard.getAttribute('data-read')).toBe('true'));
    expect((await api<Inbox>('officer', '/api/inbox?limit=1')).unread).toBe(inbox.unread - 1);
  });

  it('Inbox: subscriptions added and removed through the form; a refused one shows the API’s reason beside it', async () => {
    const facets = await api<Facets>('officer', '/api/facets');
    const topic = facets.topics[0];
    if (topic === undefined) throw new Error('the demo has no topic');
    show('officer', '#/inbox', () => createElement(InboxPage));
    const form = await rtl.screen.findByRole('form', { name: 'New subscription' });
    const inForm = rtl.within(form);
    // An empty search: the API refuses it, and says why next to the form.
    rtl.fireEvent.click(inForm.getByRole('button', { name: 'Subscribe' }));
    expect((await inForm.findByRole('alert')).textContent).toMatch(/Not done\./u);
    rtl.fireEvent.change(inForm.getByLabelText('Follow'), { target: { value: 'topic' } });
    await inForm.findByRole('option', { name: topic.label });
    rtl.fireEvent.change(inForm.getByLabelText('Topic'), { target: { value: topic.id } });
    rtl.fireEvent.click(inForm.getByRole('button', { name: 'Subscribe' }));
    await inForm.findByText('Subscribed: new matches reach your inbox.');
    const subs = await api<{ subscriptions: { id: string; subject: string; value: string }[] }>(
      'officer',
      '/api/subscriptions',
    );
    const made = subs.subscriptions.find((s) => s.subject === 'topic' && s.value === topic.id);
    if (made === undefined) throw new Error('the subscription was not stored');
    const region = rtl.screen.getByRole('region', { name: 'Subscriptions' });
    const row = await rtl.waitFor(() => {
      const r = region.querySelector(`[data-subscription="${made.id}"]`);
      if (r === null) throw new Error('not listed yet');
      return r as HTMLElement;
    });
    expect(row.textContent).toContain(`Topic: ${topic.label}`);
    rtl.fireEvent.click(rtl.within(row).getByRole('button', { name: `Unsubscribe from Topic: ${topic.label}` }));
    await rtl.waitFor(() => expect(region.querySelector(`[data-subscription="${made.id}"]`)).toBeNull());
    const after = await api<{ subscriptions: { id: string }[] }>('officer', '/api/subscriptions');
    expect(after.subscriptions.map((s) => s.id)).not.toContain(made.id);
  });

  it('Inbox for a sign-in with no person: said once, in words, with no failed call', async () => {
    show('admin', '#/inbox', () => createElement(InboxPage));
    await rtl.screen.findByText(/an inbox belongs to a person/u);
    expect(rtl.screen.queryByRole('alert')).toBeNull();
  });
});
