/**
 * The text a node is embedded from. Fields come from TEXT_FIELDS (graph/model.ts), short ones
 * first (title, keywords) and long free text last, because the model truncates at its token
 * window: what matters most must survive the cut. People and organisations say little about
 * themselves, so their text is completed with the titles of the work they took part in.
 */
import { createHash } from 'node:crypto';
import type { GraphNode, GraphStore, NodeKind } from '../../graph/index.js';
import { SYSTEM, TEXT_FIELDS } from '../../graph/index.js';

/** The kinds that get a vector (what matching searches). */
export const EMBED_KINDS = ['Project', 'Result', 'Challenge', 'Person', 'Organisation', 'Document', 'Event'] as const;
export type EmbedKind = (typeof EMBED_KINDS)[number];
export const isEmbedKind = (k: string): k is EmbedKind => (EMBED_KINDS as readonly string[]).includes(k);

/** Free-text fields that can run to pages; they go after the short, dense ones. */
const LONG_FIELDS = new Set(['objective', 'description', 'bio', 'summary', 'mandate']);
/** Fields that carry no meaning for a sentence model (a person's name says nothing about what they do). */
const SKIPPED: Partial<Record<NodeKind, ReadonlySet<string>>> = { Person: new Set(['name']) };
/** Related work shown per person or organisation, most recent first, before the character cap applies. */
const MAX_RELATED = 40;

/**
 * Roughly 4 characters per WordPiece token in English and the other EU languages CORDIS
 * uses; text beyond the model's window would be cut by the tokenizer anyway, and capping it
 * here keeps the text hash (and so re-embedding) independent of the part never seen.
 */
export const maxCharsFor = (maxTokens: number): number => maxTokens * 4;

/** The fields of a kind used for its text, in the order they are written. */
export function denseFields(kind: NodeKind): string[] {
  const skip = SKIPPED[kind];
  const fields = TEXT_FIELDS[kind].filter((f) => !skip?.has(f));
  return [...fields.filter((f) => !LONG_FIELDS.has(f)), ...fields.filter((f) => LONG_FIELDS.has(f))];
}

const clean = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** Cuts at the last word boundary before `max` characters (never mid-surrogate pair). */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd();
}

/**
 * A node's text: its text fields (arrays joined with commas), then `related` titles, as
 * sentences, whitespace collapsed, capped at `maxChars`. Empty when the node has no text.
 */
export function nodeText(node: GraphNode, related: readonly string[], maxChars: number): string {
  const parts: string[] = [];
  const record = node as unknown as Record<string, unknown>;
  for (const f of denseFields(node.kind)) {
    const v = record[f];
    if (typeof v === 'string' && clean(v) !== '') parts.push(clean(v));
    else if (Array.isArray(v)) {
      const items = v.filter((x): x is string => typeof x === 'string' && clean(x) !== '').map(clean);
      if (items.length > 0) parts.push(items.join(', '));
    }
  }
  const titles = related.map(clean).filter((t) => t !== '');
  if (titles.length > 0) parts.push(titles.join('; '));
  // Sentence-like joins; a part already ending in punctuation needs no extra full stop.
  const text = parts.reduce(
    (acc, part) => (acc === '' ? part : `${acc}${/[.!?;:]$/u.test(acc) ? ' ' : '. '}${part}`),
    '',
  );
  return capText(text, maxChars);
}

export const textHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

interface Work {
  readonly title: string;
  readonly date: string;
  readonly visibility: GraphNode['visibility'];
  readonly owner: string | undefined;
}

/**
 * Whether everyone who may see `node` may also see `work`: only then can the work's title
 * enter the node's vector, which every viewer of the node is ranked by.
 */
function noWiderThan(work: Work, node: GraphNode): boolean {
  if (work.visibility === 'public') return true;
  // Not for a restricted node: its owner's members see it whatever their clearance, and a
  // member with public clearance does not see network work.
  if (work.visibility === 'network') return node.visibility === 'network';
  return node.visibility === 'restricted' && node.owner !== undefined && node.owner === work.owner;
}

/**
 * Titles of the projects (and, for people, results) that each node of a page took part in,
 * most recent first, at most MAX_RELATED per node. Kinds other than Person and Organisation get none.
 */
export async function relatedTitles(
  store: GraphStore,
  kind: NodeKind,
  nodes: readonly GraphNode[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if ((kind !== 'Person' && kind !== 'Organisation') || nodes.length === 0) return out;
  const ids = nodes.map((n) => n.id);
  const links = new Map<string, Set<string>>();
  const types = kind === 'Person' ? (['PARTICIPATED_IN', 'PRODUCED'] as const) : (['PARTICIPATED_IN'] as const);
  for (const type of types) {
    let cursor: string | undefined;
    do {
      const page = await store.relationships({ type, from: ids, limit: 10_000, ...(cursor ? { cursor } : {}) }, SYSTEM);
      for (const r of page.items) {
        const s = links.get(r.from) ?? new Set<string>();
        links.set(r.from, s);
        s.add(r.to);
      }
      cursor = page.next;
    } while (cursor);
  }
  const targets = [...new Set([...links.values()].flatMap((s) => [...s]))];
  const works = new Map<string, Work>();
  for (let i = 0; i < targets.length; i += 1_000) {
    for (const n of await store.getNodes(targets.slice(i, i + 1_000), SYSTEM)) {
      if ('title' in n && typeof n.title === 'string') {
        const start = n.kind === 'Project' ? n.startDate : undefined;
        works.set(n.id, { title: n.title, date: start ?? n.date ?? '', visibility: n.visibility, owner: n.owner });
      }
    }
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const [from, tos] of links) {
    const node = byId.get(from);
    const list = [...tos]
      .map((t) => works.get(t))
      .filter((w): w is Work => w !== undefined && node !== undefined && noWiderThan(w, node))
      // Most recent first, then by title, so the text (and its hash) is stable across runs.
      .sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title))
      .slice(0, MAX_RELATED)
      .map((w) => w.title);
    out.set(from, list);
  }
  return out;
}
