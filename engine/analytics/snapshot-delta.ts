/**
 * Applying change-feed records to an analytics snapshot in place (./snapshot.ts): nodes written
 * are read back (as SYSTEM) and replace their entry or join the end; nodes removed leave their
 * kind's list and the id map (their key is never reused); relationships written or removed are
 * read back and re-linked or unlinked exactly as a load would link them, and the values derived
 * from links (a country from LOCATED_IN, a result's date from its project) are worked out again
 * for the nodes touched. Cheaper than a reload when the delta is small against the graph.
 */
import type { ChangeRecord, GraphRel, GraphStore, RelType } from '../../graph/index.js';
import { relKey, SYSTEM } from '../../graph/index.js';
import { addRel, dateFromProject, KINDS, type Link, RELS, type Snapshot, snapNode } from './snapshot.js';

type SnapRel = (typeof RELS)[number];
// Built on first use: this module and ./snapshot.ts import each other.
let KIND_SET: Set<string> | undefined;
let REL_SET: Set<string> | undefined;
const LOOKUP = 5_000;

/** A delta is applied in place when it is under a tenth of the snapshot's nodes (and at most 50,000 records). */
export function deltaIsCheap(s: Snapshot, records: number): boolean {
  return records <= Math.min(50_000, Math.max(2_000, s.nodes.length / 10));
}

const without = <V>(m: Map<number, V[]>, k: number, drop: (v: V) => boolean): void => {
  const list = m.get(k);
  if (list === undefined) return;
  const kept = list.filter((v) => !drop(v));
  if (kept.length === 0) m.delete(k);
  else m.set(k, kept);
};

/** The exact reverse of snapshot.ts addRel. */
export function removeRel(s: Snapshot, type: SnapRel, a: number, b: number): void {
  const is = (x: number) => (v: number) => v === x;
  const to = (x: number) => (v: Link) => v.to === x;
  switch (type) {
    case 'ABOUT':
      without(s.about, a, is(b));
      break;
    case 'ADDRESSES':
      without(s.addresses, a, is(b));
      without(s.addressedBy, b, is(a));
      without(s.about, a, is(b));
      break;
    case 'PRODUCED':
      without(s.producers, b, is(a));
      without(s.produced, a, is(b));
      break;
    case 'PARTICIPATED_IN':
      without(s.participants, b, to(a));
      without(s.projectsOf, a, to(b));
      break;
    case 'RAISED':
      without(s.raisedBy, b, is(a));
      without(s.raised, a, is(b));
      break;
    case 'VOTED':
    case 'WROTE':
    case 'ANSWERED':
      without(s.votes, b, to(a));
      break;
    case 'MEMBER_OF':
      without(s.memberOf, a, is(b));
      without(s.members, b, is(a));
      break;
    case 'LOCATED_IN': {
      if (s.locatedIn.get(a) === b) s.locatedIn.delete(a);
      const n = s.nodes[a];
      if (n?.countryFromLink) {
        n.country = undefined;
        n.countryFromLink = false;
      }
      break;
    }
    case 'HELD_AT':
      if (s.heldAt.get(a) === b) s.heldAt.delete(a);
      break;
    case 'EXPERT_IN':
      without(s.expertIn, a, is(b));
      break;
  }
}

