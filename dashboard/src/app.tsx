/**
 * The dashboard shell: sign-in when the tab has no token, else a header with the pages and the
 * page of the URL fragment. Pages load on demand, so the first one shows without the others' code.
 */
import { Suspense, useEffect, useRef, useState } from 'react';
import { PageBoundary } from './components/page-boundary.js';
import { SignIn } from './components/sign-in.js';
import { ErrorNote, Loading } from './components/states.js';
import { type Page, usePage } from './lib/hash-route.js';
import { lazyPage, type RetryableLazy } from './lib/lazy-page.js';
import { clearToken, useToken } from './lib/token.js';
import type { Me } from './lib/types.js';
import { useApi } from './lib/use-api.js';
import { useUnread } from './lib/use-unread.js';

const pages: Record<Page, { title: string; code: RetryableLazy }> = {
  trends: {
    title: 'Trends',
    code: lazyPage(async () => (await import('./features/trends/components/trends-page.js')).TrendsPage),
  },
  gaps: {
    title: 'Gaps',
    code: lazyPage(async () => (await import('./features/gaps/components/gaps-page.js')).GapsPage),
  },
  network: {
    title: 'Network',
    code: lazyPage(async () => (await import('./features/network/components/network-page.js')).NetworkPage),
  },
  search: {
    title: 'Who solved it?',
    code: lazyPage(async () => (await import('./features/search/components/search-page.js')).SearchPage),
  },
  collaborations: {
    title: 'Collaborations',
    code: lazyPage(
      async () => (await import('./features/collaborations/components/collaborations-page.js')).CollaborationsPage,
    ),
  },
  surveys: {
    title: 'Surveys',
    code: lazyPage(async () => (await import('./features/surveys/components/surveys-page.js')).SurveysPage),
  },
  report: {
    title: 'Policy brief',
    code: lazyPage(async () => (await import('./features/report/components/report-page.js')).ReportPage),
  },
  challenges: {
    title: 'Challenges',
    code: lazyPage(async () => (await import('./features/challenges/components/challenges-page.js')).ChallengesPage),
  },
  polls: {
    title: 'Polls',
    code: lazyPage(async () => (await import('./features/polls/components/polls-page.js')).PollsPage),
  },
  events: {
    title: 'Events',
    code: lazyPage(async () => (await import('./features/events/components/events-page.js')).EventsPage),
  },
  inbox: {
    title: 'Inbox',
    code: lazyPage(async () => (await import('./features/inbox/components/inbox-page.js')).InboxPage),
  },
};

export function App() {
  const token = useToken();
  if (token === null) return <SignIn />;
  return <Shell />;
}

function Shell() {
  const page = usePage();
  const me = useApi<Me>('/api/me');
  const unread = useUnread(page, me.status === 'ready' && me.data.person !== undefined);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page, which it does not read.
  useEffect(() => {
    // Moving between pages puts the keyboard at the new page's start, as a page load would.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [page]);
  const { code, title } = pages[page];
  const Component = code.current();
  // Bumped by "Try again": the shell renders again with the page's code asked for anew.
  const [, setAttempt] = useState(0);
  const retry = () => {
    code.retry();
    setAttempt((a) => a + 1);
  };
  return (
    <>
      {/* A button, not an anchor: the fragment holds the page, so "#main" would navigate away. */}
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header className="top">
        <span className="brand">ileanet</span>
        <nav aria-label="Pages">
          <ul>
            {(Object.keys(pages) as Page[]).map((p) => (
              <li key={p}>
                <a href={`#/${p}`} aria-current={p === page ? 'page' : undefined}>
                  {pages[p].title}
                  {p === 'inbox' && unread !== undefined && unread > 0 ? (
                    <span className="nav-count" data-unread={unread}>
                      {' '}
                      ({unread}
                      <span className="visually-hidden"> unread</span>)
                    </span>
                  ) : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          {me.status === 'ready' ? (
            <span>
              Signed in as <strong>{me.data.role}</strong>
            </span>
          ) : null}
          <button type="button" onClick={() => clearToken()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {me.status === 'error' ? <ErrorNote error={me.error} onRetry={me.reload} /> : null}
        {/* Per page: one page's failure (its code could not be fetched) leaves the shell and the others working. */}
        <PageBoundary key={page} what={`the ${title} page`} onRetry={retry}>
          <Suspense fallback={<Loading what="the page" />}>
            <Component />
          </Suspense>
        </PageBoundary>
      </main>
    </>
  );
}
