import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { PageBoundary } from './components/page-boundary.js';
import { prefetchTrends } from './features/trends/api/use-trends.js';
import { currentPage } from './lib/hash-route.js';
import { getToken, takeGrantFromFragment, takeTokenFromFragment } from './lib/token.js';
import { prefetchFacets } from './lib/use-facets.js';
import './styles.css';

takeTokenFromFragment();
// A link from chat: its grant becomes this tab's session (or the reason it cannot, for the sign-in
// form) before the page is drawn; without a grant this resolves at once.
void takeGrantFromFragment().then(start);

function start(): void {
  // The dashboard opens on Trends: its data is asked for while the page's code is still loading.
  if (getToken() !== null && currentPage() === 'trends') {
    prefetchTrends();
    prefetchFacets();
  }
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      {/* The last resort: whatever fails below, the window says so and offers a reload, never goes blank. */}
      <PageBoundary what="the dashboard">
        <App />
      </PageBoundary>
    </StrictMode>,
  );
}
