/**
 * A page's filters live in its link (`#/gaps?country=FR&minMaturity=0.8`): read when the page
 * opens, written back on every change (replacing the history entry, so Back leaves the page
 * rather than stepping through filters), and read again when the link is edited in place.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { currentPage, hashParams, type Page } from './hash-route.js';

export type LinkValues = Readonly<Record<string, string | number>>;

export function linkFor(page: Page, values: LinkValues, defaults: LinkValues): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    // Defaults stay out of the link: shorter, and a later change of default reaches old links.
    if (v === '' || String(v) === String(defaults[k])) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return `#/${page}${s === '' ? '' : `?${s}`}`;
}

export function useLinkState<T extends LinkValues>(
  page: Page,
  fromLink: (p: URLSearchParams) => T,
  defaults: T,
): [T, (patch: Partial<T>) => void] {
  const [values, setValues] = useState<T>(() => fromLink(hashParams()));
  // The link the current values were read from or written to. Effects run after paint, and the
  // hashchange event after that: a link followed in between (a chat bot's link opened in a tab
  // that shows this page) must be read, not overwritten with the values it replaces.
  const synced = useRef(window.location.hash);
  useEffect(() => {
    const onHash = () => {
      if (!window.location.hash.startsWith(`#/${page}`)) return;
      synced.current = window.location.hash;
      setValues(fromLink(hashParams()));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [page, fromLink]);
  useEffect(() => {
    // Only while the link is still this page's: a page that mounts as the reader moves on
    // (a link followed during its first render) must not pull the address back to itself.
    if (currentPage() !== page) return;
    if (window.location.hash !== synced.current) {
      // The link moved since it was last read or written, and its hashchange has not arrived yet.
      synced.current = window.location.hash;
      setValues(fromLink(hashParams()));
      return;
    }
    const hash = linkFor(page, values, defaults);
    if (window.location.hash !== hash) {
      window.history.replaceState(
        window.history.state,
        '',
        `${window.location.pathname}${window.location.search}${hash}`,
      );
    }
    synced.current = hash;
  }, [page, values, defaults, fromLink]);
  const update = useCallback((patch: Partial<T>) => setValues((v) => ({ ...v, ...patch })), []);
  return [values, update];
}

/** The window's title names the page and its filters, so tabs, history and bookmarks tell them apart. */
export function usePageTitle(page: string, filters: readonly (string | undefined)[]): void {
  const title = [page, ...filters.filter((f): f is string => f !== undefined && f !== ''), 'ileanet'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
