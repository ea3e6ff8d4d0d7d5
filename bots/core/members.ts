/**
 * Member lists of conversations, for the audience rule, kept briefly: asking the platform on
 * every command would spend its rate limit, and a list a few seconds old is safe enough only
 * because adapters also forget a conversation's list the moment they see a membership change.
 */

export interface MemberCache {
  /** The cached list, or the one `load` gives; a failed load is not kept. */
  get(conversation: string, load: () => Promise<readonly string[]>): Promise<readonly string[]>;
  /** Forgets a conversation's list (someone joined or left). */
  forget(conversation: string): void;
  /** Forgets every list (a role changed: any conversation's readers may have). */
  clear(): void;
}

export function createMemberCache(ttlMs = 30_000, now: () => number = Date.now): MemberCache {
  const entries = new Map<string, { at: number; members: Promise<readonly string[]> }>();
  return {
    get(conversation, load) {
      const hit = entries.get(conversation);
      if (hit !== undefined && now() - hit.at < ttlMs) return hit.members;
      const members = load();
      const entry = { at: now(), members };
      entries.set(conversation, entry);
      members.catch(() => {
        if (entries.get(conversation) === entry) entries.delete(conversation);
      });
      return members;
    },
    forget(conversation) {
      entries.delete(conversation);
    },
    clear() {
      entries.clear();
    },
  };
}
