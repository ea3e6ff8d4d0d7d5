/**
 * A writer process for the feed's multi-process tests: opens the embedded store at argv[2] and
 * writes argv[4] batches of three people with ids `<argv[3]><i>:1..3`, printing `ok <i>` after
 * each acknowledged write.
 */
import { createEmbeddedStore } from '../../graph/embedded/index.js';

const [path, prefix, count] = process.argv.slice(2);
if (path === undefined || prefix === undefined) throw new Error('usage: writer-child.ts <file> <prefix> <count>');
const store = createEmbeddedStore({ path });
await store.init();
for (let i = 0; i < Number(count ?? 50); i++) {
  await store.upsert({
    nodes: [1, 2, 3].map((k) => ({ id: `${prefix}${i}:${k}`, kind: 'Person' as const, name: `P ${prefix} ${i} ${k}` })),
  });
  process.stdout.write(`ok ${i}\n`);
}
await store.close();
