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

/**
 * A chat bot's link carries `grant=…` among the fragment's parameters: a single-use, read-only
 * permission to read as the asker (or a shared room's audience). It is taken out of the address
 * bar at once (so a copied URL holds no spent grant) and exchanged for a session token. Resolves
 * when the exchange is done; without a grant, at once.
 */
export async function takeGrantFromFragment(): Promise<void> {
  const hash = window.location.hash.replace(/^#/u, '');
  const [page = '', query = ''] = hash.split('?', 2);
  const params = new URLSearchParams(query);
  const grant = params.get('grant');
  if (grant === null) return;
  params.delete('grant');
  const rest = params.toString();
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${window.location.search}#${page}${rest === '' ? '' : `?${rest}`}`,
  );
  try {
    const r = await fetch('/api/grants/exchange', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant }),
    });
    const body = (await r.json()) as { token?: string; message?: string };
    if (r.ok && body.token !== undefined) setToken(body.token);
    else clearToken(body.message ?? 'the link from chat could not be opened');
  } catch {
    clearToken('the link from chat could not be opened: the server did not answer');
  }
}