export async function applySnapshotDelta(
  s: Snapshot,
  store: GraphStore,
  changes: readonly ChangeRecord[],
): Promise<void> {
  // The last record of each node and relationship decides; its current state is read back.
  const nodes = new Set<string>();
  const rels = new Map<string, { type: SnapRel; from: string; to: string }>();
  KIND_SET ??= new Set<string>(KINDS);
  REL_SET ??= new Set<string>(RELS);
  for (const c of changes) {
    if (c.entity === 'node') {
      if (KIND_SET.has(c.kind)) nodes.add(c.id);
    } else if (REL_SET.has(c.type)) {
      rels.set(relKey(c), { type: c.type as SnapRel, from: c.from, to: c.to });
    }
  }
  const touched = new Set<number>();

  // Nodes: replace, append, or drop.
  const ids = [...nodes];
  const gone: number[] = [];
  for (let i = 0; i < ids.length; i += LOOKUP) {
    const part = ids.slice(i, i + LOOKUP);
    const found = new Map((await store.getNodes(part, SYSTEM)).map((n) => [n.id, n]));
    for (const id of part) {
      const n = found.get(id);
      const k = s.key.get(id);
      if (n === undefined) {
        if (k !== undefined) gone.push(k);
        continue;
      }
      const entry = snapNode(n);
      if (k === undefined) {
        const nk = s.nodes.length;
        s.nodes.push(entry);
        s.key.set(id, nk);
        const list = s.byKind.get(n.kind) ?? [];
        s.byKind.set(n.kind, list);
        list.push(nk);
        touched.add(nk);
      } else {
        s.nodes[k] = entry;
        touched.add(k);
      }
    }
  }

  // Relationships: unlink what was there, link what is there now.
  const byType = new Map<SnapRel, { from: string; to: string }[]>();
  for (const r of rels.values()) {
    const a = s.key.get(r.from);
    const b = s.key.get(r.to);
    if (a !== undefined && b !== undefined) {
      removeRel(s, r.type, a, b);
      touched.add(a);
      touched.add(b);
    }
    byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  }
  for (const [type, list] of byType) {
    for (let i = 0; i < list.length; i += 500) {
      const part = list.slice(i, i + 500);
      const want = new Set(part.map((r) => relKey({ type, ...r })));
      const from = [...new Set(part.map((r) => r.from))];
      const to = [...new Set(part.map((r) => r.to))];
      let cursor: string | undefined;
      do {
        const page = await store.relationships(
          { type: type as RelType, from, to, limit: 10_000, ...(cursor === undefined ? {} : { cursor }) },
          SYSTEM,
        );
        for (const r of page.items as GraphRel[]) {
          if (!want.has(relKey(r))) continue;
          const a = s.key.get(r.from);
          const b = s.key.get(r.to);
          if (a === undefined || b === undefined) continue;
          addRel(s, type, a, b, r);
        }
        cursor = page.next;
      } while (cursor !== undefined);
    }
  }

  // Removed nodes: out of their kind's list, the id map and every map keyed by them.
  if (gone.length > 0) {
    const dead = new Set(gone);
    for (const k of gone) {
      const n = s.nodes[k];
      if (n === undefined) continue;
      s.key.delete(n.id);
      for (const m of [
        s.about,
        s.participants,
        s.projectsOf,
        s.producers,
        s.produced,
        s.addresses,
        s.addressedBy,
        s.raisedBy,
        s.raised,
        s.votes,
        s.memberOf,
        s.members,
        s.expertIn,
      ] as Map<number, unknown[]>[]) {
        m.delete(k);
      }
      s.heldAt.delete(k);
      s.locatedIn.delete(k);
      // The key is never reused, but its slot must not keep the node's id and texts: an erased
      // person's name would otherwise live on in memory and in the saved snapshot (engine/privacy).
      s.nodes[k] = { id: '', kind: n.kind, visibility: 'restricted', label: '' };
    }
    for (const [kind, list] of s.byKind) {
      if (list.some((k) => dead.has(k)))
        s.byKind.set(
          kind,
          list.filter((k) => !dead.has(k)),
        );
    }
  }

  // Derived values of what was touched: a country from LOCATED_IN, a date from the project.
  for (const k of touched) {
    const n = s.nodes[k];
    if (n === undefined || !s.key.has(n.id)) continue;
    if (n.country === undefined) {
      const c = s.locatedIn.get(k);
      const country = c === undefined ? undefined : s.nodes[c]?.country;
      if (country !== undefined) {
        n.country = country;
        n.countryFromLink = true;
      }
    }
    if (n.kind === 'Result' || n.kind === 'Document') dateFromProject(s, k);
    if (n.kind === 'Project') for (const r of s.produced.get(k) ?? []) dateFromProject(s, r);
  }
}
