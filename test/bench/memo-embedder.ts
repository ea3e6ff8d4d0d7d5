/**
 * An embedder that embeds each (role, text) once: the quality benchmarks ask the same queries
 * many times (tuning, several modes and languages), and the model is the slow part.
 */
import type { Embedder } from '../../engine/embed/index.js';

export function memo(embedder: Embedder): Embedder {
  const cache = new Map<string, Float32Array>();
  return {
    model: embedder.model,
    dimensions: embedder.dimensions,
    async embed(texts, role) {
      const missing = texts.filter((t) => !cache.has(`${role}\u0000${t}`));
      if (missing.length > 0) {
        const vs = await embedder.embed(missing, role);
        missing.forEach((t, i) => {
          cache.set(`${role}\u0000${t}`, vs[i] as Float32Array);
        });
      }
      return texts.map((t) => cache.get(`${role}\u0000${t}`) as Float32Array);
    },
    close: () => embedder.close(),
  };
}
