import type { Command } from 'commander';
import { SYSTEM } from '../../../graph/viewer.js';
import type { CliContext } from '../context.js';

export function registerStats(program: Command, ctx: () => CliContext): void {
  program
    .command('stats')
    .description('count the nodes and relationships in the store, per kind and type')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const c = ctx();
      const store = await c.openStore();
      try {
        const s = await store.stats(SYSTEM);
        if (opts.json) {
          c.stdout.write(`${JSON.stringify({ backend: store.backend, ...s })}\n`);
          return;
        }
        const rows = (r: Record<string, number>) =>
          Object.entries(r)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `  ${k.padEnd(16)} ${n.toLocaleString('en')}`)
            .join('\n') || '  (none)';
        c.stdout.write(`store: ${store.backend} (${c.backend === 'embedded' ? c.dataDir : 'neo4j'})\n`);
        c.stdout.write(`nodes\n${rows(s.nodes)}\nrelationships\n${rows(s.relationships)}\n`);
      } finally {
        await store.close();
      }
    });
}
