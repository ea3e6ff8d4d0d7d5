/**
 * The dashboard shell: sign-in when the tab has no token, else a header with the pages and the
 * page of the URL fragment. Pages load on demand, so the first one shows without the others' code.
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { SignIn } from './components/sign-in.js';
import { ErrorNote, Loading } from './components/states.js';
import { type Page, usePage } from './lib/hash-route.js';
import { clearToken, useToken } from './lib/token.js';
import type { Me } from './lib/types.js';
import { useApi } from './lib/use-api.js';

const pages: Record<Page, { title: string; Component: ReturnType<typeof lazy> }> = {
  trends: {
    title: 'Trends',
    Component: lazy(() =>
      import('./features/trends/components/trends-page.js').then((m) => ({ default: m.TrendsPage })),
    ),
  },
  gaps: {
    title: 'Gaps',
    Component: lazy(() => import('./features/gaps/components/gaps-page.js').then((m) => ({ default: m.GapsPage }))),
  },
  network: {
    title: 'Network',
    Component: lazy(() =>
      import('./features/network/components/network-page.js').then((m) => ({ default: m.NetworkPage })),
    ),
  },
  search: {
    title: 'Who solved it?',
    Component: lazy(() =>
      import('./features/search/components/search-page.js').then((m) => ({ default: m.SearchPage })),
    ),
  },
  collaborations: {
    title: 'Collaborations',
    Component: lazy(() =>
      import('./features/collaborations/components/collaborations-page.js').then((m) => ({
        default: m.CollaborationsPage,
      })),
    ),
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
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Moving between pages puts the keyboard at the new page's start, as a page load would.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
    document.title = `${pages[page].title} · ileanet`;
  }, [page]);
  const { Component } = pages[page];
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
        <Suspense fallback={<Loading what="the page" />}>
          <Component />
        </Suspense>
      </main>
    </>
  );
}
