/**
 * Hit/no-hit for restricted work. A discoverable restricted work the viewer may not see is shown
 * to them, when it matches their question, as a `RestrictedHit`: its kind, its owner's
 * organisation kind and country, and a handle to ask for an introduction; never its title, text,
 * id or date. Work that is not discoverable stays invisible: this module reads only works flagged
 * discoverable, and each is judged on its own text against the question (the share of the
 * question's terms it holds), so no other hidden node, and no corpus statistic, can change what a
 * viewer is shown. Only vetted members (clearance `network`) get such hits: a guest could not ask
 * for an introduction, and clearance `all` sees the works themselves.
 */
import type { GraphNode, GraphStore, OrgKind, Viewer } from '../../graph/index.js';
import { canSee, SYSTEM } from '../../graph/index.js';
import { RevisionCache } from '../feed/index.js';
import { type Answer, nodeTexts, queryTerms, type RestrictedHit } from '../match/index.js';
import { DiscoverError } from './errors.js';
import { HANDLE_PATTERN, handleOf } from './handle.js';

export const DISCOVERABLE_KINDS = ['Project', 'Result', 'Document'] as const;
export type DiscoverableKind = (typeof DISCOVERABLE_KINDS)[number];

export interface DiscoverFilters {
  readonly country?: string | undefined;
  readonly orgKind?: OrgKind | undefined;
  /** Kinds asked for; works of other kinds are left out. Absent: all. */
  readonly kinds?: readonly string[] | undefined;
}

/** At most this many restricted hits per answer: enough to say "ask", few enough to not enumerate. */
export const MAX_RESTRICTED_HITS = 5;
/** A work matches when it holds at least this share of the question's terms (and at least one). */
export const MATCH_SHARE = 0.5;

export interface Discovery {
  /** Discoverable works hidden from the viewer that match the text, best match first, then by handle; empty for guests and clearance `all`. */
  hits(text: string, filters: DiscoverFilters, viewer: Viewer): Promise<RestrictedHit[]>;
  /**
   * The discoverable work behind a handle this viewer was given, and its owner organisation's id;
   * throws ERR_HANDLE_UNKNOWN when the handle names none (malformed, another viewer's, or the work
   * is gone or no longer discoverable). For engine code that routes an introduction; never shown.
   */
  resolve(handle: string, viewer: Viewer): Promise<GraphNode>;
  /**
   * Marks a restricted work discoverable or not, as a member of its owning organisation. Atomic
   * (one upsert); the same flag twice is unchanged. Throws DiscoverError (not found / not a work /
   * not restricted / not the owner).
   */
  mark(id: string, discoverable: boolean, viewer: Viewer): Promise<GraphNode>;
}

export interface DiscoveryOptions {
  readonly store: GraphStore;
  readonly key: Buffer;
  /** Catches the read models up after a write (Engine.afterWrite). */
  readonly afterWrite?: (nodes: readonly GraphNode[]) => Promise<unknown>;
}

const isDiscoverableKind = (kind: string): kind is DiscoverableKind =>
  (DISCOVERABLE_KINDS as readonly string[]).includes(kind);

