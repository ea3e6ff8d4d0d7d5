/**
 * Prints the reference vectors pinned in onnx-embedder.test.ts, computed through the independent
 * path of raw-onnx.ts (bare onnxruntime session, hand-written mean or CLS pooling). Re-run it only when
 * a model's pinned version changes:  npx tsx test/embed/reference.ts
 */
import { defaultModelsDir, MODELS } from '../../engine/embed/models.js';
import { modelDir } from '../../engine/embed/provision.js';
import { createRawEmbedder } from './raw-onnx.js';

export const REFERENCE_SENTENCES = [
  'Detecting drones flying over prisons with passive radio-frequency sensors.',
  'Cross-border exchange of forensic evidence between police forces in the European Union.',
  'Tool für die Analyse von Kryptowährungstransaktionen — Ermittlungen im Darknet 🚓',
] as const;

async function main(): Promise<void> {
  for (const spec of MODELS) {
    const raw = await createRawEmbedder(modelDir(defaultModelsDir(), spec), spec, 2);
    // One sentence per pass: batched, dynamic quantization would mix the sentences (onnx-embedder.ts).
    const vectors: Float32Array[] = [];
    for (const s of REFERENCE_SENTENCES) vectors.push(...(await raw.embed([spec.prefixes.passage + s])));
    const rows = vectors.map((v) => ({
      head: Array.from(v.slice(0, 8), (x) => Number(x.toFixed(6))),
      sum: Number(v.reduce((a, b) => a + b, 0).toFixed(6)),
    }));
    process.stdout.write(`'${spec.name}': ${JSON.stringify(rows)},\n`);
    await raw.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
