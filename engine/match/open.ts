/**
 * Opens a ready matcher over a data folder: the persisted lexical index and, unless lexical
 * mode is asked for, the sentence model and its vector indexes (engine/embed, engine/vector).
 *
 * A dense side that cannot be had (model not provisioned, no vectors for it yet) is not an
 * error here: the matcher is built without it and says why on the first hybrid or dense
 * request (ERR_DENSE_UNAVAILABLE), so lexical requests still work and nothing silently
 * degrades.
 */
import type { GraphStore } from '../../graph/store.js';
import { EmbedError } from '../embed/errors.js';
import { DEFAULT_MODEL } from '../embed/models.js';
import { LEXICAL_KINDS, LexicalIndex } from './lexical.js';
import type { DenseSide, MatchLog } from './ports.js';
import type { MatchMode } from './query.js';
import type { RankTuning } from './rank.js';
import { createMatcher, type Matcher } from './who-solved.js';

export interface OpenMatcherOptions {
  readonly store: GraphStore;
  readonly dataDir: string;
  /** Sentence model name or alias (default $ILEANET_EMBED_MODEL, then minilm). */
  readonly model?: string;
  /** `lexical` skips loading the model altogether. */
  readonly mode: MatchMode;
  readonly tuning?: Partial<RankTuning>;
  readonly log?: MatchLog;
}

export interface OpenedMatcher {
  readonly matcher: Matcher;
  /** The dense model in use, when there is one. */
  readonly model?: string;
  /** Why there is no dense side, when there is none. */
  readonly denseProblem?: string;
  close(): Promise<void>;
}

export async function openMatcher(o: OpenMatcherOptions): Promise<OpenedMatcher> {
  const log = o.log ?? (() => undefined);
  const lexical = await LexicalIndex.open(o.store, o.dataDir, { log });
  const closers: (() => Promise<void>)[] = [];
  let dense: DenseSide | undefined;
  let denseProblem: string | undefined;
  if (o.mode !== 'lexical') {
    const opened = await openDense(o.dataDir, o.model ?? process.env['ILEANET_EMBED_MODEL'] ?? DEFAULT_MODEL, log);
    dense = opened.dense;
    denseProblem = opened.problem;
    closers.push(...opened.closers);
  }
  const matcher = createMatcher({
    store: o.store,
    lexical,
    ...(dense === undefined ? {} : { dense }),
    ...(denseProblem === undefined ? {} : { denseProblem }),
    ...(o.tuning === undefined ? {} : { tuning: o.tuning }),
    log,
  });
  return {
    matcher,
    ...(dense === undefined ? {} : { model: dense.embedder.model }),
    ...(denseProblem === undefined ? {} : { denseProblem }),
    async close() {
      for (const c of closers.reverse()) await c();
    },
  };
}

async function openDense(
  dataDir: string,
  model: string,
  log: MatchLog,
): Promise<{ dense?: DenseSide; problem?: string; closers: (() => Promise<void>)[] }> {
  const { createOnnxEmbedder } = await import('../embed/onnx-embedder.js');
  let embedder: Awaited<ReturnType<typeof createOnnxEmbedder>>;
  try {
    embedder = await createOnnxEmbedder({ model });
  } catch (e) {
    if (!(e instanceof EmbedError)) throw e;
    return { problem: `${e.code}: ${e.message}`, closers: [] };
  }
  const { VectorStore } = await import('../vector/vector-store.js');
  const { VectorIndexes } = await import('../vector/index-set.js');
  const vectors = await VectorStore.open(dataDir);
  let stored = 0;
  for (const kind of LEXICAL_KINDS) stored += await vectors.count(embedder.model, kind);
  if (stored === 0) {
    await vectors.close();
    await embedder.close();
    return {
      problem: `no vectors of ${embedder.model} in ${dataDir}: run \`ileanet embed --model ${model}\` first`,
      closers: [],
    };
  }
  const indexes = new VectorIndexes({ dataDir, model: embedder.model, dims: embedder.dimensions, store: vectors, log });
  return {
    dense: { embedder, index: indexes },
    closers: [() => embedder.close(), () => vectors.close(), () => indexes.close()],
  };
}
