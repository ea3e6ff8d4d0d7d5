/**
 * The vector side of a data folder: the sentence model, the vector store and the per-kind indexes
 * over it, opened together and closed in the one safe order (indexes saved first, then the store
 * they came from, then the model). The matcher, `ileanet embed`, the demo and the tests open it here.
 *
 * On a store that keeps vectors itself (`capabilities.nativeVectorSearch`, GraphStore.vectors) the
 * vectors and their indexes are the store's (engine/vector/store-indexes.ts): nothing is opened or
 * written in the data folder.
 */
import type { GraphStore } from '../../graph/index.js';
import { StoreVectorIndexes, VectorIndexes, type VectorIndexSet, VectorStore } from '../vector/index.js';
import type { Embedder } from './embedder.js';
import { EMBED_KINDS, maxCharsFor } from './node-text.js';
import { createOnnxEmbedder, type OnnxEmbedder } from './onnx-embedder.js';

export interface VectorSide<E extends Embedder = Embedder> {
  readonly embedder: E;
  /** The data folder's vector file; absent when the store keeps the vectors. */
  readonly vectors?: VectorStore;
  readonly indexes: VectorIndexSet;
  /** Longest passage the model takes, in characters (1,024 for an embedder given by the caller). */
  readonly maxChars: number;
  /** Languages the model reads (a multilingual model's list); undefined for an English-only or given embedder. */
  readonly languages?: readonly string[];
  /** Saves the indexes, closes the store and, when it was opened here, the model. */
  close(): Promise<void>;
}

export interface OpenVectorSideOptions {
  /** A model name or alias (loaded here, closed with the side), or an embedder the caller keeps. */
  readonly model: string | Embedder;
  /** Threads of the local model (default: its own). */
  readonly threads?: number;
  readonly log?: (line: string) => void;
  /** The graph store: when it keeps vectors itself, they are kept and searched there. */
  readonly store?: GraphStore;
}

/** Throws EmbedError when the named model is not provisioned; nothing is left open then. */
export async function openVectorSide(
  dataDir: string,
  options: OpenVectorSideOptions & { readonly model: string },
): Promise<VectorSide<OnnxEmbedder>>;
export async function openVectorSide<E extends Embedder>(
  dataDir: string,
  options: OpenVectorSideOptions & { readonly model: string | E },
): Promise<VectorSide<E>>;
export async function openVectorSide(dataDir: string, options: OpenVectorSideOptions): Promise<VectorSide> {
  const { model, log } = options;
  const onnx =
    typeof model === 'string'
      ? await createOnnxEmbedder({ model, ...(options.threads === undefined ? {} : { threads: options.threads }) })
      : undefined;
  const embedder: Embedder = onnx ?? (model as Embedder);
  const closeEmbedder = () => (onnx === undefined ? Promise.resolve() : onnx.close());
  const native = options.store?.capabilities.nativeVectorSearch === true ? options.store.vectors : undefined;
  if (native !== undefined) {
    let indexes: VectorIndexSet;
    try {
      indexes = await StoreVectorIndexes.open(native, embedder.model, embedder.dimensions, EMBED_KINDS);
    } catch (e) {
      await closeEmbedder();
      throw e;
    }
    return {
      embedder,
      indexes,
      maxChars: onnx === undefined ? 1_024 : maxCharsFor(onnx.spec.maxTokens),
      ...(onnx?.spec.languages === undefined ? {} : { languages: onnx.spec.languages }),
      close: closeEmbedder,
    };
  }
  let vectors: VectorStore;
  try {
    vectors = await VectorStore.open(dataDir);
  } catch (e) {
    await closeEmbedder();
    throw e;
  }
  const indexes = new VectorIndexes({
    dataDir,
    model: embedder.model,
    dims: embedder.dimensions,
    store: vectors,
    ...(log === undefined ? {} : { log }),
  });
  return {
    embedder,
    vectors,
    indexes,
    maxChars: onnx === undefined ? 1_024 : maxCharsFor(onnx.spec.maxTokens),
    ...(onnx?.spec.languages === undefined ? {} : { languages: onnx.spec.languages }),
    async close() {
      try {
        await indexes.close();
      } finally {
        try {
          await vectors.close();
        } finally {
          await closeEmbedder();
        }
      }
    },
  };
}
