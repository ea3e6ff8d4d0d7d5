/**
 * Text → vector. The engine depends on this interface only; the real implementation runs a
 * local ONNX sentence model through @huggingface/transformers (engine/embed/onnx-embedder.ts),
 * and unit tests use the deterministic fake (test/helpers/fake-embedder.ts).
 */

/** Whether a text is a search query or a stored passage (e5 models prefix them differently). */
export type TextRole = 'query' | 'passage';

export interface Embedder {
  /** Model name and version, stored with every vector; a change means re-embedding. */
  readonly model: string;
  readonly dimensions: number;
  /** Unit-length vectors (cosine = dot product), one per text, in order. */
  embed(texts: readonly string[], role: TextRole): Promise<Float32Array[]>;
  close(): Promise<void>;
}
