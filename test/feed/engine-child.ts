/**
 * A process using the engine over a shared store, driven by JSON lines on stdin (one command a
 * line, one JSON answer a line on stdout), for the tests with real processes: what a bots process
 * does (engine/input writes, engine reads), plus a dump of its read models to compare processes.
 *
 *   tsx test/feed/engine-child.ts <dataDir> [fake|onnx|lexical]
 *   ILEANET_BACKEND=neo4j NEO4J_URI=… for the Neo4j store.
 */
import { createInterface } from 'node:readline';
import { submitChallenge, voteChallenge } from '../../engine/input/challenges.js';
import { LEXICAL_KINDS } from '../../engine/match/lexical.js';
import { openEngine } from '../../engine/service.js';
import { openStore } from '../../graph/index.js';
import type { Batch } from '../../graph/store.js';
import { SYSTEM, type Viewer } from '../../graph/viewer.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';

const [dataDir, dense = 'fake'] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: engine-child.ts <dataDir> [fake|onnx|lexical]');
const backend = process.env['ILEANET_BACKEND'] === 'neo4j' ? 'neo4j' : 'embedded';
const store = await openStore(
  backend === 'neo4j'
    ? { backend, ...(process.env['NEO4J_URI'] === undefined ? {} : { uri: process.env['NEO4J_URI'] }) }
    : { backend, dataDir },
);
const embedder = dense === 'fake' ? createFakeEmbedder({ dimensions: 128 }) : undefined;
const engine = await openEngine({
  store,
  dataDir,
  mode: dense === 'lexical' ? 'lexical' : 'hybrid',
  ...(embedder === undefined ? {} : { embedder }),
  maxStalenessMs: Number(process.env['ILEANET_FEED_STALENESS_MS'] ?? 250),
  followEveryMs: Number(process.env['ILEANET_FEED_STALENESS_MS'] ?? 250),
  log: (l) => process.stderr.write(`[child ${process.pid}] ${l}\n`),
});

type Command = { id: number; op: string; [k: string]: unknown };

async function dump(): Promise<unknown> {
  await engine.catchUp();
  const m = engine.readModels;
  // A store that searches itself (Neo4j) leaves no lexical index in the process: nothing to compare.
  const lexical = m.lexical === undefined ? null : Object.fromEntries(LEXICAL_KINDS.map((k) => [k, m.lexical?.ids(k)]));
  const vectors =
    m.vectors === undefined
      ? undefined
      : Object.fromEntries(
          await Promise.all(
            LEXICAL_KINDS.map(
              async (k) => [k, [...((await m.vectors?.hashes(k)) ?? new Map()).keys()].sort()] as const,
            ),
          ),
        );
  const s = await m.snapshot();
  const snapshot = [...s.key.keys()].sort().map((id) => {
    const k = s.key.get(id) as number;
    const n = s.node(k);
    const links = [s.about, s.participants, s.producers, s.raisedBy, s.votes, s.memberOf].map(
      (map) => (map.get(k) ?? []).length,
    );
    return [id, n.kind, n.visibility, n.label, n.date ?? null, n.country ?? null, ...links];
  });
  return { lexical, vectors, snapshot, seq: engine.feedStatus() };
}

async function handle(c: Command): Promise<unknown> {
  switch (c.op) {
    case 'submit':
      return submitChallenge(engine, c['input'], c['actor'] as Parameters<typeof submitChallenge>[2]);
    case 'vote':
      return voteChallenge(
        engine,
        String(c['challenge']),
        c['actor'] as Parameters<typeof voteChallenge>[2],
        c['value'],
      );
    case 'upsert':
      await store.upsert(c['batch'] as Batch);
      return engine.afterWrite([], []);
    case 'delete':
      await store.deleteNodes(c['ids'] as string[]);
      return engine.afterWrite([], []);
    case 'similar':
      return engine.similarChallenges(String(c['text']), SYSTEM, { limit: 5 });
    case 'whoSolved':
      return engine.whoSolved(String(c['text']), undefined, SYSTEM);
    case 'trends':
      return engine.trends({}, (c['viewer'] as Viewer | undefined) ?? SYSTEM);
    case 'catchUp':
      return engine.catchUp();
    case 'dump':
      return dump();
    case 'close':
      await engine.close();
      await store.close();
      await embedder?.close();
      return 'closed';
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

const lines = createInterface({ input: process.stdin });
process.stdout.write(`${JSON.stringify({ ready: process.pid })}\n`);
// One command at a time, in order (a test sends the next after the answer, or several to run in turn).
let queue = Promise.resolve();
lines.on('line', (line) => {
  const c = JSON.parse(line) as Command;
  queue = queue.then(async () => {
    try {
      const result = await handle(c);
      process.stdout.write(`${JSON.stringify({ id: c.id, result })}\n`);
      if (c.op === 'close') process.exit(0);
    } catch (e) {
      process.stdout.write(`${JSON.stringify({ id: c.id, error: (e as Error).message })}\n`);
    }
  });
});
