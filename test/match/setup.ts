/** Opens the hand-built graph in a temp embedded store with a lexical index and a deterministic dense side. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LexicalIndex } from '../../engine/match/lexical.js';
import type { DenseHit, DenseSearch, DenseSide } from '../../engine/match/ports.js';
import { nodeTexts } from '../../engine/match/text.js';
import { createMatcher, type Matcher, type MatcherOptions } from '../../engine/match/who-solved.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import type { NodeKind } from '../../graph/model.js';
import type { GraphStore } from '../../graph/store.js';
import type { Batch } from '../../graph/validate.js';
import { SYSTEM } from '../../graph/viewer.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';

/** Exact cosine search over vectors of every node of the searched kinds (all visibilities, as the real index holds). */
export async function exactDense(
  store: GraphStore,
  embedder = createFakeEmbedder({ dimensions: 256 }),
): Promise<DenseSide> {
  const byKind = new Map<NodeKind, { id: string; v: Float32Array }[]>();
  for (const kind of ['Project', 'Result', 'Challenge', 'Person', 'Organisation', 'Document', 'Event'] as const) {
    const page = await store.list({ kind, limit: 10_000 }, SYSTEM);
    const texts = page.items.map((n) =>
      nodeTexts(n)
        .map((t) => t.text)
        .join('. '),
    );
    const vs = await embedder.embed(texts, 'passage');
    byKind.set(
      kind,
      page.items.map((n, i) => ({ id: n.id, v: vs[i] as Float32Array })),
    );
  }
  const index: DenseSearch = {
    async search(kind, vector, k, filter) {
      const hits: DenseHit[] = (byKind.get(kind) ?? [])
        .filter((e) => filter === undefined || filter(e.id))
        .map((e) => ({ id: e.id, score: e.v.reduce((s, x, i) => s + x * (vector[i] ?? 0), 0) }));
      return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, k);
    },
  };
  return { embedder, index };
}

export interface Fixture {
  readonly dir: string;
  readonly store: GraphStore;
  readonly lexical: LexicalIndex;
  readonly dense: DenseSide;
  matcher(options?: Partial<MatcherOptions>): Matcher;
  close(): Promise<void>;
}

/** Recency is measured from this date in every test, so expectations do not age. */
export const NOW = new Date('2026-01-01T00:00:00Z');

export async function openFixture(batch: Batch): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'ileanet-match-'));
  const store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
  await store.init();
  await store.upsert(batch);
  const lexical = await LexicalIndex.open(store, dir);
  const dense = await exactDense(store);
  return {
    dir,
    store,
    lexical,
    dense,
    matcher: (options = {}) => createMatcher({ store, lexical, dense, now: () => NOW, ...options }),
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
