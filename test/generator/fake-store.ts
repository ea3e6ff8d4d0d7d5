/**
 * A stand-in for a GraphStore holding imported data, with just the reads the generator
 * makes (`list` and `relationships`, paged, ordered as the contract says). Everything
 * else throws, so a generator that starts writing or traversing is caught.
 */
import {
  type GraphNode,
  type GraphRel,
  type NodeInput,
  nodeSchema,
  type RelInput,
  relationshipSchema,
} from '../../graph/model.js';
import type { GraphStore, ListQuery, Page, RelQuery } from '../../graph/store.js';

function page<T>(items: readonly T[], limit = 100, cursor?: string): Page<T> {
  const start = cursor ? Number(cursor) : 0;
  const end = start + limit;
  return end < items.length ? { items: items.slice(start, end), next: String(end) } : { items: items.slice(start) };
}

export function fakeStore(nodes: readonly NodeInput[], relationships: readonly RelInput[]): GraphStore {
  const stored: GraphNode[] = nodes.map((n) => nodeSchema.parse(n)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const byEnds = (a: GraphRel, b: GraphRel): number =>
    a.from === b.from ? (a.to < b.to ? -1 : a.to > b.to ? 1 : 0) : a.from < b.from ? -1 : 1;
  const rels: GraphRel[] = relationships.map((r) => relationshipSchema.parse(r)).sort(byEnds);
  const unsupported = (): never => {
    throw new Error('not supported by the fake store');
  };
  return {
    backend: 'fake',
    capabilities: {
      transactions: false,
      nativeVectorSearch: false,
      nativeFullText: false,
      sharedReadModels: false,
      maxBatchSize: 1_000,
    },
    init: async () => {},
    async list(q: ListQuery) {
      const where = Object.entries(q.where ?? {});
      const items = stored.filter(
        (n) => n.kind === q.kind && where.every(([k, v]) => (n as Record<string, unknown>)[k] === v),
      );
      return page(items, q.limit, q.cursor);
    },
    async relationships(q: RelQuery) {
      return page(
        rels.filter((r) => r.type === q.type),
        q.limit,
        q.cursor,
      );
    },
    upsert: unsupported,
    getNode: unsupported,
    getNodes: unsupported,
    deleteNodes: unsupported,
    deleteRelationships: unsupported,
    neighbourhood: unsupported,
    neighbourhoodsOf: unsupported,
    shortestPaths: unsupported,
    count: unsupported,
    stats: unsupported,
    revision: unsupported,
    changes: unsupported,
    headSeq: unsupported,
    feedMarks: unsupported,
    feedInfo: unsupported,
    pruneChanges: unsupported,
    redactChanges: unsupported,
    close: async () => {},
  };
}
