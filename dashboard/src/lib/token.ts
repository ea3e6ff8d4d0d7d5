/**
 * The API token of this browser tab: kept in sessionStorage (gone when the tab closes, never
 * sent anywhere but this server's /api), entered in the sign-in form or handed over in the
 * URL fragment by `ileanet demo` (`/#token=…`; a fragment never reaches the server or its logs,
 * and is removed from the address bar at once).
 */
import { useSyncExternalStore } from 'react';

const KEY = 'ileanet.token';
const listeners = new Set<() => void>();
/** Why the token was dropped (the API refused it), for the sign-in form to say. */
let droppedBecause: string | undefined;
const notify = () => {
  for (const l of listeners) l();
};

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string): void {
  sessionStorage.setItem(KEY, token.trim());
  droppedBecause = undefined;
  notify();
}

/** Signs out; with a reason when the API refused the token (shown on the sign-in form). */
export function clearToken(reason?: string): void {
  sessionStorage.removeItem(KEY);
  droppedBecause = reason;
  notify();
}

export const signOutReason = (): string | undefined => droppedBecause;

/** Moves a `#token=…` fragment into sessionStorage and out of the address bar. */
export function takeTokenFromFragment(): void {
  const m = /(?:^#|&)token=([^&]+)/u.exec(window.location.hash);
  if (m?.[1] === undefined) return;
  setToken(decodeURIComponent(m[1]));
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/trends`);
}

export function useToken(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getToken,
    () => null,
  );
}