export function createDiscovery(o: DiscoveryOptions): Discovery {
  /** Every discoverable restricted work (read as SYSTEM: the caller filters by viewer). */
  const readAll = async (): Promise<GraphNode[]> => {
    const out: GraphNode[] = [];
    for (const kind of DISCOVERABLE_KINDS) {
      let cursor: string | undefined;
      do {
        const page = await o.store.list(
          {
            kind,
            where: { visibility: 'restricted', discoverable: true },
            limit: 10_000,
            ...(cursor === undefined ? {} : { cursor }),
          },
          SYSTEM,
        );
        out.push(...page.items);
        cursor = page.next;
      } while (cursor !== undefined);
    }
    return out;
  };
  // Read again only when the store's revision moved (any write, in any process): the list is a scan
  // of every work (130-330 ms an answer on the 100,000-person graph, more than the rest of who-solved).
  const cache = new RevisionCache(1);
  const discoverable = async (): Promise<GraphNode[]> => cache.get(await o.store.revision(), 'works', readAll);
  const hiddenFrom = (viewer: Viewer, works: GraphNode[]) =>
    viewer.clearance === 'network' ? works.filter((w) => !canSee(viewer, w)) : [];

  return {
    async hits(text, filters, viewer) {
      if (viewer.clearance !== 'network') return [];
      const asked = queryTerms(text);
      if (asked.length === 0) return [];
      const needed = Math.max(1, Math.ceil(asked.length * MATCH_SHARE));
      const matched: { work: GraphNode; held: number }[] = [];
      for (const work of hiddenFrom(viewer, await discoverable())) {
        if (filters.kinds !== undefined && !filters.kinds.includes(work.kind)) continue;
        const own = new Set(
          queryTerms(
            nodeTexts(work)
              .map((t) => t.text)
              .join(' '),
          ),
        );
        const held = asked.filter((t) => own.has(t)).length;
        if (held >= needed) matched.push({ work, held });
      }
      if (matched.length === 0) return [];
      const ownerIds = [...new Set(matched.flatMap((m) => (m.work.owner === undefined ? [] : [m.work.owner])))];
      const owners = new Map((await o.store.getNodes(ownerIds, SYSTEM)).map((n) => [n.id, n]));
      const out: (RestrictedHit & { held: number })[] = [];
      for (const { work, held } of matched) {
        const owner = work.owner === undefined ? undefined : owners.get(work.owner);
        const orgKind = owner?.kind === 'Organisation' ? owner.orgKind : null;
        const country = owner?.kind === 'Organisation' ? (owner.country ?? null) : null;
        if (filters.orgKind !== undefined && orgKind !== filters.orgKind) continue;
        if (filters.country !== undefined && country !== filters.country) continue;
        if (!isDiscoverableKind(work.kind)) continue;
        out.push({ handle: handleOf(o.key, viewer.id, work.id), kind: work.kind, orgKind, country, held });
      }
      // Ordered by the handle among equals: per viewer and keyed, so the order says nothing of ids or dates.
      out.sort((a, b) => b.held - a.held || (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0));
      return out.slice(0, MAX_RESTRICTED_HITS).map(({ held: _held, ...hit }) => hit);
    },

    async resolve(handle, viewer) {
      if (typeof handle !== 'string' || !HANDLE_PATTERN.test(handle))
        throw new DiscoverError('ERR_HANDLE_UNKNOWN', 'no restricted work behind this handle', 'handle');
      for (const work of hiddenFrom(viewer, await discoverable())) {
        if (handleOf(o.key, viewer.id, work.id) === handle) return work;
      }
      throw new DiscoverError('ERR_HANDLE_UNKNOWN', 'no restricted work behind this handle', 'handle');
    },

    async mark(id, flag, viewer) {
      if (typeof flag !== 'boolean')
        throw new DiscoverError('ERR_INVALID_DISCOVERY', 'discoverable must be true or false', 'discoverable');
      const node = await o.store.getNode(id, viewer);
      if (node === undefined) throw new DiscoverError('ERR_WORK_NOT_FOUND', `no work ${id} (or you may not see it)`);
      if (!isDiscoverableKind(node.kind))
        throw new DiscoverError('ERR_NOT_A_WORK', `${id} is a ${node.kind}, not a project, result or document`);
      if (node.visibility !== 'restricted')
        throw new DiscoverError(
          'ERR_NOT_RESTRICTED',
          `${id} is ${node.visibility}: only restricted work can be discoverable`,
          'discoverable',
        );
      if (node.owner === undefined || !viewer.orgs.includes(node.owner))
        throw new DiscoverError('ERR_NOT_OWNER', `only members of the organisation that owns ${id} may change this`);
      const { discoverable: _was, ...rest } = node as GraphNode & { discoverable?: boolean };
      const next = (flag ? { ...rest, discoverable: true } : rest) as GraphNode;
      await o.store.upsert({ nodes: [next] });
      await o.afterWrite?.([next]);
      return next;
    },
  };
}

/**
 * The answer with its hit/no-hit part (`restricted`), present only when something discoverable
 * matched, so answers without one are exactly as before. The one place an answer gets it: the
 * engine's who-solved and match-need, and the CLI that runs the matcher itself.
 */
export async function withRestricted<A extends Answer>(
  discovery: Discovery,
  answer: A,
  kinds: readonly string[] | undefined,
  viewer: Viewer,
): Promise<A> {
  const restricted = await discovery.hits(
    answer.query,
    { country: answer.filters.country, orgKind: answer.filters.orgKind, kinds },
    viewer,
  );
  return restricted.length === 0 ? answer : { ...answer, restricted };
}
