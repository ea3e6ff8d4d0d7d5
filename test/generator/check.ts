/**
 * Checks a stream of chunks the way the store would, and more: every record parses, every
 * relationship end was written in the same or an earlier chunk (or is already stored),
 * endpoint kinds are allowed, node ids and relationship keys are unique.
 */
import type { SourceChunk } from '../../engine/ingest/source.js';
import {
  type GraphNode,
  type GraphRel,
  type NodeKind,
  nodeSchema,
  REL_ENDPOINTS,
  relationshipSchema,
  relKey,
} from '../../graph/model.js';

export interface Checked {
  readonly nodes: GraphNode[];
  readonly rels: GraphRel[];
  readonly kinds: Map<string, NodeKind>;
  readonly chunks: number;
  readonly problems: string[];
}

export function checkChunks(chunks: Iterable<SourceChunk>, stored: ReadonlyMap<string, NodeKind> = new Map()): Checked {
  const kinds = new Map<string, NodeKind>(stored);
  const keys = new Set<string>();
  const nodes: GraphNode[] = [];
  const rels: GraphRel[] = [];
  const problems: string[] = [];
  let count = 0;
  for (const chunk of chunks) {
    count++;
    for (const raw of chunk.nodes) {
      const parsed = nodeSchema.safeParse(raw);
      if (!parsed.success) {
        problems.push(
          `node ${String((raw as { id?: unknown }).id)}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
        );
        continue;
      }
      if (kinds.has(parsed.data.id)) problems.push(`node ${parsed.data.id} written twice (or over a stored one)`);
      kinds.set(parsed.data.id, parsed.data.kind);
      nodes.push(parsed.data);
    }
    for (const raw of chunk.relationships) {
      const parsed = relationshipSchema.safeParse(raw);
      if (!parsed.success) {
        problems.push(
          `rel ${raw.type} ${raw.from}->${raw.to}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
        );
        continue;
      }
      const r = parsed.data;
      const key = relKey(r);
      if (keys.has(key)) problems.push(`rel ${r.type} ${r.from}->${r.to} written twice`);
      keys.add(key);
      for (const end of ['from', 'to'] as const) {
        const kind = kinds.get(r[end]);
        if (kind === undefined) problems.push(`rel ${r.type} ${r.from}->${r.to}: ${end} not written yet`);
        else if (!REL_ENDPOINTS[r.type][end].includes(kind))
          problems.push(`rel ${r.type} ${r.from}->${r.to}: ${end} is a ${kind}`);
      }
      rels.push(r);
    }
  }
  return { nodes, rels, kinds, chunks: count, problems };
}

export async function collect(source: { read(): AsyncIterable<SourceChunk> }): Promise<SourceChunk[]> {
  const out: SourceChunk[] = [];
  for await (const c of source.read()) out.push(c);
  return out;
}
