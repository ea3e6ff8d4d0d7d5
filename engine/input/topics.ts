/**
 * Topics for a new challenge raised without any: the challenge's words matched against the
 * topic vocabulary (the Topic nodes the author may see), so it counts in topic trends and gaps
 * from the start. A topic matches when every term of its label occurs in the challenge's title,
 * description, keywords or area (terms as matching sees them: folded, stop words out, plurals
 * folded), or when its label is the challenge's area. The result is shown with the challenge and
 * editable (PATCH topics); at most MAX_ASSIGNED, the most specific (longest labels) first.
 */
import type { GraphStore, Viewer } from '../../graph/index.js';
import { fold, queryTerms } from '../match/index.js';

export const MAX_ASSIGNED = 3;

export interface TopicText {
  readonly title: string;
  readonly description?: string | undefined;
  readonly keywords?: readonly string[] | undefined;
  readonly area?: string | undefined;
}

/** Topic ids matched for the text, best first; empty when none matches. */
export async function assignTopics(store: GraphStore, text: TopicText, viewer: Viewer): Promise<string[]> {
  const have = new Set(
    queryTerms([text.title, text.description ?? '', (text.keywords ?? []).join(' '), text.area ?? ''].join(' ')),
  );
  const area = text.area === undefined ? undefined : fold(text.area.trim());
  const found: { id: string; size: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(
      { kind: 'Topic', limit: 10_000, ...(cursor === undefined ? {} : { cursor }) },
      viewer,
    );
    for (const t of page.items) {
      if (t.kind !== 'Topic') continue;
      const label = queryTerms(t.label);
      if (label.length === 0) continue;
      if ((area !== undefined && fold(t.label.trim()) === area) || label.every((w) => have.has(w))) {
        found.push({ id: t.id, size: label.length });
      }
    }
    cursor = page.next;
  } while (cursor !== undefined);
  found.sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
  return found.slice(0, MAX_ASSIGNED).map((f) => f.id);
}
