import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import {
  SHARED_SNAPSHOT_NAME,
  savedSnapshotPosition,
  sharedSnapshotPosition,
} from '../../../engine/analytics/index.js';
import { persistedLexicalPosition } from '../../../engine/match/index.js';
import { vectorsPath } from '../../../engine/vector/index.js';
import type { GraphStore } from '../../../graph/index.js';
import { SYSTEM } from '../../../graph/index.js';
import type { CliContext } from '../context.js';

export interface ReadModelPosition {
  readonly name: string;
  /** The feed seq its persisted copy reflects; null when there is none. */
  readonly seq: number | null;
  /** Records it will apply at its next open (head − seq); null when it will rebuild instead. */
  readonly lag: number | null;
  readonly note?: string;
}

/** Where the change feed stands and how far each persisted read model of the data folder is behind it. */
export async function feedReport(
  store: GraphStore,
  dataDir: string,
): Promise<{ feed: Awaited<ReturnType<GraphStore['feedInfo']>>; readModels: ReadModelPosition[] }> {
  const feed = await store.feedInfo();
  const position = (name: string, p: { epoch: string; seq: number } | undefined): ReadModelPosition => {
    if (p === undefined) return { name, seq: null, lag: null, note: 'not saved yet' };
    if (p.epoch !== feed.epoch)
      return { name, seq: p.seq, lag: null, note: 'of another database: rebuilt at next open' };
    if (p.seq < feed.oldest - 1)
      return { name, seq: p.seq, lag: null, note: 'behind the oldest kept record: rebuilt at next open' };
    return { name, seq: p.seq, lag: feed.head - p.seq };
  };
  const readModels = [
    position('lexical index', await persistedLexicalPosition(dataDir)),
    // Kept inside the store when it offers that (Neo4j: shared by every app server), else in the data folder.
    position(
      'analytics snapshot',
      store.capabilities.sharedReadModels && store.shared !== undefined
        ? await sharedSnapshotPosition(store.shared, SHARED_SNAPSHOT_NAME)
        : await savedSnapshotPosition(dataDir),
    ),
  ];
  if (existsSync(vectorsPath(dataDir))) {
    const { VectorStore } = await import('../../../engine/vector/index.js');
    const vectors = await VectorStore.open(dataDir);
    try {
      for (const p of await vectors.feedPositions()) readModels.push(position(`vectors (${p.model})`, p));
    } finally {
      await vectors.close();
    }
  }
  return { feed, readModels };
}

export function registerStats(program: Command, ctx: () => CliContext): void {
  program
    .command('stats')
    .description(
      'count the nodes and relationships in the store, per kind and type; show the change feed and how far each saved read model is behind it',
    )
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const c = ctx();
      const store = await c.openStore();
      try {
        const s = await store.stats(SYSTEM);
        const report = await feedReport(store, c.dataDir);
        if (opts.json) {
          c.stdout.write(`${JSON.stringify({ backend: store.backend, ...s, ...report })}\n`);
          return;
        }
        const rows = (r: Record<string, number>) =>
          Object.entries(r)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `  ${k.padEnd(16)} ${n.toLocaleString('en')}`)
            .join('\n') || '  (none)';
        c.stdout.write(`store: ${store.backend} (${c.backend === 'embedded' ? c.dataDir : 'neo4j'})\n`);
        c.stdout.write(`nodes\n${rows(s.nodes)}\nrelationships\n${rows(s.relationships)}\n`);
        const f = report.feed;
        c.stdout.write(
          `change feed\n  head seq         ${f.head.toLocaleString('en')}\n  oldest kept      ${f.oldest.toLocaleString('en')} (${f.records.toLocaleString('en')} records kept)\n`,
        );
        c.stdout.write('read models (saved copies in the data folder)\n');
        for (const m of report.readModels) {
          const at = m.seq === null ? '-' : m.seq.toLocaleString('en');
          const lag = m.lag === null ? '' : `  lag ${m.lag.toLocaleString('en')}`;
          c.stdout.write(`  ${m.name.padEnd(28)} seq ${at}${lag}${m.note === undefined ? '' : `  (${m.note})`}\n`);
        }
      } finally {
        await store.close();
      }
    });
}
