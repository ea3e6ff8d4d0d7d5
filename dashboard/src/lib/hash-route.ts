/** Pages live in the URL fragment (`#/gaps`): links work with the keyboard, back and forward, and need no server routes. */
import { useSyncExternalStore } from 'react';

export const PAGES = [
  'trends',
  'gaps',
  'network',
  'search',
  'collaborations',
  'report',
  'challenges',
  'polls',
  'events',
  'surveys',
  'inbox',
] as const;
export type Page = (typeof PAGES)[number];

export const currentPage = (): Page => {
  const name = window.location.hash.replace(/^#\/?/u, '').split(/[?&]/u)[0] ?? '';
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'trends';
};

export function usePage(): Page {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener('hashchange', l);
      return () => window.removeEventListener('hashchange', l);
    },
    currentPage,
    () => 'trends' as Page,
  );
}

/** Parameters after the page in the fragment (`#/trends?country=FR&by=country`), as chat-bot links carry them. */
export function hashParams(): URLSearchParams {
  const q = window.location.hash.split('?')[1] ?? '';
  return new URLSearchParams(q);
}
