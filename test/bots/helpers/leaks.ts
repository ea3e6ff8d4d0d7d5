/**
 * What a room read by an audience must not show: the ids and distinctive titles of every node
 * the audience may not see, read from the store as SYSTEM. Platform tests look for them in
 * whatever the platform received (Block Kit JSON, embeds, Matrix HTML).
 */
import type { Engine } from '../../../engine/service.js';
import type { GraphNode } from '../../../graph/model.js';
import { canSee, SYSTEM, type Viewer } from '../../../graph/viewer.js';

const KINDS = ['Person', 'Organisation', 'Challenge', 'Result', 'Project', 'Document', 'Poll', 'Event'] as const;

export const nodeLabel = (n: GraphNode): string => {
  const r = n as unknown as { name?: string; title?: string; question?: string };
  return r.name ?? r.title ?? r.question ?? n.id;
};

export async function allNodes(engine: Engine): Promise<GraphNode[]> {
  const out: GraphNode[] = [];
  for (const kind of KINDS) out.push(...(await engine.store.list({ kind, limit: 10_000 }, SYSTEM)).items);
  return out;
}

export interface Forbidden {
  readonly ids: ReadonlySet<string>;
  /** Titles of hidden nodes, 8 characters or more, that no visible node shares. */
  readonly titles: readonly string[];
  /** The forbidden ids and titles found in `text`. */
  in(text: string): string[];
}

export function forbiddenFor(nodes: readonly GraphNode[], audience: Viewer): Forbidden {
  const hidden = nodes.filter((n) => !canSee(audience, n));
  const visibleTitles = new Set(nodes.filter((n) => canSee(audience, n)).map(nodeLabel));
  const ids = new Set(hidden.map((n) => n.id));
  const titles = hidden.map(nodeLabel).filter((t) => t.length >= 8 && !visibleTitles.has(t));
  return {
    ids,
    titles,
    in: (text) => [...[...ids].filter((id) => text.includes(id)), ...titles.filter((t) => text.includes(t))],
  };
}

export const GUEST_VIEW: Viewer = Object.freeze({ id: 'guest', clearance: 'public', orgs: [] });
