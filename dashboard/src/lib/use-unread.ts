/**
 * The viewer's unread notices for the header's Inbox link: asked again on every page change and
 * whenever a page says the inbox changed (a notice marked read, a decision that notifies), so the
 * count never lags what the Inbox page shows. Viewers without a person have no inbox (the API
 * answers 403): nothing is asked for them and the link shows no count.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { Page } from './hash-route.js';
import type { InboxPage } from './notify-types.js';
import { useApi } from './use-api.js';

let version = 0;
const listeners = new Set<() => void>();

/** Tells the header to count again. */
export function inboxChanged(): void {
  version += 1;
  for (const l of listeners) l();
}

/** `ask` false (no person, or not known yet): nothing is asked. */
export function useUnread(page: Page, ask: boolean): number | undefined {
  const seen = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => version,
    () => 0,
  );
  // One notice is enough: `unread` counts them all whatever the page size.
  const inbox = useApi<InboxPage>(ask ? '/api/inbox' : null, { limit: 1 });
  const { reload } = inbox;
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asks again on each page change and each inboxChanged, which it does not read.
  useEffect(() => {
    // The first count is the one useApi asks for as it mounts.
    if (first.current) {
      first.current = false;
      return;
    }
    reload();
  }, [page, seen, reload]);
  return 'data' in inbox && inbox.data !== undefined ? inbox.data.unread : undefined;
}
