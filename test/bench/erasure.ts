/**
 * `npm run bench:erasure`: what an erasure costs, beside a plain deletion of a person, on the
 * generated network (`--people`, default 20,000) in the embedded store, with saved read models
 * (lexical index, analytics snapshot) in the data folder. Alternates plain deletion and erasure
 * over `--rounds` people each (no grace wait, no waiting for other processes: the work itself) and
 * prints medians and their ratio, then the parts: the feed's redaction and the scan of the data folder.
 */
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { erasureOptions } from '../../app/privacy/run.js';
import { generatedSource } from '../../datasets/generator/generate.js';
import { runIngest } from '../../engine/ingest/pipeline.js';
import { erasePerson, scanFiles } from '../../engine/privacy/index.js';
import { openEngine } from '../../engine/service.js';
import { createEmbeddedStore } from '../../graph/embedded/index.js';
import { SYSTEM } from '../../graph/viewer.js';

const { values } = parseArgs({
  options: { people: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } },
});
const people = Number(values.people);
const rounds = Number(values.rounds);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const folderBytes = (d: string): number =>
  readdirSync(d, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? folderBytes(join(d, e.name)) : e.isFile() ? statSync(join(d, e.name)).size : 0),
    0,
  );

const dir = await mkdtemp(join(tmpdir(), 'ileanet-bench-erasure-'));
const store = createEmbeddedStore({ path: join(dir, 'graph.sqlite') });
await store.init();
try {
  const t0 = performance.now();
  await runIngest(store, generatedSource({ seed: 42, people }), { batchSize: 20_000 });
  const engine = await openEngine({ store, dataDir: dir, mode: 'lexical' });
  await engine.catchUp();
  await engine.readModels.snapshot();
  await engine.close();
  console.log(
    `graph of ${people} people loaded with saved read models in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  // People whose id begins no other id and whose name nobody else has, so that a hit of the scan is
  // a real leftover (the scan looks for bytes: `gen:person:1000` is inside `gen:person:10001`).
  const all: { id: string; name: string }[] = [];
  for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
    const page = await store.list(
      { kind: 'Person', limit: 10_000, ...(cursor === undefined ? {} : { cursor }) },
      SYSTEM,
    );
    for (const n of page.items) if (n.kind === 'Person') all.push({ id: n.id, name: n.name });
    cursor = page.next;
  }
  const names = new Map<string, number>();
  for (const p of all) names.set(p.name, (names.get(p.name) ?? 0) + 1);
  const longest = Math.max(...all.map((p) => p.id.length));
  const ids = all.filter((p) => p.id.length === longest && names.get(p.name) === 1).map((p) => p.id);
  if (ids.length < 2 * rounds + 1) throw new Error(`only ${ids.length} people with a unique name and a longest id`);
  const plain: number[] = [];
  const erase: number[] = [];
  let redacted = 0;
  for (let i = 0; i < rounds; i++) {
    const a = ids[2 * i] as string;
    const b = ids[2 * i + 1] as string;
    let t = performance.now();
    await store.deleteNodes([a]);
    plain.push(performance.now() - t);
    t = performance.now();
    const r = await erasePerson(
      erasureOptions(store, dir, () => undefined, { graceMs: 0, verifyMs: 0 }),
      b,
      'benchmark',
    );
    erase.push(performance.now() - t);
    redacted += r.feed.records;
    if (r.leftovers.length > 0)
      console.log(`  leftovers after erasing ${b}: ${r.leftovers.map((h) => h.file).join(', ')}`);
  }
  const bytes = folderBytes(dir);
  let t = performance.now();
  await scanFiles(dir, ['gen:person:nobody', 'Nobody Atall']);
  const scanMs = performance.now() - t;
  t = performance.now();
  await store.redactChanges([ids[2 * rounds] as string]);
  const redactMs = performance.now() - t;
  console.log(`plain deleteNodes of a person: median ${median(plain).toFixed(1)} ms over ${rounds}`);
  console.log(
    `erasure of a person (every kind, redaction, checkpoint, scan): median ${median(erase).toFixed(0)} ms over ${rounds}; ratio ${(median(erase) / median(plain)).toFixed(0)}x`,
  );
  console.log(`feed records redacted per erasure: ${(redacted / rounds).toFixed(1)}`);
  console.log(`redactChanges alone (feed of ${(await store.feedInfo()).records} records): ${redactMs.toFixed(0)} ms`);
  console.log(
    `scan of the data folder (${(bytes / 1e6).toFixed(0)} MB, 2 needles × 3 encodings): ${scanMs.toFixed(0)} ms, ${(bytes / 1e6 / (scanMs / 1000)).toFixed(0)} MB/s`,
  );
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
