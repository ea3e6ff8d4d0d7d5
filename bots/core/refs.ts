/**
 * References people type instead of stored ids: the number of an item in the list the bot
 * last showed them in this conversation (`vote 1`), and short challenge ids (`C-10427`).
 * A short id is derived from the stored id (FNV-1a, five digits), so it is the same in every
 * process and needs no storage; it resolves by reading the challenges the caller may see.
 */
import type { Engine } from '../../engine/service.js';
import type { Viewer } from '../../graph/index.js';
import type { Reply } from './reply.js';

/** `C-` and five digits, derived from the stored id. */
export function shortChallengeId(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `C-${10_000 + (h % 90_000)}`;
}

export const SHORT_ID = /^C-\d{5}$/iu;

/** The stored ids of visible challenges whose short id is `short` (more than one: ambiguous, none: unknown). */
export async function resolveShortId(engine: Engine, short: string, viewer: Viewer): Promise<string[]> {
  const wanted = short.toUpperCase();
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await engine.store.list(
      { kind: 'Challenge', limit: 1_000, ...(cursor === undefined ? {} : { cursor }) },
      viewer,
    );
    for (const n of page.items) if (shortChallengeId(n.id) === wanted) out.push(n.id);
    cursor = page.next;
  } while (cursor !== undefined);
  return out;
}

/** The ids of the numbered list in a reply: its one section whose items carry ids (several lists: none). */
export function numberedIds(r: Reply): readonly string[] | undefined {
  const lists = r.sections.filter((s) => s.items.some((i) => i.id !== undefined));
  if (lists.length !== 1) return undefined;
  return lists[0]?.items.map((i) => i.id ?? '');
}

/**
 * The last numbered list shown to each caller (their own answer, wherever it went: a room or
 * their DM), so a number typed next refers to what they saw, and the last More button, so `more`
 * typed alone runs it; the oldest callers go first past `max`.
 */
export function createRecentLists(max = 5_000) {
  const lists = new Map<string, readonly string[]>();
  const mores = new Map<string, string>();
  const put = <V>(m: Map<string, V>, k: string, v: V) => {
    m.delete(k);
    m.set(k, v);
    if (m.size > max) m.delete(m.keys().next().value as string);
  };
  return {
    remember(caller: string, r: Reply): void {
      const ids = numberedIds(r);
      if (ids !== undefined) put(lists, caller, ids);
      // The More button of the last answer that had one, so `more` typed alone runs it.
      const more = r.actions.find((a) => a.label === 'More')?.command;
      if (more !== undefined) put(mores, caller, more);
    },
    get(caller: string): readonly string[] | undefined {
      return lists.get(caller);
    },
    more(caller: string): string | undefined {
      return mores.get(caller);
    },
  };
}
